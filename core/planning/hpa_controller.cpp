#include "planning/hpa_controller.h"

#include "planning/metric_evaluator.h"
#include "planning/replica_normalizer.h"

namespace scaledeck::planning {
namespace {

constexpr const char* kAbleToScale = "AbleToScale";
constexpr const char* kScalingActive = "ScalingActive";
constexpr const char* kScalingLimited = "ScalingLimited";

std::string joinKeys(const std::vector<std::string>& keys) {
    std::string out = "[";
    for (std::size_t i = 0; i < keys.size(); ++i)
        out += (i ? " " : "") + keys[i];
    return out + "]";
}

MetricExplanation explain(const MetricOutcome& o) {
    MetricExplanation e;
    e.metricName = o.metricName;
    e.ok = o.ok;
    e.error = o.innerError;
    if (o.ok) {
        e.ratio = o.detail.ratio;
        e.adjustedRatio = o.detail.adjustedRatio;
        e.proposal = o.proposal;
        e.utilization = o.detail.utilization;
        e.usageMilli = o.detail.usageMilli;
        e.readyPods = o.detail.readyPods;
        e.unreadyPods = o.detail.unreadyPods;
        e.missingPods = o.detail.missingPods;
        e.ignoredPods = o.detail.ignoredPods;
    }
    return e;
}

}  // namespace

HpaController::HpaController(HpaControllerConfig config)
    : m_config(config), m_calculator(config.calculator) {}

void HpaController::forget(const std::string& key) {
    m_histories.erase(key);
}

const HpaHistory* HpaController::history(const std::string& key) const {
    auto it = m_histories.find(key);
    return it == m_histories.end() ? nullptr : &it->second;
}

bool HpaController::computeReplicasForMetrics(const HpaSpec& spec, const ScaleInfo& scale,
                                              const HpaInputs& inputs, base::UnixMillis now,
                                              HpaDecision& d) const {
    auto& conditions = d.status.conditions;
    if (scale.selector.empty()) {
        const std::string err = "selector is required";
        d.events.push_back({"Warning", "SelectorRequired", err});
        setCondition(conditions, kScalingActive, "False", "InvalidSelector",
                     "the HPA target's scale is missing a selector", now);
        d.events.push_back({"Warning", "FailedComputeMetricsReplicas", err});
        return false;
    }
    if (scale.selectorError) {
        const std::string err =
            "couldn't convert selector into a corresponding internal selector object: " +
            *scale.selectorError;
        d.events.push_back({"Warning", "InvalidSelector", err});
        setCondition(conditions, kScalingActive, "False", "InvalidSelector", err, now);
        d.events.push_back({"Warning", "FailedComputeMetricsReplicas", err});
        return false;
    }
    if (inputs.hpasSelectingPods.size() > 1) {
        const std::string err =
            "pods by selector " + scale.selector +
            " are controlled by multiple HPAs: " + joinKeys(inputs.hpasSelectingPods);
        d.events.push_back({"Warning", "AmbiguousSelector", err});
        setCondition(conditions, kScalingActive, "False", "AmbiguousSelector", err, now);
        d.events.push_back({"Warning", "FailedComputeMetricsReplicas", err});
        return false;
    }

    const MetricEvaluator evaluator(m_calculator);
    std::int32_t replicas = 0;
    bool haveProposal = false;
    std::string metricName;
    int invalid = 0;
    const MetricOutcome* firstInvalid = nullptr;
    std::vector<MetricOutcome> outcomes;
    outcomes.reserve(spec.metrics.size());
    for (std::size_t i = 0; i < spec.metrics.size(); ++i) {
        outcomes.push_back(evaluator.evaluate(spec.metrics[i], i, scale, inputs, now));
    }
    for (const auto& o : outcomes) {
        d.metrics.push_back(explain(o));
        if (!o.ok) {
            d.currentMetrics.emplace_back(std::nullopt);
            // Every failing metric is reported on its own, as getUnableComputeReplicaCountCondition
            // does.
            d.events.push_back({"Warning", o.failReason, o.innerError});
            if (!firstInvalid)
                firstInvalid = &o;
            ++invalid;
            continue;
        }
        d.currentMetrics.emplace_back(o.status);
        if (!haveProposal || replicas == 0 || o.proposal > replicas) {
            replicas = o.proposal;
            metricName = o.metricName;
            haveProposal = true;
        }
    }

    const auto total = static_cast<int>(spec.metrics.size());
    if (total == 0 || invalid >= total || (invalid > 0 && replicas < scale.specReplicas)) {
        if (firstInvalid) {
            setCondition(
                conditions, kScalingActive, "False", firstInvalid->failReason,
                "the HPA was unable to compute the replica count: " + firstInvalid->innerError,
                now);
            d.events.push_back({"Warning", "FailedComputeMetricsReplicas",
                                "invalid metrics (" + std::to_string(invalid) + " invalid out of " +
                                    std::to_string(total) +
                                    "), first error is: " + firstInvalid->outerError});
        } else {
            // Only reachable with an undefaulted, empty metric list.
            const std::string err = "no metrics are specified";
            setCondition(conditions, kScalingActive, "False", "FailedGetResourceMetric",
                         "the HPA was unable to compute the replica count: " + err, now);
            d.events.push_back({"Warning", "FailedComputeMetricsReplicas", err});
        }
        return false;
    }
    setCondition(conditions, kScalingActive, "True", "ValidMetricFound",
                 "the HPA was able to successfully calculate a replica count from " + metricName,
                 now);
    d.metricProposal = replicas;
    d.proposingMetric = metricName;
    return true;
}

HpaDecision HpaController::reconcile(const std::string& key, const HpaSpec& spec,
                                     const HpaStatus& previous, const HpaInputs& inputs,
                                     base::UnixMillis now) {
    HpaDecision d;
    d.status = previous;
    auto& conditions = d.status.conditions;

    if (!inputs.scale) {
        d.path = DecisionPath::FailedGetScale;
        d.metricsUpdated = false;
        d.currentReplicas = previous.currentReplicas;
        d.desiredReplicas = previous.desiredReplicas;
        d.events.push_back({"Warning", "FailedGetScale", inputs.scaleError});
        setCondition(
            conditions, kAbleToScale, "False", "FailedGetScale",
            "the HPA controller was unable to get the target's current scale: " + inputs.scaleError,
            now);
        return d;
    }
    const ScaleInfo& scale = *inputs.scale;
    setCondition(conditions, kAbleToScale, "True", "SucceededGetScale",
                 "the HPA controller was able to get the target's current scale", now);
    const std::int32_t current = scale.specReplicas;
    d.currentReplicas = current;
    HpaHistory& history = m_histories[key];
    // A new HPA remembers the current size, so it cannot scale down for one window (§B.1).
    if (history.recommendations.empty())
        history.recommendations.push_back({current, now});

    const std::int32_t minReplicas = spec.minReplicas.value_or(1);
    std::int32_t desired = 0;
    bool rescale = true;
    std::string reason;

    if (current == 0 && minReplicas != 0) {
        d.path = DecisionPath::ScalingDisabled;
        rescale = false;
        setCondition(conditions, kScalingActive, "False", "ScalingDisabled",
                     "scaling is disabled since the replica count of the target is zero", now);
    } else if (current > spec.maxReplicas) {
        d.path = DecisionPath::AboveMax;
        reason = "Current number of replicas above Spec.MaxReplicas";
        desired = spec.maxReplicas;
    } else if (current < minReplicas) {
        d.path = DecisionPath::BelowMin;
        reason = "Current number of replicas below Spec.MinReplicas";
        desired = minReplicas;
    } else {
        if (!computeReplicasForMetrics(spec, scale, inputs, now, d)) {
            d.path = DecisionPath::MetricsFailed;
            d.status.currentReplicas = current;
            d.desiredReplicas = d.status.desiredReplicas;  // unchanged, as upstream
            return d;
        }
        const std::int32_t proposal = *d.metricProposal;
        std::string rescaleMetric;
        if (proposal > desired) {
            desired = proposal;
            rescaleMetric = d.proposingMetric;
        }
        if (desired > current)
            reason = rescaleMetric + " above target";
        if (desired < current)
            reason = "All metrics below target";

        NormalizationResult n;
        if (!spec.behavior) {
            d.path = DecisionPath::Legacy;
            n = ReplicaNormalizer::normalizeLegacy(history, current, desired, minReplicas,
                                                   spec.maxReplicas,
                                                   m_config.downscaleStabilizationMs, now);
        } else {
            d.path = DecisionPath::Behavior;
            n = ReplicaNormalizer::normalizeWithBehavior(
                history, withApiDefaults(*spec.behavior), current, desired, minReplicas,
                spec.maxReplicas, m_config.downscaleStabilizationMs, now);
        }
        setCondition(conditions, kAbleToScale, "True", n.ableReason, n.ableMessage, now);
        setCondition(conditions, kScalingLimited, n.limited ? "True" : "False", n.limitedReason,
                     n.limitedMessage, now);
        d.stabilized = n.stabilized;
        if (n.limited) {
            d.limitedBy = n.limitedReason;
            if (n.limitedReason == "ScaleUpLimit" || n.limitedReason == "ScaleDownLimit") {
                d.rateBound = n.rateBound;
                d.limitingPolicy = n.ratePolicy;
            }
        }
        desired = n.desired;
        rescale = desired != current;
    }

    if (rescale) {
        setCondition(
            conditions, kAbleToScale, "True", "SucceededRescale",
            "the HPA controller was able to update the target scale to " + std::to_string(desired),
            now);
        d.events.push_back({"Normal", "SuccessfulRescale",
                            "New size: " + std::to_string(desired) + "; reason: " + reason});
        if (spec.behavior) {
            ReplicaNormalizer::recordScaleEvent(history, withApiDefaults(*spec.behavior), current,
                                                desired, now);
        }
        d.status.lastScaleTime = now;
    } else {
        desired = current;
    }
    d.rescale = rescale;
    d.rescaleReason = rescale ? reason : "";
    d.desiredReplicas = desired;
    d.status.currentReplicas = current;
    d.status.desiredReplicas = desired;
    return d;
}

}  // namespace scaledeck::planning
