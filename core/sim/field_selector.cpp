#include "sim/field_selector.h"

#include <algorithm>
#include <array>
#include <initializer_list>

namespace scaledeck::sim {
namespace {

constexpr std::array<std::string_view, 10> kPodFields = {
    "spec.nodeName",
    "spec.restartPolicy",
    "spec.schedulerName",
    "spec.serviceAccountName",
    "spec.hostNetwork",
    "status.phase",
    "status.podIP",
    "status.podIPs",
    "status.nominatedNodeName",
    "spec.host",
};

constexpr std::array<std::string_view, 11> kEventFields = {
    "involvedObject.kind",
    "involvedObject.namespace",
    "involvedObject.name",
    "involvedObject.uid",
    "involvedObject.apiVersion",
    "involvedObject.resourceVersion",
    "involvedObject.fieldPath",
    "reason",
    "reportingComponent",
    "source",
    "type",
};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, const std::string& field) {
    return std::find(list.begin(), list.end(), field) != list.end();
}

std::string baseResource(const std::string& resource) {
    const auto slash = resource.rfind('/');
    return slash == std::string::npos ? resource : resource.substr(slash + 1);
}

// fields.splitTerms: commas not preceded by a backslash separate terms.
std::vector<std::string> splitTerms(std::string_view s) {
    std::vector<std::string> terms;
    if (s.empty())
        return terms;
    std::size_t start = 0;
    bool inSlash = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (inSlash) {
            inSlash = false;
        } else if (s[i] == '\\') {
            inSlash = true;
        } else if (s[i] == ',') {
            terms.emplace_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    terms.emplace_back(s.substr(start));
    return terms;
}

// fields.UnescapeValue, with its error texts.
base::Result<std::string> unescapeValue(std::string_view s) {
    std::string out;
    bool inSlash = false;
    for (char c : s) {
        if (inSlash) {
            if (c != '\\' && c != ',' && c != '=') {
                return base::Error::invalid(
                    std::string("invalid field selector: invalid escape sequence: \\") + c);
            }
            out.push_back(c);
            inSlash = false;
            continue;
        }
        if (c == '\\') {
            inSlash = true;
        } else if (c == ',' || c == '=') {
            return base::Error::invalid(
                std::string("invalid field selector: unescaped character in value: ") + c);
        } else {
            out.push_back(c);
        }
    }
    if (inSlash) {
        return base::Error::invalid("invalid field selector: invalid escape sequence: \\");
    }
    return out;
}

std::string escapeValue(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '\\' || c == ',' || c == '=')
            out.push_back('\\');
        out.push_back(c);
    }
    return out;
}

const nlohmann::json* at(const nlohmann::json& obj, std::initializer_list<const char*> path) {
    const nlohmann::json* cur = &obj;
    for (const char* key : path) {
        if (!cur->is_object())
            return nullptr;
        const auto it = cur->find(key);
        if (it == cur->end())
            return nullptr;
        cur = &*it;
    }
    return cur;
}

// How a field reads when it is a selectable field: strings as they are, booleans as Go's
// strconv.FormatBool writes them, anything missing as "".
std::string text(const nlohmann::json& obj, std::initializer_list<const char*> path) {
    const nlohmann::json* v = at(obj, path);
    if (v == nullptr || v->is_null())
        return "";
    if (v->is_string())
        return v->get<std::string>();
    if (v->is_boolean())
        return v->get<bool>() ? "true" : "false";
    if (v->is_number())
        return v->dump();
    return "";
}

std::string boolText(const nlohmann::json& obj, std::initializer_list<const char*> path) {
    const nlohmann::json* v = at(obj, path);
    return v != nullptr && v->is_boolean() && v->get<bool>() ? "true" : "false";
}

std::string podField(const nlohmann::json& pod, const std::string& field) {
    if (field == "spec.hostNetwork")
        return boolText(pod, {"spec", "hostNetwork"});
    if (field == "status.podIP") {
        // The server reads podIPs[0]; podIP is its mirror.
        const nlohmann::json* ips = at(pod, {"status", "podIPs"});
        if (ips != nullptr && ips->is_array() && !ips->empty())
            return text((*ips)[0], {"ip"});
        return text(pod, {"status", "podIP"});
    }
    if (field == "spec.nodeName")
        return text(pod, {"spec", "nodeName"});
    if (field == "spec.restartPolicy")
        return text(pod, {"spec", "restartPolicy"});
    if (field == "spec.schedulerName")
        return text(pod, {"spec", "schedulerName"});
    if (field == "spec.serviceAccountName")
        return text(pod, {"spec", "serviceAccountName"});
    if (field == "status.phase")
        return text(pod, {"status", "phase"});
    if (field == "status.nominatedNodeName")
        return text(pod, {"status", "nominatedNodeName"});
    return "";  // status.podIPs is accepted but not selectable upstream either
}

