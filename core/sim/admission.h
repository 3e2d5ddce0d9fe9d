// Admission: what the API server does to every object written through it, in the real order:
// strict field validation (when asked), defaulting, quantity canonicalisation ("1000m" is
// stored as "1"), then validation. A failure is the exact Status the real server returns
// (400 for undecodable or unknown fields, 422 with causes for invalid values), and nothing is
// stored.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/api_error.h"

namespace scaledeck::sim {

struct ResourceInfo;

class Admission {
public:
    // `storage` is the stored resource; `obj` is already in storage form.
    static std::optional<ApiError> admit(const ResourceInfo& storage, nlohmann::json& obj,
                                         bool strictFields);
    // Unknown-field check on the object as the client sent it (served version).
    static std::optional<ApiError> checkStrict(const ResourceInfo& served, const nlohmann::json& obj);
};

}  // namespace scaledeck::sim
