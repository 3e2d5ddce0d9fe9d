#include "cli/hpa_columns.h"

#include <cstddef>
#include <optional>

#include "base/human_duration.h"

namespace scaledeck::cli {

namespace {

using kube::objects::HpaMetric;
using kube::objects::MetricSourceType;

constexpr const char* kUnknown = "<unknown>";

// Go prints a missing Quantity as its zero value, "0".
std::string quantity(const std::optional<base::Quantity>& q) {
    return q ? q->toString() : std::string("0");
}

std::string percent(std::int32_t value) {
    return std::to_string(value) + "%";
}

std::string averagedOrValue(const HpaMetric& metric) {
    const auto& current = metric.current;
    if (metric.target.averageValue) {
        const std::string now =
            current && current->averageValue ? current->averageValue->toString() : kUnknown;
        return now + "/" + metric.target.averageValue->toString() + " (avg)";
    }
    const std::string now = current ? quantity(current->value) : kUnknown;
    return now + "/" + quantity(metric.target.value);
}

std::string resource(const HpaMetric& metric) {
    const auto& current = metric.current;
    const std::string prefix = metric.resourceName.str() + ": ";
    if (metric.target.averageValue) {
        const std::string now = current ? quantity(current->averageValue) : kUnknown;
        return prefix + now + "/" + metric.target.averageValue->toString();
    }
    const std::string now = current && current->averageUtilization
                                ? percent(*current->averageUtilization)
                                : std::string(kUnknown);
    const std::string wanted = metric.target.averageUtilization
                                   ? percent(*metric.target.averageUtilization)
                                   : std::string("<auto>");
    return prefix + now + "/" + wanted;
}

std::string entry(const HpaMetric& metric) {
    switch (metric.type) {
        case MetricSourceType::External:
        case MetricSourceType::Object:
            return averagedOrValue(metric);
        case MetricSourceType::Pods: {
            const std::string now =
                metric.current ? quantity(metric.current->averageValue) : kUnknown;
            return now + "/" + quantity(metric.target.averageValue);
        }
        case MetricSourceType::Resource:
        case MetricSourceType::ContainerResource:
            return resource(metric);
        case MetricSourceType::Unknown:
            break;
    }
    return "<unknown type>";
}

}  // namespace

std::vector<std::string> HpaColumns::headers() {
    return {"NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS", "AGE"};
}

std::string HpaColumns::targets(const Row& row) {
    if (row.metrics.empty())
        return "<none>";
    // kubectl shows two metrics and counts the rest, to keep the column narrow.
    constexpr std::size_t kShown = 2;
    std::string text;
    for (std::size_t i = 0; i < row.metrics.size() && i < kShown; ++i) {
        if (i > 0)
            text += ", ";
        text += entry(row.metrics[i]);
    }
    if (row.metrics.size() > kShown)
        text += " + " + std::to_string(row.metrics.size() - kShown) + " more...";
    return text;
}

std::vector<std::string> HpaColumns::cells(const Row& row, base::UnixMillis now) {
    return {row.meta.name,
            row.scaleTargetRef.kind.str() + "/" + row.scaleTargetRef.name.str(),
            targets(row),
            row.minReplicas ? std::to_string(*row.minReplicas) : std::string("<unset>"),
            std::to_string(row.maxReplicas),
            std::to_string(row.currentReplicas),
            base::humanAge(row.meta.creationTimestamp, now)};
}

}  // namespace scaledeck::cli
