// NodeRow: one node as the dashboard's node table and the planner's fit checks read it: the
// Ready condition (with reason and message, so "NodeStatusUnknown: Kubelet stopped posting node
// status." can be shown), cordon state and taints, capacity and allocatable CPU, memory and pod
// slots, kubelet version, roles (from node-role.kubernetes.io/<role> and kubernetes.io/role
// labels, like kubectl) and the internal and external IPs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kube/objects/condition.h"
#include "kube/objects/interned_string.h"
#include "kube/objects/object_meta.h"

namespace scaledeck::kube::objects {

enum class TaintEffect : std::uint8_t { Unknown, NoSchedule, PreferNoSchedule, NoExecute };

struct Taint {
    InternedString key;
    InternedString value;
    TaintEffect effect = TaintEffect::Unknown;

    friend bool operator==(const Taint&, const Taint&) = default;
};

// Zero when the node does not report the resource.
struct NodeResources {
    std::int64_t cpuMilli = 0;
    std::int64_t memoryBytes = 0;
    std::int64_t pods = 0;

    friend bool operator==(const NodeResources&, const NodeResources&) = default;
};

struct NodeRow {
    ObjectMeta meta;

    Condition ready;  // type Ready; Absent if the node reports none
    bool unschedulable = false;
    bool memoryPressure = false;
    bool diskPressure = false;
    bool pidPressure = false;
    bool networkUnavailable = false;
    std::vector<Taint> taints;
    NodeResources capacity;
    NodeResources allocatable;
    InternedString kubeletVersion;
    InternedString containerRuntimeVersion;
    InternedString osImage;
    std::vector<InternedString> roles;  // sorted, unique; empty prints as "<none>"
    std::string internalIP;
    std::string externalIP;

    friend bool operator==(const NodeRow&, const NodeRow&) = default;
};

const char* toString(TaintEffect effect);

}  // namespace scaledeck::kube::objects
