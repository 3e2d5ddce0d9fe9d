#include "sim/object_validation.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <optional>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

namespace scaledeck::sim {
namespace {

using nlohmann::json;

// ---- safe readers ----------------------------------------------------------------------------

const json* child(const json* j, std::string_view key) {
    if (j == nullptr || !j->is_object())
        return nullptr;
    auto it = j->find(key);
    return (it == j->end() || it->is_null()) ? nullptr : &*it;
}

const json* at(const json& root, std::initializer_list<std::string_view> path) {
    const json* cur = &root;
    for (auto key : path) {
        cur = child(cur, key);
        if (cur == nullptr)
            return nullptr;
    }
    return cur;
}

std::string str(const json* j) {
    if (j == nullptr || j->is_null())
        return "";
    if (j->is_string())
        return j->get<std::string>();
    return j->dump();
}

bool isInt(const json* j) {
    return j != nullptr && (j->is_number_integer() || j->is_number_unsigned());
}

std::int64_t num(const json* j, std::int64_t fallback = 0) {
    if (j == nullptr)
        return fallback;
    if (j->is_number_integer())
        return j->get<std::int64_t>();
    if (j->is_number_unsigned())
        return static_cast<std::int64_t>(j->get<std::uint64_t>());
    if (j->is_number_float())
        return static_cast<std::int64_t>(j->get<double>());
    return fallback;
}

const json& arr(const json* j) {
    static const json kEmpty = json::array();
    return (j != nullptr && j->is_array()) ? *j : kEmpty;
}

// ---- Go value rendering (what field.Error prints after "Invalid value: ") ---------------------

// fmt's %q for the strings Kubernetes objects hold.
std::string goQuote(std::string_view s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                if (c < 0x20 || c == 0x7f) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\x%02x", c);
                    out += buf;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out + "\"";
}

// %#v of a map[string]string: keys sorted, nil maps printed as such.
std::string goStringMap(const json* m) {
    if (m == nullptr || !m->is_object())
        return "map[string]string(nil)";
    std::string out = "map[string]string{";
    bool first = true;
    for (const auto& [k, v] : m->items()) {  // nlohmann objects iterate in key order
        if (!first)
            out += ", ";
        first = false;
        out += goQuote(k) + ":" + goQuote(str(&v));
    }
    return out + "}";
}

std::string goStringSlice(const json* a) {
    if (a == nullptr || !a->is_array())
        return "[]string(nil)";
    std::string out = "[]string{";
    for (std::size_t i = 0; i < a->size(); ++i) {
        if (i != 0)
            out += ", ";
        out += goQuote(str(&(*a)[i]));
    }
    return out + "}";
}

// %#v of a metav1.LabelSelector.
std::string goLabelSelector(const json* sel) {
    std::string out = "v1.LabelSelector{MatchLabels:" + goStringMap(child(sel, "matchLabels")) +
                      ", MatchExpressions:";
    const json* exprs = child(sel, "matchExpressions");
    if (exprs == nullptr || !exprs->is_array()) {
        out += "[]v1.LabelSelectorRequirement(nil)";
    } else {
        out += "[]v1.LabelSelectorRequirement{";
        for (std::size_t i = 0; i < exprs->size(); ++i) {
            const json& e = (*exprs)[i];
            if (i != 0)
                out += ", ";
            out += "v1.LabelSelectorRequirement{Key:" + goQuote(str(child(&e, "key"))) +
                   ", Operator:" + goQuote(str(child(&e, "operator"))) +
                   ", Values:" + goStringSlice(child(&e, "values")) + "}";
        }
        out += "}";
    }
    return out + "}";
}

// %#v of an intstr.IntOrString (its String method has a pointer receiver, so Go prints fields).
std::string goIntOrString(const json& v) {
    if (v.is_string()) {
        return "intstr.IntOrString{Type:1, IntVal:0, StrVal:" + goQuote(v.get<std::string>()) + "}";
    }
    return "intstr.IntOrString{Type:0, IntVal:" + std::to_string(num(&v)) + ", StrVal:\"\"}";
}

// ---- quantities -------------------------------------------------------------------------------

__extension__ typedef __int128 Int128;  // NOLINT: GCC extension, quiet under -Wpedantic

constexpr Int128 kQuantityCap = static_cast<Int128>(1000000000000000000LL) * 1000000000000000000LL;

Int128 capped(Int128 v) {
    return v > kQuantityCap ? kQuantityCap : v;
}

// A resource.Quantity in nano-units (enough to order any two quantities a pod spec holds).
std::optional<Int128> quantityNano(const json* q) {
    if (q == nullptr)
        return std::nullopt;
    std::string text = q->is_string() ? q->get<std::string>() : q->dump();
    std::string_view s = text;
    std::size_t i = 0;
    bool negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
        negative = s[i++] == '-';
    std::string digits;
    int fracDigits = 0;
    bool dot = false;
    for (; i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.'); ++i) {
        if (s[i] == '.') {
            if (dot)
                return std::nullopt;
            dot = true;
        } else {
            digits += s[i];
            if (dot)
                ++fracDigits;
        }
    }
    if (digits.empty())
        return std::nullopt;
    const std::string_view suffix = s.substr(i);
    int exp10 = 0;
    Int128 binary = 1;
    static const std::pair<std::string_view, int> kDecimal[] = {
        {"", 0},  {"n", -9}, {"u", -6}, {"m", -3}, {"k", 3},
        {"M", 6}, {"G", 9},  {"T", 12}, {"P", 15}, {"E", 18}};
    static const std::pair<std::string_view, int> kBinary[] = {{"Ki", 1}, {"Mi", 2}, {"Gi", 3},
                                                               {"Ti", 4}, {"Pi", 5}, {"Ei", 6}};
    bool known = false;
    for (const auto& [name, e] : kDecimal) {
        if (suffix == name) {
            exp10 = e;
            known = true;
        }
    }
    for (const auto& [name, p] : kBinary) {
        if (suffix == name) {
            for (int k = 0; k < p; ++k)
                binary *= 1024;
            known = true;
        }
    }
    if (!known && !suffix.empty() && (suffix[0] == 'e' || suffix[0] == 'E')) {
        std::string_view e = suffix.substr(1);
        bool eneg = false;
        if (!e.empty() && (e[0] == '+' || e[0] == '-')) {
            eneg = e[0] == '-';
            e.remove_prefix(1);
        }
        if (e.empty() || e.size() > 3)
            return std::nullopt;
        int value = 0;
        for (char c : e) {
            if (!std::isdigit(static_cast<unsigned char>(c)))
                return std::nullopt;
            value = value * 10 + (c - '0');
        }
        exp10 = eneg ? -value : value;
        known = true;
    }
    if (!known)
        return std::nullopt;

    Int128 v = 0;
    for (char c : digits)
        v = capped(v * 10 + (c - '0'));
    int e = exp10 - fracDigits + 9;
    for (; e > 0; --e)
        v = capped(v * 10);
    for (; e < 0; ++e)
        v = (v + 9) / 10;  // Quantities round up below their precision
    v = capped(v * binary);
    return negative ? -v : v;
}

// ---- name rules (k8s.io/apimachinery/pkg/util/validation) --------------------------------------

std::string regexError(const std::string& msg, const std::string& fmt,
                       std::initializer_list<const char*> examples) {
    if (examples.size() == 0)
        return msg + " (regex used for validation is '" + fmt + "')";
    std::string out = msg + " (e.g. ";
    bool first = true;
    for (const char* e : examples) {
        if (!first)
            out += " or ";
        first = false;
        out += "'" + std::string(e) + "', ";
    }
    return out + "regex used for validation is '" + fmt + "')";
}

std::string maxLenError(std::size_t n) {
    return "must be no more than " + std::to_string(n) + " characters";
}

bool isLowerAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool isAlnum(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

// [a-z0-9]([-a-z0-9]*[a-z0-9])?
bool matchesDns1123Label(std::string_view s) {
    if (s.empty() || !isLowerAlnum(s.front()) || !isLowerAlnum(s.back()))
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return isLowerAlnum(c) || c == '-'; });
}

bool matchesDns1123Subdomain(std::string_view s) {
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = s.find('.', start);
        if (!matchesDns1123Label(s.substr(start, dot - start)))
            return false;
        if (dot == std::string_view::npos)
            return true;
        start = dot + 1;
    }
}

