// StatefulSetController: ordered pods <name>-0, <name>-1, ... With the default OrderedReady
// policy a pod is created only when every lower ordinal is Ready, scale-down removes the highest
// ordinal first, and a template change replaces pods from the highest ordinal down, one at a time.
#pragma once

#include <string>

namespace scaledeck::sim {

struct ControllerContext;

class StatefulSetController {
public:
    void reconcile(ControllerContext& ctx, const std::string& ns, const std::string& name);
};

}  // namespace scaledeck::sim
