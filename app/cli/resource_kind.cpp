#include "cli/resource_kind.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace scaledeck::cli {

namespace {

constexpr std::array<ResourceKindInfo, 7> kKinds = {{
    {ResourceKind::Pods, "pods", "", "pod", "po", "Pod", "pod", true},
    {ResourceKind::Nodes, "nodes", "", "node", "no", "Node", "node", false},
    {ResourceKind::Deployments, "deployments", "apps", "deployment", "deploy", "Deployment",
     "deployment.apps", true},
    {ResourceKind::StatefulSets, "statefulsets", "apps", "statefulset", "sts", "StatefulSet",
     "statefulset.apps", true},
    {ResourceKind::Hpa, "horizontalpodautoscalers", "autoscaling", "horizontalpodautoscaler", "hpa",
     "HorizontalPodAutoscaler", "horizontalpodautoscaler.autoscaling", true},
    {ResourceKind::Events, "events", "", "event", "ev", "Event", "event", true},
    {ResourceKind::Pdb, "poddisruptionbudgets", "policy", "poddisruptionbudget", "pdb",
     "PodDisruptionBudget", "poddisruptionbudget.policy", true},
}};

std::string lowered(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool namesKind(const ResourceKindInfo& info, std::string_view name) {
    return name == info.plural || name == info.singular || name == info.shortName;
}

}  // namespace

std::optional<ResourceKind> ResourceKinds::find(std::string_view typed) {
    const std::string name = lowered(typed);
    for (const auto& info : kKinds) {
        if (namesKind(info, name))
            return info.kind;
    }
    // "deployments.apps", "hpa.autoscaling", "pods." (kubectl's spelling of the core group).
    const auto dot = name.find('.');
    if (dot == std::string::npos)
        return std::nullopt;
    const std::string_view base = std::string_view(name).substr(0, dot);
    const std::string_view group = std::string_view(name).substr(dot + 1);
    for (const auto& info : kKinds) {
        if (namesKind(info, base) && group == info.group)
            return info.kind;
    }
    return std::nullopt;
}

const ResourceKindInfo& ResourceKinds::info(ResourceKind kind) {
    for (const auto& info : kKinds) {
        if (info.kind == kind)
            return info;
    }
    return kKinds.front();  // unreachable: every enumerator has an entry
}

std::span<const ResourceKindInfo> ResourceKinds::all() {
    return kKinds;
}

std::string ResourceKinds::supportedText() {
    std::string text;
    for (const auto& info : kKinds) {
        if (!text.empty())
            text += ", ";
        text += info.plural;
        text += " (";
        text += info.shortName;
        text += ")";
    }
    return text;
}

}  // namespace scaledeck::cli
