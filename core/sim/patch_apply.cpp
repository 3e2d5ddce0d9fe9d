#include "sim/patch_apply.h"

#include <cctype>
#include <string>

namespace scaledeck::sim {

std::optional<PatchType> patchTypeFromContentType(std::string_view contentType) {
    if (const auto semicolon = contentType.find(';'); semicolon != std::string_view::npos) {
        contentType = contentType.substr(0, semicolon);
    }
    std::string mediaType;
    for (char c : contentType) {
        if (c != ' ' && c != '\t') {
            mediaType.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        }
    }
    if (mediaType == "application/strategic-merge-patch+json")
        return PatchType::StrategicMerge;
    if (mediaType == "application/merge-patch+json")
        return PatchType::Merge;
    if (mediaType == "application/json-patch+json")
        return PatchType::Json;
    if (mediaType == "application/apply-patch+yaml")
        return PatchType::Apply;
    return std::nullopt;
}

const char* contentTypeOf(PatchType type) {
    switch (type) {
        case PatchType::StrategicMerge:
            return "application/strategic-merge-patch+json";
        case PatchType::Merge:
            return "application/merge-patch+json";
        case PatchType::Json:
            return "application/json-patch+json";
        case PatchType::Apply:
            return "application/apply-patch+yaml";
    }
    return "application/strategic-merge-patch+json";
}

base::Result<nlohmann::json> applyPatch(PatchType type, const nlohmann::json& original,
                                        const nlohmann::json& patchBody) {
    switch (type) {
        case PatchType::StrategicMerge:
            return applyStrategicMergePatch(original, patchBody);
        case PatchType::Merge:
            return applyMergePatch(original, patchBody);
        case PatchType::Json:
            return applyJsonPatch(original, patchBody);
        case PatchType::Apply:
            break;
    }
    return base::Error{base::ErrorKind::Unsupported, "server-side apply is not supported", 415,
                       false};
}

}  // namespace scaledeck::sim
