// PodScheduler: binds pending pods to nodes by resource requests against node allocatable, the
// way kube-scheduler's default profile does for these workloads (fit filter on cpu, memory and
// pod count, schedulable and Ready nodes only, least-allocated scoring). A pod that fits nowhere
// stays Pending with PodScheduled=False/Unschedulable and a FailedScheduling event that names
// the reasons ("0/4 nodes are available: 4 Insufficient cpu."), retried every 10 seconds.
// Like kube-scheduler's cache, it keeps each node's requested resources for the whole
// scheduling pass and each pod's requests until the pod changes, so placing N pods on a large
// cluster costs O(N + pods) rather than re-reading every pod for every placement.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/time_format.h"
#include "sim/pod_facts.h"

namespace scaledeck::sim {

struct ControllerContext;

class PodScheduler {
public:
    // Starts a scheduling pass: node usage is recomputed on the next schedule(). Call it before
    // each batch of schedule() calls; between calls of one pass only the scheduler binds pods.
    void beginPass() { m_nodes.reset(); }
    // Returns true if the pod was bound.
    bool schedule(ControllerContext& ctx, const std::string& ns, const std::string& name);
    void forget(const std::string& key) {
        m_lastAttempt.erase(key);
        m_podRequests.erase(key);
    }

private:
    struct NodeView {
        std::string name;
        bool unschedulable = false;
        bool ready = false;
        nlohmann::json labels;
        std::int64_t cpuMilli = 0;
        std::int64_t memoryBytes = 0;
        std::int64_t maxPods = 0;
        Resources used;
        std::int64_t podCount = 0;
    };
    struct PodRequests {
        std::uint64_t resourceVersion = 0;
        bool counts = false;  // active or terminating: still holds its node's resources
        Resources requests;
    };

    std::vector<NodeView>& nodes(ControllerContext& ctx);

    std::unordered_map<std::string, base::UnixMillis> m_lastAttempt;
    std::unordered_map<std::string, PodRequests> m_podRequests;  // by "ns/name"
    std::optional<std::vector<NodeView>> m_nodes;                // this pass's view
};

}  // namespace scaledeck::sim
