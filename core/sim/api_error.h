// ApiError: a failed API request, rendered as the Kubernetes `Status` object kubectl reads
// (code, reason, message, details). Constructors produce the exact message styles of the real
// API server so kubectl prints the same words users know from production clusters.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "sim/field_cause.h"

namespace scaledeck::sim {

struct ResourceInfo;

struct ApiError {
    int code = 500;
    std::string reason;  // "NotFound", "Conflict", ...
    std::string message;
    nlohmann::json details;  // null when absent
    int retryAfterSeconds = 0;

    nlohmann::json toStatus() const;

    static ApiError notFound(const ResourceInfo& r, const std::string& name);
    static ApiError alreadyExists(const ResourceInfo& r, const std::string& name);
    static ApiError conflict(const ResourceInfo& r, const std::string& name);
    static ApiError invalid(const ResourceInfo& r, const std::string& name, const FieldCauses& causes);
    static ApiError forbidden(const std::string& message);
    static ApiError unauthorized();
    static ApiError badRequest(const std::string& message);
    static ApiError expired(const std::string& message);
    static ApiError unsupportedMediaType(const std::string& contentType);
    static ApiError tooLarge(std::size_t limit);
    static ApiError methodNotAllowed(const std::string& message);
    static ApiError notFoundPath(const std::string& path);
    static ApiError tooManyRequests(const std::string& message, int retryAfterSeconds);
    static ApiError internal(const std::string& message);
    static ApiError serviceUnavailable(const std::string& message, int retryAfterSeconds);
};

}  // namespace scaledeck::sim
