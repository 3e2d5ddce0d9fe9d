#include "sim/merge_patch.h"

namespace scaledeck::sim {

base::Result<nlohmann::json> applyMergePatch(const nlohmann::json& original,
                                             const nlohmann::json& patch) {
    if (!original.is_object()) {
        return base::Error::invalid("cannot merge-patch a document that is not a JSON object");
    }
    if (!patch.is_object())
        return base::Error::invalid("Invalid JSON Patch");
    nlohmann::json result = original;
    result.merge_patch(patch);
    return result;
}

}  // namespace scaledeck::sim
