#include "sim/hpa_validation.h"

#include <cctype>
#include <exception>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace scaledeck::sim {
namespace {

using nlohmann::json;

constexpr int kMaxStabilizationWindowSeconds = 3600;
constexpr int kMaxPeriodSeconds = 1800;

const json& child(const json& j, const char* key) {
    static const json kNull;
    if (!j.is_object())
        return kNull;
    auto it = j.find(key);
    return it == j.end() ? kNull : *it;
}

bool present(const json& j, const char* key) {
    return !child(j, key).is_null();
}

std::string str(const json& j, const char* key) {
    const json& v = child(j, key);
    return v.is_string() ? v.get<std::string>() : "";
}

// Go's %q for the strings that appear in validation messages.
std::string quote(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "\"";
}

// How field.Invalid prints a bad value: numbers bare, strings quoted.
std::string render(const json& v) {
    if (v.is_string())
        return quote(v.get<std::string>());
    if (v.is_null())
        return "null";
    return v.dump();
}

std::string supported(std::initializer_list<const char*> values) {
    std::string out = "supported values: ";
    bool first = true;
    for (const char* v : values) {
        out += (first ? "" : ", ") + quote(v);
        first = false;
    }
    return out;
}

class Causes {
public:
    void required(const std::string& field, const std::string& detail = "") {
        m_causes.push_back({"FieldValueRequired",
                            detail.empty() ? "Required value" : "Required value: " + detail,
                            field});
    }
    void invalid(const std::string& field, const json& value, const std::string& detail) {
        m_causes.push_back(
            {"FieldValueInvalid", "Invalid value: " + render(value) + ": " + detail, field});
    }
    void notSupported(const std::string& field, const json& value, const std::string& values) {
        m_causes.push_back({"FieldValueNotSupported",
                            "Unsupported value: " + render(value) + ": " + values, field});
    }
    void forbidden(const std::string& field, const std::string& detail) {
        m_causes.push_back({"FieldValueForbidden", "Forbidden: " + detail, field});
    }
    FieldCauses take() { return std::move(m_causes); }

private:
    FieldCauses m_causes;
};

// An integer field; a value of the wrong type is reported and yields nullopt.
std::optional<long long> intField(const json& j, const char* key, const std::string& path,
                                  Causes& causes) {
    const json& v = child(j, key);
    if (v.is_null())
        return std::nullopt;
    if (v.is_number_integer())
        return v.get<long long>();
    causes.invalid(path, v, "must be an integer");
    return std::nullopt;
}

// pathvalidation.IsValidPathSegmentName.
std::vector<std::string> pathSegmentProblems(const std::string& name) {
    if (name == ".")
        return {"may not be '.'"};
    if (name == "..")
        return {"may not be '..'"};
    std::vector<std::string> out;
    if (name.find('/') != std::string::npos)
        out.push_back("may not contain '/'");
    if (name.find('%') != std::string::npos)
        out.push_back("may not contain '%'");
    return out;
}

bool isDns1123Label(const std::string& s) {
    if (s.empty() || s.size() > 63)
        return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const bool alnum = std::islower(static_cast<unsigned char>(c)) ||
                           std::isdigit(static_cast<unsigned char>(c));
        if (!alnum && !(c == '-' && i > 0 && i + 1 < s.size()))
            return false;
    }
    return true;
}

// Sign() == 1 of a quantity given as text or number.
bool quantityPositive(const json& v) {
    if (v.is_number())
        return v.get<double>() > 0;
    if (!v.is_string())
        return false;
    const std::string s = v.get<std::string>();
    if (s.empty() || s[0] == '-')
        return false;
    for (char c : s) {
        if (c == 'e' || c == 'E' || std::isalpha(static_cast<unsigned char>(c)))
            break;
        if (c >= '1' && c <= '9')
            return true;
    }
    return false;
}

void validateObjectReference(const json& ref, const std::string& path, Causes& causes) {
    for (const char* key : {"kind", "name"}) {
        const std::string value = str(ref, key);
        if (value.empty()) {
            causes.required(path + "." + key);
            continue;
        }
        for (const auto& msg : pathSegmentProblems(value)) {
            causes.invalid(path + "." + key, value, msg);
        }
    }
}

void validateIdentifier(const json& id, const std::string& path, Causes& causes) {
    const std::string name = str(id, "name");
    if (name.empty()) {
        causes.required(path + ".name", "must specify a metric name");
        return;
    }
    for (const auto& msg : pathSegmentProblems(name))
        causes.invalid(path + ".name", name, msg);
}

