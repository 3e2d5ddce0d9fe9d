// PodRequests: the CPU and memory a pod asks the scheduler for, computed the way the scheduler
// and `kubectl describe node` do (k8s.io/component-helpers resource.PodRequests, without pod
// overhead, which rows do not keep): the sum of the regular containers and the sidecars
// (restartable init containers), or the largest init container plus the sidecars started before
// it, whichever is larger. "Unset" stays distinguishable from zero so a table can say that a
// pod declares no request at all (BestEffort), which matters when a node looks empty but is not.
#pragma once

#include <cstdint>

#include "kube/objects/pod_row.h"

namespace scaledeck::ui {

struct PodRequests {
    std::int64_t cpuMilli = 0;
    std::int64_t memoryBytes = 0;
    bool cpuSet = false;     // some container declares a CPU request
    bool memorySet = false;  // some container declares a memory request

    // Terminated pods (Succeeded, Failed) no longer hold their requests on a node.
    static bool holdsNodeResources(const kube::objects::PodRow& pod);
};

PodRequests podRequests(const kube::objects::PodRow& pod);

}  // namespace scaledeck::ui
