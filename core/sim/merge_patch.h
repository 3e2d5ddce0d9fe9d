// JSON merge patch (application/merge-patch+json, RFC 7386): maps merge recursively, `null`
// deletes a key, lists and scalars are replaced. `kubectl scale` sends it to /scale and
// `kubectl patch --type=merge` everywhere. Like the API server (evanphx/json-patch), a patch
// must be a JSON object; anything else is "Invalid JSON Patch". Nothing throws.
#pragma once

#include <nlohmann/json.hpp>

#include "base/result.h"

namespace scaledeck::sim {

base::Result<nlohmann::json> applyMergePatch(const nlohmann::json& original,
                                             const nlohmann::json& patch);

}  // namespace scaledeck::sim