void validateTarget(const json& target, const std::string& path, Causes& causes) {
    const json& type = child(target, "type");
    const std::string t = type.is_string() ? type.get<std::string>() : "";
    if (t.empty())
        causes.required(path + ".type", "must specify a metric target type");
    if (t != "Utilization" && t != "Value" && t != "AverageValue") {
        causes.invalid(path + ".type", t, "must be either Utilization, Value, or AverageValue");
    }
    if (present(target, "value") && !quantityPositive(child(target, "value"))) {
        causes.invalid(path + ".value", child(target, "value"), "must be positive");
    }
    if (present(target, "averageValue") && !quantityPositive(child(target, "averageValue"))) {
        causes.invalid(path + ".averageValue", child(target, "averageValue"), "must be positive");
    }
    if (auto u = intField(target, "averageUtilization", path + ".averageUtilization", causes)) {
        if (*u < 1)
            causes.invalid(path + ".averageUtilization", *u, "must be greater than 0");
    }
}

void validateResourceSource(const json& src, const std::string& path, bool container,
                            Causes& causes) {
    if (str(src, "name").empty())
        causes.required(path + ".name", "must specify a resource name");
    if (container) {
        const std::string c = str(src, "container");
        if (c.empty()) {
            causes.required(path + ".container", "must specify a container");
        } else if (!isDns1123Label(c)) {
            causes.invalid(path + ".container", c,
                           "a lowercase RFC 1123 label must consist of lower case alphanumeric "
                           "characters or '-', and must start and end with an alphanumeric "
                           "character (e.g. 'my-name',  or '123-abc', regex used for validation "
                           "is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
        }
    }
    const json& target = child(src, "target");
    validateTarget(target, path + ".target", causes);
    const bool util = present(target, "averageUtilization");
    const bool avg = present(target, "averageValue");
    if (!util && !avg) {
        causes.required(path + ".target.averageUtilization",
                        "must set either a target raw value or a target utilization");
    }
    if (util && avg) {
        causes.forbidden(path + ".target.averageValue",
                         "may not set both a target raw value and a target utilization");
    }
}

void validateMetric(const json& metric, const std::string& path, Causes& causes) {
    const std::string type = str(metric, "type");
    if (type.empty())
        causes.required(path + ".type", "must specify a metric source type");

    struct Source {
        const char* field;
        const char* type;
    };
    static const Source kSources[] = {{"object", "Object"},
                                      {"external", "External"},
                                      {"pods", "Pods"},
                                      {"resource", "Resource"},
                                      {"containerResource", "ContainerResource"}};
    std::vector<std::string> populated;
    for (const auto& s : kSources) {
        const json& src = child(metric, s.field);
        if (src.is_null())
            continue;
        populated.push_back(s.field);
        if (populated.size() != 1)
            continue;  // only the first populated source is validated
        const std::string p = path + "." + s.field;
        const std::string field = s.field;
        if (field == "object") {
            validateObjectReference(child(src, "describedObject"), p + ".describedObject", causes);
            validateIdentifier(child(src, "metric"), p + ".metric", causes);
            validateTarget(child(src, "target"), p + ".target", causes);
            if (!present(child(src, "target"), "value") &&
                !present(child(src, "target"), "averageValue")) {
                causes.required(p + ".target.averageValue",
                                "must set either a target value or averageValue");
            }
        } else if (field == "external") {
            validateIdentifier(child(src, "metric"), p + ".metric", causes);
            const json& target = child(src, "target");
            validateTarget(target, p + ".target", causes);
            const bool value = present(target, "value");
            const bool avg = present(target, "averageValue");
            if (!value && !avg) {
                causes.required(p + ".target.averageValue",
                                "must set either a target value for metric or a per-pod target");
            }
            if (value && avg) {
                causes.forbidden(p + ".target.value",
                                 "may not set both a target value for metric and a per-pod target");
            }
        } else if (field == "pods") {
            validateIdentifier(child(src, "metric"), p + ".metric", causes);
            validateTarget(child(src, "target"), p + ".target", causes);
            if (!present(child(src, "target"), "averageValue")) {
                causes.required(p + ".target.averageValue",
                                "must specify a positive target averageValue");
            }
        } else {
            validateResourceSource(src, p, field == "containerResource", causes);
        }
    }

    std::string expected;
    for (const auto& s : kSources) {
        if (type == s.type)
            expected = s.field;
    }
    if (expected.empty()) {
        causes.notSupported(
            path + ".type", type,
            supported({"ContainerResource", "External", "Object", "Pods", "Resource"}));
    } else if (child(metric, expected.c_str()).is_null()) {
        causes.required(path + "." + expected,
                        "must populate information for the given metric source");
    }
    if (populated.size() != 1) {
        for (const auto& f : populated) {
            if (f != expected) {
                causes.forbidden(path + "." + f, "must populate the given metric source only");
            }
        }
    }
}

void validateRules(const json& rules, const std::string& path, Causes& causes) {
    if (rules.is_null())
        return;
    if (auto w = intField(rules, "stabilizationWindowSeconds", path + ".stabilizationWindowSeconds",
                          causes)) {
        if (*w < 0) {
            causes.invalid(path + ".stabilizationWindowSeconds", *w,
                           "must be greater than or equal to zero");
        }
        if (*w > kMaxStabilizationWindowSeconds) {
            causes.invalid(
                path + ".stabilizationWindowSeconds", *w,
                "must be less than or equal to " + std::to_string(kMaxStabilizationWindowSeconds));
        }
    }
    if (present(rules, "selectPolicy")) {
        const std::string s = str(rules, "selectPolicy");
        if (s != "Max" && s != "Min" && s != "Disabled") {
            causes.notSupported(path + ".selectPolicy", child(rules, "selectPolicy"),
                                supported({"Disabled", "Max", "Min"}));
        }
    }
    const json& policies = child(rules, "policies");
    if (!policies.is_array() || policies.empty()) {
        causes.required(path + ".policies", "must specify at least one Policy");
        return;
    }
    for (std::size_t i = 0; i < policies.size(); ++i) {
        const json& p = policies[i];
        const std::string pp = path + ".policies[" + std::to_string(i) + "]";
        const std::string type = str(p, "type");
        if (type != "Pods" && type != "Percent") {
            causes.notSupported(pp + ".type", type, supported({"Percent", "Pods"}));
        }
        const auto value = intField(p, "value", pp + ".value", causes).value_or(0);
        if (value <= 0)
            causes.invalid(pp + ".value", value, "must be greater than zero");
        const auto period = intField(p, "periodSeconds", pp + ".periodSeconds", causes).value_or(0);
        if (period <= 0)
            causes.invalid(pp + ".periodSeconds", period, "must be greater than zero");
        if (period > kMaxPeriodSeconds) {
            causes.invalid(pp + ".periodSeconds", period,
                           "must be less than or equal to " + std::to_string(kMaxPeriodSeconds));
        }
    }
}

json defaultRules(const json& from, bool scaleUp) {
    json rules = from.is_object() ? from : json::object();
    if (child(rules, "selectPolicy").is_null())
        rules["selectPolicy"] = "Max";
    if (scaleUp && child(rules, "stabilizationWindowSeconds").is_null()) {
        rules["stabilizationWindowSeconds"] = 0;
    }
    // An explicitly empty list is kept (and then rejected by validation), as upstream does.
    if (child(rules, "policies").is_null()) {
        rules["policies"] =
            scaleUp ? json::array({{{"type", "Pods"}, {"value", 4}, {"periodSeconds", 15}},
                                   {{"type", "Percent"}, {"value", 100}, {"periodSeconds", 15}}})
                    : json::array({{{"type", "Percent"}, {"value", 100}, {"periodSeconds", 15}}});
    }
    return rules;
}

json cpuUtilizationMetric(const json& percent) {
    return {{"type", "Resource"},
            {"resource",
             {{"name", "cpu"},
              {"target", {{"type", "Utilization"}, {"averageUtilization", percent}}}}}};
}

bool isCpuUtilization(const json& m) {
    if (str(m, "type") != "Resource")
        return false;
    const json& r = child(m, "resource");
    return str(r, "name") == "cpu" && child(child(r, "target"), "averageUtilization").is_number();
}

}  // namespace

