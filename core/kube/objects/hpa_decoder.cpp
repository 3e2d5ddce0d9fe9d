// RowDecoder<HpaRow>: autoscaling/v2 spec (target, bounds, the five metric source types,
// behavior) and status (replicas, last scale, conditions, current metrics). Current metrics are
// held in scratch and paired with the spec metrics in finish(), by the rule in hpa_metric.h.
#include "kube/objects/row_decoder.h"

namespace scaledeck::kube::objects::detail {
namespace {

MetricSourceType sourceTypeFrom(std::string_view text) {
    if (text == "Resource")
        return MetricSourceType::Resource;
    if (text == "ContainerResource")
        return MetricSourceType::ContainerResource;
    if (text == "Pods")
        return MetricSourceType::Pods;
    if (text == "Object")
        return MetricSourceType::Object;
    if (text == "External")
        return MetricSourceType::External;
    return MetricSourceType::Unknown;
}

bool readObjectReference(od::value& value, CrossVersionObjectReference& out, DecodeContext& ctx) {
    return forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        if (key == "apiVersion")
            return readInterned(v, out.apiVersion, ctx);
        if (key == "kind")
            return readInterned(v, out.kind, ctx);
        if (key == "name")
            return readInterned(v, out.name, ctx);
        return true;
    });
}

bool readTarget(od::value& value, MetricTarget& out, DecodeContext& ctx) {
    return forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        if (key == "type") {
            std::string_view type;
            if (!readString(v, type, ctx))
                return false;
            out.type = type == "Utilization"    ? MetricTargetType::Utilization
                       : type == "AverageValue" ? MetricTargetType::AverageValue
                       : type == "Value"        ? MetricTargetType::Value
                                                : MetricTargetType::Unknown;
            return true;
        }
        if (key == "averageUtilization")
            return readInt32(v, out.averageUtilization, ctx);
        if (key == "averageValue")
            return readQuantity(v, out.averageValue, ctx);
        if (key == "value")
            return readQuantity(v, out.value, ctx);
        return true;
    });
}

bool readCurrent(od::value& value, MetricValueStatus& out, DecodeContext& ctx) {
    return forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        if (key == "averageUtilization")
            return readInt32(v, out.averageUtilization, ctx);
        if (key == "averageValue")
            return readQuantity(v, out.averageValue, ctx);
        if (key == "value")
            return readQuantity(v, out.value, ctx);
        return true;
    });
}

// metric: {name, selector}
bool readMetricIdentifier(od::value& value, InternedString& name,
                          std::optional<LabelSelector>* selector, DecodeContext& ctx) {
    return forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        if (key == "name")
            return readInterned(v, name, ctx);
        if (key == "selector" && selector != nullptr)
            return readLabelSelector(v, *selector, ctx);
        return true;
    });
}

// The body of one source (resource, containerResource, pods, object, external), in spec or in
// status: `target` or `current` is whichever of the two pointers is given.
struct SourceFields {
    InternedString* resourceName = nullptr;
    InternedString* containerName = nullptr;
    InternedString* metricName = nullptr;
    std::optional<LabelSelector>* selector = nullptr;
    CrossVersionObjectReference* describedObject = nullptr;
    MetricTarget* target = nullptr;
    MetricValueStatus* current = nullptr;
};

bool readSource(od::value& value, const SourceFields& out, DecodeContext& ctx) {
    return forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        if (key == "name" && out.resourceName != nullptr)
            return readInterned(v, *out.resourceName, ctx);
        if (key == "container" && out.containerName != nullptr)
            return readInterned(v, *out.containerName, ctx);
        if (key == "metric" && out.metricName != nullptr)
            return readMetricIdentifier(v, *out.metricName, out.selector, ctx);
        if (key == "describedObject" && out.describedObject != nullptr)
            return readObjectReference(v, *out.describedObject, ctx);
        if (key == "target" && out.target != nullptr)
            return readTarget(v, *out.target, ctx);
        if (key == "current" && out.current != nullptr)
            return readCurrent(v, *out.current, ctx);
        return true;
    });
}

