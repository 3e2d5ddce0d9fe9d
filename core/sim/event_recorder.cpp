#include "sim/event_recorder.h"

#include <cstdio>

#include "sim/controller_context.h"

namespace scaledeck::sim {

void EventRecorder::record(ControllerContext& ctx, const nlohmann::json& involved,
                           const std::string& type, const std::string& reason,
                           const std::string& message, const std::string& component) {
    const auto& meta = involved["metadata"];
    const std::string ns = meta.value("namespace", "default");
    const std::string uid = meta.value("uid", "");
    const std::string key = uid + "|" + type + "|" + reason + "|" + message + "|" + component;
    const std::string ts = base::formatRfc3339(ctx.now);

    if (auto it = m_eventByKey.find(key); it != m_eventByKey.end()) {
        const auto slash = it->second.find('/');
        if (auto existing = ctx.store.get("core/events", it->second.substr(0, slash),
                                          it->second.substr(slash + 1))) {
            auto ev = existing->parse();
            ev["count"] = ev.value("count", 1) + 1;
            ev["lastTimestamp"] = ts;
            ctx.update("core/events", std::move(ev));
            return;
        }
    }
    char hex[32];
    std::snprintf(hex, sizeof hex, "%llx",
                  static_cast<unsigned long long>(ctx.now) * 1000000ULL + (ctx.random() % 1000000ULL));
    const std::string name = meta.value("name", "") + "." + hex;
    nlohmann::json ev = {
        {"apiVersion", "v1"},
        {"kind", "Event"},
        {"metadata", {{"name", name}, {"namespace", ns}}},
        {"involvedObject",
         {{"kind", involved.value("kind", "")},
          {"namespace", ns},
          {"name", meta.value("name", "")},
          {"uid", uid},
          {"apiVersion", involved.value("apiVersion", "")},
          {"resourceVersion", meta.value("resourceVersion", "")}}},
        {"reason", reason},
        {"message", message},
        {"type", type},
        {"source", {{"component", component}}},
        {"firstTimestamp", ts},
        {"lastTimestamp", ts},
        {"count", 1},
        {"reportingComponent", component},
        {"reportingInstance", ""}};
    if (ctx.create("core/events", std::move(ev))) m_eventByKey[key] = ns + "/" + name;
}

}  // namespace scaledeck::sim
