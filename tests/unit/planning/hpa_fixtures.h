// Builders shared by the HPA model tests: pods in a named readiness state with cpu (or any
// resource) requests and usage in millicores, and "constant load" worlds whose total usage
// is spread evenly over however many pods the target currently has.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "planning/hpa_inputs.h"
#include "planning/hpa_spec.h"

namespace scaledeck::planning::testing {

// Far from the epoch so that "10 minutes ago" stays positive.
constexpr base::UnixMillis kNow = 1'800'000'000'000;

enum class PodState { Ready, Unready, Pending, Deleting, Failed };

struct PodRow {
    std::int64_t request = 0;
    std::optional<std::int64_t> usage;  // nullopt: no metric sample ("missing")
    PodState state = PodState::Ready;
};

inline void addPod(HpaInputs& in, const std::string& name, const PodRow& row, base::UnixMillis now,
                   const std::string& resource = "cpu") {
    PodInfo pod;
    pod.name = name;
    pod.containers.push_back({"app", {{resource, row.request}}});
    switch (row.state) {
        case PodState::Ready:
            // Started long ago, ready ever since: past the cpu initialization period.
            pod.startTime = now - 3'600'000;
            pod.ready = PodReadyCondition{ConditionStatus::True, now - 3'500'000};
            break;
        case PodState::Unready:
            // Started a minute ago and not ready yet.
            pod.startTime = now - 60'000;
            pod.ready = PodReadyCondition{ConditionStatus::False, now - 60'000};
            break;
        case PodState::Pending:
            pod.phase = PodPhase::Pending;
            break;
        case PodState::Deleting:
            pod.deleting = true;
            pod.startTime = now - 3'600'000;
            pod.ready = PodReadyCondition{ConditionStatus::True, now - 3'500'000};
            break;
        case PodState::Failed:
            pod.phase = PodPhase::Failed;
            break;
    }
    in.pods.push_back(pod);
    if (row.usage) {
        PodMetricSample s;
        s.podName = name;
        s.timestamp = now - 1'000;
        s.windowMs = 15'000;
        s.containers.push_back({"app", {{resource, *row.usage}}});
        in.podMetrics.push_back(s);
    }
}

inline HpaInputs inputsFor(std::int32_t specReplicas, const std::vector<PodRow>& rows,
                           base::UnixMillis now) {
    HpaInputs in;
    in.namespaceName = "shop";
    in.scale = ScaleInfo{specReplicas, static_cast<std::int32_t>(rows.size()), "app=web", {}};
    for (std::size_t i = 0; i < rows.size(); ++i) {
        addPod(in, "web-" + std::to_string(i), rows[i], now);
    }
    return in;
}

// `pods` ready pods with request 1000m sharing `totalUsage` millicores evenly.
inline HpaInputs evenLoad(std::int32_t pods, std::int64_t totalUsage, base::UnixMillis now) {
    std::vector<PodRow> rows(static_cast<std::size_t>(pods),
                             PodRow{1000, totalUsage / pods, PodState::Ready});
    return inputsFor(pods, rows, now);
}

inline MetricSpec cpuUtilization(std::int32_t percent, const std::string& resource = "cpu") {
    MetricSpec m;
    m.type = MetricSourceType::Resource;
    m.resourceName = resource;
    m.target.type = MetricTargetType::Utilization;
    m.target.averageUtilization = percent;
    return m;
}

inline HpaSpec cpuSpec(std::int32_t percent, std::int32_t minReplicas, std::int32_t maxReplicas) {
    HpaSpec s;
    s.minReplicas = minReplicas;
    s.maxReplicas = maxReplicas;
    s.metrics.push_back(cpuUtilization(percent));
    return s;
}

}  // namespace scaledeck::planning::testing
