#include "sim/discovery.h"

#include "sim/resource_registry.h"

namespace scaledeck::sim {

nlohmann::json versionInfo() {
    // minor "32" makes the kubectl dispatcher pick its bundled 1.32 client (see the contract §0.1).
    return {{"major", "1"},
            {"minor", "32"},
            {"gitVersion", "v1.32.4-scaledeck-sim"},
            {"gitCommit", "0000000000000000000000000000000000000000"},
            {"gitTreeState", "clean"},
            {"buildDate", "2026-11-01T00:00:00Z"},
            {"goVersion", "go1.23.6"},
            {"compiler", "gc"},
            {"platform", "linux/amd64"}};
}

nlohmann::json coreApiVersions(const std::string& serverAddress) {
    return {{"kind", "APIVersions"},
            {"versions", {"v1"}},
            {"serverAddressByClientCIDRs",
             {{{"clientCIDR", "0.0.0.0/0"}, {"serverAddress", serverAddress}}}}};
}

nlohmann::json apiGroupList() {
    nlohmann::json groups = nlohmann::json::array();
    for (const auto& g : ResourceRegistry::instance().groups()) {
        nlohmann::json versions = nlohmann::json::array();
        for (const auto& v : g.versions) {
            versions.push_back({{"groupVersion", g.group + "/" + v}, {"version", v}});
        }
        groups.push_back({{"name", g.group},
                          {"versions", versions},
                          {"preferredVersion", versions.front()}});
    }
    return {{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", groups}};
}

std::optional<nlohmann::json> apiResourceList(const std::string& groupVersion) {
    nlohmann::json resources = nlohmann::json::array();
    bool found = false;
    for (const auto& r : ResourceRegistry::instance().all()) {
        if (r.groupVersion() != groupVersion) continue;
        found = true;
        nlohmann::json entry = {{"name", r.plural},
                                {"singularName", r.singular},
                                {"namespaced", r.namespaced},
                                {"kind", r.kind},
                                {"verbs", r.verbs}};
        if (!r.shortNames.empty()) entry["shortNames"] = r.shortNames;
        if (!r.categories.empty()) entry["categories"] = r.categories;
        resources.push_back(entry);
        for (const auto& sub : r.subresources) {
            nlohmann::json s = {{"name", r.plural + "/" + sub},
                                {"singularName", ""},
                                {"namespaced", r.namespaced}};
            if (sub == "scale") {
                s["group"] = "autoscaling";
                s["version"] = "v1";
                s["kind"] = "Scale";
                s["verbs"] = {"get", "patch", "update"};
            } else if (sub == "status") {
                s["kind"] = r.kind;
                s["verbs"] = {"get", "patch", "update"};
            } else if (sub == "eviction") {
                s["group"] = "policy";
                s["version"] = "v1";
                s["kind"] = "Eviction";
                s["verbs"] = {"create"};
            } else if (sub == "log") {
                s["kind"] = "Pod";
                s["verbs"] = {"get"};
            }
            resources.push_back(s);
        }
    }
    if (!found) return std::nullopt;
    return nlohmann::json{{"kind", "APIResourceList"},
                          {"apiVersion", "v1"},
                          {"groupVersion", groupVersion},
                          {"resources", resources}};
}

}  // namespace scaledeck::sim
