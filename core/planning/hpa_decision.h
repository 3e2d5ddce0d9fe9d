// HpaDecision: the outcome of one reconcile of one HPA: whether and where to rescale, the new
// status, the events to record, and the intermediate numbers behind the decision (per-metric
// ratio and proposal, stabilized value, the limit that bound it) so that UIs can explain it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "planning/hpa_status.h"

namespace scaledeck::planning {

struct HpaEventRecord {
    std::string type;  // "Normal" / "Warning"
    std::string reason;
    std::string message;
};

struct MetricExplanation {
    std::string metricName;  // empty when the metric failed before it had a name
    bool ok = false;
    std::string error;  // the inner error when !ok
    double ratio = 0;
    std::optional<double> adjustedRatio;
    std::int32_t proposal = 0;
    std::int32_t utilization = 0;
    std::int64_t usageMilli = 0;
    int readyPods = 0;
    int unreadyPods = 0;
    int missingPods = 0;
    int ignoredPods = 0;
};

enum class DecisionPath {
    FailedGetScale,   // the target's scale could not be read; nothing else was evaluated
    ScalingDisabled,  // target at zero replicas with minReplicas > 0
    AboveMax,         // current > maxReplicas: straight to max
    BelowMin,         // current < minReplicas: straight to min
    MetricsFailed,    // no usable proposal (selector or metric errors)
    Legacy,           // behavior unset (§B.6.1)
    Behavior,         // behavior set (§B.6.2)
};

const char* toString(DecisionPath path);

struct HpaDecision {
    DecisionPath path = DecisionPath::FailedGetScale;
    std::int32_t currentReplicas = 0;  // scale.spec.replicas (0 when the scale is unknown)
    std::int32_t desiredReplicas = 0;  // what status.desiredReplicas says after this sync
    bool rescale = false;              // the target must be set to desiredReplicas
    std::string rescaleReason;         // "cpu resource utilization (...) above target", ...

    HpaStatus status;
    // False only when the scale could not be read: status.currentMetrics stays as it was.
    bool metricsUpdated = true;
    // One entry per spec metric when metrics were evaluated (nullopt = that metric failed);
    // empty when they were not (bounds branches, disabled scaling, selector errors).
    std::vector<std::optional<MetricStatus>> currentMetrics;
    std::vector<HpaEventRecord> events;

    // Explanation.
    std::vector<MetricExplanation> metrics;
    std::optional<std::int32_t> metricProposal;  // max over the good metrics
    std::string proposingMetric;
    std::optional<std::int32_t> stabilized;
    std::string limitedBy;  // ScalingLimited reason when it bound the value
    std::optional<std::int32_t> rateBound;
    std::string limitingPolicy;  // e.g. "Pods 4 / 15s", "max(2 x current, 4)"
};

}  // namespace scaledeck::planning
