#include "planning/replica_calculator.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace scaledeck::planning {
namespace {

using base::Error;
using base::Result;

// Go's int32(math.Ceil(x)) for the values the controller produces, clamped instead of wrapping.
std::int32_t ceilToReplicas(double x) {
    const double c = std::ceil(x);
    if (!(c > std::numeric_limits<std::int32_t>::min()))
        return std::numeric_limits<std::int32_t>::min();
    if (c >= static_cast<double>(std::numeric_limits<std::int32_t>::max())) {
        return std::numeric_limits<std::int32_t>::max();
    }
    return static_cast<std::int32_t>(c);
}

Error fail(std::string message) {
    return Error::invalid(std::move(message));
}

struct UtilizationRatio {
    double ratio = 0;
    std::int32_t utilization = 0;
    std::int64_t rawAverage = 0;
};

// metricsclient.GetResourceUtilizationRatio: sums only metrics of pods whose request is known.
Result<UtilizationRatio> utilizationRatio(const std::map<std::string, PodMetricPoint>& metrics,
                                          const std::map<std::string, std::int64_t>& requests,
                                          std::int32_t targetUtilization) {
    std::int64_t metricsTotal = 0;
    std::int64_t requestsTotal = 0;
    std::int64_t entries = 0;
    for (const auto& [pod, metric] : metrics) {
        auto it = requests.find(pod);
        if (it == requests.end())
            continue;
        metricsTotal += metric.value;
        requestsTotal += it->second;
        ++entries;
    }
    if (requestsTotal == 0)
        return fail("no metrics returned matched known pods");
    UtilizationRatio r;
    r.utilization = static_cast<std::int32_t>((metricsTotal * 100) / requestsTotal);
    r.ratio = static_cast<double>(r.utilization) / static_cast<double>(targetUtilization);
    r.rawAverage = metricsTotal / entries;
    return r;
}

// metricsclient.GetMetricUsageRatio.
std::pair<double, std::int64_t> usageRatio(const std::map<std::string, PodMetricPoint>& metrics,
                                           std::int64_t targetMilli) {
    std::int64_t total = 0;
    for (const auto& [pod, metric] : metrics)
        total += metric.value;
    const std::int64_t usage = total / static_cast<std::int64_t>(metrics.size());
    return {static_cast<double>(usage) / static_cast<double>(targetMilli), usage};
}

// calculatePodRequests: every selected pod, ignored ones included; a container without the
// request fails the whole metric.
Result<std::map<std::string, std::int64_t>> podRequests(const std::vector<PodInfo>& pods,
                                                        const std::string& container,
                                                        const std::string& resource) {
    std::map<std::string, std::int64_t> requests;
    for (const auto& pod : pods) {
        std::int64_t sum = 0;
        for (const auto& c : pod.containers) {
            if (!container.empty() && container != c.name)
                continue;
            auto it = c.requestsMilli.find(resource);
            if (it == c.requestsMilli.end()) {
                return fail("missing request for " + resource + " in container " + c.name +
                            " of Pod " + pod.name);
            }
            sum += it->second;
        }
        requests[pod.name] = sum;
    }
    return requests;
}

// metricsclient.GetResourceMetric: per-pod sums (or one container's usage) from PodMetrics.
Result<std::map<std::string, PodMetricPoint>> resourceMetrics(const HpaInputs& in,
                                                              const std::string& resource,
                                                              const std::string& container) {
    if (in.resourceMetricsError) {
        return fail("unable to fetch metrics from resource metrics API: " +
                    *in.resourceMetricsError);
    }
    if (in.podMetrics.empty())
        return fail("no metrics returned from resource metrics API");
    std::map<std::string, PodMetricPoint> out;
    for (const auto& sample : in.podMetrics) {
        if (!container.empty()) {
            bool found = false;
            for (const auto& c : sample.containers) {
                if (c.name != container)
                    continue;
                found = true;
                auto it = c.usageMilli.find(resource);
                if (it != c.usageMilli.end()) {
                    out[sample.podName] = {it->second, sample.timestamp, sample.windowMs};
                }
                break;
            }
            if (!found) {
                return fail("failed to get container metrics: container " + container +
                            " not present in metrics for pod " + in.namespaceName + "/" +
                            sample.podName);
            }
            continue;
        }
        std::int64_t sum = 0;
        bool missing = sample.containers.empty();
        for (const auto& c : sample.containers) {
            auto it = c.usageMilli.find(resource);
            if (it == c.usageMilli.end()) {
                missing = true;
                break;
            }
            sum += it->second;
        }
        if (!missing)
            out[sample.podName] = {sum, sample.timestamp, sample.windowMs};
    }
    return out;
}

void removeMetrics(std::map<std::string, PodMetricPoint>& metrics,
                   const std::set<std::string>& pods) {
    for (const auto& p : pods)
        metrics.erase(p);
}

void fillCounts(ReplicaProposal& p, const PodGroups& g) {
    p.readyPods = g.readyCount;
    p.unreadyPods = static_cast<int>(g.unready.size());
    p.missingPods = static_cast<int>(g.missing.size());
    p.ignoredPods = static_cast<int>(g.ignored.size());
}

bool directionFlipped(double ratio, double newRatio) {
    return (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0);
}

std::int32_t readyPodCount(const std::vector<PodInfo>& pods) {
    std::int32_t n = 0;
    for (const auto& p : pods) {
        if (p.phase == PodPhase::Running && p.ready && p.ready->status == ConditionStatus::True) {
            ++n;
        }
    }
    return n;
}

std::int64_t sumValues(const std::vector<std::int64_t>& values) {
    std::int64_t total = 0;
    for (auto v : values)
        total += v;
    return total;
}

}  // namespace

