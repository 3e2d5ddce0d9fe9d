// HpaController: the HorizontalPodAutoscaler controller of kube-controller-manager 1.32 as a
// pure model (hpa-controller.md §B). It holds, per HPA key, the in-memory history the real
// controller keeps (recommendations, scale events) and turns one observation of the world
// (HpaInputs) at time `now` into an HpaDecision: the replica count, the new status with
// conditions worded exactly as upstream, and the events to emit. reconcile() assumes the
// caller applies a decided rescale; it performs no I/O and is deterministic given its history.
// Not thread-safe: one instance per controller loop.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "base/time_format.h"
#include "planning/hpa_decision.h"
#include "planning/hpa_history.h"
#include "planning/hpa_inputs.h"
#include "planning/hpa_spec.h"
#include "planning/hpa_status.h"
#include "planning/replica_calculator.h"

namespace scaledeck::planning {

struct HpaControllerConfig {
    ReplicaCalculatorConfig calculator;
    std::int64_t downscaleStabilizationMs = 5 * 60 * 1000;  // ...-downscale-stabilization
};

class HpaController {
public:
    explicit HpaController(HpaControllerConfig config = {});

    HpaDecision reconcile(const std::string& key, const HpaSpec& spec, const HpaStatus& previous,
                          const HpaInputs& inputs, base::UnixMillis now);
    // Drops the history of a deleted HPA.
    void forget(const std::string& key);
    // nullptr when the HPA has not been reconciled yet.
    const HpaHistory* history(const std::string& key) const;

    const HpaControllerConfig& config() const { return m_config; }

private:
    // computeReplicasForMetrics: false when no proposal may be used (the decision then carries
    // the failure's condition, statuses and events).
    bool computeReplicasForMetrics(const HpaSpec& spec, const ScaleInfo& scale,
                                   const HpaInputs& inputs, base::UnixMillis now,
                                   HpaDecision& decision) const;

    HpaControllerConfig m_config;
    ReplicaCalculator m_calculator;
    std::map<std::string, HpaHistory> m_histories;
};

}  // namespace scaledeck::planning
