// HpaReconciler: the JSON face of the planning HPA model for the simulator. Once per sync
// period per HPA it decodes what kube-controller-manager would observe (the autoscaling/v2 HPA,
// the target's autoscaling/v1 Scale, the selected v1 Pods and their metrics.k8s.io PodMetrics),
// lets planning::HpaController decide, and hands back the new replica count, the complete new
// .status (condition lastTransitionTimes kept unless a status flips, quantities rendered as the
// real controller renders them), the events to record and an explanation for UIs.
// Custom and external metrics are not served by the simulator: those metrics fail with the
// error the real controller reports when no such API is registered. Never throws. Keeps
// per-HPA history keyed by metadata.uid, in memory only (like the real controller).
// Not thread-safe: called from the simulator's controller loop under the world lock.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/time_format.h"
#include "planning/hpa_controller.h"

namespace scaledeck::sim {

struct HpaSyncInput {
    nlohmann::json hpa;                      // autoscaling/v2 HorizontalPodAutoscaler
    std::optional<nlohmann::json> scale;     // autoscaling/v1 Scale of the target
    std::string scaleError;                  // why scale is missing
    std::vector<nlohmann::json> pods;        // v1 Pods matching the scale selector
    std::vector<nlohmann::json> podMetrics;  // metrics.k8s.io/v1beta1 PodMetrics (may be fewer)
    base::UnixMillis now = 0;
};

struct HpaEvent {
    std::string type;  // "Normal" / "Warning"
    std::string reason;
    std::string message;
};

struct HpaSyncResult {
    std::optional<std::int32_t> newReplicas;  // set when the target must be rescaled
    nlohmann::json status;                    // the complete new HPA .status
    std::vector<HpaEvent> events;
    nlohmann::json explanation;  // per-metric ratio/proposal, stabilized, limited-by
};

class HpaReconciler {
public:
    HpaSyncResult sync(const HpaSyncInput& in);
    void forget(const std::string& uid);

private:
    planning::HpaController m_controller;
};

}  // namespace scaledeck::sim
