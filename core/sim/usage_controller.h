// UsageController: where simulated CPU and memory usage come from. Workloads with a load model
// are driven by it (requests shared by ready pods, capped at their CPU limits, the rest queued);
// a pod annotation sim.scaledeck.io/cpu-usage or memory-usage (on the pod, or on the pod
// template so every pod inherits it) overrides the model; every other pod idles near a small
// fraction of its request. Every 15 simulated seconds it publishes metrics-server style samples
// for pods and nodes, and it renders the workloads' Prometheus series.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "base/time_format.h"
#include "sim/scenario.h"

namespace scaledeck::sim {

struct ControllerContext;
class ObjectStore;
struct StoredObject;
class WorkloadLoadSimulator;

class UsageController {
public:
    static constexpr base::UnixMillis kScrapePeriodMs = 15000;
    static constexpr const char* kCpuAnnotation = "sim.scaledeck.io/cpu-usage";
    static constexpr const char* kMemoryAnnotation = "sim.scaledeck.io/memory-usage";

    UsageController(const std::vector<WorkloadLoad>& loads, std::uint64_t seed);
    ~UsageController();

    // Replaces (or adds) the load of a workload; spec as in the scenario's loads.
    base::Status setLoad(const std::string& kind, const std::string& ns, const std::string& name,
                         const nlohmann::json& spec);
    nlohmann::json describe() const;

    void advance(ControllerContext& ctx, double dtSeconds);
    void scrapeIfDue(ControllerContext& ctx);
    std::string prometheusText() const;

private:
    struct Workload;
    // What a scrape needs of a pod, re-read only when the pod's resourceVersion changes, so a
    // scrape of a 150,000-pod cluster does not parse every pod again.
    struct PodInfo {
        std::uint64_t resourceVersion = 0;
        bool running = false;
        nlohmann::json labels;
        std::vector<std::string> containers;
        std::vector<std::int64_t> cpuRequest;
        std::vector<std::int64_t> memoryRequest;
        std::int64_t cpuOverride = -1;
        std::int64_t memoryOverride = -1;
    };
    void scrape(ControllerContext& ctx);
    const PodInfo& podInfo(const StoredObject& pod);

    std::uint64_t m_seed;
    std::map<std::string, std::unique_ptr<Workload>> m_workloads;  // "Kind/ns/name"
    base::UnixMillis m_nextScrape = 0;
    std::map<std::string, PodInfo> m_podInfo;
};

}  // namespace scaledeck::sim
