// DeploymentController: owns ReplicaSets the way the real one does. A changed pod template
// (for example `kubectl rollout restart`) creates a new ReplicaSet with the next revision and
// rolls pods over within maxSurge / maxUnavailable; a changed replica count resizes the current
// ReplicaSet. Writes status (replicas, updated, ready, available, unavailable, conditions
// Available and Progressing, observedGeneration) and ScalingReplicaSet events.
#pragma once

#include <string>

namespace scaledeck::sim {

struct ControllerContext;

class DeploymentController {
public:
    void reconcile(ControllerContext& ctx, const std::string& ns, const std::string& name);
};

}  // namespace scaledeck::sim
