#include "sim/object_views.h"

#include "sim/hpa_validation.h"
#include "sim/label_selector.h"
#include "sim/resource_registry.h"

namespace scaledeck::sim {
namespace {

nlohmann::json coreEventToEventsV1(nlohmann::json e) {
    nlohmann::json out = {{"metadata", e["metadata"]}};
    if (e.contains("involvedObject")) out["regarding"] = e["involvedObject"];
    if (e.contains("related")) out["related"] = e["related"];
    out["note"] = e.value("message", "");
    out["reason"] = e.value("reason", "");
    out["type"] = e.value("type", "Normal");
    out["eventTime"] = e.contains("eventTime") ? e["eventTime"] : nlohmann::json(nullptr);
    out["reportingController"] =
        e.value("reportingComponent", e.contains("source") ? e["source"].value("component", "") : "");
    out["reportingInstance"] = e.value("reportingInstance", "");
    if (e.contains("count")) out["deprecatedCount"] = e["count"];
    if (e.contains("firstTimestamp")) out["deprecatedFirstTimestamp"] = e["firstTimestamp"];
    if (e.contains("lastTimestamp")) out["deprecatedLastTimestamp"] = e["lastTimestamp"];
    if (e.contains("source")) out["deprecatedSource"] = e["source"];
    if (e.contains("action")) out["action"] = e["action"];
    return out;
}

nlohmann::json eventsV1ToCore(nlohmann::json e) {
    nlohmann::json out = {{"metadata", e["metadata"]}};
    if (e.contains("regarding")) out["involvedObject"] = e["regarding"];
    if (e.contains("related")) out["related"] = e["related"];
    out["message"] = e.value("note", "");
    out["reason"] = e.value("reason", "");
    out["type"] = e.value("type", "Normal");
    if (e.contains("eventTime") && !e["eventTime"].is_null()) out["eventTime"] = e["eventTime"];
    out["reportingComponent"] = e.value("reportingController", "");
    out["reportingInstance"] = e.value("reportingInstance", "");
    out["count"] = e.value("deprecatedCount", 1);
    if (e.contains("deprecatedFirstTimestamp")) out["firstTimestamp"] = e["deprecatedFirstTimestamp"];
    if (e.contains("deprecatedLastTimestamp")) out["lastTimestamp"] = e["deprecatedLastTimestamp"];
    out["source"] = e.contains("deprecatedSource") ? e["deprecatedSource"]
                                                   : nlohmann::json{{"component", out["reportingComponent"]}};
    if (e.contains("action")) out["action"] = e["action"];
    return out;
}

}  // namespace

nlohmann::json toServed(const ResourceInfo& served, nlohmann::json stored) {
    if (served.group == "autoscaling" && served.version == "v1") {
        stored = hpaV2ToV1(stored);
    } else if (served.group == "events.k8s.io") {
        stored = coreEventToEventsV1(std::move(stored));
    }
    stored["kind"] = served.kind;
    stored["apiVersion"] = served.groupVersion();
    return stored;
}

nlohmann::json toStorage(const ResourceInfo& served, nlohmann::json incoming,
                         const nlohmann::json* existing) {
    const ResourceInfo* storage = ResourceRegistry::instance().byStorage(served.storage);
    if (served.group == "autoscaling" && served.version == "v1") {
        nlohmann::json v2 = hpaV1ToV2(incoming);
        if (existing && existing->contains("spec") && (*existing)["spec"].contains("metrics")) {
            // Keep the v2-only metrics; replace only the cpu utilization that v1 can express.
            nlohmann::json metrics = nlohmann::json::array();
            for (const auto& m : (*existing)["spec"]["metrics"]) {
                const bool isCpu = m.value("type", "") == "Resource" && m.contains("resource") &&
                                   m["resource"].value("name", "") == "cpu";
                if (!isCpu) metrics.push_back(m);
            }
            if (v2["spec"].contains("metrics")) {
                for (const auto& m : v2["spec"]["metrics"]) metrics.insert(metrics.begin(), m);
            }
            v2["spec"]["metrics"] = metrics;
            if (existing->contains("spec") && (*existing)["spec"].contains("behavior")) {
                v2["spec"]["behavior"] = (*existing)["spec"]["behavior"];
            }
        }
        incoming = std::move(v2);
    } else if (served.group == "events.k8s.io") {
        incoming = eventsV1ToCore(std::move(incoming));
    }
    if (storage) {
        incoming["kind"] = storage->kind;
        incoming["apiVersion"] = storage->groupVersion();
    }
    return incoming;
}

std::string selectorString(const nlohmann::json& labelSelector) {
    return LabelSelector::fromJson(labelSelector).toString();
}

nlohmann::json scaleOf(const nlohmann::json& w) {
    const auto& meta = w["metadata"];
    nlohmann::json m = {{"name", meta.value("name", "")},
                        {"namespace", meta.value("namespace", "")},
                        {"uid", meta.value("uid", "")},
                        {"resourceVersion", meta.value("resourceVersion", "")},
                        {"creationTimestamp", meta.value("creationTimestamp", "")}};
    const auto& spec = w.contains("spec") ? w["spec"] : nlohmann::json::object();
    const auto& status = w.contains("status") ? w["status"] : nlohmann::json::object();
    return {{"kind", "Scale"},
            {"apiVersion", "autoscaling/v1"},
            {"metadata", m},
            {"spec", {{"replicas", spec.value("replicas", 1)}}},
            {"status",
             {{"replicas", status.value("replicas", 0)},
              {"selector", selectorString(spec.value("selector", nlohmann::json::object()))}}}};
}

}  // namespace scaledeck::sim
