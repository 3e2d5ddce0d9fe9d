// HpaStatus and its parts: what the controller writes to .status of an HPA, in model form.
// Conditions follow the upstream rules: a condition keeps its position once added, and its
// lastTransitionTime changes only when its status flips (reason and message are overwritten).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/time_format.h"
#include "planning/hpa_spec.h"

namespace scaledeck::planning {

struct HpaCondition {
    std::string type;    // AbleToScale, ScalingActive, ScalingLimited
    std::string status;  // "True" / "False"
    std::string reason;
    std::string message;
    base::UnixMillis lastTransitionTime = 0;
};

struct MetricValueStatus {
    std::optional<std::int32_t> averageUtilization;
    std::optional<std::int64_t> averageValueMilli;
    std::optional<std::int64_t> valueMilli;
};

// The current value of one metric; identifiers (resource name, metric name, object) are those
// of the spec at the same index.
struct MetricStatus {
    MetricSourceType type = MetricSourceType::Resource;
    MetricValueStatus current;
};

struct HpaStatus {
    std::int32_t currentReplicas = 0;
    std::int32_t desiredReplicas = 0;
    std::optional<base::UnixMillis> lastScaleTime;
    std::vector<HpaCondition> conditions;
};

// Sets (or appends) condition `type`, moving lastTransitionTime to `now` only on a flip.
void setCondition(std::vector<HpaCondition>& conditions, const std::string& type,
                  const std::string& status, const std::string& reason, const std::string& message,
                  base::UnixMillis now);

const HpaCondition* findCondition(const std::vector<HpaCondition>& conditions,
                                  const std::string& type);

}  // namespace scaledeck::planning