void defaultHpa(json& hpa) {
    try {
        if (!hpa.is_object())
            return;
        if (!hpa["spec"].is_object())
            hpa["spec"] = json::object();
        json& spec = hpa["spec"];
        if (child(spec, "minReplicas").is_null())
            spec["minReplicas"] = 1;
        const json& metrics = child(spec, "metrics");
        if (!metrics.is_array() || metrics.empty()) {
            spec["metrics"] = json::array({cpuUtilizationMetric(80)});
        }
        if (spec.contains("behavior") && spec["behavior"].is_null())
            spec.erase("behavior");
        if (spec.contains("behavior") && spec["behavior"].is_object()) {
            json& behavior = spec["behavior"];
            behavior["scaleUp"] = defaultRules(child(behavior, "scaleUp"), true);
            behavior["scaleDown"] = defaultRules(child(behavior, "scaleDown"), false);
        }
    } catch (const std::exception&) {
        // Leave a malformed object for validation to report.
    }
}

FieldCauses validateHpa(const json& hpa) {
    Causes causes;
    try {
        const json& spec = child(hpa, "spec");
        const auto minReplicas = intField(spec, "minReplicas", "spec.minReplicas", causes);
        const auto maxReplicas =
            intField(spec, "maxReplicas", "spec.maxReplicas", causes).value_or(0);
        // 0 needs the HPAScaleToZero feature gate, which is off by default.
        if (minReplicas && *minReplicas < 1) {
            causes.invalid("spec.minReplicas", *minReplicas, "must be greater than or equal to 1");
        }
        if (maxReplicas < 1)
            causes.invalid("spec.maxReplicas", maxReplicas, "must be greater than 0");
        if (minReplicas && maxReplicas < *minReplicas) {
            causes.invalid("spec.maxReplicas", maxReplicas,
                           "must be greater than or equal to `minReplicas`");
        }
        validateObjectReference(child(spec, "scaleTargetRef"), "spec.scaleTargetRef", causes);
        const json& metrics = child(spec, "metrics");
        bool objectOrExternal = false;
        if (metrics.is_array()) {
            for (std::size_t i = 0; i < metrics.size(); ++i) {
                validateMetric(metrics[i], "spec.metrics[" + std::to_string(i) + "]", causes);
                const std::string type = str(metrics[i], "type");
                objectOrExternal = objectOrExternal || type == "Object" || type == "External";
            }
        }
        if (minReplicas && *minReplicas == 0 && !objectOrExternal) {
            causes.forbidden("spec.metrics",
                             "must specify at least one Object or External metric to support "
                             "scaling to zero replicas");
        }
        const json& behavior = child(spec, "behavior");
        if (behavior.is_object()) {
            validateRules(child(behavior, "scaleUp"), "spec.behavior.scaleUp", causes);
            validateRules(child(behavior, "scaleDown"), "spec.behavior.scaleDown", causes);
        }
    } catch (const std::exception& e) {
        causes.invalid("spec", std::string(e.what()), "could not be validated");
    }
    return causes.take();
}

