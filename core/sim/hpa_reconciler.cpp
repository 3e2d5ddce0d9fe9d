#include "sim/hpa_reconciler.h"

#include <cctype>
#include <cmath>
#include <exception>
#include <limits>
#include <string_view>

namespace scaledeck::sim {
namespace {

using nlohmann::json;
namespace pl = scaledeck::planning;

__extension__ typedef __int128 Int128;

constexpr Int128 kInt64Max = std::numeric_limits<std::int64_t>::max();

// ---- quantities ----------------------------------------------------------------------------

// A Kubernetes quantity ("500m", "1.5", "512Mi", "123456789n", "1e3") as milli-units, rounded
// up like Quantity.MilliValue(). nullopt when the text is not a quantity.
std::optional<std::int64_t> parseMilli(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
        text.remove_prefix(1);
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
        text.remove_suffix(1);
    }
    bool negative = false;
    if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
        negative = text[0] == '-';
        text.remove_prefix(1);
    }
    Int128 mantissa = 0;
    int digits = 0;
    int significant = 0;
    int decExp = 0;
    bool seenDot = false;
    bool inexact = false;
    std::size_t i = 0;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '.') {
            if (seenDot)
                return std::nullopt;
            seenDot = true;
            continue;
        }
        if (!std::isdigit(static_cast<unsigned char>(c)))
            break;
        ++digits;
        if (significant < 30) {
            mantissa = mantissa * 10 + (c - '0');
            if (mantissa != 0)
                ++significant;
            if (seenDot)
                --decExp;
        } else if (!seenDot) {
            ++decExp;  // too many digits: keep the magnitude, drop the precision
        } else if (c != '0') {
            inexact = true;
        }
    }
    if (digits == 0)
        return std::nullopt;
    const std::string_view suffix = text.substr(i);
    int binaryPow = 0;  // power of 1024
    if (suffix.empty()) {
        // a plain decimal number
    } else if (suffix.size() == 2 && suffix[1] == 'i') {
        static constexpr std::string_view kBinary = "KMGTPE";
        const auto pos = kBinary.find(suffix[0]);
        if (pos == std::string_view::npos)
            return std::nullopt;
        binaryPow = static_cast<int>(pos) + 1;
    } else if ((suffix[0] == 'e' || suffix[0] == 'E') && suffix.size() > 1) {
        std::string_view e = suffix.substr(1);
        bool expNegative = false;
        if (e[0] == '+' || e[0] == '-') {
            expNegative = e[0] == '-';
            e.remove_prefix(1);
        }
        if (e.empty() || e.size() > 4)
            return std::nullopt;
        int exp = 0;
        for (char c : e) {
            if (!std::isdigit(static_cast<unsigned char>(c)))
                return std::nullopt;
            exp = exp * 10 + (c - '0');
        }
        decExp += expNegative ? -exp : exp;
    } else if (suffix.size() == 1) {
        switch (suffix[0]) {
            case 'n':
                decExp -= 9;
                break;
            case 'u':
                decExp -= 6;
                break;
            case 'm':
                decExp -= 3;
                break;
            case 'k':
                decExp += 3;
                break;
            case 'M':
                decExp += 6;
                break;
            case 'G':
                decExp += 9;
                break;
            case 'T':
                decExp += 12;
                break;
            case 'P':
                decExp += 15;
                break;
            case 'E':
                decExp += 18;
                break;
            default:
                return std::nullopt;
        }
    } else {
        return std::nullopt;
    }
    decExp += 3;  // milli-units
    Int128 v = mantissa;
    for (int k = 0; k < binaryPow; ++k) {
        if (v > kInt64Max * 1000)
            break;
        v *= 1024;
    }
    if (decExp >= 0) {
        for (int k = 0; k < decExp && v <= kInt64Max; ++k)
            v *= 10;
    } else if (-decExp > 36) {
        v = v > 0 ? 1 : 0;
    } else {
        Int128 div = 1;
        for (int k = 0; k < -decExp; ++k)
            div *= 10;
        const bool remainder = v % div != 0;
        v /= div;
        if (remainder || inexact)
            v += 1;  // MilliValue rounds up
    }
    if (v > kInt64Max)
        v = kInt64Max;
    const auto out = static_cast<std::int64_t>(v);
    return negative ? -out : out;
}

std::optional<std::int64_t> quantityMilli(const json& value) {
    if (value.is_string())
        return parseMilli(value.get<std::string>());
    if (value.is_number_integer()) {
        return parseMilli(std::to_string(value.get<std::int64_t>()));
    }
    if (value.is_number())
        return parseMilli(value.dump());
    return std::nullopt;
}

