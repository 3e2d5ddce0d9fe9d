// Discovery documents (legacy form, which every kubectl accepts): /api, /apis and one
// APIResourceList per group-version, all derived from the ResourceRegistry.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace scaledeck::sim {

nlohmann::json versionInfo();
nlohmann::json coreApiVersions(const std::string& serverAddress);
nlohmann::json apiGroupList();
// groupVersion: "v1", "apps/v1"; nullopt for an unknown group-version.
std::optional<nlohmann::json> apiResourceList(const std::string& groupVersion);

}  // namespace scaledeck::sim