std::vector<std::string> dns1123Label(std::string_view s) {
    std::vector<std::string> errs;
    if (s.size() > 63)
        errs.push_back(maxLenError(63));
    if (!matchesDns1123Label(s)) {
        errs.push_back(regexError(
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or "
            "'-', and must start and end with an alphanumeric character",
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?", {"my-name", "123-abc"}));
    }
    return errs;
}

std::vector<std::string> dns1123Subdomain(std::string_view s) {
    std::vector<std::string> errs;
    if (s.size() > 253)
        errs.push_back(maxLenError(253));
    if (!matchesDns1123Subdomain(s)) {
        errs.push_back(regexError(
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
            "'-' or '.', and must start and end with an alphanumeric character",
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*", {"example.com"}));
    }
    return errs;
}

std::vector<std::string> dns1035Label(std::string_view s) {
    std::vector<std::string> errs;
    if (s.size() > 63)
        errs.push_back(maxLenError(63));
    const bool ok = matchesDns1123Label(s) && s.front() >= 'a' && s.front() <= 'z';
    if (!ok) {
        errs.push_back(regexError(
            "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start "
            "with an alphabetic character, and end with an alphanumeric character",
            "[a-z]([-a-z0-9]*[a-z0-9])?", {"my-name", "abc-123"}));
    }
    return errs;
}

// ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]
bool matchesQualifiedNamePart(std::string_view s) {
    if (s.empty() || !isAlnum(s.front()) || !isAlnum(s.back()))
        return false;
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return isAlnum(c) || c == '-' || c == '_' || c == '.'; });
}

const char* const kQualifiedNameMsg =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character";
const char* const kQualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";

std::vector<std::string> qualifiedName(std::string_view value) {
    std::vector<std::string> errs;
    std::string_view name = value;
    const auto slashes = std::count(value.begin(), value.end(), '/');
    if (slashes > 1) {
        errs.push_back(
            "a qualified name " +
            regexError(kQualifiedNameMsg, kQualifiedNameFmt, {"MyName", "my.name", "123-abc"}) +
            " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
        return errs;
    }
    if (slashes == 1) {
        const auto slash = value.find('/');
        const std::string_view prefix = value.substr(0, slash);
        name = value.substr(slash + 1);
        if (prefix.empty()) {
            errs.emplace_back("prefix part must be non-empty");
        } else {
            for (const auto& m : dns1123Subdomain(prefix))
                errs.push_back("prefix part " + m);
        }
    }
    if (name.empty()) {
        errs.emplace_back("name part must be non-empty");
    } else if (name.size() > 63) {
        errs.push_back("name part " + maxLenError(63));
    }
    if (!matchesQualifiedNamePart(name)) {
        errs.push_back("name part " + regexError(kQualifiedNameMsg, kQualifiedNameFmt,
                                                 {"MyName", "my.name", "123-abc"}));
    }
    return errs;
}

std::vector<std::string> labelValue(std::string_view v) {
    std::vector<std::string> errs;
    if (v.size() > 63)
        errs.push_back(maxLenError(63));
    if (!v.empty() && !matchesQualifiedNamePart(v)) {
        errs.push_back(regexError(
            "a valid label must be an empty string or consist of alphanumeric characters, '-', "
            "'_' or '.', and must start and end with an alphanumeric character",
            "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?", {"MyValue", "my_value", "12345"}));
    }
    return errs;
}

// ---- the validator
// -------------------------------------------------------------------------------

class Validator {
public:
    FieldCauses causes;

    void invalid(const std::string& field, const std::string& value, const std::string& detail) {
        add("FieldValueInvalid", "Invalid value: " + value + (detail.empty() ? "" : ": " + detail),
            field);
    }
    void required(const std::string& field, const std::string& detail = "") {
        add("FieldValueRequired", "Required value" + (detail.empty() ? "" : ": " + detail), field);
    }
    void forbidden(const std::string& field, const std::string& detail) {
        add("FieldValueForbidden", "Forbidden: " + detail, field);
    }
    void duplicate(const std::string& field, const std::string& value) {
        add("FieldValueDuplicate", "Duplicate value: " + value, field);
    }
    void notSupported(const std::string& field, const std::string& value,
                      std::initializer_list<const char*> supported) {
        std::string list;
        for (const char* s : supported)
            list += (list.empty() ? "" : ", ") + goQuote(s);
        add("FieldValueNotSupported", "Unsupported value: " + value + ": supported values: " + list,
            field);
    }

    void nonNegative(const json* v, const std::string& field) {
        if (isInt(v) && num(v) < 0) {
            invalid(field, std::to_string(num(v)), "must be greater than or equal to 0");
        }
    }

    using NameRule = std::vector<std::string> (*)(std::string_view);

    void objectMeta(const json& obj, NameRule nameRule) {
        const std::string name = str(at(obj, {"metadata", "name"}));
        const std::string generateName = str(at(obj, {"metadata", "generateName"}));
        if (name.empty()) {
            if (generateName.empty()) {
                required("metadata.name", "name or generateName is required");
            }
        } else {
            for (const auto& m : nameRule(name))
                invalid("metadata.name", goQuote(name), m);
        }
        labels(at(obj, {"metadata", "labels"}), "metadata.labels");
        annotations(at(obj, {"metadata", "annotations"}), "metadata.annotations");
    }

    void labels(const json* m, const std::string& field) {
        if (m == nullptr || !m->is_object())
            return;
        for (const auto& [k, v] : m->items()) {
            for (const auto& msg : qualifiedName(k))
                invalid(field, goQuote(k), msg);
            const std::string value = str(&v);
            for (const auto& msg : labelValue(value))
                invalid(field, goQuote(value), msg);
        }
    }

    void annotations(const json* m, const std::string& field) {
        if (m == nullptr || !m->is_object())
            return;
        for (const auto& [k, v] : m->items()) {
            (void)v;
            std::string lowered = k;
            std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            for (const auto& msg : qualifiedName(lowered))
                invalid(field, goQuote(k), msg);
        }
    }

    // ValidateLabelSelector; returns false when the selector cannot be turned into a
    // labels.Selector (unknown operator or missing values).
    bool labelSelector(const json* sel, const std::string& field) {
        bool convertible = true;
        labels(child(sel, "matchLabels"), field + ".matchLabels");
        const json& exprs = arr(child(sel, "matchExpressions"));
        for (std::size_t i = 0; i < exprs.size(); ++i) {
            const json& e = exprs[i];
            const std::string path = field + ".matchExpressions[" + std::to_string(i) + "]";
            const std::string op = str(child(&e, "operator"));
            const std::size_t values = arr(child(&e, "values")).size();
            if (op == "In" || op == "NotIn") {
                if (values == 0) {
                    required(path + ".values",
                             "must be specified when `operator` is 'In' or 'NotIn'");
                    convertible = false;
                }
            } else if (op == "Exists" || op == "DoesNotExist") {
                if (values > 0) {
                    forbidden(path + ".values",
                              "may not be specified when `operator` is 'Exists' or "
                              "'DoesNotExist'");
                    convertible = false;
                }
            } else {
                invalid(path + ".operator", goQuote(op), "not a valid selector operator");
                convertible = false;
            }
            const std::string key = str(child(&e, "key"));
            for (const auto& msg : qualifiedName(key))
                invalid(path + ".key", goQuote(key), msg);
        }
        return convertible;
    }

    void intOrPercent(const json* v, const std::string& field) {
        if (v == nullptr)
            return;
        if (v->is_string()) {
            const std::string s = v->get<std::string>();
            const bool ok =
                s.size() >= 2 && s.back() == '%' && std::all_of(s.begin(), s.end() - 1, [](char c) {
                    return std::isdigit(static_cast<unsigned char>(c)) != 0;
                });
            if (!ok) {
                invalid(field, goIntOrString(*v),
                        regexError("a valid percent string must be a numeric string followed by "
                                   "an ending '%'",
                                   "[0-9]+%", {"1%", "93%"}));
            }
        } else if (isInt(v)) {
            nonNegative(v, field);
        } else {
            invalid(field, str(v), "must be an integer or percentage (e.g '5%')");
        }
    }

    void notMoreThan100Percent(const json* v, const std::string& field) {
        if (v == nullptr || !v->is_string())
            return;
        const std::string s = v->get<std::string>();
        if (s.size() < 2 || s.back() != '%')
            return;
        try {
            if (std::stoll(s.substr(0, s.size() - 1)) > 100) {
                invalid(field, goIntOrString(*v), "must not be greater than 100%");
            }
        } catch (const std::exception&) {
            // Not a number: already reported by intOrPercent.
        }
    }

    void resources(const json* res, const std::string& field) {
        const json* limits = child(res, "limits");
        const json* requests = child(res, "requests");
        auto each = [&](const json* list, const std::string& listField) {
            if (list == nullptr || !list->is_object())
                return;
            for (const auto& [name, value] : list->items()) {
                const auto q = quantityNano(&value);
                if (q && *q < 0) {
                    invalid(listField + "[" + name + "]", goQuote(str(&value)),
                            "must be greater than or equal to 0");
                }
            }
        };
        each(limits, field + ".limits");
        each(requests, field + ".requests");
        if (requests == nullptr || !requests->is_object() || limits == nullptr)
            return;
        for (const auto& [name, value] : requests->items()) {
            const json* limit = child(limits, name);
            if (limit == nullptr)
                continue;
            const auto req = quantityNano(&value);
            const auto lim = quantityNano(limit);
            if (!req || !lim)
                continue;
            // Extended resources (vendor-prefixed, hugepages) cannot be overcommitted.
            const bool native =
                (name.find('/') == std::string::npos || name.rfind("kubernetes.io/", 0) == 0) &&
                name.rfind("hugepages-", 0) != 0;
            if (!native && *req != *lim) {
                invalid(field + ".requests", goQuote(str(&value)),
                        "must be equal to " + name + " limit of " + str(limit));
            } else if (*req > *lim) {
                invalid(field + ".requests", goQuote(str(&value)),
                        "must be less than or equal to " + name + " limit of " + str(limit));
            }
        }
    }

    void containers(const json* list, const std::string& field, bool requireOne,
                    std::set<std::string>& names) {
        const json& cs = arr(list);
        if (requireOne && cs.empty()) {
            required(field);
            return;
        }
        for (std::size_t i = 0; i < cs.size(); ++i) {
            const json& c = cs[i];
            const std::string path = field + "[" + std::to_string(i) + "]";
            const std::string name = str(child(&c, "name"));
            if (name.empty()) {
                required(path + ".name");
            } else {
                for (const auto& m : dns1123Label(name))
                    invalid(path + ".name", goQuote(name), m);
            }
            const json& ports = arr(child(&c, "ports"));
            for (std::size_t p = 0; p < ports.size(); ++p) {
                const json* port = child(&ports[p], "containerPort");
                const std::string portPath = path + ".ports[" + std::to_string(p) + "]";
                if (port == nullptr) {
                    required(portPath + ".containerPort");
                } else if (num(port) < 1 || num(port) > 65535) {
                    invalid(portPath + ".containerPort", std::to_string(num(port)),
                            "must be between 1 and 65535, inclusive");
                }
            }
            resources(child(&c, "resources"), path + ".resources");
            // Empty policies are defaulted before validation, so only wrong values are reported.
            const std::string pull = str(child(&c, "imagePullPolicy"));
            if (!pull.empty() && pull != "Always" && pull != "IfNotPresent" && pull != "Never") {
                notSupported(path + ".imagePullPolicy", goQuote(pull),
                             {"Always", "IfNotPresent", "Never"});
            }
            if (!name.empty() && !names.insert(name).second) {
                duplicate(path + ".name", goQuote(name));
            }
            if (str(child(&c, "image")).empty())
                required(path + ".image");
        }
    }

    void podSpec(const json* spec, const std::string& field) {
        std::set<std::string> names;
        containers(child(spec, "initContainers"), field + ".initContainers", false, names);
        containers(child(spec, "containers"), field + ".containers", true, names);
        const std::string restart = str(child(spec, "restartPolicy"));
        if (!restart.empty() && restart != "Always" && restart != "OnFailure" &&
            restart != "Never") {
            notSupported(field + ".restartPolicy", goQuote(restart),
                         {"Always", "OnFailure", "Never"});
        }
        const std::string dns = str(child(spec, "dnsPolicy"));
        if (!dns.empty() && dns != "ClusterFirstWithHostNet" && dns != "ClusterFirst" &&
            dns != "Default" && dns != "None") {
            notSupported(field + ".dnsPolicy", goQuote(dns),
                         {"ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"});
        }
        nonNegative(child(spec, "terminationGracePeriodSeconds"),
                    field + ".terminationGracePeriodSeconds");
        const json* deadline = child(spec, "activeDeadlineSeconds");
        if (isInt(deadline) && num(deadline) < 1) {
            invalid(field + ".activeDeadlineSeconds", std::to_string(num(deadline)),
                    "must be between 1 and 2147483647, inclusive");
        }
    }

    // ValidatePodTemplateSpecForReplicaSet / ...ForStatefulSet: the template must carry the
    // selector's labels and always restart its containers.
    void workloadTemplate(const json& obj, const json* selector, bool selectorUsable,
                          const std::string& kindForMessages) {
        // The template is a struct, not a pointer, in the API types: absent means empty.
        static const json kEmptyTemplate = json::object();
        const json* tmpl = at(obj, {"spec", "template"});
        if (tmpl == nullptr)
            tmpl = &kEmptyTemplate;
        if (selectorUsable && selector != nullptr && !selectorEmpty(selector) &&
            !selectorMatches(*selector, child(at(*tmpl, {"metadata"}), "labels"))) {
            invalid("spec.template.metadata.labels", goStringMap(at(*tmpl, {"metadata", "labels"})),
                    "`selector` does not match template `labels`");
        }
        labels(at(*tmpl, {"metadata", "labels"}), "spec.template.metadata.labels");
        annotations(at(*tmpl, {"metadata", "annotations"}), "spec.template.metadata.annotations");
        podSpec(child(tmpl, "spec"), "spec.template.spec");
        const std::string restart = str(at(*tmpl, {"spec", "restartPolicy"}));
        if (!restart.empty() && restart != "Always") {
            notSupported("spec.template.spec.restartPolicy", goQuote(restart), {"Always"});
        }
        if (at(*tmpl, {"spec", "activeDeadlineSeconds"}) != nullptr) {
            forbidden("spec.template.spec.activeDeadlineSeconds",
                      "activeDeadlineSeconds in " + kindForMessages + " is not Supported");
        }
    }

    // spec.selector: required, valid, not empty. Returns whether it converts to a selector.
    bool workloadSelector(const json& obj, const std::string& emptyMessage) {
        const json* sel = at(obj, {"spec", "selector"});
        if (sel == nullptr) {
            required("spec.selector");
            return false;
        }
        const bool usable = labelSelector(sel, "spec.selector");
        if (selectorEmpty(sel))
            invalid("spec.selector", goLabelSelector(sel), emptyMessage);
        if (!usable)
            invalid("spec.selector", goLabelSelector(sel), "invalid label selector");
        return usable;
    }

    static bool selectorEmpty(const json* sel) {
        const json* ml = child(sel, "matchLabels");
        const json* me = child(sel, "matchExpressions");
        return (ml == nullptr || ml->empty()) && (me == nullptr || me->empty());
    }

    static bool selectorMatches(const json& sel, const json* labelMap) {
        auto label = [&](const std::string& key) -> std::optional<std::string> {
            const json* v = child(labelMap, key);
            if (v == nullptr)
                return std::nullopt;
            return str(v);
        };
        if (const json* ml = child(&sel, "matchLabels"); ml != nullptr && ml->is_object()) {
            for (const auto& [k, v] : ml->items()) {
                if (label(k) != str(&v))
                    return false;
            }
        }
        for (const auto& e : arr(child(&sel, "matchExpressions"))) {
            const auto have = label(str(child(&e, "key")));
            const std::string op = str(child(&e, "operator"));
            bool inValues = false;
            for (const auto& v : arr(child(&e, "values")))
                inValues |= have && *have == str(&v);
            if ((op == "In" && !inValues) || (op == "NotIn" && inValues) ||
                (op == "Exists" && !have) || (op == "DoesNotExist" && have)) {
                return false;
            }
        }
        return true;
    }

    void deployment(const json& obj) {
        objectMeta(obj, dns1123Subdomain);
        nonNegative(at(obj, {"spec", "replicas"}), "spec.replicas");
        const bool usable = workloadSelector(obj, "empty selector is invalid for deployment");
        workloadTemplate(obj, at(obj, {"spec", "selector"}), usable, "ReplicaSet");
        deploymentStrategy(at(obj, {"spec", "strategy"}));
        const json* minReady = at(obj, {"spec", "minReadySeconds"});
        nonNegative(minReady, "spec.minReadySeconds");
        nonNegative(at(obj, {"spec", "revisionHistoryLimit"}), "spec.revisionHistoryLimit");
        const json* deadline = at(obj, {"spec", "progressDeadlineSeconds"});
        if (isInt(deadline)) {
            nonNegative(deadline, "spec.progressDeadlineSeconds");
            if (num(deadline) <= num(minReady)) {
                invalid("spec.progressDeadlineSeconds", std::to_string(num(deadline)),
                        "must be greater than minReadySeconds");
            }
        }
    }

    void deploymentStrategy(const json* strategy) {
        const std::string type = str(child(strategy, "type"));
        const json* rolling = child(strategy, "rollingUpdate");
        if (type == "Recreate") {
            if (rolling != nullptr) {
                forbidden("spec.strategy.rollingUpdate",
                          "may not be specified when strategy `type` is 'Recreate'");
            }
        } else if (type == "RollingUpdate") {
            if (rolling == nullptr) {
                required("spec.strategy.rollingUpdate",
                         "this should be defaulted and never be nil");
                return;
            }
            const json* maxUnavailable = child(rolling, "maxUnavailable");
            const json* maxSurge = child(rolling, "maxSurge");
            intOrPercent(maxUnavailable, "spec.strategy.rollingUpdate.maxUnavailable");
            intOrPercent(maxSurge, "spec.strategy.rollingUpdate.maxSurge");
            if (isZero(maxUnavailable) && isZero(maxSurge)) {
                invalid("spec.strategy.rollingUpdate.maxUnavailable",
                        maxUnavailable ? goIntOrString(*maxUnavailable) : "null",
                        "may not be 0 when `maxSurge` is 0");
            }
            notMoreThan100Percent(maxUnavailable, "spec.strategy.rollingUpdate.maxUnavailable");
        } else if (!type.empty()) {  // an empty type is defaulted to RollingUpdate
            notSupported("spec.strategy",
                         "apps.DeploymentStrategy{Type:" + goQuote(type) +
                             ", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}",
                         {"Recreate", "RollingUpdate"});
        }
    }

    static bool isZero(const json* v) {
        if (v == nullptr)
            return true;
        if (v->is_string()) {
            const std::string s = v->get<std::string>();
            return s == "0%" || s == "0";
        }
        return num(v) == 0;
    }

    void replicaSet(const json& obj) {
        objectMeta(obj, dns1123Subdomain);
        nonNegative(at(obj, {"spec", "replicas"}), "spec.replicas");
        nonNegative(at(obj, {"spec", "minReadySeconds"}), "spec.minReadySeconds");
        // The real message says "deployment" for ReplicaSets too.
        const bool usable = workloadSelector(obj, "empty selector is invalid for deployment");
        workloadTemplate(obj, at(obj, {"spec", "selector"}), usable, "ReplicaSet");
    }

    void statefulSet(const json& obj) {
        objectMeta(obj, dns1123Subdomain);
        const std::string policy = str(at(obj, {"spec", "podManagementPolicy"}));
        if (!policy.empty() && policy != "OrderedReady" && policy != "Parallel") {
            invalid("spec.podManagementPolicy", goQuote(policy),
                    "must be 'OrderedReady' or 'Parallel'");
        }
        const std::string update = str(at(obj, {"spec", "updateStrategy", "type"}));
        const json* rolling = at(obj, {"spec", "updateStrategy", "rollingUpdate"});
        // An empty type is defaulted to RollingUpdate before validation.
        if (update == "OnDelete") {
            if (rolling != nullptr) {
                invalid("spec.updateStrategy.rollingUpdate", rolling->dump(),
                        "only allowed for updateStrategy 'RollingUpdate'");
            }
        } else if (update == "RollingUpdate") {
            nonNegative(child(rolling, "partition"), "spec.updateStrategy.rollingUpdate.partition");
        } else if (!update.empty()) {
            invalid("spec.updateStrategy", goQuote(update),
                    "must be 'RollingUpdate' or 'OnDelete'");
        }
        nonNegative(at(obj, {"spec", "replicas"}), "spec.replicas");
        nonNegative(at(obj, {"spec", "minReadySeconds"}), "spec.minReadySeconds");
        const bool usable = workloadSelector(obj, "empty selector is invalid for statefulset");
        workloadTemplate(obj, at(obj, {"spec", "selector"}), usable, "StatefulSet");
    }

    void pod(const json& obj) {
        objectMeta(obj, dns1123Subdomain);
        podSpec(child(&obj, "spec"), "spec");
    }

    void podDisruptionBudget(const json& obj) {
        objectMeta(obj, dns1123Subdomain);
        const json* spec = child(&obj, "spec");
        const json* minAvailable = child(spec, "minAvailable");
        const json* maxUnavailable = child(spec, "maxUnavailable");
        if (minAvailable != nullptr && maxUnavailable != nullptr) {
            // Go prints the spec struct with %#v, pointers as addresses; the addresses differ on
            // every real request, so fixed ones are as faithful as any.
            invalid(
                "spec",
                "policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc000a1e0a0), "
                "Selector:(*v1.LabelSelector)(0xc000a1e0c0), "
                "MaxUnavailable:(*intstr.IntOrString)(0xc000a1e0e0), "
                "UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(nil)}",
                "minAvailable and maxUnavailable cannot be both set");
        }
        intOrPercent(minAvailable, "spec.minAvailable");
        notMoreThan100Percent(minAvailable, "spec.minAvailable");
        intOrPercent(maxUnavailable, "spec.maxUnavailable");
        notMoreThan100Percent(maxUnavailable, "spec.maxUnavailable");
        if (const json* sel = child(spec, "selector"))
            labelSelector(sel, "spec.selector");
        const std::string policy = str(child(spec, "unhealthyPodEvictionPolicy"));
        if (!policy.empty() && policy != "AlwaysAllow" && policy != "IfHealthyBudget") {
            notSupported("spec.unhealthyPodEvictionPolicy", goQuote(policy),
                         {"AlwaysAllow", "IfHealthyBudget"});
        }
    }

    void configMap(const json& obj) {
        objectMeta(obj, dns1123Subdomain);
        auto keys = [&](const json* m, const std::string& field) {
            if (m == nullptr || !m->is_object())
                return;
            for (const auto& [key, value] : m->items()) {
                (void)value;
                for (const auto& msg : configMapKey(key)) {
                    invalid(field + "[" + key + "]", goQuote(key), msg);
                }
            }
        };
        const json* data = child(&obj, "data");
        const json* binary = child(&obj, "binaryData");
        keys(data, "data");
        keys(binary, "binaryData");
        if (binary != nullptr && binary->is_object()) {
            for (const auto& [key, value] : binary->items()) {
                (void)value;
                if (child(data, key) != nullptr) {
                    invalid("binaryData", goQuote(key), "duplicate of key present in data");
                }
            }
        }
    }

    static std::vector<std::string> configMapKey(const std::string& key) {
        std::vector<std::string> errs;
        if (key.size() > 253)
            errs.push_back(maxLenError(253));
        const bool ok = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
            return isAlnum(c) || c == '-' || c == '.' || c == '_';
        });
        if (!ok) {
            errs.push_back(regexError(
                "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
                "[-._a-zA-Z0-9]+", {"key.name", "KEY_NAME", "key_name"}));
        }
        if (key == ".") {
            errs.emplace_back("must not be '.'");
        } else if (key == "..") {
            errs.emplace_back("must not be '..'");
        } else if (key.rfind("..", 0) == 0) {
            errs.emplace_back("must not start with '..'");
        }
        return errs;
    }

    void service(const json& obj) {
        objectMeta(obj, dns1035Label);
        const json* spec = child(&obj, "spec");
        const std::string type = str(child(spec, "type"));
        if (!type.empty() && type != "ClusterIP" && type != "NodePort" && type != "LoadBalancer" &&
            type != "ExternalName") {
            notSupported("spec.type", goQuote(type),
                         {"ClusterIP", "ExternalName", "LoadBalancer", "NodePort"});
        }
        const std::string affinity = str(child(spec, "sessionAffinity"));
        if (!affinity.empty() && affinity != "None" && affinity != "ClientIP") {
            notSupported("spec.sessionAffinity", goQuote(affinity), {"ClientIP", "None"});
        }
        const json& ports = arr(child(spec, "ports"));
        if (ports.empty() && type != "ExternalName" && str(child(spec, "clusterIP")) != "None") {
            required("spec.ports");
        }
        for (std::size_t i = 0; i < ports.size(); ++i) {
            const std::string path = "spec.ports[" + std::to_string(i) + "]";
            const json* port = child(&ports[i], "port");
            if (num(port) < 1 || num(port) > 65535) {
                invalid(path + ".port", std::to_string(num(port)),
                        "must be between 1 and 65535, inclusive");
            }
            const std::string protocol = str(child(&ports[i], "protocol"));
            if (!protocol.empty() && protocol != "TCP" && protocol != "UDP" && protocol != "SCTP") {
                notSupported(path + ".protocol", goQuote(protocol), {"SCTP", "TCP", "UDP"});
            }
            if (ports.size() > 1 && str(child(&ports[i], "name")).empty()) {
                required(path + ".name");
            }
        }
    }

private:
    void add(const char* reason, std::string message, const std::string& field) {
        causes.push_back({reason, std::move(message), field});
    }
};

// ---- defaulting ---------------------------------------------------------------------------------

json& ensureObject(json& parent, const char* key) {
    if (!parent.contains(key) || !parent[key].is_object())
        parent[key] = json::object();
    return parent[key];
}

void setIfMissing(json& obj, const char* key, json value) {
    if (!obj.is_object())
        return;
    if (!obj.contains(key) || obj[key].is_null())
        obj[key] = std::move(value);
}

// parsers.ParseImageName: an image without tag and digest means ":latest".
bool imageIsLatest(const std::string& image) {
    if (image.find('@') != std::string::npos) {
        const std::string beforeDigest = image.substr(0, image.find('@'));
        const auto slash = beforeDigest.rfind('/');
        const auto colon = beforeDigest.rfind(':');
        if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) {
            return beforeDigest.substr(colon + 1) == "latest";
        }
        return false;
    }
    const auto slash = image.rfind('/');
    const auto colon = image.rfind(':');
    if (colon == std::string::npos || (slash != std::string::npos && colon < slash))
        return true;
    return image.substr(colon + 1) == "latest";
}

