// OwnerReference: who owns an object (a pod's ReplicaSet, a ReplicaSet's Deployment). The
// owner's kind, name and uid are interned: every pod of one ReplicaSet shares them.
#pragma once

#include "kube/objects/interned_string.h"

namespace scaledeck::kube::objects {

struct OwnerReference {
    InternedString apiVersion;
    InternedString kind;
    InternedString name;
    InternedString uid;
    bool controller = false;
    bool blockOwnerDeletion = false;

    friend bool operator==(const OwnerReference&, const OwnerReference&) = default;
};

}  // namespace scaledeck::kube::objects
