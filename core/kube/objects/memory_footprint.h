// memoryFootprint(row): the bytes one row costs — sizeof(row) plus every heap block it owns
// (strings past their inline buffer, vectors, optional vectors), each counted as glibc's malloc
// chunk (allocationBytes). Interned strings count 8 bytes for the handle and nothing else: their
// text is shared and accounted once in StringPool::stats(), so the cost of a cache is
//   sum(memoryFootprint(row)) + pool.stats().bytes.
// Used by the memory budget test (≤ 2 KB per pod row) and by anyone sizing a cache.
#pragma once

#include <cstddef>

#include "kube/objects/config_map_row.h"
#include "kube/objects/deployment_row.h"
#include "kube/objects/event_row.h"
#include "kube/objects/hpa_row.h"
#include "kube/objects/node_row.h"
#include "kube/objects/pdb_row.h"
#include "kube/objects/pod_row.h"
#include "kube/objects/replica_set_row.h"
#include "kube/objects/stateful_set_row.h"

namespace scaledeck::kube::objects {

std::size_t memoryFootprint(const PodRow& row);
std::size_t memoryFootprint(const NodeRow& row);
std::size_t memoryFootprint(const DeploymentRow& row);
std::size_t memoryFootprint(const ReplicaSetRow& row);
std::size_t memoryFootprint(const StatefulSetRow& row);
std::size_t memoryFootprint(const HpaRow& row);
std::size_t memoryFootprint(const EventRow& row);
std::size_t memoryFootprint(const PdbRow& row);
std::size_t memoryFootprint(const ConfigMapRow& row);

}  // namespace scaledeck::kube::objects