void defaultHttpGet(json& handler) {
    if (!handler.is_object() || !handler.contains("httpGet") || !handler["httpGet"].is_object()) {
        return;
    }
    json& get = handler["httpGet"];
    if (str(child(&get, "path")).empty())
        get["path"] = "/";
    if (str(child(&get, "scheme")).empty())
        get["scheme"] = "HTTP";
}

void defaultContainer(json& c, bool requestsFromLimits) {
    if (!c.is_object())
        return;
    if (str(child(&c, "imagePullPolicy")).empty()) {
        c["imagePullPolicy"] = imageIsLatest(str(child(&c, "image"))) ? "Always" : "IfNotPresent";
    }
    if (str(child(&c, "terminationMessagePath")).empty()) {
        c["terminationMessagePath"] = "/dev/termination-log";
    }
    if (str(child(&c, "terminationMessagePolicy")).empty()) {
        c["terminationMessagePolicy"] = "File";
    }
    if (c.contains("resources") && !c["resources"].is_object())
        c["resources"] = json::object();
    setIfMissing(c, "resources", json::object());
    if (requestsFromLimits) {
        json& res = c["resources"];
        if (const json* limits = child(&res, "limits"); limits != nullptr && limits->is_object()) {
            json& requests = ensureObject(res, "requests");
            for (const auto& [k, v] : limits->items())
                setIfMissing(requests, k.c_str(), v);
        }
    }
    if (c.contains("ports") && c["ports"].is_array()) {
        for (auto& p : c["ports"]) {
            if (p.is_object() && str(child(&p, "protocol")).empty())
                p["protocol"] = "TCP";
        }
    }
    for (const char* probe : {"livenessProbe", "readinessProbe", "startupProbe"}) {
        if (!c.contains(probe) || !c[probe].is_object())
            continue;
        json& pr = c[probe];
        setIfMissing(pr, "timeoutSeconds", 1);
        setIfMissing(pr, "periodSeconds", 10);
        setIfMissing(pr, "successThreshold", 1);
        setIfMissing(pr, "failureThreshold", 3);
        defaultHttpGet(pr);
    }
    if (c.contains("lifecycle") && c["lifecycle"].is_object()) {
        for (const char* hook : {"postStart", "preStop"}) {
            if (c["lifecycle"].contains(hook))
                defaultHttpGet(c["lifecycle"][hook]);
        }
    }
    if (c.contains("env") && c["env"].is_array()) {
        for (auto& e : c["env"]) {
            json* fieldRef = e.is_object() && e.contains("valueFrom") &&
                                     e["valueFrom"].is_object() &&
                                     e["valueFrom"].contains("fieldRef") &&
                                     e["valueFrom"]["fieldRef"].is_object()
                                 ? &e["valueFrom"]["fieldRef"]
                                 : nullptr;
            if (fieldRef != nullptr)
                setIfMissing(*fieldRef, "apiVersion", "v1");
        }
    }
}

