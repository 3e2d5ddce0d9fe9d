// ApiPath: a Kubernetes REST path taken apart (/api/v1/namespaces/ns/pods/name/status ->
// group "", version v1, namespace ns, resource pods, name, subresource status). Also the query
// helpers the API server needs, parsing booleans the way Go's strconv.ParseBool does because
// kubectl sends "true" and the Python client sends "True".
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace scaledeck::sim {

struct ApiPath {
    std::string group;
    std::string version;
    std::string namespaceName;  // empty: cluster scope or all namespaces
    std::string resource;
    std::string name;
    std::string subresource;
    bool namespaced = false;    // the path had /namespaces/{ns}/

    // Returns nullopt when the path is not a resource path (discovery, /version, ...).
    static std::optional<ApiPath> parse(std::string_view path);
};

// Go's strconv.ParseBool: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False.
std::optional<bool> parseGoBool(std::string_view text);

}  // namespace scaledeck::sim
