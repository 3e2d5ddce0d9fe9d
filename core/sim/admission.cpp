#include "sim/admission.h"

#include "base/quantity.h"
#include "sim/hpa_validation.h"
#include "sim/object_validation.h"
#include "sim/resource_registry.h"
#include "sim/schema_check.h"

namespace scaledeck::sim {
namespace {

// Canonicalises resources.requests/limits of every container in a pod spec. Returns the first
// undecodable quantity as an error message.
std::optional<std::string> canonicalisePodSpec(nlohmann::json& podSpec) {
    for (const char* list : {"containers", "initContainers"}) {
        if (!podSpec.contains(list) || !podSpec[list].is_array()) continue;
        for (auto& c : podSpec[list]) {
            if (!c.contains("resources") || !c["resources"].is_object()) continue;
            for (const char* kind : {"requests", "limits"}) {
                auto& res = c["resources"];
                if (!res.contains(kind) || !res[kind].is_object()) continue;
                for (auto& [name, value] : res[kind].items()) {
                    std::string text = value.is_string() ? value.get<std::string>() : value.dump();
                    auto q = base::Quantity::parse(text);
                    if (!q.ok()) {
                        return "quantities must match the regular expression "
                               "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' (" + name + ": \"" +
                               text + "\")";
                    }
                    value = q->toString();
                }
            }
        }
    }
    return std::nullopt;
}

nlohmann::json* podSpecOf(const std::string& kind, nlohmann::json& obj) {
    if (kind == "Pod") return obj.contains("spec") ? &obj["spec"] : nullptr;
    if (obj.contains("spec") && obj["spec"].contains("template") &&
        obj["spec"]["template"].contains("spec")) {
        return &obj["spec"]["template"]["spec"];
    }
    return nullptr;
}

}  // namespace

std::optional<ApiError> Admission::checkStrict(const ResourceInfo& served,
                                               const nlohmann::json& obj) {
    const auto unknown = unknownFields(served.plural, obj);
    if (unknown.empty()) return std::nullopt;
    std::string msg = "strict decoding error: ";
    for (std::size_t i = 0; i < unknown.size(); ++i) {
        msg += (i ? ", " : "") + std::string("unknown field \"") + unknown[i] + "\"";
    }
    return ApiError::badRequest(msg);
}

std::optional<ApiError> Admission::admit(const ResourceInfo& r, nlohmann::json& obj,
                                         bool strictFields) {
    (void)strictFields;
    const std::string name = obj["metadata"].value("name", "");
    if (r.kind == "HorizontalPodAutoscaler") {
        defaultHpa(obj);
    } else {
        defaultObject(r.plural, obj);
    }
    if (auto* spec = podSpecOf(r.kind, obj)) {
        if (auto err = canonicalisePodSpec(*spec)) {
            return ApiError::badRequest(r.kind + " in version \"" + r.version +
                                        "\" cannot be handled as a " + r.kind + ": " + *err);
        }
    }
    // Metadata rules hold for every kind; HPAs add the autoscaling rules of hpa-controller.md §B.8.
    FieldCauses causes = validateObject(r.plural, obj);
    if (r.kind == "HorizontalPodAutoscaler") {
        const auto hpaCauses = validateHpa(obj);
        causes.insert(causes.end(), hpaCauses.begin(), hpaCauses.end());
    }
    if (!causes.empty()) return ApiError::invalid(r, name, causes);
    return std::nullopt;
}

}  // namespace scaledeck::sim
