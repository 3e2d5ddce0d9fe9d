// HpaRow: an autoscaling/v2 HorizontalPodAutoscaler as the dashboard's HPA panel and the what-if
// planner read it: target reference, bounds, every metric with its target and (when known)
// current value, behavior, status replicas, last scale time and conditions (AbleToScale,
// ScalingActive, ScalingLimited with their reasons and messages).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "base/time_format.h"
#include "kube/objects/condition.h"
#include "kube/objects/hpa_behavior.h"
#include "kube/objects/hpa_metric.h"
#include "kube/objects/object_meta.h"

namespace scaledeck::kube::objects {

struct HpaRow {
    ObjectMeta meta;

    CrossVersionObjectReference scaleTargetRef;
    std::optional<std::int32_t> minReplicas;  // unset means 1 (kubectl prints "<unset>")
    std::int32_t maxReplicas = 0;
    std::vector<HpaMetric> metrics;
    std::optional<HpaBehavior> behavior;

    std::optional<std::int64_t> observedGeneration;
    std::int32_t currentReplicas = 0;
    std::int32_t desiredReplicas = 0;
    std::optional<base::UnixMillis> lastScaleTime;
    std::vector<Condition> conditions;

    friend bool operator==(const HpaRow&, const HpaRow&) = default;
};

}  // namespace scaledeck::kube::objects
