// The minimal OpenAPI v3 the simulator serves at /openapi/v3 so that kubectl's default
// `--validate=strict` works for edit, apply, replace and create, and `kubectl explain` finds
// the kinds. For every served group-version there is one document listing each resource's
// paths; their put/post/patch operations carry `x-kubernetes-group-version-kind` and a
// `fieldValidation` query parameter (which makes kubectl send fieldValidation=Strict and leave
// validation to the server), and `components.schemas` holds one schema per kind tagged with
// its GVK. Patch operations deliberately declare no request body: kubectl then computes
// client-side apply patches from its built-in type metadata (exact merge keys) instead of
// from these deliberately shallow schemas.
// Documents are built once and never change, so their hashes are stable across calls and runs.
// Thread-safe; never throws.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace scaledeck::sim {

// {"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=<HEX>"},...}} for the given
// group-version paths ("api/v1", "apis/apps/v1", ...). Paths without a document are left out.
nlohmann::json openApiV3Index(const std::vector<std::string>& groupVersionPaths);

// The document of one group-version path ("api/v1", "apis/autoscaling/v2"); a leading '/' and
// a query string are ignored. nullopt for group-versions the simulator does not describe.
std::optional<nlohmann::json> openApiV3Document(const std::string& gvPath);

}  // namespace scaledeck::sim