json hpaV2ToV1(const json& hpa) {
    json out = hpa.is_object() ? hpa : json::object();
    try {
        out["apiVersion"] = "autoscaling/v1";
        out["kind"] = "HorizontalPodAutoscaler";
        const json& spec = child(hpa, "spec");
        json v1spec = json::object();
        for (const char* key : {"scaleTargetRef", "minReplicas", "maxReplicas"}) {
            if (present(spec, key))
                v1spec[key] = spec[key];
        }
        const json& metrics = child(spec, "metrics");
        if (metrics.is_array()) {
            for (const auto& m : metrics) {
                if (isCpuUtilization(m)) {
                    v1spec["targetCPUUtilizationPercentage"] =
                        m["resource"]["target"]["averageUtilization"];
                    break;
                }
            }
        }
        out["spec"] = v1spec;

        const json& status = child(hpa, "status");
        if (status.is_object()) {
            json v1status = {{"currentReplicas", child(status, "currentReplicas").is_number()
                                                     ? status["currentReplicas"]
                                                     : json(0)},
                             {"desiredReplicas", child(status, "desiredReplicas").is_number()
                                                     ? status["desiredReplicas"]
                                                     : json(0)}};
            for (const char* key : {"observedGeneration", "lastScaleTime"}) {
                if (present(status, key))
                    v1status[key] = status[key];
            }
            const json& current = child(status, "currentMetrics");
            if (current.is_array()) {
                for (const auto& m : current) {
                    const json& r = child(m, "resource");
                    const json& util = child(child(r, "current"), "averageUtilization");
                    if (str(m, "type") == "Resource" && str(r, "name") == "cpu" &&
                        util.is_number()) {
                        v1status["currentCPUUtilizationPercentage"] = util;
                        break;
                    }
                }
            }
            out["status"] = v1status;
        }
    } catch (const std::exception&) {
    }
    return out;
}

json hpaV1ToV2(const json& hpa) {
    json out = hpa.is_object() ? hpa : json::object();
    try {
        out["apiVersion"] = "autoscaling/v2";
        out["kind"] = "HorizontalPodAutoscaler";
        const json& spec = child(hpa, "spec");
        json v2spec = json::object();
        for (const char* key : {"scaleTargetRef", "minReplicas", "maxReplicas"}) {
            if (present(spec, key))
                v2spec[key] = spec[key];
        }
        if (present(spec, "targetCPUUtilizationPercentage")) {
            v2spec["metrics"] =
                json::array({cpuUtilizationMetric(spec["targetCPUUtilizationPercentage"])});
        }
        out["spec"] = v2spec;

        const json& status = child(hpa, "status");
        if (status.is_object()) {
            json v2status = json::object();
            for (const char* key :
                 {"observedGeneration", "lastScaleTime", "currentReplicas", "desiredReplicas"}) {
                if (present(status, key))
                    v2status[key] = status[key];
            }
            if (present(status, "currentCPUUtilizationPercentage")) {
                v2status["currentMetrics"] = json::array(
                    {{{"type", "Resource"},
                      {"resource",
                       {{"name", "cpu"},
                        {"current",
                         {{"averageUtilization", status["currentCPUUtilizationPercentage"]}}}}}}});
            }
            out["status"] = v2status;
        }
    } catch (const std::exception&) {
    }
    return out;
}

}  // namespace scaledeck::sim
