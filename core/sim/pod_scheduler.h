// PodScheduler: binds pending pods to nodes by resource requests against node allocatable, the
// way kube-scheduler's default profile does for these workloads (fit filter on cpu, memory and
// pod count, schedulable and Ready nodes only, least-allocated scoring). A pod that fits nowhere
// stays Pending with PodScheduled=False/Unschedulable and a FailedScheduling event that names
// the reasons ("0/4 nodes are available: 4 Insufficient cpu."), retried every 10 seconds.
#pragma once

#include <map>
#include <string>

#include "base/time_format.h"

namespace scaledeck::sim {

struct ControllerContext;

class PodScheduler {
public:
    // Returns true if the pod was bound.
    bool schedule(ControllerContext& ctx, const std::string& ns, const std::string& name);
    void forget(const std::string& key) { m_lastAttempt.erase(key); }

private:
    std::map<std::string, base::UnixMillis> m_lastAttempt;
};

}  // namespace scaledeck::sim
