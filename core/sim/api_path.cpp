#include "sim/api_path.h"

#include <vector>

namespace scaledeck::sim {

std::optional<ApiPath> ApiPath::parse(std::string_view path) {
    std::vector<std::string> parts;
    std::size_t i = 0;
    while (i < path.size()) {
        while (i < path.size() && path[i] == '/') ++i;
        std::size_t j = i;
        while (j < path.size() && path[j] != '/') ++j;
        if (j > i) parts.emplace_back(path.substr(i, j - i));
        i = j;
    }
    ApiPath p;
    std::size_t k = 0;
    if (parts.size() >= 2 && parts[0] == "api") {
        p.version = parts[1];
        k = 2;
    } else if (parts.size() >= 3 && parts[0] == "apis") {
        p.group = parts[1];
        p.version = parts[2];
        k = 3;
    } else {
        return std::nullopt;
    }
    if (k >= parts.size()) return std::nullopt;  // group-version discovery
    if (parts[k] == "namespaces" && parts.size() >= k + 3) {
        p.namespaced = true;
        p.namespaceName = parts[k + 1];
        k += 2;
    }
    p.resource = parts[k++];
    if (k < parts.size()) p.name = parts[k++];
    if (k < parts.size()) p.subresource = parts[k++];
    if (k < parts.size()) return std::nullopt;
    // "/api/v1/namespaces/foo" is the namespace object itself.
    return p;
}

std::optional<bool> parseGoBool(std::string_view t) {
    if (t == "1" || t == "t" || t == "T" || t == "TRUE" || t == "true" || t == "True") return true;
    if (t == "0" || t == "f" || t == "F" || t == "FALSE" || t == "false" || t == "False") {
        return false;
    }
    return std::nullopt;
}

}  // namespace scaledeck::sim
