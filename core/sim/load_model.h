// LoadModel: how many requests per second reach one simulated workload, and what they are.
// It is pure data read from a scenario's `loads:` entry (or a PUT /sim/v1/load body): a rate
// curve, optional spikes that multiply it, the operation mix, and the knobs of the queueing
// model that WorkloadLoadSimulator runs. Nothing in it is specific to one application; the
// GL-006 numbers live in the scenario file.
//
// Spec (every field but `rate`/`rps` and `mix` is optional):
//   rate: {type: constant, rps: 2}                 # or just `rate: 2`, or top-level `rps: 2`
//   rate: {type: ramp, from: 1, to: 10, durationSeconds: 600, startSecond: 0}
//   rate: {type: daily, baseRps: 1, peakRps: 4, peakHour: 14}   # cosine over the UTC day
//   spikes: [{atSecond: 600, durationSeconds: 120, multiplier: 3},
//            {everySeconds: 1800, offsetSeconds: 300, durationSeconds: 240, multiplier: 4}]
//   mix: [{name, weight, cpu, memory, durationSeconds}, ...]     # see operation_mix.h
//   metricsPrefix: gl006          # Prometheus names: gl006_active_calculations, ...
//   idle: {cpu: 20m, memory: 150Mi}  # what a ready pod uses with no requests
//   cpuOvercommit: 1.0            # in-flight CPU demand a pod accepts, relative to its limit
//   queueTimeoutSeconds: 0        # waiting requests are dropped after this long (0: never)
//   jitter: 0                     # +- fraction of random noise on the rate (seeded, per second)
// `kind`, `namespace` and `name` are ignored so that a PUT /sim/v1/load body can be passed as is.
//
// Time: `simSeconds` is the position on the load's own timeline (0 when the load began: the
// start of the simulation for scenario loads, the moment of replacement for loads changed at
// runtime); spikes use it. The daily curve uses the simulated wall-clock time of day (UTC).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/time_format.h"
#include "sim/operation_mix.h"

namespace scaledeck::sim {

class LoadModel {
public:
    struct Rate {
        enum class Type { Constant, Ramp, Daily };
        Type type = Type::Constant;
        double rps = 0;  // constant
        double fromRps = 0;
        double toRps = 0;
        double startSecond = 0;
        double durationSeconds = 0;  // ramp
        double baseRps = 0;
        double peakRps = 0;
        double peakHour = 0;  // daily
    };

    // Active while atSecond <= t < atSecond + durationSeconds, or, when periodic, while
    // t >= offsetSeconds and (t - offsetSeconds) mod everySeconds < durationSeconds.
    struct Spike {
        std::optional<double> atSecond;
        double everySeconds = 0;
        double offsetSeconds = 0;
        double durationSeconds = 0;
        double multiplier = 1;
    };

    static constexpr double kDefaultIdleCpuCores = 0.020;
    static constexpr double kDefaultIdleMemoryBytes = 150.0 * 1024 * 1024;

    static base::Result<LoadModel> fromJson(const nlohmann::json& spec);

    // The spec that results from applying a partial update to `current`: `rps: N` replaces the
    // rate with a constant one, any other known field replaces that field, and kind, namespace
    // and name are dropped. The result is validated.
    static base::Result<nlohmann::json> mergeSpec(const nlohmann::json& current,
                                                  const nlohmann::json& update);

    // Applies a partial update (see mergeSpec); on error the model is unchanged.
    base::Status setOverride(const nlohmann::json& update);

    // The normalised spec (a top-level `rps` is rewritten as `rate`); fromJson(toJson()) gives
    // an equal model.
    const nlohmann::json& toJson() const { return m_spec; }

    // Arrival rate without jitter: the rate curve times every active spike's multiplier.
    double requestsPerSecond(double simSeconds, base::UnixMillis wallTimeOfSim) const;
    double baseRequestsPerSecond(double simSeconds, base::UnixMillis wallTimeOfSim) const;
    double spikeMultiplier(double simSeconds) const;

    const Rate& rate() const { return m_rate; }
    const std::vector<Spike>& spikes() const { return m_spikes; }
    const OperationMix& mix() const { return m_mix; }
    const std::string& metricsPrefix() const { return m_metricsPrefix; }
    double idleCpuCores() const { return m_idleCpuCores; }
    double idleMemoryBytes() const { return m_idleMemoryBytes; }
    double cpuOvercommit() const { return m_cpuOvercommit; }
    double queueTimeoutSeconds() const { return m_queueTimeoutSeconds; }
    double jitter() const { return m_jitter; }

private:
    LoadModel() = default;

    nlohmann::json m_spec;
    Rate m_rate;
    std::vector<Spike> m_spikes;
    OperationMix m_mix;
    std::string m_metricsPrefix = "workload";
    double m_idleCpuCores = kDefaultIdleCpuCores;
    double m_idleMemoryBytes = kDefaultIdleMemoryBytes;
    double m_cpuOvercommit = 1.0;
    double m_queueTimeoutSeconds = 0;
    double m_jitter = 0;
};

}  // namespace scaledeck::sim
