// ResourceKind: the resource types `scaledeck-cli get` knows, and how each is named on the
// command line and in output. find() accepts what kubectl accepts for these types: the plural,
// the singular, the short names (po, no, deploy, sts, hpa, ev, pdb) and the group-qualified
// plural ("deployments.apps"), case-insensitively. info() gives the names used in output:
// kubectl's `-o name` prefix ("pod", "deployment.apps", "horizontalpodautoscaler.autoscaling")
// and the list kind of the JSON document ("PodList"). Pure data; any thread.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace scaledeck::cli {

enum class ResourceKind { Pods, Nodes, Deployments, StatefulSets, Hpa, Events, Pdb };

struct ResourceKindInfo {
    ResourceKind kind;
    std::string_view plural;      // "pods": also what messages call the type
    std::string_view group;       // "" for the core group
    std::string_view singular;    // "pod"
    std::string_view shortName;   // "po"
    std::string_view objectKind;  // "Pod"
    std::string_view namePrefix;  // "pod", "deployment.apps": kubectl's `-o name` prefix
    bool namespaced = true;
};

class ResourceKinds final {
public:
    static std::optional<ResourceKind> find(std::string_view typed);
    static const ResourceKindInfo& info(ResourceKind kind);
    static std::span<const ResourceKindInfo> all();
    // "pods (po), nodes (no), …": for the unknown-type message and the usage text.
    static std::string supportedText();
};

}  // namespace scaledeck::cli
