// Patch dispatch for PATCH requests: maps the request's Content-Type to a PatchType and applies
// the matching algorithm (strategic merge, JSON merge, JSON patch) to the object as served.
// Server-side apply is recognised but not implemented: applyPatch answers Unsupported, and the
// server turns that into the 415 kubectl expects. Nothing throws.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "base/result.h"
#include "sim/json_patch.h"
#include "sim/merge_patch.h"
#include "sim/strategic_merge_patch.h"

namespace scaledeck::sim {

enum class PatchType {
    StrategicMerge,  // application/strategic-merge-patch+json
    Merge,           // application/merge-patch+json
    Json,            // application/json-patch+json
    Apply,           // application/apply-patch+yaml (server-side apply)
};

// Media type parameters ("; charset=utf-8") and letter case are ignored; unknown types give
// nullopt, which the server answers with 415 UnsupportedMediaType.
std::optional<PatchType> patchTypeFromContentType(std::string_view contentType);
const char* contentTypeOf(PatchType type);

base::Result<nlohmann::json> applyPatch(PatchType type, const nlohmann::json& original,
                                        const nlohmann::json& patchBody);

}  // namespace scaledeck::sim
