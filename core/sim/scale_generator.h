// ScaleGenerator: a large, already-settled cluster beside the scenario, for benchmarks
// (`--scale 10000:500` up to `150000:5000`): nodes, namespaces of ten-replica Deployments with
// their ReplicaSets, and Running/Ready pods bound round-robin to the nodes, all with the status
// a real cluster would show, so the controllers have nothing to fix.
#pragma once

#include <cstddef>

#include "base/result.h"

namespace scaledeck::sim {

class ObjectStore;

base::Status generateScaleCluster(ObjectStore& store, std::size_t pods, std::size_t nodes,
                                  std::int64_t nowMs);

}  // namespace scaledeck::sim