void defaultPodSpec(json& spec, bool isPod) {
    if (!spec.is_object())
        return;
    setIfMissing(spec, "restartPolicy", "Always");
    setIfMissing(spec, "dnsPolicy", "ClusterFirst");
    setIfMissing(spec, "schedulerName", "default-scheduler");
    setIfMissing(spec, "terminationGracePeriodSeconds", 30);
    setIfMissing(spec, "securityContext", json::object());
    if (isPod)
        setIfMissing(spec, "enableServiceLinks", true);
    for (const char* list : {"initContainers", "containers"}) {
        if (!spec.contains(list) || !spec[list].is_array())
            continue;
        for (auto& c : spec[list])
            defaultContainer(c, isPod);
    }
}

void defaultTemplate(json& obj) {
    if (!obj.contains("spec") || !obj["spec"].is_object())
        return;
    json& spec = obj["spec"];
    if (!spec.contains("template") || !spec["template"].is_object())
        return;
    json& tmpl = spec["template"];
    if (tmpl.contains("spec") && tmpl["spec"].is_object())
        defaultPodSpec(tmpl["spec"], false);
}

void defaultDeployment(json& obj) {
    json& spec = ensureObject(obj, "spec");
    setIfMissing(spec, "replicas", 1);
    json& strategy = ensureObject(spec, "strategy");
    setIfMissing(strategy, "type", "RollingUpdate");
    if (str(child(&strategy, "type")) == "RollingUpdate") {
        json& rolling = ensureObject(strategy, "rollingUpdate");
        setIfMissing(rolling, "maxUnavailable", "25%");
        setIfMissing(rolling, "maxSurge", "25%");
    }
    setIfMissing(spec, "revisionHistoryLimit", 10);
    setIfMissing(spec, "progressDeadlineSeconds", 600);
    defaultTemplate(obj);
}