// resource.NewMilliQuantity(v, DecimalSI).String(): strip trailing zeros, then lower the
// exponent to a multiple of three and pick the SI suffix ("150m", "2", "104857600", "512M").
std::string formatMilli(std::int64_t milli) {
    if (milli == 0)
        return "0";
    if (milli < 0)
        return "-" + formatMilli(-milli);
    std::int64_t mantissa = milli;
    int exp = -3;
    while (mantissa % 10 == 0) {
        mantissa /= 10;
        ++exp;
    }
    while (exp % 3 != 0) {
        mantissa *= 10;
        --exp;
    }
    const char* suffix = "";
    switch (exp) {
        case -3:
            suffix = "m";
            break;
        case 3:
            suffix = "k";
            break;
        case 6:
            suffix = "M";
            break;
        case 9:
            suffix = "G";
            break;
        case 12:
            suffix = "T";
            break;
        case 15:
            suffix = "P";
            break;
        case 18:
            suffix = "E";
            break;
        default:
            break;
    }
    return std::to_string(mantissa) + suffix;
}

// Go's time.Duration text ("15s", "20.03s", "1m0s", "500ms") in milliseconds.
std::optional<std::int64_t> parseGoDurationMs(std::string_view text) {
    if (text == "0")
        return 0;
    double total = 0;
    std::size_t i = 0;
    if (text.empty())
        return std::nullopt;
    while (i < text.size()) {
        const std::size_t start = i;
        while (i < text.size() &&
               (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) {
            ++i;
        }
        if (i == start)
            return std::nullopt;
        const double number = std::stod(std::string(text.substr(start, i - start)));
        const std::size_t unitStart = i;
        while (i < text.size() && !std::isdigit(static_cast<unsigned char>(text[i])) &&
               text[i] != '.') {
            ++i;
        }
        const std::string_view unit = text.substr(unitStart, i - unitStart);
        double scale = 0;
        if (unit == "h") {
            scale = 3'600'000;
        } else if (unit == "m") {
            scale = 60'000;
        } else if (unit == "s") {
            scale = 1'000;
        } else if (unit == "ms") {
            scale = 1;
        } else if (unit == "us" || unit == "\xc2\xb5s" || unit == "\xce\xbcs") {
            scale = 0.001;
        } else if (unit == "ns") {
            scale = 0.000001;
        } else {
            return std::nullopt;
        }
        total += number * scale;
    }
    return static_cast<std::int64_t>(std::llround(total));
}

// ---- tolerant JSON access ------------------------------------------------------------------

const json& child(const json& j, const char* key) {
    static const json kNull;
    if (!j.is_object())
        return kNull;
    auto it = j.find(key);
    return it == j.end() ? kNull : *it;
}

std::string text(const json& j, const char* key, const std::string& fallback = "") {
    const json& v = child(j, key);
    return v.is_string() ? v.get<std::string>() : fallback;
}

std::optional<std::int64_t> integer(const json& j, const char* key) {
    const json& v = child(j, key);
    if (v.is_number_integer())
        return v.get<std::int64_t>();
    if (v.is_number_float())
        return static_cast<std::int64_t>(v.get<double>());
    return std::nullopt;
}

std::optional<std::int32_t> int32Field(const json& j, const char* key) {
    auto v = integer(j, key);
    if (!v)
        return std::nullopt;
    return static_cast<std::int32_t>(*v);
}

std::optional<base::UnixMillis> timeField(const json& j, const char* key) {
    const json& v = child(j, key);
    if (!v.is_string())
        return std::nullopt;
    return base::parseRfc3339(v.get<std::string>());
}

// ---- decoding ------------------------------------------------------------------------------

std::optional<pl::LabelSelector> decodeSelector(const json& j) {
    if (!j.is_object())
        return std::nullopt;
    pl::LabelSelector s;
    for (const auto& [k, v] : child(j, "matchLabels").items()) {
        if (v.is_string())
            s.matchLabels[k] = v.get<std::string>();
    }
    const json& exprs = child(j, "matchExpressions");
    if (exprs.is_array()) {
        for (const auto& e : exprs) {
            pl::LabelSelectorRequirement r;
            r.key = text(e, "key");
            r.op = text(e, "operator");
            const json& values = child(e, "values");
            if (values.is_array()) {
                for (const auto& v : values) {
                    if (v.is_string())
                        r.values.push_back(v.get<std::string>());
                }
            }
            s.matchExpressions.push_back(r);
        }
    }
    return s;
}

pl::MetricTarget decodeTarget(const json& j) {
    pl::MetricTarget t;
    const std::string type = text(j, "type");
    t.type = type == "Value"          ? pl::MetricTargetType::Value
             : type == "AverageValue" ? pl::MetricTargetType::AverageValue
                                      : pl::MetricTargetType::Utilization;
    t.averageUtilization = int32Field(j, "averageUtilization");
    if (const json& v = child(j, "value"); !v.is_null())
        t.valueMilli = quantityMilli(v);
    if (const json& v = child(j, "averageValue"); !v.is_null()) {
        t.averageValueMilli = quantityMilli(v);
    }
    return t;
}

pl::MetricIdentifier decodeIdentifier(const json& j) {
    return pl::MetricIdentifier{text(j, "name"), decodeSelector(child(j, "selector"))};
}

std::optional<pl::MetricSpec> decodeMetric(const json& j) {
    pl::MetricSpec m;
    const std::string type = text(j, "type");
    if (type == "Resource") {
        m.type = pl::MetricSourceType::Resource;
        const json& r = child(j, "resource");
        m.resourceName = text(r, "name");
        m.target = decodeTarget(child(r, "target"));
    } else if (type == "ContainerResource") {
        m.type = pl::MetricSourceType::ContainerResource;
        const json& r = child(j, "containerResource");
        m.resourceName = text(r, "name");
        m.container = text(r, "container");
        m.target = decodeTarget(child(r, "target"));
    } else if (type == "Pods") {
        m.type = pl::MetricSourceType::Pods;
        const json& p = child(j, "pods");
        m.metric = decodeIdentifier(child(p, "metric"));
        m.target = decodeTarget(child(p, "target"));
    } else if (type == "Object") {
        m.type = pl::MetricSourceType::Object;
        const json& o = child(j, "object");
        m.metric = decodeIdentifier(child(o, "metric"));
        const json& d = child(o, "describedObject");
        m.describedObject = {text(d, "apiVersion"), text(d, "kind"), text(d, "name")};
        m.target = decodeTarget(child(o, "target"));
    } else if (type == "External") {
        m.type = pl::MetricSourceType::External;
        const json& e = child(j, "external");
        m.metric = decodeIdentifier(child(e, "metric"));
        m.target = decodeTarget(child(e, "target"));
    } else {
        return std::nullopt;
    }
    return m;
}

std::optional<pl::ScalingRules> decodeRules(const json& j) {
    if (!j.is_object())
        return std::nullopt;
    pl::ScalingRules r;
    r.stabilizationWindowSeconds = int32Field(j, "stabilizationWindowSeconds");
    const std::string select = text(j, "selectPolicy");
    if (select == "Max")
        r.selectPolicy = pl::SelectPolicy::Max;
    if (select == "Min")
        r.selectPolicy = pl::SelectPolicy::Min;
    if (select == "Disabled")
        r.selectPolicy = pl::SelectPolicy::Disabled;
    const json& policies = child(j, "policies");
    if (policies.is_array()) {
        std::vector<pl::ScalingPolicy> list;
        for (const auto& p : policies) {
            pl::ScalingPolicy policy;
            policy.type = text(p, "type") == "Percent" ? pl::ScalingPolicyType::Percent
                                                       : pl::ScalingPolicyType::Pods;
            policy.value = int32Field(p, "value").value_or(0);
            policy.periodSeconds = int32Field(p, "periodSeconds").value_or(0);
            list.push_back(policy);
        }
        r.policies = list;
    }
    return r;
}

// The spec plus, in parallel, the JSON of each decoded metric (for status identifiers).
struct DecodedSpec {
    pl::HpaSpec spec;
    std::vector<json> metricJson;
};

DecodedSpec decodeSpec(const json& spec) {
    DecodedSpec d;
    d.spec.minReplicas = int32Field(spec, "minReplicas");
    d.spec.maxReplicas = int32Field(spec, "maxReplicas").value_or(0);
    const json& metrics = child(spec, "metrics");
    if (metrics.is_array()) {
        for (const auto& m : metrics) {
            if (auto decoded = decodeMetric(m)) {
                d.spec.metrics.push_back(*decoded);
                d.metricJson.push_back(m);
            }
        }
    }
    if (d.spec.metrics.empty()) {
        // What API defaulting would have stored: cpu at 80 %.
        json cpu = {
            {"type", "Resource"},
            {"resource",
             {{"name", "cpu"}, {"target", {{"type", "Utilization"}, {"averageUtilization", 80}}}}}};
        d.spec.metrics.push_back(*decodeMetric(cpu));
        d.metricJson.push_back(cpu);
    }
    const json& behavior = child(spec, "behavior");
    if (behavior.is_object()) {
        pl::HpaBehavior b;
        b.scaleUp = decodeRules(child(behavior, "scaleUp"));
        b.scaleDown = decodeRules(child(behavior, "scaleDown"));
        d.spec.behavior = b;
    }
    return d;
}

pl::HpaStatus decodeStatus(const json& status) {
    pl::HpaStatus s;
    s.currentReplicas = int32Field(status, "currentReplicas").value_or(0);
    s.desiredReplicas = int32Field(status, "desiredReplicas").value_or(0);
    s.lastScaleTime = timeField(status, "lastScaleTime");
    const json& conditions = child(status, "conditions");
    if (conditions.is_array()) {
        for (const auto& c : conditions) {
            s.conditions.push_back({text(c, "type"), text(c, "status"), text(c, "reason"),
                                    text(c, "message"),
                                    timeField(c, "lastTransitionTime").value_or(0)});
        }
    }
    return s;
}

pl::PodPhase decodePhase(const std::string& phase) {
    if (phase == "Pending")
        return pl::PodPhase::Pending;
    if (phase == "Running")
        return pl::PodPhase::Running;
    if (phase == "Succeeded")
        return pl::PodPhase::Succeeded;
    if (phase == "Failed")
        return pl::PodPhase::Failed;
    return pl::PodPhase::Unknown;
}

pl::ContainerRequests decodeRequests(const json& container) {
    pl::ContainerRequests c;
    c.name = text(container, "name");
    const json& requests = child(child(container, "resources"), "requests");
    if (requests.is_object()) {
        for (const auto& [name, value] : requests.items()) {
            if (auto milli = quantityMilli(value))
                c.requestsMilli[name] = *milli;
        }
    }
    return c;
}

pl::PodInfo decodePod(const json& pod) {
    pl::PodInfo p;
    const json& meta = child(pod, "metadata");
    p.name = text(meta, "name");
    p.deleting = !child(meta, "deletionTimestamp").is_null();
    const json& status = child(pod, "status");
    p.phase = decodePhase(text(status, "phase"));
    p.startTime = timeField(status, "startTime");
    const json& conditions = child(status, "conditions");
    if (conditions.is_array()) {
        for (const auto& c : conditions) {
            if (text(c, "type") != "Ready")
                continue;
            const std::string s = text(c, "status");
            p.ready = pl::PodReadyCondition{s == "True"    ? pl::ConditionStatus::True
                                            : s == "False" ? pl::ConditionStatus::False
                                                           : pl::ConditionStatus::Unknown,
                                            timeField(c, "lastTransitionTime").value_or(0)};
            break;
        }
    }
    const json& spec = child(pod, "spec");
    const json& containers = child(spec, "containers");
    if (containers.is_array()) {
        for (const auto& c : containers)
            p.containers.push_back(decodeRequests(c));
    }
    // Restartable init containers ("sidecars") run alongside and count for requests.
    const json& inits = child(spec, "initContainers");
    if (inits.is_array()) {
        for (const auto& c : inits) {
            if (text(c, "restartPolicy") == "Always")
                p.containers.push_back(decodeRequests(c));
        }
    }
    return p;
}

pl::PodMetricSample decodePodMetrics(const json& m) {
    pl::PodMetricSample s;
    s.podName = text(child(m, "metadata"), "name");
    s.timestamp = timeField(m, "timestamp").value_or(0);
    s.windowMs = parseGoDurationMs(text(m, "window", "0s")).value_or(0);
    const json& containers = child(m, "containers");
    if (containers.is_array()) {
        for (const auto& c : containers) {
            pl::ContainerUsage u;
            u.name = text(c, "name");
            const json& usage = child(c, "usage");
            if (usage.is_object()) {
                for (const auto& [name, value] : usage.items()) {
                    if (auto milli = quantityMilli(value))
                        u.usageMilli[name] = *milli;
                }
            }
            s.containers.push_back(u);
        }
    }
    return s;
}

// ---- encoding ------------------------------------------------------------------------------

json encodeCurrent(const pl::MetricValueStatus& v) {
    json out = json::object();
    if (v.averageUtilization)
        out["averageUtilization"] = *v.averageUtilization;
    if (v.averageValueMilli)
        out["averageValue"] = formatMilli(*v.averageValueMilli);
    if (v.valueMilli)
        out["value"] = formatMilli(*v.valueMilli);
    return out;
}

json identifierOf(const json& source) {
    json id = child(source, "metric");
    return id.is_object() ? id : json{{"name", ""}};
}

json encodeMetricStatus(const std::optional<pl::MetricStatus>& status, const pl::MetricSpec& spec,
                        const json& specJson) {
    // A failed metric leaves an empty MetricStatus behind, which serializes as {"type": ""}
    // and is what makes kubectl print <unknown> in TARGETS.
    if (!status)
        return json{{"type", ""}};
    const json current = encodeCurrent(status->current);
    switch (spec.type) {
        case pl::MetricSourceType::Resource:
            return {{"type", "Resource"},
                    {"resource", {{"name", spec.resourceName}, {"current", current}}}};
        case pl::MetricSourceType::ContainerResource:
            return {{"type", "ContainerResource"},
                    {"containerResource",
                     {{"name", spec.resourceName},
                      {"container", spec.container},
                      {"current", current}}}};
        case pl::MetricSourceType::Pods:
            return {{"type", "Pods"},
                    {"pods",
                     {{"metric", identifierOf(child(specJson, "pods"))}, {"current", current}}}};
        case pl::MetricSourceType::Object: {
            const json& source = child(specJson, "object");
            // Upstream fills describedObject only for Value targets.
            json described = spec.target.type == pl::MetricTargetType::Value &&
                                     child(source, "describedObject").is_object()
                                 ? child(source, "describedObject")
                                 : json{{"kind", ""}, {"name", ""}};
            return {{"type", "Object"},
                    {"object",
                     {{"describedObject", described},
                      {"metric", identifierOf(source)},
                      {"current", current}}}};
        }
        case pl::MetricSourceType::External:
            return {
                {"type", "External"},
                {"external",
                 {{"metric", identifierOf(child(specJson, "external"))}, {"current", current}}}};
    }
    return json{{"type", ""}};
}

json encodeConditions(const std::vector<pl::HpaCondition>& conditions) {
    json out = json::array();
    for (const auto& c : conditions) {
        out.push_back({{"type", c.type},
                       {"status", c.status},
                       {"lastTransitionTime", base::formatRfc3339(c.lastTransitionTime)},
                       {"reason", c.reason},
                       {"message", c.message}});
    }
    return out;
}

json encodeStatus(const pl::HpaDecision& d, const DecodedSpec& spec, const json& oldStatus) {
    if (!d.metricsUpdated) {
        // Only the conditions change when the scale could not be read.
        json out = oldStatus.is_object() ? oldStatus : json::object();
        if (!out.contains("desiredReplicas"))
            out["desiredReplicas"] = 0;
        if (!out.contains("currentMetrics"))
            out["currentMetrics"] = nullptr;
        out["conditions"] = encodeConditions(d.status.conditions);
        return out;
    }
    json out = json::object();
    if (d.status.currentReplicas != 0)
        out["currentReplicas"] = d.status.currentReplicas;
    out["desiredReplicas"] = d.status.desiredReplicas;
    if (d.currentMetrics.empty()) {
        out["currentMetrics"] = nullptr;
    } else {
        json metrics = json::array();
        for (std::size_t i = 0; i < d.currentMetrics.size() && i < spec.spec.metrics.size(); ++i) {
            metrics.push_back(
                encodeMetricStatus(d.currentMetrics[i], spec.spec.metrics[i], spec.metricJson[i]));
        }
        out["currentMetrics"] = metrics;
    }
    if (!d.status.conditions.empty())
        out["conditions"] = encodeConditions(d.status.conditions);
    if (d.status.lastScaleTime)
        out["lastScaleTime"] = base::formatRfc3339(*d.status.lastScaleTime);
    return out;
}

json encodeExplanation(const pl::HpaDecision& d, base::UnixMillis now) {
    json metrics = json::array();
    for (const auto& m : d.metrics) {
        json e = {{"name", m.metricName}, {"ok", m.ok}};
        if (!m.ok) {
            e["error"] = m.error;
        } else {
            e["ratio"] = m.ratio;
            if (m.adjustedRatio)
                e["adjustedRatio"] = *m.adjustedRatio;
            e["proposal"] = m.proposal;
            e["utilization"] = m.utilization;
            e["usage"] = formatMilli(m.usageMilli);
            e["readyPods"] = m.readyPods;
            e["unreadyPods"] = m.unreadyPods;
            e["missingPods"] = m.missingPods;
            e["ignoredPods"] = m.ignoredPods;
        }
        metrics.push_back(e);
    }
    json out = {{"time", base::formatRfc3339(now)},
                {"path", pl::toString(d.path)},
                {"currentReplicas", d.currentReplicas},
                {"desiredReplicas", d.desiredReplicas},
                {"rescale", d.rescale},
                {"reason", d.rescaleReason},
                {"metrics", metrics}};
    if (d.metricProposal)
        out["proposal"] = *d.metricProposal;
    if (!d.proposingMetric.empty())
        out["proposingMetric"] = d.proposingMetric;
    if (d.stabilized)
        out["stabilized"] = *d.stabilized;
    if (!d.limitedBy.empty())
        out["limitedBy"] = d.limitedBy;
    if (d.rateBound)
        out["rateBound"] = *d.rateBound;
    if (!d.limitingPolicy.empty())
        out["limitingPolicy"] = d.limitingPolicy;
    return out;
}

pl::HpaInputs decodeInputs(const HpaSyncInput& in, const DecodedSpec& spec) {
    pl::HpaInputs inputs;
    inputs.namespaceName = text(child(in.hpa, "metadata"), "namespace", "default");
    inputs.scaleError = in.scaleError;
    if (in.scale) {
        pl::ScaleInfo scale;
        scale.specReplicas = int32Field(child(*in.scale, "spec"), "replicas").value_or(0);
        scale.statusReplicas = int32Field(child(*in.scale, "status"), "replicas").value_or(0);
        scale.selector = text(child(*in.scale, "status"), "selector");
        inputs.scale = scale;
    } else if (inputs.scaleError.empty()) {
        inputs.scaleError = "the target's scale is unavailable";
    }
    for (const auto& p : in.pods)
        inputs.pods.push_back(decodePod(p));
    for (const auto& m : in.podMetrics)
        inputs.podMetrics.push_back(decodePodMetrics(m));
    for (std::size_t i = 0; i < spec.spec.metrics.size(); ++i) {
        const auto& m = spec.spec.metrics[i];
        pl::CustomMetricInput values;
        if (m.type == pl::MetricSourceType::Pods || m.type == pl::MetricSourceType::Object) {
            values.error =
                "unable to fetch metrics from custom metrics API: no custom metrics API "
                "(custom.metrics.k8s.io) registered";
        } else if (m.type == pl::MetricSourceType::External) {
            values.error =
                "unable to fetch metrics from external metrics API: the server could not find "
                "the requested resource (get " +
                m.metric.name + ".external.metrics.k8s.io)";
        } else {
            continue;
        }
        inputs.customMetrics[i] = values;
    }
    return inputs;
}

std::string keyOf(const json& hpa) {
    const json& meta = child(hpa, "metadata");
    std::string uid = text(meta, "uid");
    if (!uid.empty())
        return uid;
    return text(meta, "namespace") + "/" + text(meta, "name");
}

}  // namespace

