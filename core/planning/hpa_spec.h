// HpaSpec: the autoscaling/v2 HorizontalPodAutoscaler spec as the controller model reads it.
// Quantities are integer milli-units (500m cpu = 500, 1Mi memory = 1048576000), exactly what
// the upstream controller gets from Quantity.MilliValue(). Optional fields stay optional so the
// model can tell "unset" from "set to the default" (behavior in particular: an HPA without
// behavior runs the legacy path, §B.6.1). Plain data, freely copyable.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace scaledeck::planning {

enum class MetricSourceType { Resource, ContainerResource, Pods, Object, External };
enum class MetricTargetType { Utilization, Value, AverageValue };

struct MetricTarget {
    MetricTargetType type = MetricTargetType::Utilization;
    std::optional<std::int32_t> averageUtilization;  // percent of request
    std::optional<std::int64_t> valueMilli;
    std::optional<std::int64_t> averageValueMilli;
};

struct LabelSelectorRequirement {
    std::string key;
    std::string op;  // In, NotIn, Exists, DoesNotExist
    std::vector<std::string> values;
};

struct LabelSelector {
    std::map<std::string, std::string> matchLabels;
    std::vector<LabelSelectorRequirement> matchExpressions;
};

struct MetricIdentifier {
    std::string name;
    std::optional<LabelSelector> selector;
};

struct ObjectReference {
    std::string apiVersion;
    std::string kind;
    std::string name;
};

struct MetricSpec {
    MetricSourceType type = MetricSourceType::Resource;
    std::string resourceName;         // Resource, ContainerResource ("cpu", "memory")
    std::string container;            // ContainerResource
    MetricIdentifier metric;          // Pods, Object, External
    ObjectReference describedObject;  // Object
    MetricTarget target;
};

enum class ScalingPolicyType { Pods, Percent };
enum class SelectPolicy { Max, Min, Disabled };

struct ScalingPolicy {
    ScalingPolicyType type = ScalingPolicyType::Pods;
    std::int32_t value = 0;
    std::int32_t periodSeconds = 0;
};

struct ScalingRules {
    std::optional<std::int32_t> stabilizationWindowSeconds;
    std::optional<SelectPolicy> selectPolicy;
    std::optional<std::vector<ScalingPolicy>> policies;
};

struct HpaBehavior {
    std::optional<ScalingRules> scaleUp;
    std::optional<ScalingRules> scaleDown;
};

struct HpaSpec {
    std::optional<std::int32_t> minReplicas;  // unset means 1
    std::int32_t maxReplicas = 0;
    std::vector<MetricSpec> metrics;
    std::optional<HpaBehavior> behavior;  // unset selects the legacy path
};

// The API server's defaults for a behavior that is present (§B.6.2): scaleUp window 0,
// Max of Pods 4/15s and Percent 100/15s; scaleDown Max of Percent 100/15s with the window left
// unset (the controller then uses its --horizontal-pod-autoscaler-downscale-stabilization).
HpaBehavior withApiDefaults(const HpaBehavior& behavior);

// A metrics/v1 LabelSelector pointer printed the way Go's %+v prints it in controller
// messages ("nil" or "&LabelSelector{MatchLabels:map[string]string{app: web,},...}").
std::string formatGoLabelSelector(const std::optional<LabelSelector>& selector);

const char* toString(MetricSourceType type);
const char* toString(ScalingPolicyType type);
const char* toString(SelectPolicy policy);

}  // namespace scaledeck::planning
