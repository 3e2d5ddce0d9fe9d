// Rows for the cache's unit tests, built directly (no JSON): a pod with a namespace, name,
// resourceVersion, labels, a controller and a node, as the decoder would produce it.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "kube/objects/pod_row.h"
#include "kube/objects/string_pool.h"

namespace scaledeck::cache::testing {

using kube::objects::PodRow;

struct PodSpec {
    std::string namespaceName = "greenlang";
    std::string name;
    std::string resourceVersion = "1";
    std::vector<std::pair<std::string, std::string>> labels;
    std::string ownerUid;
    std::string nodeName;
};

inline kube::objects::InternedString intern(const std::string& text) {
    return kube::objects::StringPool::shared().intern(text);
}

inline std::shared_ptr<const PodRow> pod(const PodSpec& spec) {
    PodRow row;
    row.meta.namespaceName = intern(spec.namespaceName);
    row.meta.name = spec.name;
    row.meta.uid = "uid-" + spec.name;
    row.meta.resourceVersion = spec.resourceVersion;
    std::vector<kube::objects::LabelMap::Entry> labels;
    for (const auto& [key, value] : spec.labels)
        labels.emplace_back(intern(key), intern(value));
    row.meta.labels = kube::objects::LabelMap::fromEntries(std::move(labels));
    if (!spec.ownerUid.empty()) {
        kube::objects::OwnerReference owner;
        owner.kind = intern("ReplicaSet");
        owner.name = intern("rs-" + spec.ownerUid);
        owner.uid = intern(spec.ownerUid);
        owner.controller = true;
        row.meta.ownerReferences.push_back(owner);
    }
    row.nodeName = intern(spec.nodeName);
    return std::make_shared<const PodRow>(std::move(row));
}

// The pod `name` in greenlang at `resourceVersion`, nothing else.
inline std::shared_ptr<const PodRow> pod(const std::string& name,
                                         const std::string& resourceVersion = "1") {
    return pod(PodSpec{"greenlang", name, resourceVersion, {}, {}, {}});
}

}  // namespace scaledeck::cache::testing