bool isSourceKey(std::string_view key) {
    return key == "resource" || key == "containerResource" || key == "pods" || key == "object" ||
           key == "external";
}

bool readMetricSpec(od::value& value, HpaMetric& out, DecodeContext& ctx) {
    SourceFields fields;
    fields.resourceName = &out.resourceName;
    fields.containerName = &out.containerName;
    fields.metricName = &out.metricName;
    fields.selector = &out.metricSelector;
    fields.describedObject = &out.describedObject;
    fields.target = &out.target;
    return forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        if (key == "type") {
            std::string_view type;
            if (!readString(v, type, ctx))
                return false;
            out.type = sourceTypeFrom(type);
            return true;
        }
        if (isSourceKey(key))
            return readSource(v, fields, ctx);
        return true;
    });
}

bool readMetricStatus(od::value& value, MetricStatusScratch& out, DecodeContext& ctx) {
    CrossVersionObjectReference described;
    SourceFields fields;
    fields.resourceName = &out.resourceName;
    fields.containerName = &out.containerName;
    fields.metricName = &out.metricName;
    fields.describedObject = &described;
    fields.current = &out.current;
    const bool ok = forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        if (key == "type") {
            std::string_view type;
            if (!readString(v, type, ctx))
                return false;
            out.type = sourceTypeFrom(type);
            return true;
        }
        if (isSourceKey(key))
            return readSource(v, fields, ctx);
        return true;
    });
    out.describedKind = described.kind;
    out.describedName = described.name;
    return ok;
}

bool readScalingRules(od::value& value, std::optional<ScalingRules>& out, DecodeContext& ctx) {
    ScalingRules rules;
    bool sawObject = false;
    const bool ok = forEachField(
        value, ctx,
        [&](std::string_view key, od::value& v) {
            if (key == "stabilizationWindowSeconds")
                return readInt32(v, rules.stabilizationWindowSeconds, ctx);
            if (key == "selectPolicy") {
                std::string_view policy;
                if (!readString(v, policy, ctx))
                    return false;
                if (!policy.empty()) {
                    rules.selectPolicy = policy == "Max"        ? SelectPolicy::Max
                                         : policy == "Min"      ? SelectPolicy::Min
                                         : policy == "Disabled" ? SelectPolicy::Disabled
                                                                : SelectPolicy::Unknown;
                }
                return true;
            }
            if (key == "policies") {
                bool null = false;
                if (!v.is_null().get(null) && null)
                    return true;
                rules.policies.emplace();
                return forEachElement(v, ctx, [&](od::value& element, std::size_t) {
                    ScalingPolicy policy;
                    const bool fine =
                        forEachField(element, ctx, [&](std::string_view k, od::value& f) {
                            if (k == "type") {
                                std::string_view type;
                                if (!readString(f, type, ctx))
                                    return false;
                                policy.type = type == "Pods"      ? ScalingPolicyType::Pods
                                              : type == "Percent" ? ScalingPolicyType::Percent
                                                                  : ScalingPolicyType::Unknown;
                                return true;
                            }
                            if (k == "value")
                                return readInt32(f, policy.value, ctx);
                            if (k == "periodSeconds")
                                return readInt32(f, policy.periodSeconds, ctx);
                            return true;
                        });
                    if (!fine)
                        return false;
                    rules.policies->push_back(policy);
                    return true;
                });
            }
            return true;
        },
        &sawObject);
    if (ok && sawObject)
        out = std::move(rules);
    return ok;
}

bool readBehavior(od::value& value, std::optional<HpaBehavior>& out, DecodeContext& ctx) {
    HpaBehavior behavior;
    bool sawObject = false;
    const bool ok = forEachField(
        value, ctx,
        [&](std::string_view key, od::value& v) {
            if (key == "scaleUp")
                return readScalingRules(v, behavior.scaleUp, ctx);
            if (key == "scaleDown")
                return readScalingRules(v, behavior.scaleDown, ctx);
            return true;
        },
        &sawObject);
    if (ok && sawObject)
        out = std::move(behavior);
    return ok;
}

