// NodeRequestSums: how much CPU and memory the pods bound to each node request, and how many
// pods hold a slot there, kept current from pod deltas. It is the "Requested" of `kubectl
// describe node`: the effective requests (PodRequests) of every pod with spec.nodeName set that
// has not terminated. Each pod's last contribution is remembered, so a pod that moves, finishes
// or changes its requests is subtracted exactly once. Totals are only as complete as the pods
// fed in: a namespaced pod feed gives that namespace's share of each node. GUI thread only.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "cache/delta.h"
#include "kube/objects/pod_row.h"

namespace scaledeck::ui {

class NodeRequestSums final {
public:
    struct Totals {
        std::int64_t cpuMilli = 0;
        std::int64_t memoryBytes = 0;
        std::int64_t pods = 0;
    };

    // Applies pod deltas; returns the names of the nodes whose totals changed. A `replace`
    // batch forgets every earlier pod, so the nodes of those pods are reported too.
    std::unordered_set<std::string> apply(const cache::DeltaBatch<kube::objects::PodRow>& batch);
    void clear();

    Totals totalsOf(const std::string& nodeName) const;

private:
    struct Contribution {
        std::string nodeName;
        std::int64_t cpuMilli = 0;
        std::int64_t memoryBytes = 0;
    };

    void add(const std::string& podKey, const kube::objects::PodRow& pod,
             std::unordered_set<std::string>& touched);
    void subtract(const std::string& podKey, std::unordered_set<std::string>& touched);

    std::unordered_map<std::string, Contribution> m_byPod;
    std::unordered_map<std::string, Totals> m_byNode;
};

}  // namespace scaledeck::ui
