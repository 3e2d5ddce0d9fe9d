// HpaSimController: the simulator's horizontal-pod-autoscaler controller. Every 15 simulated
// seconds per HPA it gathers what kube-controller-manager would (the target's Scale, the pods its
// selector matches, their metrics.k8s.io samples), asks the shared planning model (through
// HpaReconciler) for a decision, rescales the target, writes the HPA status and records the
// SuccessfulRescale / warning events exactly as the real controller words them.
#pragma once

#include <map>
#include <string>

#include "base/time_format.h"
#include "sim/hpa_reconciler.h"

namespace scaledeck::sim {

struct ControllerContext;

class HpaSimController {
public:
    static constexpr base::UnixMillis kSyncPeriodMs = 15000;

    // Schedules the first sync one period after the HPA appears, as the real work queue does.
    void track(const std::string& key, base::UnixMillis now);
    void untrack(const std::string& key, const std::string& uid);
    // Syncs every HPA whose time has come.
    void syncDue(ControllerContext& ctx);
    // Last decision explanation per HPA key (for the control API and UIs).
    const std::map<std::string, nlohmann::json>& explanations() const { return m_explanations; }

private:
    void sync(ControllerContext& ctx, const std::string& key);

    HpaReconciler m_reconciler;
    std::map<std::string, base::UnixMillis> m_nextSync;  // "ns/name" -> due time
    std::map<std::string, nlohmann::json> m_explanations;
};

}  // namespace scaledeck::sim
