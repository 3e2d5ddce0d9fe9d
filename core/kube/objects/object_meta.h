// ObjectMeta: the compact part of metav1.ObjectMeta every row carries. Times are milliseconds
// since the Unix epoch (base::UnixMillis); creationTimestamp is 0 when the server sent none.
// The object's own name, uid and resourceVersion are plain strings (unique per object, so
// interning would not share anything); the namespace, labels and owners are interned.
// Annotations are not kept here: each row keeps the few it needs (a deployment's revision, a
// pod template's annotations), because most are large and only read by kubectl apply.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/time_format.h"
#include "kube/objects/interned_string.h"
#include "kube/objects/label_map.h"
#include "kube/objects/owner_reference.h"

namespace scaledeck::kube::objects {

struct ObjectMeta {
    InternedString namespaceName;  // empty for cluster-scoped objects (nodes)
    std::string name;
    std::string uid;
    std::string resourceVersion;
    std::int64_t generation = 0;
    base::UnixMillis creationTimestamp = 0;
    std::optional<base::UnixMillis> deletionTimestamp;
    LabelMap labels;
    std::vector<OwnerReference> ownerReferences;

    // The owner with controller=true, if any (what kubectl calls "Controlled By").
    const OwnerReference* controllerRef() const {
        for (const auto& ref : ownerReferences) {
            if (ref.controller)
                return &ref;
        }
        return nullptr;
    }

    friend bool operator==(const ObjectMeta&, const ObjectMeta&) = default;
};

}  // namespace scaledeck::kube::objects
