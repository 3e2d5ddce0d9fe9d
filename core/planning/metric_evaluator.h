// MetricEvaluator: one entry of spec.metrics turned into a replica proposal, the metric's
// current value for .status.currentMetrics and its name for events ("cpu resource utilization
// (percentage of request)"), or a failure carrying the three upstream texts: the ScalingActive
// reason (FailedGetResourceMetric, ...), the inner error used for that condition and its
// Warning event, and the wrapped error that ends up in FailedComputeMetricsReplicas.
// Mirrors computeReplicasForMetric/computeStatusFor* of horizontal.go. Stateless.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "base/time_format.h"
#include "planning/hpa_inputs.h"
#include "planning/hpa_spec.h"
#include "planning/hpa_status.h"
#include "planning/replica_calculator.h"

namespace scaledeck::planning {

struct MetricOutcome {
    bool ok = false;
    std::int32_t proposal = 0;
    std::string metricName;
    MetricStatus status;     // valid when ok
    ReplicaProposal detail;  // the calculator's intermediate numbers when ok
    std::string failReason;  // FailedGetResourceMetric, FailedGetPodsMetric, ...
    std::string innerError;  // condition message suffix and Warning event message
    std::string outerError;  // what computeReplicasForMetrics reports
};

class MetricEvaluator {
public:
    explicit MetricEvaluator(const ReplicaCalculator& calculator) : m_calculator(calculator) {}

    MetricOutcome evaluate(const MetricSpec& spec, std::size_t index, const ScaleInfo& scale,
                           const HpaInputs& in, base::UnixMillis now) const;

private:
    MetricOutcome resource(const MetricSpec& spec, const ScaleInfo& scale, const HpaInputs& in,
                           base::UnixMillis now) const;
    MetricOutcome pods(const MetricSpec& spec, const CustomMetricInput& values,
                       const ScaleInfo& scale, const HpaInputs& in) const;
    MetricOutcome object(const MetricSpec& spec, const CustomMetricInput& values,
                         const ScaleInfo& scale, const HpaInputs& in) const;
    MetricOutcome external(const MetricSpec& spec, const CustomMetricInput& values,
                           const ScaleInfo& scale, const HpaInputs& in) const;

    const ReplicaCalculator& m_calculator;
};

}  // namespace scaledeck::planning
