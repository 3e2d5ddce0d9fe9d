// ReplicaCalculator: the replica proposal for a single metric (§B.3) with the pod grouping of
// §B.4, as kube-controller-manager 1.32's replica_calculator.go computes it: utilization is
// truncated to an integer percent before the ratio, missing and unready pods are filled in
// conservatively, and a change within the tolerance proposes the current count. Errors carry
// the upstream wording ("did not receive metrics for targeted pods (pods might be unready)").
// Stateless and const: safe to share between threads.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/time_format.h"
#include "planning/hpa_inputs.h"
#include "planning/hpa_spec.h"

namespace scaledeck::planning {

struct ReplicaCalculatorConfig {
    double tolerance = 0.1;  // --horizontal-pod-autoscaler-tolerance
    std::int64_t cpuInitializationPeriodMs = 5 * 60 * 1000;  // ...-cpu-initialization-period
    std::int64_t initialReadinessDelayMs = 30 * 1000;        // ...-initial-readiness-delay
};

struct PodGroups {
    int readyCount = 0;
    std::set<std::string> unready;
    std::set<std::string> missing;
    std::set<std::string> ignored;
};

// One pod's metric value as the calculator consumes it (milli-units).
struct PodMetricPoint {
    std::int64_t value = 0;
    base::UnixMillis timestamp = 0;
    std::int64_t windowMs = 0;
};

struct ReplicaProposal {
    std::int32_t replicas = 0;
    std::int32_t utilization = 0;  // integer percent; Utilization targets only
    // Resource/Pods: average per pod; Object/External Value: the value; *AverageValue: per pod.
    std::int64_t usageMilli = 0;
    double ratio = 0;
    std::optional<double> adjustedRatio;  // after missing/unready pods were filled in (§B.3.7)
    int readyPods = 0;
    int unreadyPods = 0;
    int missingPods = 0;
    int ignoredPods = 0;
};

class ReplicaCalculator {
public:
    explicit ReplicaCalculator(ReplicaCalculatorConfig config = {});
    const ReplicaCalculatorConfig& config() const { return m_config; }

    // Resource / ContainerResource (container non-empty) with a Utilization target.
    base::Result<ReplicaProposal> resourceUtilizationReplicas(
        std::int32_t current, std::int32_t targetUtilization, const std::string& resource,
        const std::string& container, const HpaInputs& in, base::UnixMillis now) const;
    // Resource / ContainerResource with an AverageValue target.
    base::Result<ReplicaProposal> resourceAverageValueReplicas(
        std::int32_t current, std::int64_t targetMilli, const std::string& resource,
        const std::string& container, const HpaInputs& in, base::UnixMillis now) const;
    base::Result<ReplicaProposal> podsMetricReplicas(std::int32_t current, std::int64_t targetMilli,
                                                     const std::string& metricName,
                                                     const CustomMetricInput& values,
                                                     const std::vector<PodInfo>& pods) const;
    base::Result<ReplicaProposal> objectValueReplicas(std::int32_t current,
                                                      std::int64_t targetMilli,
                                                      const MetricSpec& spec,
                                                      const std::string& namespaceName,
                                                      const CustomMetricInput& value,
                                                      const std::vector<PodInfo>& pods) const;
    base::Result<ReplicaProposal> objectAverageValueReplicas(std::int32_t statusReplicas,
                                                             std::int64_t targetMilli,
                                                             const MetricSpec& spec,
                                                             const std::string& namespaceName,
                                                             const CustomMetricInput& value) const;
    base::Result<ReplicaProposal> externalValueReplicas(std::int32_t current,
                                                        std::int64_t targetMilli,
                                                        const MetricSpec& spec,
                                                        const std::string& namespaceName,
                                                        const CustomMetricInput& values,
                                                        const std::vector<PodInfo>& pods) const;
    base::Result<ReplicaProposal> externalAverageValueReplicas(
        std::int32_t statusReplicas, std::int64_t targetMilli, const MetricSpec& spec,
        const std::string& namespaceName, const CustomMetricInput& values) const;

    // §B.4. `resource` is the resource name ("cpu" enables the readiness rules) or empty for
    // custom metrics.
    PodGroups groupPods(const std::vector<PodInfo>& pods,
                        const std::map<std::string, PodMetricPoint>& metrics,
                        const std::string& resource, base::UnixMillis now) const;

private:
    base::Result<ReplicaProposal> plainMetricReplicas(std::map<std::string, PodMetricPoint> metrics,
                                                      std::int32_t current,
                                                      std::int64_t targetMilli,
                                                      const std::vector<PodInfo>& pods,
                                                      const std::string& resource,
                                                      base::UnixMillis now) const;
    base::Result<ReplicaProposal> usageRatioReplicas(std::int32_t current, double ratio,
                                                     const std::vector<PodInfo>& pods) const;

    ReplicaCalculatorConfig m_config;
};

}  // namespace scaledeck::planning
