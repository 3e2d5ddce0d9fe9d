#include "planning/hpa_spec.h"

namespace scaledeck::planning {
namespace {

ScalingRules overlay(const std::optional<ScalingRules>& from, ScalingRules defaults) {
    if (!from)
        return defaults;
    if (from->selectPolicy)
        defaults.selectPolicy = from->selectPolicy;
    if (from->stabilizationWindowSeconds) {
        defaults.stabilizationWindowSeconds = from->stabilizationWindowSeconds;
    }
    if (from->policies)
        defaults.policies = from->policies;
    return defaults;
}

}  // namespace

HpaBehavior withApiDefaults(const HpaBehavior& behavior) {
    ScalingRules up;
    up.stabilizationWindowSeconds = 0;
    up.selectPolicy = SelectPolicy::Max;
    up.policies = std::vector<ScalingPolicy>{{ScalingPolicyType::Pods, 4, 15},
                                             {ScalingPolicyType::Percent, 100, 15}};
    ScalingRules down;
    down.selectPolicy = SelectPolicy::Max;
    down.policies = std::vector<ScalingPolicy>{{ScalingPolicyType::Percent, 100, 15}};

    HpaBehavior out;
    out.scaleUp = overlay(behavior.scaleUp, up);
    out.scaleDown = overlay(behavior.scaleDown, down);
    return out;
}

std::string formatGoLabelSelector(const std::optional<LabelSelector>& selector) {
    if (!selector)
        return "nil";
    std::string labels = "map[string]string{";
    for (const auto& [k, v] : selector->matchLabels)
        labels += k + ": " + v + ",";
    labels += "}";
    std::string exprs = "[]LabelSelectorRequirement{";
    for (const auto& r : selector->matchExpressions) {
        std::string values = "[";
        for (std::size_t i = 0; i < r.values.size(); ++i)
            values += (i ? " " : "") + r.values[i];
        values += "]";
        exprs += "LabelSelectorRequirement{Key:" + r.key + ",Operator:" + r.op +
                 ",Values:" + values + ",},";
    }
    exprs += "}";
    return "&LabelSelector{MatchLabels:" + labels + ",MatchExpressions:" + exprs + ",}";
}

const char* toString(MetricSourceType type) {
    switch (type) {
        case MetricSourceType::Resource:
            return "Resource";
        case MetricSourceType::ContainerResource:
            return "ContainerResource";
        case MetricSourceType::Pods:
            return "Pods";
        case MetricSourceType::Object:
            return "Object";
        case MetricSourceType::External:
            return "External";
    }
    return "";
}

const char* toString(ScalingPolicyType type) {
    return type == ScalingPolicyType::Pods ? "Pods" : "Percent";
}

const char* toString(SelectPolicy policy) {
    switch (policy) {
        case SelectPolicy::Max:
            return "Max";
        case SelectPolicy::Min:
            return "Min";
        case SelectPolicy::Disabled:
            return "Disabled";
    }
    return "";
}

}  // namespace scaledeck::planning
