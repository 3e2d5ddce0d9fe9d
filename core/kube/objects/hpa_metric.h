// HpaMetric: one entry of an autoscaling/v2 HPA's spec.metrics, paired with its current value
// from status.currentMetrics, so a screen can show "current vs target" per spec metric.
// Values are base::Quantity (exact, and printed the way the API server printed them); planning
// takes milliValue() of them.
//
// Pairing rule: the controller writes currentMetrics index-aligned with spec.metrics, leaving an
// empty entry for a metric it could not compute. The decoder takes the status at the same index
// when it describes the same metric (type, resource or metric name, container, described
// object), otherwise the first unclaimed status that does; a spec metric with no matching
// status has no `current` — the "<unknown>" of kubectl — and a target is never shown as current.
#pragma once

#include <cstdint>
#include <optional>

#include "base/quantity.h"
#include "kube/objects/interned_string.h"
#include "kube/objects/label_selector.h"

namespace scaledeck::kube::objects {

enum class MetricSourceType : std::uint8_t {
    Unknown,
    Resource,
    ContainerResource,
    Pods,
    Object,
    External
};
enum class MetricTargetType : std::uint8_t { Unknown, Utilization, Value, AverageValue };

struct MetricTarget {
    MetricTargetType type = MetricTargetType::Unknown;
    std::optional<std::int32_t> averageUtilization;  // percent of the pods' requests
    std::optional<base::Quantity> averageValue;
    std::optional<base::Quantity> value;

    friend bool operator==(const MetricTarget&, const MetricTarget&) = default;
};

struct MetricValueStatus {
    std::optional<std::int32_t> averageUtilization;
    std::optional<base::Quantity> averageValue;
    std::optional<base::Quantity> value;

    friend bool operator==(const MetricValueStatus&, const MetricValueStatus&) = default;
};

// autoscaling/v2 CrossVersionObjectReference (scaleTargetRef, describedObject).
struct CrossVersionObjectReference {
    InternedString apiVersion;
    InternedString kind;
    InternedString name;

    friend bool operator==(const CrossVersionObjectReference&,
                           const CrossVersionObjectReference&) = default;
};

// A number to print for a metric: a utilization percentage or a quantity.
struct MetricAmount {
    std::optional<std::int32_t> percent;
    std::optional<base::Quantity> quantity;

    friend bool operator==(const MetricAmount&, const MetricAmount&) = default;
};

struct HpaMetric {
    MetricSourceType type = MetricSourceType::Unknown;
    InternedString resourceName;                  // Resource, ContainerResource: "cpu", "memory"
    InternedString containerName;                 // ContainerResource
    InternedString metricName;                    // Pods, Object, External
    std::optional<LabelSelector> metricSelector;  // Pods, Object, External
    CrossVersionObjectReference describedObject;  // Object
    MetricTarget target;
    std::optional<MetricValueStatus> current;  // unset: the controller reports no value

    // The target in the unit its type names (percent for Utilization, else a quantity).
    MetricAmount targetAmount() const;
    // The current value in the same unit as the target, or nullopt when it is unknown.
    std::optional<MetricAmount> currentAmount() const;

    friend bool operator==(const HpaMetric&, const HpaMetric&) = default;
};

const char* toString(MetricSourceType type);
const char* toString(MetricTargetType type);

}  // namespace scaledeck::kube::objects
