#include "sim/pod_lifecycle.h"

#include "sim/controller_context.h"
#include "sim/event_recorder.h"
#include "sim/metrics_source.h"
#include "sim/pod_facts.h"

namespace scaledeck::sim {
namespace {

bool nodeIsReady(ControllerContext& ctx, const std::string& nodeName) {
    auto n = ctx.store.get("core/nodes", "", nodeName);
    if (!n) return false;
    const auto node = n->parse();
    if (!node.contains("status") || !node["status"].contains("conditions")) return false;
    for (const auto& c : node["status"]["conditions"]) {
        if (c.value("type", "") == "Ready") return c.value("status", "") == "True";
    }
    return false;
}

base::UnixMillis conditionTime(const nlohmann::json& pod, const char* type) {
    if (!pod["status"].contains("conditions")) return 0;
    for (const auto& c : pod["status"]["conditions"]) {
        if (c.value("type", "") == type) {
            return base::parseRfc3339(c.value("lastTransitionTime", "")).value_or(0);
        }
    }
    return 0;
}

base::UnixMillis ms(double seconds) { return static_cast<base::UnixMillis>(seconds * 1000); }

}  // namespace

bool PodLifecycle::advance(ControllerContext& ctx, const std::string& ns, const std::string& name) {
    auto podPtr = ctx.store.get("core/pods", ns, name);
    if (!podPtr) return false;
    nlohmann::json pod = podPtr->parse();
    const std::string ts = base::formatRfc3339(ctx.now);

    if (podIsTerminating(pod)) {
        const auto since = base::parseRfc3339(pod["metadata"].value("deletionTimestamp", "")).value_or(ctx.now);
        if (ctx.now >= since + ms(ctx.timings.terminationDelay)) {
            ctx.metrics.removePod(ns + "/" + name);
            ctx.remove("core/pods", ns, name);
            return false;
        }
        return true;
    }
    if (podPtr->nodeName.empty()) return true;  // waiting for the scheduler

    auto& status = pod["status"];
    auto& conds = status["conditions"];
    const std::string phase = status.value("phase", "Pending");
    const bool nodeReady = nodeIsReady(ctx, podPtr->nodeName);
    const auto& containers = pod["spec"].value("containers", nlohmann::json::array());

    if (phase == "Pending") {
        const auto bound = conditionTime(pod, "PodScheduled");
        if (!status.contains("startTime")) {
            // The kubelet acknowledges the pod as soon as it is bound.
            status["startTime"] = base::formatRfc3339(bound ? bound : ctx.now);
            setCondition(conds, "Initialized", "True", "", "", ts);
            setCondition(conds, "Ready", "False", "ContainersNotReady", "containers with unready status: [" +
                         (containers.empty() ? std::string() : containers[0].value("name", "")) + "]", ts);
            setCondition(conds, "ContainersReady", "False", "ContainersNotReady", "containers with unready status", ts);
            nlohmann::json statuses = nlohmann::json::array();
            for (const auto& c : containers) {
                statuses.push_back({{"name", c.value("name", "")},
                                    {"image", c.value("image", "")},
                                    {"imageID", ""},
                                    {"ready", false},
                                    {"restartCount", 0},
                                    {"started", false},
                                    {"state", {{"waiting", {{"reason", "ContainerCreating"}}}}}});
            }
            status["containerStatuses"] = statuses;
            auto node = ctx.store.get("core/nodes", "", podPtr->nodeName);
            if (node) {
                const auto n = node->parse();
                for (const auto& a : n["status"].value("addresses", nlohmann::json::array())) {
                    if (a.value("type", "") == "InternalIP") status["hostIP"] = a["address"];
                }
            }
            ctx.update("core/pods", std::move(pod));
            return true;
        }
        if (!nodeReady) return true;
        const auto start = base::parseRfc3339(status.value("startTime", "")).value_or(ctx.now);
        if (ctx.now < start + ms(ctx.timings.startDelay)) return true;
        status["phase"] = "Running";
        const int a = static_cast<int>(ctx.random() % 250) + 1;
        const int b = static_cast<int>(ctx.random() % 250) + 1;
        status["podIP"] = "10.244." + std::to_string(a) + "." + std::to_string(b);
        status["podIPs"] = {{{"ip", status["podIP"]}}};
        for (auto& cs : status["containerStatuses"]) {
            cs["state"] = {{"running", {{"startedAt", ts}}}};
            cs["started"] = true;
            cs["imageID"] = "docker.io/" + cs.value("image", "") + "@sha256:0";
            cs["containerID"] = "containerd://" + randomSuffix(ctx.random, 16);
        }
        ctx.events.record(ctx, pod, "Normal", "Started", "Started container " +
                          (containers.empty() ? std::string() : containers[0].value("name", "")), "kubelet");
        ctx.update("core/pods", std::move(pod));
        return true;
    }
    if (phase != "Running") return false;

    const bool ready = podIsReady(pod);
    if (!nodeReady) {
        if (ready) {
            setCondition(conds, "Ready", "False", "NodeNotReady", "", ts);
            setCondition(conds, "ContainersReady", "False", "NodeNotReady", "", ts);
            for (auto& cs : status["containerStatuses"]) cs["ready"] = false;
            ctx.update("core/pods", std::move(pod));
        }
        return true;  // becomes ready again when the node recovers
    }
    if (ready) return false;
    base::UnixMillis running = ctx.now;
    for (const auto& cs : status["containerStatuses"]) {
        if (cs.contains("state") && cs["state"].contains("running")) {
            running = base::parseRfc3339(cs["state"]["running"].value("startedAt", "")).value_or(ctx.now);
        }
    }
    if (ctx.now < running + ms(ctx.timings.readyDelay)) return true;
    setCondition(conds, "Ready", "True", "", "", ts);
    setCondition(conds, "ContainersReady", "True", "", "", ts);
    for (auto& c : conds) {
        if (c.value("type", "") == "Ready" || c.value("type", "") == "ContainersReady") {
            c.erase("reason");
            c.erase("message");
        }
    }
    for (auto& cs : status["containerStatuses"]) cs["ready"] = true;
    ctx.update("core/pods", std::move(pod));
    return false;
}

}  // namespace scaledeck::sim