bool readHpaSpec(od::value& value, HpaRow& row, DecodeContext& ctx) {
    return forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        if (key == "scaleTargetRef")
            return readObjectReference(v, row.scaleTargetRef, ctx);
        if (key == "minReplicas")
            return readInt32(v, row.minReplicas, ctx);
        if (key == "maxReplicas")
            return readInt32(v, row.maxReplicas, ctx);
        if (key == "metrics") {
            row.metrics.clear();
            return forEachElement(v, ctx, [&](od::value& element, std::size_t) {
                return readMetricSpec(element, row.metrics.emplace_back(), ctx);
            });
        }
        if (key == "behavior")
            return readBehavior(v, row.behavior, ctx);
        return true;
    });
}

bool readHpaStatus(od::value& value, HpaRow& row, DecodeContext& ctx) {
    return forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        if (key == "observedGeneration")
            return readInt64(v, row.observedGeneration, ctx);
        if (key == "currentReplicas")
            return readInt32(v, row.currentReplicas, ctx);
        if (key == "desiredReplicas")
            return readInt32(v, row.desiredReplicas, ctx);
        if (key == "lastScaleTime")
            return readTime(v, row.lastScaleTime, ctx);
        if (key == "conditions")
            return readConditions(v, row.conditions, ctx);
        if (key == "currentMetrics") {
            ctx.metricStatuses.clear();
            return forEachElement(v, ctx, [&](od::value& element, std::size_t) {
                return readMetricStatus(element, ctx.metricStatuses.emplace_back(), ctx);
            });
        }
        return true;
    });
}

bool describesSameMetric(const HpaMetric& spec, const MetricStatusScratch& status) {
    if (spec.type != status.type || spec.type == MetricSourceType::Unknown)
        return false;
    switch (spec.type) {
        case MetricSourceType::Resource:
            return spec.resourceName == status.resourceName;
        case MetricSourceType::ContainerResource:
            return spec.resourceName == status.resourceName &&
                   spec.containerName == status.containerName;
        case MetricSourceType::Pods:
        case MetricSourceType::External:
            return spec.metricName == status.metricName;
        case MetricSourceType::Object:
            return spec.metricName == status.metricName &&
                   spec.describedObject.kind == status.describedKind &&
                   spec.describedObject.name == status.describedName;
        case MetricSourceType::Unknown:
            break;
    }
    return false;
}

}  // namespace

void RowDecoder<HpaRow>::begin(HpaRow&, DecodeContext& ctx) {
    ctx.metricStatuses.clear();
}

bool RowDecoder<HpaRow>::field(std::string_view key, od::value& value, HpaRow& row,
                               DecodeContext& ctx) {
    if (key == "spec")
        return readHpaSpec(value, row, ctx);
    if (key == "status")
        return readHpaStatus(value, row, ctx);
    return true;
}

bool RowDecoder<HpaRow>::finish(HpaRow& row, DecodeContext& ctx) {
    auto& statuses = ctx.metricStatuses;
    for (std::size_t i = 0; i < row.metrics.size(); ++i) {
        HpaMetric& metric = row.metrics[i];
        MetricStatusScratch* match = nullptr;
        if (i < statuses.size() && !statuses[i].claimed && describesSameMetric(metric, statuses[i]))
            match = &statuses[i];
        for (std::size_t j = 0; match == nullptr && j < statuses.size(); ++j) {
            if (!statuses[j].claimed && describesSameMetric(metric, statuses[j]))
                match = &statuses[j];
        }
        if (match != nullptr) {
            match->claimed = true;
            metric.current = std::move(match->current);
        }
    }
    statuses.clear();
    return true;
}

}  // namespace scaledeck::kube::objects::detail
