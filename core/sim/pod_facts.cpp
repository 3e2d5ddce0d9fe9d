#include "sim/pod_facts.h"

#include <cmath>

#include "base/quantity.h"

namespace scaledeck::sim {

bool podIsReady(const nlohmann::json& pod) {
    if (!pod.contains("status") || !pod["status"].contains("conditions")) return false;
    for (const auto& c : pod["status"]["conditions"]) {
        if (c.value("type", "") == "Ready") return c.value("status", "") == "True";
    }
    return false;
}

bool podIsTerminating(const nlohmann::json& pod) {
    return pod["metadata"].contains("deletionTimestamp");
}

bool podIsActive(const nlohmann::json& pod) {
    if (podIsTerminating(pod)) return false;
    const std::string phase = pod.contains("status") ? pod["status"].value("phase", "") : "";
    return phase != "Succeeded" && phase != "Failed";
}

std::int64_t quantityMilli(const nlohmann::json& v) {
    if (v.is_null()) return 0;
    auto q = base::Quantity::parse(v.is_string() ? v.get<std::string>() : v.dump());
    return q.ok() ? q->milliValue() : 0;
}

std::int64_t quantityValue(const nlohmann::json& v) {
    if (v.is_null()) return 0;
    auto q = base::Quantity::parse(v.is_string() ? v.get<std::string>() : v.dump());
    return q.ok() ? q->value() : 0;
}

namespace {

Resources sumResources(const nlohmann::json& podSpec, const char* kind) {
    Resources r;
    if (!podSpec.contains("containers")) return r;
    for (const auto& c : podSpec["containers"]) {
        if (!c.contains("resources")) continue;
        const auto& res = c["resources"];
        auto pick = [&](const char* name) -> nlohmann::json {
            if (res.contains(kind) && res[kind].contains(name)) return res[kind][name];
            // A limit without a request defaults the request to the limit.
            if (std::string(kind) == "requests" && res.contains("limits") && res["limits"].contains(name)) {
                return res["limits"][name];
            }
            return nullptr;
        };
        r.cpuMilli += quantityMilli(pick("cpu"));
        r.memoryBytes += quantityValue(pick("memory"));
    }
    return r;
}

}  // namespace

Resources podRequests(const nlohmann::json& podSpec) { return sumResources(podSpec, "requests"); }
Resources podLimits(const nlohmann::json& podSpec) { return sumResources(podSpec, "limits"); }

std::string podTemplateHash(const nlohmann::json& templateSpec) {
    nlohmann::json t = templateSpec;
    if (t.contains("metadata") && t["metadata"].contains("labels")) {
        t["metadata"]["labels"].erase("pod-template-hash");
        t["metadata"]["labels"].erase("controller-revision-hash");
        if (t["metadata"]["labels"].empty()) t["metadata"].erase("labels");
    }
    std::uint32_t h = 2166136261U;
    for (unsigned char c : t.dump()) {
        h ^= c;
        h *= 16777619U;
    }
    static const char* alphabet = "bcdfghjklmnpqrstvwxz2456789";
    std::string out;
    std::uint64_t v = h;
    for (int i = 0; i < 10; ++i) {
        out.push_back(alphabet[v % 27]);
        v = v / 27 + (static_cast<std::uint64_t>(h) << (i % 5));
    }
    return out;
}

int scaledValue(const nlohmann::json& v, int total, bool roundUp, int fallback) {
    if (v.is_number_integer()) return v.get<int>();
    if (v.is_string()) {
        std::string s = v.get<std::string>();
        if (!s.empty() && s.back() == '%') {
            const double pct = std::atof(s.substr(0, s.size() - 1).c_str());
            const double x = pct * total / 100.0;
            return static_cast<int>(roundUp ? std::ceil(x) : std::floor(x));
        }
        return std::atoi(s.c_str());
    }
    return fallback;
}

void setCondition(nlohmann::json& conditions, const std::string& type, const std::string& status,
                  const std::string& reason, const std::string& message,
                  const std::string& timestamp, bool withUpdateTime) {
    if (!conditions.is_array()) conditions = nlohmann::json::array();
    for (auto& c : conditions) {
        if (c.value("type", "") != type) continue;
        if (c.value("status", "") != status) c["lastTransitionTime"] = timestamp;
        if (withUpdateTime && (c.value("status", "") != status || c.value("reason", "") != reason ||
                               c.value("message", "") != message)) {
            c["lastUpdateTime"] = timestamp;
        }
        c["status"] = status;
        c["reason"] = reason;
        c["message"] = message;
        return;
    }
    nlohmann::json c = {{"type", type}, {"status", status}, {"reason", reason}, {"message", message},
                        {"lastTransitionTime", timestamp}};
    if (withUpdateTime) c["lastUpdateTime"] = timestamp;
    conditions.push_back(c);
}

}  // namespace scaledeck::sim
