// WorkloadLoadSimulator: the queueing model behind one workload's simulated usage. Requests
// arrive at the LoadModel's rate, split over its operation mix, and wait in one FIFO queue.
// Ready pods pull work from it: the in-flight CPU demand may reach the sum of the ready pods'
// CPU limits times `cpuOvercommit`; in-flight operations share that CPU evenly, so when demand
// exceeds the limits every operation slows down, and whatever is not admitted waits (and is
// dropped after `queueTimeoutSeconds`). The delivered CPU is spread evenly over the ready pods,
// each capped at its limit. From this it derives per-pod CPU and memory usage, in-flight
// operations, queue length and a request-duration histogram (queueing + service time).
//
// The model is a fluid one (fractional requests), which keeps usage smooth at low rates the
// way a large population of requests is; it advances in 0.1 s sub-steps so results do not
// depend on how the caller slices time. Same inputs and seed, same outputs: the only randomness
// is the optional rate jitter, drawn from the seed. Not thread-safe; the caller serialises.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/time_format.h"
#include "sim/load_model.h"

namespace scaledeck::sim {

class WorkloadLoadSimulator {
public:
    // One pod of the workload as the simulator sees it this step. A limit of 0 means "none":
    // the request is used instead (or one core when neither is set).
    struct PodCapacity {
        std::string name;
        std::int64_t cpuRequestMilli = 0;
        std::int64_t cpuLimitMilli = 0;
        std::int64_t memoryRequestBytes = 0;
        std::int64_t memoryLimitBytes = 0;
        bool ready = false;
    };

    struct PodUsage {
        std::int64_t cpuMilli = 0;
        std::int64_t memoryBytes = 0;
        double activeCalculations = 0;  // operations in flight (time average over the last step)
        double queueSize = 0;           // the pod's share of the waiting requests
    };

    static constexpr double kSubstepSeconds = 0.1;
    // Upper bounds (le) of the duration histogram's finite buckets; +Inf follows.
    static constexpr std::array<double, 8> kBucketBounds = {0.5, 1, 2, 5, 10, 30, 60, 120};

    WorkloadLoadSimulator(LoadModel model, std::uint64_t seed);

    const LoadModel& model() const { return m_model; }
    // Replaces the load while keeping waiting and in-flight requests and the histograms; the
    // new model's timeline (spikes, ramps) starts at the next step.
    void setModel(LoadModel model);
    // A partial update as in LoadModel::mergeSpec; on error nothing changes.
    base::Status setOverride(const nlohmann::json& update);

    // Advances the model over the `dtSeconds` that end at `simSeconds` / `wallTime` (the
    // simulation clock in seconds and as wall-clock time). `pods` are the workload's current
    // pods; only ready ones receive work, pods missing from the list are forgotten.
    void step(double simSeconds, base::UnixMillis wallTime, double dtSeconds,
              const std::vector<PodCapacity>& pods);

    // Usage over the last step; an unknown pod idles.
    PodUsage usage(const std::string& pod) const;
    double queueSize() const;           // waiting requests, whole workload
    double activeCalculations() const;  // in-flight requests, whole workload
    double completedTotal() const { return m_completedTotal; }
    double timedOutTotal() const { return m_timedOutTotal; }

    // Prometheus text exposition (format 0.0.4) of the workload's series, named after the
    // model's metricsPrefix: per pod <prefix>_active_calculations, <prefix>_request_queue_size
    // and the <prefix>_request_duration_seconds histogram; per workload
    // <prefix>_requests_timed_out_total.
    std::string prometheusText(const std::string& namespaceName, const std::string& workload) const;

private:
    // A fluid batch of requests of one operation that arrived (or, once merged, on average
    // arrived) at the same time. `remaining` is the fraction of the operation still to run.
    struct Cohort {
        std::size_t operation = 0;  // index into m_operations
        double amount = 0;
        double arrival = 0;
        double remaining = 1;
    };
    struct PodState {
        PodCapacity capacity;
        PodUsage usage;
        std::array<double, kBucketBounds.size() + 1> buckets{};  // per bucket, not cumulative
        double durationSum = 0;
        // Accumulated over the current step.
        double deliveredCoreSeconds = 0;
        double activeIntegral = 0;
        double memoryIntegral = 0;
    };

    std::size_t operationIndex(const Operation& op);
    void arrive(double at, double requests);
    void expire(double now);
    void admit(double capacityCores);
    void serve(double at, double h, double capacityCores, const std::vector<PodState*>& ready);
    void finishStep(double dtSeconds, const std::vector<PodState*>& ready);
    double noise(double loadSeconds) const;
    PodUsage idleUsage(const PodCapacity* capacity) const;

    LoadModel m_model;
    std::uint64_t m_seed;
    std::optional<double> m_origin;       // simSeconds at which the model's timeline starts
    std::vector<Operation> m_operations;  // every operation ever seen, so cohorts survive
    std::vector<std::size_t> m_mixIndex;  // mix position -> m_operations index
    std::deque<Cohort> m_queue;
    std::vector<Cohort> m_inService;
    std::map<std::string, PodState> m_pods;
    double m_completedTotal = 0;
    double m_timedOutTotal = 0;
};

}  // namespace scaledeck::sim
