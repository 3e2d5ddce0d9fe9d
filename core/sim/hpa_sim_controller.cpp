#include "sim/hpa_sim_controller.h"

#include "sim/controller_context.h"
#include "sim/event_recorder.h"
#include "sim/label_selector.h"
#include "sim/metrics_source.h"
#include "sim/object_views.h"
#include "sim/resource_registry.h"

namespace scaledeck::sim {

void HpaSimController::track(const std::string& key, base::UnixMillis now) {
    if (!m_nextSync.count(key)) m_nextSync[key] = now + kSyncPeriodMs;
}

void HpaSimController::untrack(const std::string& key, const std::string& uid) {
    m_nextSync.erase(key);
    m_explanations.erase(key);
    m_reconciler.forget(uid);
}

void HpaSimController::syncDue(ControllerContext& ctx) {
    std::vector<std::string> due;
    for (auto& [key, at] : m_nextSync) {
        if (at <= ctx.now) {
            due.push_back(key);
            // Fixed-delay requeue, as the controller's work queue does.
            while (at <= ctx.now) at += kSyncPeriodMs;
        }
    }
    for (const auto& key : due) sync(ctx, key);
}

void HpaSimController::sync(ControllerContext& ctx, const std::string& key) {
    const auto slash = key.find('/');
    const std::string ns = key.substr(0, slash);
    const std::string name = key.substr(slash + 1);
    auto hpaPtr = ctx.store.get("autoscaling/horizontalpodautoscalers", ns, name);
    if (!hpaPtr) return;
    nlohmann::json hpa = hpaPtr->parse();

    HpaSyncInput in;
    in.hpa = hpa;
    in.now = ctx.now;
    const auto& ref = hpa["spec"].value("scaleTargetRef", nlohmann::json::object());
    const std::string apiVersion = ref.value("apiVersion", "apps/v1");
    const std::string group = apiVersion.find('/') == std::string::npos ? "" : apiVersion.substr(0, apiVersion.find('/'));
    const ResourceInfo* target = ResourceRegistry::instance().byKind(group, ref.value("kind", ""));
    ObjectPtr targetObj;
    if (!target || std::find(target->subresources.begin(), target->subresources.end(), "scale") == target->subresources.end()) {
        in.scaleError = "no scale subresource for " + ref.value("kind", std::string("<unset>")) + " in " + apiVersion;
    } else {
        targetObj = ctx.store.get(target->storage, ns, ref.value("name", ""));
        if (!targetObj) {
            in.scaleError = target->qualifiedName() + " \"" + ref.value("name", "") + "\" not found";
        } else {
            in.scale = scaleOf(targetObj->parse());
        }
    }
    if (in.scale) {
        const std::string selector = (*in.scale)["status"].value("selector", "");
        auto sel = LabelSelector::parse(selector);
        if (sel.ok() && !selector.empty()) {
            for (const auto& p : ctx.store.list("core/pods", ns)) {
                if (!sel->matches(std::map<std::string, std::string>(p->labels.begin(), p->labels.end()))) continue;
                in.pods.push_back(p->parse());
                if (const auto* sample = ctx.metrics.pod(ns, p->name)) {
                    in.podMetrics.push_back(MetricsSource::podMetrics(*sample));
                }
            }
        }
    }

    HpaSyncResult out = m_reconciler.sync(in);
    m_explanations[key] = out.explanation;
    if (out.newReplicas && targetObj) {
        auto obj = targetObj->parse();
        obj["spec"]["replicas"] = *out.newReplicas;
        ctx.update(target->storage, std::move(obj));
    }
    for (const auto& ev : out.events) {
        ctx.events.record(ctx, hpa, ev.type, ev.reason, ev.message, "horizontal-pod-autoscaler");
    }
    if (out.status != hpa.value("status", nlohmann::json::object())) {
        hpa["status"] = out.status;
        ctx.update("autoscaling/horizontalpodautoscalers", std::move(hpa));
    }
}

}  // namespace scaledeck::sim
