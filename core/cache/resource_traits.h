// ResourceTraits<Row>: which API collection a row type is listed and watched from — its group,
// version and plural, whether it is namespaced, and the kind name that keys shared informers.
// One specialisation per row the ObjectDecoder knows. Events come from core v1 (what `kubectl
// get events` reads; the decoder maps events.k8s.io/v1 too, should a caller need it).
#pragma once

#include <string>
#include <string_view>

#include "kube/objects/object_decoder.h"

namespace scaledeck::cache {

template <class Row>
struct ResourceTraits;

#define SCALEDECK_RESOURCE_TRAITS(RowType, Group, Version, Plural, Kind, Namespaced) \
    template <>                                                                      \
    struct ResourceTraits<kube::objects::RowType> {                                  \
        static constexpr std::string_view group = Group;                             \
        static constexpr std::string_view version = Version;                         \
        static constexpr std::string_view plural = Plural;                           \
        static constexpr std::string_view kind = Kind;                               \
        static constexpr bool namespaced = Namespaced;                               \
    }

SCALEDECK_RESOURCE_TRAITS(PodRow, "", "v1", "pods", "Pod", true);
SCALEDECK_RESOURCE_TRAITS(NodeRow, "", "v1", "nodes", "Node", false);
SCALEDECK_RESOURCE_TRAITS(ConfigMapRow, "", "v1", "configmaps", "ConfigMap", true);
SCALEDECK_RESOURCE_TRAITS(EventRow, "", "v1", "events", "Event", true);
SCALEDECK_RESOURCE_TRAITS(DeploymentRow, "apps", "v1", "deployments", "Deployment", true);
SCALEDECK_RESOURCE_TRAITS(ReplicaSetRow, "apps", "v1", "replicasets", "ReplicaSet", true);
SCALEDECK_RESOURCE_TRAITS(StatefulSetRow, "apps", "v1", "statefulsets", "StatefulSet", true);
SCALEDECK_RESOURCE_TRAITS(HpaRow, "autoscaling", "v2", "horizontalpodautoscalers",
                          "HorizontalPodAutoscaler", true);
SCALEDECK_RESOURCE_TRAITS(PdbRow, "policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget",
                          true);

#undef SCALEDECK_RESOURCE_TRAITS

// "/api/v1/namespaces/greenlang/pods", "/apis/apps/v1/deployments": the collection to list and
// watch. An empty namespace (or a cluster-scoped kind) means every namespace.
template <class Row>
std::string collectionPath(std::string_view namespaceName) {
    using Traits = ResourceTraits<Row>;
    std::string path =
        Traits::group.empty() ? std::string("/api/") : "/apis/" + std::string(Traits::group) + "/";
    path += Traits::version;
    if (Traits::namespaced && !namespaceName.empty()) {
        path += "/namespaces/";
        path += namespaceName;
    }
    path += "/";
    path += Traits::plural;
    return path;
}

}  // namespace scaledeck::cache