void defaultStatefulSet(json& obj) {
    json& spec = ensureObject(obj, "spec");
    setIfMissing(spec, "podManagementPolicy", "OrderedReady");
    json& update = ensureObject(spec, "updateStrategy");
    if (str(child(&update, "type")).empty()) {
        update["type"] = "RollingUpdate";
        ensureObject(update, "rollingUpdate");
    }
    if (str(child(&update, "type")) == "RollingUpdate" && update.contains("rollingUpdate") &&
        update["rollingUpdate"].is_object()) {
        setIfMissing(update["rollingUpdate"], "partition", 0);
    }
    json& retention = ensureObject(spec, "persistentVolumeClaimRetentionPolicy");
    setIfMissing(retention, "whenDeleted", "Retain");
    setIfMissing(retention, "whenScaled", "Retain");
    setIfMissing(spec, "replicas", 1);
    setIfMissing(spec, "revisionHistoryLimit", 10);
    defaultTemplate(obj);
}

void defaultService(json& obj) {
    json& spec = ensureObject(obj, "spec");
    setIfMissing(spec, "sessionAffinity", "None");
    setIfMissing(spec, "type", "ClusterIP");
    const std::string type = str(child(&spec, "type"));
    if (spec.contains("ports") && spec["ports"].is_array()) {
        for (auto& p : spec["ports"]) {
            if (!p.is_object())
                continue;
            if (str(child(&p, "protocol")).empty())
                p["protocol"] = "TCP";
            const json* target = child(&p, "targetPort");
            if (target == nullptr || (target->is_string() && target->get<std::string>().empty()) ||
                (isInt(target) && num(target) == 0)) {
                if (p.contains("port"))
                    p["targetPort"] = p["port"];
            }
        }
    }
    if (type == "NodePort" || type == "LoadBalancer") {
        setIfMissing(spec, "externalTrafficPolicy", "Cluster");
    }
    if (type == "NodePort" || type == "LoadBalancer" || type == "ClusterIP") {
        setIfMissing(spec, "internalTrafficPolicy", "Cluster");
    }
    if (type == "LoadBalancer")
        setIfMissing(spec, "allocateLoadBalancerNodePorts", true);
}