std::string eventField(const nlohmann::json& event, const std::string& field) {
    static const std::string kInvolved = "involvedObject.";
    if (field.rfind(kInvolved, 0) == 0) {
        const std::string sub = field.substr(kInvolved.size());
        // events.k8s.io/v1 calls the involved object "regarding".
        const char* holder = event.contains("involvedObject") ? "involvedObject" : "regarding";
        return text(event, {holder, sub.c_str()});
    }
    const std::string reporting = !text(event, {"reportingComponent"}).empty()
                                      ? text(event, {"reportingComponent"})
                                      : text(event, {"reportingController"});
    if (field == "reportingComponent")
        return reporting;
    if (field == "source") {
        const std::string component = text(event, {"source", "component"});
        return component.empty() ? reporting : component;
    }
    if (field == "reason")
        return text(event, {"reason"});
    if (field == "type")
        return text(event, {"type"});
    return "";
}

}  // namespace

bool FieldSelector::supports(const std::string& resource, const std::string& field) {
    if (field == "metadata.name" || field == "metadata.namespace")
        return true;
    const std::string r = baseResource(resource);
    if (r == "pods")
        return contains(kPodFields, field);
    if (r == "events")
        return contains(kEventFields, field);
    if (r == "nodes")
        return field == "spec.unschedulable";
    if (r == "namespaces")
        return field == "status.phase";
    if (r == "secrets")
        return field == "type";
    return false;
}

std::string FieldSelector::fieldValue(const std::string& resource, const nlohmann::json& object,
                                      const std::string& field) {
    if (field == "metadata.name")
        return text(object, {"metadata", "name"});
    if (field == "metadata.namespace")
        return text(object, {"metadata", "namespace"});
    const std::string r = baseResource(resource);
    if (r == "pods")
        return podField(object, field);
    if (r == "events")
        return eventField(object, field);
    if (r == "nodes" && field == "spec.unschedulable")
        return boolText(object, {"spec", "unschedulable"});
    if (r == "namespaces" && field == "status.phase")
        return text(object, {"status", "phase"});
    if (r == "secrets" && field == "type")
        return text(object, {"type"});
    return "";
}

base::Result<FieldSelector> FieldSelector::parse(std::string_view text,
                                                 const std::string& resource) {
    std::vector<std::string> terms = splitTerms(text);
    std::sort(terms.begin(), terms.end());
    FieldSelector selector;
    selector.m_resource = resource;
    for (const auto& term : terms) {
        if (term.empty())
            continue;
        // The first operator found from the left wins, "!=" and "==" before "=".
        std::size_t opPos = std::string::npos;
        std::size_t opLen = 0;
        bool negated = false;
        for (std::size_t i = 0; i < term.size(); ++i) {
            if (term.compare(i, 2, "!=") == 0 || term.compare(i, 2, "==") == 0) {
                opPos = i;
                opLen = 2;
                negated = term[i] == '!';
                break;
            }
            if (term[i] == '=') {
                opPos = i;
                opLen = 1;
                break;
            }
        }
        if (opPos == std::string::npos) {
            return base::Error::invalid("invalid selector: '" + std::string(text) +
                                        "'; can't understand '" + term + "'");
        }
        auto value = unescapeValue(std::string_view(term).substr(opPos + opLen));
        if (!value.ok())
            return value.error();
        selector.m_requirements.push_back(
            {term.substr(0, opPos), std::move(value.value()), negated});
    }
    // The label conversion runs after parsing, term by term in sorted order.
    for (auto& r : selector.m_requirements) {
        if (!supports(resource, r.field)) {
            return base::Error::invalid("field label not supported: " + r.field);
        }
        if (baseResource(resource) == "pods" && r.field == "spec.host")
            r.field = "spec.nodeName";
    }
    return selector;
}

bool FieldSelector::matches(const nlohmann::json& object) const {
    return std::all_of(m_requirements.begin(), m_requirements.end(), [&](const Requirement& r) {
        return (fieldValue(m_resource, object, r.field) == r.value) != r.negated;
    });
}

std::optional<std::string> FieldSelector::exactName() const {
    for (const auto& r : m_requirements) {
        if (r.field == "metadata.name" && !r.negated)
            return r.value;
    }
    return std::nullopt;
}

std::string FieldSelector::toString() const {
    std::string out;
    for (const auto& r : m_requirements) {
        if (!out.empty())
            out += ",";
        out += r.field + (r.negated ? "!=" : "=") + escapeValue(r.value);
    }
    return out;
}

}  // namespace scaledeck::sim
