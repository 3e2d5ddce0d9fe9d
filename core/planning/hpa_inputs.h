// HpaInputs: everything one reconcile of one HPA observes about the world, already decoded:
// the target's Scale (or why it could not be read), the pods its selector matches, their
// metrics.k8s.io samples (possibly fewer than the pods, possibly extra) and the values of
// custom/external metrics. All quantities are integer milli-units; all times are UnixMillis.
// The model never fetches anything itself, so the same inputs always give the same decision.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/time_format.h"

namespace scaledeck::planning {

enum class PodPhase { Pending, Running, Succeeded, Failed, Unknown };
enum class ConditionStatus { True, False, Unknown };

struct ContainerRequests {
    std::string name;
    std::map<std::string, std::int64_t> requestsMilli;  // resource name -> milli-units
};

struct PodReadyCondition {
    ConditionStatus status = ConditionStatus::True;
    base::UnixMillis lastTransitionTime = 0;
};

struct PodInfo {
    std::string name;
    PodPhase phase = PodPhase::Running;
    bool deleting = false;  // metadata.deletionTimestamp is set
    std::optional<PodReadyCondition> ready;
    std::optional<base::UnixMillis> startTime;
    // Regular containers plus restartable ("sidecar") init containers: both count for requests.
    std::vector<ContainerRequests> containers;
};

struct ContainerUsage {
    std::string name;
    std::map<std::string, std::int64_t> usageMilli;
};

struct PodMetricSample {
    std::string podName;
    base::UnixMillis timestamp = 0;
    std::int64_t windowMs = 15000;
    std::vector<ContainerUsage> containers;
};

struct PodMetricValue {
    std::string podName;
    std::int64_t valueMilli = 0;
};

// The fetched value of one Pods / Object / External metric spec, or why it could not be fetched
// (the error text of the metrics client, e.g. "unable to fetch metrics from custom metrics API:
// no custom metrics API (custom.metrics.k8s.io) registered").
struct CustomMetricInput {
    std::optional<std::string> error;
    std::vector<PodMetricValue> podValues;          // Pods metrics
    std::int64_t valueMilli = 0;                    // Object metrics
    std::vector<std::int64_t> externalValuesMilli;  // External metrics: every returned series
};

struct ScaleInfo {
    std::int32_t specReplicas = 0;
    std::int32_t statusReplicas = 0;
    std::string selector;                      // "app=web"; empty means the scale has none
    std::optional<std::string> selectorError;  // the selector string did not parse
};

struct HpaInputs {
    std::string namespaceName;
    std::optional<ScaleInfo> scale;
    std::string scaleError;  // why scale is missing, e.g. `deployments.apps "web" not found`
    // HPAs (as "ns/name") whose selectors select these pods; more than one is ambiguous.
    std::vector<std::string> hpasSelectingPods;
    std::vector<PodInfo> pods;
    std::vector<PodMetricSample> podMetrics;
    std::optional<std::string> resourceMetricsError;         // metrics.k8s.io could not be listed
    std::map<std::size_t, CustomMetricInput> customMetrics;  // by index into spec.metrics
};

}  // namespace scaledeck::planning