void defaultNamespace(json& obj) {
    const std::string name = str(at(obj, {"metadata", "name"}));
    if (!name.empty()) {
        json& meta = ensureObject(obj, "metadata");
        json& labels = ensureObject(meta, "labels");
        labels["kubernetes.io/metadata.name"] = name;  // the defaulter always forces it
    }
    json& spec = ensureObject(obj, "spec");
    setIfMissing(spec, "finalizers", json::array({"kubernetes"}));
    json& status = ensureObject(obj, "status");
    setIfMissing(status, "phase", "Active");
}

}  // namespace

FieldCauses validateObject(const std::string& resource, const nlohmann::json& obj) {
    Validator v;
    try {
        if (resource == "deployments") {
            v.deployment(obj);
        } else if (resource == "replicasets") {
            v.replicaSet(obj);
        } else if (resource == "statefulsets") {
            v.statefulSet(obj);
        } else if (resource == "pods") {
            v.pod(obj);
        } else if (resource == "poddisruptionbudgets") {
            v.podDisruptionBudget(obj);
        } else if (resource == "configmaps") {
            v.configMap(obj);
        } else if (resource == "services") {
            v.service(obj);
        } else if (resource == "namespaces") {
            v.objectMeta(obj, dns1123Label);
        } else {
            v.objectMeta(obj, dns1123Subdomain);
        }
    } catch (const std::exception& e) {
        v.causes.push_back({"InternalError", std::string("validation failed: ") + e.what(), ""});
    }
    return v.causes;
}

void defaultObject(const std::string& resource, nlohmann::json& obj) {
    if (!obj.is_object())
        return;
    try {
        if (resource == "deployments") {
            defaultDeployment(obj);
        } else if (resource == "replicasets") {
            setIfMissing(ensureObject(obj, "spec"), "replicas", 1);
            defaultTemplate(obj);
        } else if (resource == "statefulsets") {
            defaultStatefulSet(obj);
        } else if (resource == "pods") {
            if (obj.contains("spec"))
                defaultPodSpec(obj["spec"], true);
        } else if (resource == "services") {
            defaultService(obj);
        } else if (resource == "namespaces") {
            defaultNamespace(obj);
        }
    } catch (const std::exception&) {
        // Defaulting works on whatever shape arrived; validation reports what is wrong with it.
    }
}

}  // namespace scaledeck::sim