ReplicaCalculator::ReplicaCalculator(ReplicaCalculatorConfig config) : m_config(config) {}

PodGroups ReplicaCalculator::groupPods(const std::vector<PodInfo>& pods,
                                       const std::map<std::string, PodMetricPoint>& metrics,
                                       const std::string& resource, base::UnixMillis now) const {
    PodGroups g;
    for (const auto& pod : pods) {
        if (pod.deleting || pod.phase == PodPhase::Failed) {
            g.ignored.insert(pod.name);
            continue;
        }
        if (pod.phase == PodPhase::Pending) {
            g.unready.insert(pod.name);
            continue;
        }
        auto it = metrics.find(pod.name);
        if (it == metrics.end()) {
            g.missing.insert(pod.name);
            continue;
        }
        if (resource == "cpu") {
            bool unready = false;
            if (!pod.ready || !pod.startTime) {
                unready = true;
            } else if (*pod.startTime + m_config.cpuInitializationPeriodMs > now) {
                // Young pod: only trust a sample taken a full window after it became ready.
                unready =
                    pod.ready->status == ConditionStatus::False ||
                    it->second.timestamp < pod.ready->lastTransitionTime + it->second.windowMs;
            } else {
                // Old pod: distrust it only if it has never been ready.
                unready = pod.ready->status == ConditionStatus::False &&
                          *pod.startTime + m_config.initialReadinessDelayMs >
                              pod.ready->lastTransitionTime;
            }
            if (unready) {
                g.unready.insert(pod.name);
                continue;
            }
        }
        ++g.readyCount;
    }
    return g;
}

Result<ReplicaProposal> ReplicaCalculator::resourceUtilizationReplicas(
    std::int32_t current, std::int32_t targetUtilization, const std::string& resource,
    const std::string& container, const HpaInputs& in, base::UnixMillis now) const {
    auto fetched = resourceMetrics(in, resource, container);
    if (!fetched.ok()) {
        return fail("unable to get metrics for resource " + resource + ": " +
                    fetched.error().message);
    }
    auto metrics = std::move(fetched).value();
    if (in.pods.empty())
        return fail("no pods returned by selector while calculating replica count");

    const PodGroups groups = groupPods(in.pods, metrics, resource, now);
    removeMetrics(metrics, groups.ignored);
    removeMetrics(metrics, groups.unready);
    if (metrics.empty()) {
        return fail("did not receive metrics for targeted pods (pods might be unready)");
    }
    auto requests = podRequests(in.pods, container, resource);
    if (!requests.ok())
        return requests.error();

    auto first = utilizationRatio(metrics, *requests, targetUtilization);
    if (!first.ok())
        return first.error();
    ReplicaProposal p;
    fillCounts(p, groups);
    p.utilization = first->utilization;
    p.usageMilli = first->rawAverage;
    p.ratio = first->ratio;
    const double ratio = first->ratio;

    const bool scaleUpWithUnready = !groups.unready.empty() && ratio > 1.0;
    if (!scaleUpWithUnready && groups.missing.empty()) {
        if (std::abs(1.0 - ratio) <= m_config.tolerance) {
            p.replicas = current;
        } else {
            p.replicas = ceilToReplicas(ratio * static_cast<double>(groups.readyCount));
        }
        return p;
    }

    if (!groups.missing.empty()) {
        if (ratio < 1.0) {
            // Scale-down: a silent pod may be busy; assume it sits at the target (at least 100 %).
            const std::int64_t fallback = std::max<std::int64_t>(100, targetUtilization);
            for (const auto& pod : groups.missing) {
                metrics[pod] = {requests->at(pod) * fallback / 100, 0, 0};
            }
        } else if (ratio > 1.0) {
            for (const auto& pod : groups.missing)
                metrics[pod] = {0, 0, 0};
        }
    }
    if (scaleUpWithUnready) {
        for (const auto& pod : groups.unready)
            metrics[pod] = {0, 0, 0};
    }

    auto second = utilizationRatio(metrics, *requests, targetUtilization);
    if (!second.ok())
        return second.error();
    const double newRatio = second->ratio;
    p.adjustedRatio = newRatio;
    if (std::abs(1.0 - newRatio) <= m_config.tolerance || directionFlipped(ratio, newRatio)) {
        p.replicas = current;
        return p;
    }
    const std::int32_t n = ceilToReplicas(newRatio * static_cast<double>(metrics.size()));
    if ((newRatio < 1.0 && n > current) || (newRatio > 1.0 && n < current)) {
        p.replicas = current;
        return p;
    }
    p.replicas = n;
    return p;
}