HpaSyncResult HpaReconciler::sync(const HpaSyncInput& in) {
    HpaSyncResult result;
    const json& oldStatus = child(in.hpa, "status");
    try {
        const DecodedSpec spec = decodeSpec(child(in.hpa, "spec"));
        const pl::HpaInputs inputs = decodeInputs(in, spec);
        const pl::HpaDecision d = m_controller.reconcile(keyOf(in.hpa), spec.spec,
                                                         decodeStatus(oldStatus), inputs, in.now);
        if (d.rescale)
            result.newReplicas = d.desiredReplicas;
        result.status = encodeStatus(d, spec, oldStatus);
        for (const auto& e : d.events)
            result.events.push_back({e.type, e.reason, e.message});
        result.explanation = encodeExplanation(d, in.now);
    } catch (const std::exception& e) {
        // Malformed input must not take the controller loop down: keep the status as it was.
        result.newReplicas.reset();
        result.events.clear();
        result.status = oldStatus.is_object() ? oldStatus : json::object();
        result.explanation = {{"time", base::formatRfc3339(in.now)},
                              {"error", std::string("could not reconcile: ") + e.what()}};
    }
    return result;
}

void HpaReconciler::forget(const std::string& uid) {
    m_controller.forget(uid);
}

}  // namespace scaledeck::sim
