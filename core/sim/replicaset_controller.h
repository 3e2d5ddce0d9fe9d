// ReplicaSetController: keeps the number of active pods owned by each ReplicaSet equal to its
// spec.replicas (creating pods from the template, deleting the least useful ones first:
// unscheduled, then not ready, then newest) and writes the ReplicaSet's status.
#pragma once

#include <string>

namespace scaledeck::sim {

struct ControllerContext;

class ReplicaSetController {
public:
    void reconcile(ControllerContext& ctx, const std::string& ns, const std::string& name);
};

}  // namespace scaledeck::sim