Result<ReplicaProposal> ReplicaCalculator::plainMetricReplicas(
    std::map<std::string, PodMetricPoint> metrics, std::int32_t current, std::int64_t targetMilli,
    const std::vector<PodInfo>& pods, const std::string& resource, base::UnixMillis now) const {
    if (pods.empty())
        return fail("no pods returned by selector while calculating replica count");
    const PodGroups groups = groupPods(pods, metrics, resource, now);
    removeMetrics(metrics, groups.ignored);
    removeMetrics(metrics, groups.unready);
    if (metrics.empty()) {
        return fail("did not receive metrics for targeted pods (pods might be unready)");
    }
    const auto [ratio, usage] = usageRatio(metrics, targetMilli);
    ReplicaProposal p;
    fillCounts(p, groups);
    p.usageMilli = usage;
    p.ratio = ratio;

    const bool scaleUpWithUnready = !groups.unready.empty() && ratio > 1.0;
    if (!scaleUpWithUnready && groups.missing.empty()) {
        if (std::abs(1.0 - ratio) <= m_config.tolerance) {
            p.replicas = current;
        } else {
            p.replicas = ceilToReplicas(ratio * static_cast<double>(groups.readyCount));
        }
        return p;
    }
    if (!groups.missing.empty()) {
        // Upstream's plain-metric path has no "ratio == 1" case: anything not below is scale-up.
        const std::int64_t assumed = ratio < 1.0 ? targetMilli : 0;
        for (const auto& pod : groups.missing)
            metrics[pod] = {assumed, 0, 0};
    }
    if (scaleUpWithUnready) {
        for (const auto& pod : groups.unready)
            metrics[pod] = {0, 0, 0};
    }
    const double newRatio = usageRatio(metrics, targetMilli).first;
    p.adjustedRatio = newRatio;
    if (std::abs(1.0 - newRatio) <= m_config.tolerance || directionFlipped(ratio, newRatio)) {
        p.replicas = current;
        return p;
    }
    const std::int32_t n = ceilToReplicas(newRatio * static_cast<double>(metrics.size()));
    if ((newRatio < 1.0 && n > current) || (newRatio > 1.0 && n < current)) {
        p.replicas = current;
        return p;
    }
    p.replicas = n;
    return p;
}

Result<ReplicaProposal> ReplicaCalculator::resourceAverageValueReplicas(
    std::int32_t current, std::int64_t targetMilli, const std::string& resource,
    const std::string& container, const HpaInputs& in, base::UnixMillis now) const {
    auto fetched = resourceMetrics(in, resource, container);
    if (!fetched.ok()) {
        return fail("unable to get metrics for resource " + resource + ": " +
                    fetched.error().message);
    }
    return plainMetricReplicas(std::move(fetched).value(), current, targetMilli, in.pods, resource,
                               now);
}

Result<ReplicaProposal> ReplicaCalculator::podsMetricReplicas(
    std::int32_t current, std::int64_t targetMilli, const std::string& metricName,
    const CustomMetricInput& values, const std::vector<PodInfo>& pods) const {
    if (values.error)
        return fail("unable to get metric " + metricName + ": " + *values.error);
    if (values.podValues.empty()) {
        return fail("unable to get metric " + metricName +
                    ": no metrics returned from custom metrics API");
    }
    std::map<std::string, PodMetricPoint> metrics;
    for (const auto& v : values.podValues)
        metrics[v.podName] = {v.valueMilli, 0, 0};
    // Custom metrics never use the cpu readiness rules, so the time is irrelevant here.
    return plainMetricReplicas(std::move(metrics), current, targetMilli, pods, "", 0);
}

