#include "planning/metric_evaluator.h"

namespace scaledeck::planning {
namespace {

MetricOutcome failure(std::string reason, std::string inner, std::string outer) {
    MetricOutcome o;
    o.ok = false;
    o.failReason = std::move(reason);
    o.innerError = std::move(inner);
    o.outerError = std::move(outer);
    return o;
}

MetricOutcome success(const ReplicaProposal& p, std::string name, MetricSourceType type) {
    MetricOutcome o;
    o.ok = true;
    o.proposal = p.replicas;
    o.detail = p;
    o.metricName = std::move(name);
    o.status.type = type;
    return o;
}

std::string externalName(const MetricSpec& spec) {
    return "external metric " + spec.metric.name + "(" +
           formatGoLabelSelector(spec.metric.selector) + ")";
}

}  // namespace

MetricOutcome MetricEvaluator::evaluate(const MetricSpec& spec, std::size_t index,
                                        const ScaleInfo& scale, const HpaInputs& in,
                                        base::UnixMillis now) const {
    if (spec.type == MetricSourceType::Resource ||
        spec.type == MetricSourceType::ContainerResource) {
        return resource(spec, scale, in, now);
    }
    CustomMetricInput values;
    if (auto it = in.customMetrics.find(index); it != in.customMetrics.end()) {
        values = it->second;
    } else {
        values.error = "no metric values were provided";
    }
    switch (spec.type) {
        case MetricSourceType::Pods:
            return pods(spec, values, scale, in);
        case MetricSourceType::Object:
            return object(spec, values, scale, in);
        case MetricSourceType::External:
            return external(spec, values, scale, in);
        default:
            break;
    }
    return failure("InvalidMetricSourceType", "unknown metric source type", "");
}

MetricOutcome MetricEvaluator::resource(const MetricSpec& spec, const ScaleInfo& scale,
                                        const HpaInputs& in, base::UnixMillis now) const {
    const bool isContainer = spec.type == MetricSourceType::ContainerResource;
    const std::string reason =
        isContainer ? "FailedGetContainerResourceMetric" : "FailedGetResourceMetric";
    const std::string outerPrefix =
        isContainer ? "failed to get " + spec.container + " container metric value: "
                    : "failed to get " + spec.resourceName + " resource metric value: ";
    const std::string container = isContainer ? spec.container : "";
    const auto& target = spec.target;
    const std::int32_t current = scale.specReplicas;

    if (target.averageValueMilli) {
        auto p = m_calculator.resourceAverageValueReplicas(current, *target.averageValueMilli,
                                                           spec.resourceName, container, in, now);
        if (!p.ok()) {
            const std::string inner =
                "failed to get " + spec.resourceName + " usage: " + p.error().message;
            return failure(reason, inner, outerPrefix + inner);
        }
        auto o = success(*p, spec.resourceName + " resource", spec.type);
        o.status.current.averageValueMilli = p->usageMilli;
        return o;
    }
    if (!target.averageUtilization) {
        const std::string inner =
            "invalid resource metric source: neither an average utilization target nor an "
            "average value (usage) target was set";
        return failure(reason, inner, outerPrefix + inner);
    }
    auto p = m_calculator.resourceUtilizationReplicas(current, *target.averageUtilization,
                                                      spec.resourceName, container, in, now);
    if (!p.ok()) {
        const std::string inner =
            "failed to get " + spec.resourceName + " utilization: " + p.error().message;
        return failure(reason, inner, outerPrefix + inner);
    }
    const std::string name =
        spec.resourceName + (isContainer ? " container resource utilization (percentage of request)"
                                         : " resource utilization (percentage of request)");
    auto o = success(*p, name, spec.type);
    o.status.current.averageUtilization = p->utilization;
    o.status.current.averageValueMilli = p->usageMilli;
    return o;
}

MetricOutcome MetricEvaluator::pods(const MetricSpec& spec, const CustomMetricInput& values,
                                    const ScaleInfo& scale, const HpaInputs& in) const {
    const std::string outerPrefix = "failed to get pods metric value: ";
    if (!spec.target.averageValueMilli) {
        const std::string inner = "invalid pods metric source: no average value target was set";
        return failure("FailedGetPodsMetric", inner, outerPrefix + inner);
    }
    auto p = m_calculator.podsMetricReplicas(scale.specReplicas, *spec.target.averageValueMilli,
                                             spec.metric.name, values, in.pods);
    if (!p.ok()) {
        return failure("FailedGetPodsMetric", p.error().message, outerPrefix + p.error().message);
    }
    auto o = success(*p, "pods metric " + spec.metric.name, spec.type);
    o.status.current.averageValueMilli = p->usageMilli;
    return o;
}

MetricOutcome MetricEvaluator::object(const MetricSpec& spec, const CustomMetricInput& values,
                                      const ScaleInfo& scale, const HpaInputs& in) const {
    const std::string outerPrefix = "failed to get object metric value: ";
    const auto& target = spec.target;
    if (target.type == MetricTargetType::Value && target.valueMilli) {
        auto p = m_calculator.objectValueReplicas(scale.specReplicas, *target.valueMilli, spec,
                                                  in.namespaceName, values, in.pods);
        if (!p.ok()) {
            return failure("FailedGetObjectMetric", p.error().message,
                           outerPrefix + p.error().message);
        }
        auto o = success(*p, spec.describedObject.kind + " metric " + spec.metric.name, spec.type);
        o.status.current.valueMilli = p->usageMilli;
        return o;
    }
    if (target.type == MetricTargetType::AverageValue && target.averageValueMilli) {
        auto p = m_calculator.objectAverageValueReplicas(
            scale.statusReplicas, *target.averageValueMilli, spec, in.namespaceName, values);
        if (!p.ok()) {
            return failure("FailedGetObjectMetric", p.error().message,
                           outerPrefix + "failed to get " + spec.metric.name +
                               " object metric: " + p.error().message);
        }
        // Upstream reuses the external wording for this case.
        auto o = success(*p, externalName(spec), spec.type);
        o.status.current.averageValueMilli = p->usageMilli;
        return o;
    }
    const std::string inner =
        "invalid object metric source: neither a value target nor an average value target was set";
    return failure("FailedGetObjectMetric", inner, outerPrefix + inner);
}

MetricOutcome MetricEvaluator::external(const MetricSpec& spec, const CustomMetricInput& values,
                                        const ScaleInfo& scale, const HpaInputs& in) const {
    const std::string outerPrefix =
        "failed to get " + spec.metric.name + " external metric value: ";
    const auto& target = spec.target;
    if (target.averageValueMilli) {
        auto p = m_calculator.externalAverageValueReplicas(
            scale.statusReplicas, *target.averageValueMilli, spec, in.namespaceName, values);
        if (!p.ok()) {
            return failure("FailedGetExternalMetric", p.error().message,
                           outerPrefix + "failed to get " + spec.metric.name +
                               " external metric: " + p.error().message);
        }
        auto o = success(*p, externalName(spec), spec.type);
        o.status.current.averageValueMilli = p->usageMilli;
        return o;
    }
    if (target.valueMilli) {
        auto p = m_calculator.externalValueReplicas(scale.specReplicas, *target.valueMilli, spec,
                                                    in.namespaceName, values, in.pods);
        if (!p.ok()) {
            return failure("FailedGetExternalMetric", p.error().message,
                           outerPrefix + "failed to get external metric " + spec.metric.name +
                               ": " + p.error().message);
        }
        auto o = success(*p, externalName(spec), spec.type);
        o.status.current.valueMilli = p->usageMilli;
        return o;
    }
    const std::string inner =
        "invalid external metric source: neither a value target nor an average value target "
        "was set";
    return failure("FailedGetExternalMetric", inner, outerPrefix + inner);
}

}  // namespace scaledeck::planning
