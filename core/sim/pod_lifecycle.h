// PodLifecycle: the kubelet's part, on the simulator's clock. A bound pod starts its containers
// after startDelay (phase Running, startTime, pod IP), passes its readiness probe after
// readyDelay (Ready=True), loses readiness when its node is NotReady, and a pod with a
// deletionTimestamp disappears after terminationDelay. Returns whether the pod still has a
// pending transition, so the controller manager only revisits pods that need it.
#pragma once

#include <string>

namespace scaledeck::sim {

struct ControllerContext;

class PodLifecycle {
public:
    // Advances one pod; true while it still has a timed transition ahead.
    bool advance(ControllerContext& ctx, const std::string& ns, const std::string& name);
};

}  // namespace scaledeck::sim
