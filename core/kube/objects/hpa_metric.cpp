#include "kube/objects/hpa_metric.h"

namespace scaledeck::kube::objects {
namespace {

MetricAmount amountOf(MetricTargetType type, const std::optional<std::int32_t>& utilization,
                      const std::optional<base::Quantity>& averageValue,
                      const std::optional<base::Quantity>& value) {
    MetricAmount amount;
    switch (type) {
        case MetricTargetType::Utilization:
            amount.percent = utilization;
            break;
        case MetricTargetType::AverageValue:
            amount.quantity = averageValue;
            break;
        case MetricTargetType::Value:
            amount.quantity = value;
            break;
        case MetricTargetType::Unknown:
            break;
    }
    return amount;
}

}  // namespace

MetricAmount HpaMetric::targetAmount() const {
    return amountOf(target.type, target.averageUtilization, target.averageValue, target.value);
}

std::optional<MetricAmount> HpaMetric::currentAmount() const {
    if (!current)
        return std::nullopt;
    MetricAmount amount =
        amountOf(target.type, current->averageUtilization, current->averageValue, current->value);
    if (!amount.percent && !amount.quantity)
        return std::nullopt;
    return amount;
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
        case MetricSourceType::Unknown:
            break;
    }
    return "Unknown";
}

const char* toString(MetricTargetType type) {
    switch (type) {
        case MetricTargetType::Utilization:
            return "Utilization";
        case MetricTargetType::Value:
            return "Value";
        case MetricTargetType::AverageValue:
            return "AverageValue";
        case MetricTargetType::Unknown:
            break;
    }
    return "Unknown";
}

}  // namespace scaledeck::kube::objects
