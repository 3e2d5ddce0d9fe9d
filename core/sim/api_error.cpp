#include "sim/api_error.h"

#include "sim/resource_registry.h"

namespace scaledeck::sim {
namespace {

nlohmann::json detailsFor(const ResourceInfo& r, const std::string& name) {
    nlohmann::json d = {{"name", name}, {"kind", r.plural}};
    if (!r.group.empty()) d["group"] = r.group;
    return d;
}

ApiError make(int code, std::string reason, std::string message,
              nlohmann::json details = nullptr) {
    ApiError e;
    e.code = code;
    e.reason = std::move(reason);
    e.message = std::move(message);
    e.details = std::move(details);
    return e;
}

}  // namespace

nlohmann::json ApiError::toStatus() const {
    nlohmann::json s = {{"kind", "Status"},   {"apiVersion", "v1"},  {"metadata", nlohmann::json::object()},
                        {"status", "Failure"}, {"message", message}, {"code", code}};
    if (!reason.empty()) s["reason"] = reason;
    if (!details.is_null()) s["details"] = details;
    if (retryAfterSeconds > 0) {
        if (!s.contains("details")) s["details"] = nlohmann::json::object();
        s["details"]["retryAfterSeconds"] = retryAfterSeconds;
    }
    return s;
}

ApiError ApiError::notFound(const ResourceInfo& r, const std::string& name) {
    return make(404, "NotFound", r.qualifiedName() + " \"" + name + "\" not found",
                detailsFor(r, name));
}

ApiError ApiError::alreadyExists(const ResourceInfo& r, const std::string& name) {
    return make(409, "AlreadyExists", r.qualifiedName() + " \"" + name + "\" already exists",
                detailsFor(r, name));
}

ApiError ApiError::conflict(const ResourceInfo& r, const std::string& name) {
    return make(409, "Conflict",
                "Operation cannot be fulfilled on " + r.qualifiedName() + " \"" + name +
                    "\": the object has been modified; please apply your changes to the latest "
                    "version and try again",
                detailsFor(r, name));
}

ApiError ApiError::invalid(const ResourceInfo& r, const std::string& name,
                           const FieldCauses& causes) {
    const std::string kindGroup = r.group.empty() ? r.kind : r.kind + "." + r.group;
    std::string joined;
    nlohmann::json causeList = nlohmann::json::array();
    for (const auto& c : causes) {
        const std::string one = c.field.empty() ? c.message : c.field + ": " + c.message;
        joined += (joined.empty() ? "" : ", ") + one;
        causeList.push_back({{"reason", c.reason}, {"message", c.message}, {"field", c.field}});
    }
    if (causes.size() > 1) joined = "[" + joined + "]";
    nlohmann::json d = {{"name", name}, {"kind", r.kind}, {"causes", causeList}};
    if (!r.group.empty()) d["group"] = r.group;
    return make(422, "Invalid", kindGroup + " \"" + name + "\" is invalid: " + joined, d);
}

ApiError ApiError::forbidden(const std::string& message) { return make(403, "Forbidden", message); }

ApiError ApiError::unauthorized() { return make(401, "Unauthorized", "Unauthorized"); }

ApiError ApiError::badRequest(const std::string& message) {
    return make(400, "BadRequest", message);
}

ApiError ApiError::expired(const std::string& message) { return make(410, "Expired", message); }

ApiError ApiError::unsupportedMediaType(const std::string& contentType) {
    (void)contentType;
    return make(415, "UnsupportedMediaType",
                "the body of the request was in an unknown format - accepted media types "
                "include: application/json-patch+json, application/merge-patch+json, "
                "application/apply-patch+yaml, application/strategic-merge-patch+json");
}

ApiError ApiError::tooLarge(std::size_t limit) {
    return make(413, "RequestEntityTooLarge",
                "Request entity too large: limit is " + std::to_string(limit));
}

ApiError ApiError::methodNotAllowed(const std::string& message) {
    return make(405, "MethodNotAllowed", message);
}

ApiError ApiError::notFoundPath(const std::string& path) {
    (void)path;
    return make(404, "NotFound", "the server could not find the requested resource",
                nlohmann::json{{"causes", {{{"reason", "UnexpectedServerResponse"},
                                            {"message", "404 page not found"}}}}});
}

ApiError ApiError::tooManyRequests(const std::string& message, int retryAfterSeconds) {
    auto e = make(429, "TooManyRequests", message);
    e.retryAfterSeconds = retryAfterSeconds;
    return e;
}

ApiError ApiError::internal(const std::string& message) {
    return make(500, "InternalError", "Internal error occurred: " + message);
}

ApiError ApiError::serviceUnavailable(const std::string& message, int retryAfterSeconds) {
    auto e = make(503, "ServiceUnavailable", message);
    e.retryAfterSeconds = retryAfterSeconds;
    return e;
}

}  // namespace scaledeck::sim