Result<ReplicaProposal> ReplicaCalculator::usageRatioReplicas(
    std::int32_t current, double ratio, const std::vector<PodInfo>& pods) const {
    ReplicaProposal p;
    p.ratio = ratio;
    if (current != 0) {
        if (std::abs(1.0 - ratio) <= m_config.tolerance) {
            p.replicas = current;
            return p;
        }
        if (pods.empty()) {
            return fail(
                "unable to calculate ready pods: no pods returned by selector while "
                "calculating replica count");
        }
        p.readyPods = readyPodCount(pods);
        p.replicas = ceilToReplicas(ratio * static_cast<double>(p.readyPods));
    } else {
        p.replicas = ceilToReplicas(ratio);
    }
    return p;
}

Result<ReplicaProposal> ReplicaCalculator::objectValueReplicas(
    std::int32_t current, std::int64_t targetMilli, const MetricSpec& spec,
    const std::string& namespaceName, const CustomMetricInput& value,
    const std::vector<PodInfo>& pods) const {
    if (value.error) {
        // Upstream's format string has its arguments in this (odd) order; keep the wording.
        return fail("unable to get metric " + spec.metric.name + ": " + spec.describedObject.kind +
                    " on " + namespaceName + " " + spec.describedObject.name + "/" + *value.error);
    }
    const double ratio = static_cast<double>(value.valueMilli) / static_cast<double>(targetMilli);
    auto p = usageRatioReplicas(current, ratio, pods);
    if (p.ok())
        p->usageMilli = value.valueMilli;
    return p;
}

Result<ReplicaProposal> ReplicaCalculator::objectAverageValueReplicas(
    std::int32_t statusReplicas, std::int64_t targetMilli, const MetricSpec& spec,
    const std::string& namespaceName, const CustomMetricInput& value) const {
    if (value.error) {
        return fail("unable to get metric " + spec.metric.name + ": " + spec.describedObject.kind +
                    " on " + namespaceName + " " + spec.describedObject.name + "/" + *value.error);
    }
    ReplicaProposal p;
    const auto usage = static_cast<double>(value.valueMilli);
    p.replicas = statusReplicas;
    p.ratio = usage / (static_cast<double>(targetMilli) * static_cast<double>(statusReplicas));
    if (std::abs(1.0 - p.ratio) > m_config.tolerance) {
        p.replicas = ceilToReplicas(usage / static_cast<double>(targetMilli));
    }
    p.usageMilli = statusReplicas > 0 ? static_cast<std::int64_t>(std::ceil(usage / statusReplicas))
                                      : value.valueMilli;
    return p;
}

Result<ReplicaProposal> ReplicaCalculator::externalValueReplicas(
    std::int32_t current, std::int64_t targetMilli, const MetricSpec& spec,
    const std::string& namespaceName, const CustomMetricInput& values,
    const std::vector<PodInfo>& pods) const {
    const std::string where =
        namespaceName + "/" + spec.metric.name + "/" + formatGoLabelSelector(spec.metric.selector);
    if (values.error)
        return fail("unable to get external metric " + where + ": " + *values.error);
    if (values.externalValuesMilli.empty()) {
        return fail("unable to get external metric " + where +
                    ": no metrics returned from external metrics API");
    }
    const std::int64_t usage = sumValues(values.externalValuesMilli);
    auto p = usageRatioReplicas(
        current, static_cast<double>(usage) / static_cast<double>(targetMilli), pods);
    if (p.ok())
        p->usageMilli = usage;
    return p;
}

Result<ReplicaProposal> ReplicaCalculator::externalAverageValueReplicas(
    std::int32_t statusReplicas, std::int64_t targetMilli, const MetricSpec& spec,
    const std::string& namespaceName, const CustomMetricInput& values) const {
    const std::string where =
        namespaceName + "/" + spec.metric.name + "/" + formatGoLabelSelector(spec.metric.selector);
    if (values.error)
        return fail("unable to get external metric " + where + ": " + *values.error);
    if (values.externalValuesMilli.empty()) {
        return fail("unable to get external metric " + where +
                    ": no metrics returned from external metrics API");
    }
    const auto usage = static_cast<double>(sumValues(values.externalValuesMilli));
    ReplicaProposal p;
    p.replicas = statusReplicas;
    p.ratio = usage / (static_cast<double>(targetMilli) * static_cast<double>(statusReplicas));
    if (std::abs(1.0 - p.ratio) > m_config.tolerance) {
        p.replicas = ceilToReplicas(usage / static_cast<double>(targetMilli));
    }
    p.usageMilli = statusReplicas > 0 ? static_cast<std::int64_t>(std::ceil(usage / statusReplicas))
                                      : static_cast<std::int64_t>(usage);
    return p;
}

}  // namespace scaledeck::planning
