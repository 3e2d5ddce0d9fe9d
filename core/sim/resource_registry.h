// ResourceRegistry: the fixed set of API resources the simulator serves, in one table. Discovery,
// routing, RBAC and error messages all read it, so a resource is added in exactly one place.
// Some resources are views of another's storage (autoscaling/v1 HPAs of autoscaling/v2 ones,
// events.k8s.io events of core events); `storage` names the stored resource they share.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scaledeck::sim {

struct ResourceInfo {
    std::string group;     // "" for core
    std::string version;   // "v1", "v2", "v1beta1"
    std::string plural;    // "deployments"
    std::string singular;  // "deployment"
    std::string kind;      // "Deployment"
    bool namespaced = true;
    std::vector<std::string> shortNames;
    std::vector<std::string> categories;
    std::vector<std::string> verbs;
    std::vector<std::string> subresources;  // "scale", "status", "eviction", "log"
    std::string storage;                    // "apps/deployments": shared storage key
    bool virtualResource = false;           // computed on read (metrics, reviews); not stored

    std::string groupVersion() const { return group.empty() ? version : group + "/" + version; }
    // "deployments.apps" / "pods": the qualified name used in Status messages.
    std::string qualifiedName() const { return group.empty() ? plural : plural + "." + group; }
};

class ResourceRegistry {
public:
    static const ResourceRegistry& instance();

    const std::vector<ResourceInfo>& all() const { return m_resources; }
    const ResourceInfo* find(std::string_view group, std::string_view version,
                             std::string_view plural) const;
    // The stored (canonical) resource behind a storage key such as "apps/deployments".
    const ResourceInfo* byStorage(std::string_view storage) const;
    const ResourceInfo* byKind(std::string_view group, std::string_view kind) const;
    // Every group-version, core first, in discovery order.
    std::vector<std::string> groupVersions() const;
    // For /apis: groups with their versions, preferred first.
    struct GroupVersions {
        std::string group;
        std::vector<std::string> versions;
    };
    std::vector<GroupVersions> groups() const;

private:
    ResourceRegistry();
    std::vector<ResourceInfo> m_resources;
};

}  // namespace scaledeck::sim
