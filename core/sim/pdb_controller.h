// PdbController: the disruption controller's status for each PodDisruptionBudget: expected and
// healthy pods among those its selector matches, the desired healthy count from minAvailable or
// maxUnavailable (integers or percentages, rounded up as upstream), disruptionsAllowed and the
// DisruptionAllowed condition. Written only when it changes.
#pragma once

#include <string>

namespace scaledeck::sim {

struct ControllerContext;

class PdbController {
public:
    void reconcile(ControllerContext& ctx, const std::string& ns, const std::string& name);
};

}  // namespace scaledeck::sim
