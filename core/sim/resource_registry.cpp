#include "sim/resource_registry.h"

namespace scaledeck::sim {
namespace {

const std::vector<std::string> kAllVerbs = {"create", "delete", "deletecollection", "get",
                                            "list",   "patch",  "update",           "watch"};
const std::vector<std::string> kReadVerbs = {"get", "list"};

ResourceInfo make(std::string group, std::string version, std::string plural, std::string singular,
                  std::string kind, bool namespaced, std::vector<std::string> shortNames,
                  std::vector<std::string> subresources, std::vector<std::string> categories = {},
                  std::string storage = {}) {
    ResourceInfo r;
    r.group = std::move(group);
    r.version = std::move(version);
    r.plural = std::move(plural);
    r.singular = std::move(singular);
    r.kind = std::move(kind);
    r.namespaced = namespaced;
    r.shortNames = std::move(shortNames);
    r.subresources = std::move(subresources);
    r.categories = std::move(categories);
    r.verbs = kAllVerbs;
    r.storage = storage.empty() ? (r.group.empty() ? "core" : r.group) + "/" + r.plural : storage;
    return r;
}

}  // namespace

ResourceRegistry::ResourceRegistry() {
    auto& v = m_resources;
    v.push_back(make("", "v1", "namespaces", "namespace", "Namespace", false, {"ns"}, {"status"}));
    v.push_back(make("", "v1", "nodes", "node", "Node", false, {"no"}, {"status"}));
    v.push_back(make("", "v1", "pods", "pod", "Pod", true, {"po"}, {"status", "eviction", "log"},
                     {"all"}));
    v.push_back(make("", "v1", "events", "event", "Event", true, {"ev"}, {}));
    v.push_back(make("", "v1", "configmaps", "configmap", "ConfigMap", true, {"cm"}, {}));
    v.push_back(make("", "v1", "services", "service", "Service", true, {"svc"}, {"status"},
                     {"all"}));
    v.push_back(make("apps", "v1", "deployments", "deployment", "Deployment", true, {"deploy"},
                     {"scale", "status"}, {"all"}));
    v.push_back(make("apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, {"rs"},
                     {"scale", "status"}, {"all"}));
    v.push_back(make("apps", "v1", "statefulsets", "statefulset", "StatefulSet", true, {"sts"},
                     {"scale", "status"}, {"all"}));
    v.push_back(make("apps", "v1", "controllerrevisions", "controllerrevision",
                     "ControllerRevision", true, {}, {}));
    v.push_back(make("autoscaling", "v2", "horizontalpodautoscalers", "horizontalpodautoscaler",
                     "HorizontalPodAutoscaler", true, {"hpa"}, {"status"}, {"all"}));
    v.push_back(make("autoscaling", "v1", "horizontalpodautoscalers", "horizontalpodautoscaler",
                     "HorizontalPodAutoscaler", true, {"hpa"}, {"status"}, {"all"},
                     "autoscaling/horizontalpodautoscalers"));
    v.push_back(make("policy", "v1", "poddisruptionbudgets", "poddisruptionbudget",
                     "PodDisruptionBudget", true, {"pdb"}, {"status"}));
    v.push_back(make("events.k8s.io", "v1", "events", "event", "Event", true, {"ev"}, {}, {},
                     "core/events"));

    auto metricsPods = make("metrics.k8s.io", "v1beta1", "pods", "", "PodMetrics", true, {}, {});
    metricsPods.verbs = kReadVerbs;
    metricsPods.virtualResource = true;
    v.push_back(metricsPods);
    auto metricsNodes = make("metrics.k8s.io", "v1beta1", "nodes", "", "NodeMetrics", false, {}, {});
    metricsNodes.verbs = kReadVerbs;
    metricsNodes.virtualResource = true;
    v.push_back(metricsNodes);

    auto ssar = make("authorization.k8s.io", "v1", "selfsubjectaccessreviews", "",
                     "SelfSubjectAccessReview", false, {}, {});
    ssar.verbs = {"create"};
    ssar.virtualResource = true;
    v.push_back(ssar);
    auto ssr = make("authentication.k8s.io", "v1", "selfsubjectreviews", "", "SelfSubjectReview",
                    false, {}, {});
    ssr.verbs = {"create"};
    ssr.virtualResource = true;
    v.push_back(ssr);
}

const ResourceRegistry& ResourceRegistry::instance() {
    static const ResourceRegistry registry;
    return registry;
}

const ResourceInfo* ResourceRegistry::find(std::string_view group, std::string_view version,
                                           std::string_view plural) const {
    for (const auto& r : m_resources) {
        if (r.group == group && r.version == version && r.plural == plural) return &r;
    }
    return nullptr;
}

const ResourceInfo* ResourceRegistry::byStorage(std::string_view storage) const {
    for (const auto& r : m_resources) {
        // The first entry with a storage key is the canonical (stored) version.
        if (r.storage == storage) return &r;
    }
    return nullptr;
}

const ResourceInfo* ResourceRegistry::byKind(std::string_view group, std::string_view kind) const {
    for (const auto& r : m_resources) {
        if (r.group == group && r.kind == kind) return &r;
    }
    return nullptr;
}

std::vector<std::string> ResourceRegistry::groupVersions() const {
    std::vector<std::string> out;
    for (const auto& r : m_resources) {
        const auto gv = r.groupVersion();
        bool seen = false;
        for (const auto& o : out) seen = seen || o == gv;
        if (!seen) out.push_back(gv);
    }
    return out;
}

std::vector<ResourceRegistry::GroupVersions> ResourceRegistry::groups() const {
    std::vector<GroupVersions> out;
    for (const auto& r : m_resources) {
        if (r.group.empty()) continue;
        GroupVersions* g = nullptr;
        for (auto& o : out) {
            if (o.group == r.group) g = &o;
        }
        if (!g) {
            out.push_back({r.group, {}});
            g = &out.back();
        }
        bool seen = false;
        for (const auto& ver : g->versions) seen = seen || ver == r.version;
        if (!seen) g->versions.push_back(r.version);
    }
    return out;
}

}  // namespace scaledeck::sim
