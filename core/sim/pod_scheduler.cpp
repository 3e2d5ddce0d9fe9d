#include "sim/pod_scheduler.h"

#include <map>
#include <vector>

#include "sim/controller_context.h"
#include "sim/event_recorder.h"
#include "sim/pod_facts.h"

namespace scaledeck::sim {
namespace {

bool nodeReady(const nlohmann::json& node) {
    if (!node.contains("status") || !node["status"].contains("conditions")) return false;
    for (const auto& c : node["status"]["conditions"]) {
        if (c.value("type", "") == "Ready") return c.value("status", "") == "True";
    }
    return false;
}

}  // namespace

bool PodScheduler::schedule(ControllerContext& ctx, const std::string& ns, const std::string& name) {
    auto podPtr = ctx.store.get("core/pods", ns, name);
    if (!podPtr || !podPtr->nodeName.empty()) return false;
    nlohmann::json pod = podPtr->parse();
    if (podIsTerminating(pod)) return false;
    const auto created = base::parseRfc3339(pod["metadata"].value("creationTimestamp", "")).value_or(ctx.now);
    if (ctx.now < created + static_cast<base::UnixMillis>(ctx.timings.scheduleDelay * 1000)) return false;
    const std::string key = ns + "/" + name;
    if (auto it = m_lastAttempt.find(key); it != m_lastAttempt.end() && ctx.now < it->second + 10000) {
        return false;
    }
    m_lastAttempt[key] = ctx.now;

    const Resources need = podRequests(pod["spec"]);
    const auto nodeSelector = pod["spec"].value("nodeSelector", nlohmann::json::object());
    std::map<std::string, int> reasons;
    std::string best;
    double bestScore = -1;
    const auto nodes = ctx.store.list("core/nodes");
    for (const auto& nPtr : nodes) {
        const auto node = nPtr->parse();
        if (node.contains("spec") && node["spec"].value("unschedulable", false)) {
            reasons["node(s) were unschedulable"]++;
            continue;
        }
        if (!nodeReady(node)) {
            reasons["node(s) had untolerated taint {node.kubernetes.io/not-ready: }"]++;
            continue;
        }
        bool selectorOk = true;
        const auto labels = node["metadata"].value("labels", nlohmann::json::object());
        for (const auto& [k, v] : nodeSelector.items()) {
            if (labels.value(k, std::string("\x01")) != v.get<std::string>()) selectorOk = false;
        }
        if (!selectorOk) {
            reasons["node(s) didn't match Pod's node affinity/selector"]++;
            continue;
        }
        const auto& alloc = node["status"]["allocatable"];
        const std::int64_t cpu = quantityMilli(alloc.value("cpu", nlohmann::json("0")));
        const std::int64_t mem = quantityValue(alloc.value("memory", nlohmann::json("0")));
        const std::int64_t maxPods = quantityValue(alloc.value("pods", nlohmann::json("110")));
        Resources used;
        std::int64_t podCount = 0;
        for (const auto& other : ctx.store.byNode(nPtr->name)) {
            const auto o = other->parse();
            if (!podIsActive(o) && !podIsTerminating(o)) continue;
            const Resources r = podRequests(o["spec"]);
            used.cpuMilli += r.cpuMilli;
            used.memoryBytes += r.memoryBytes;
            ++podCount;
        }
        bool fits = true;
        if (podCount + 1 > maxPods) {
            reasons["Too many pods"]++;
            fits = false;
        }
        if (used.cpuMilli + need.cpuMilli > cpu) {
            reasons["Insufficient cpu"]++;
            fits = false;
        }
        if (used.memoryBytes + need.memoryBytes > mem) {
            reasons["Insufficient memory"]++;
            fits = false;
        }
        if (!fits) continue;
        // Least allocated: prefer the node with the most free capacity after placement.
        const double freeCpu = cpu > 0 ? double(cpu - used.cpuMilli - need.cpuMilli) / double(cpu) : 0;
        const double freeMem = mem > 0 ? double(mem - used.memoryBytes - need.memoryBytes) / double(mem) : 0;
        const double score = (freeCpu + freeMem) / 2;
        if (score > bestScore) {
            bestScore = score;
            best = nPtr->name;
        }
    }

    const std::string ts = base::formatRfc3339(ctx.now);
    auto& conds = pod["status"]["conditions"];
    if (best.empty()) {
        std::string msg = "0/" + std::to_string(nodes.size()) + " nodes are available: ";
        bool first = true;
        for (const auto& [reason, count] : reasons) {
            msg += (first ? "" : ", ") + std::to_string(count) + " " + reason;
            first = false;
        }
        msg += ". preemption: 0/" + std::to_string(nodes.size()) +
               " nodes are available: " + std::to_string(nodes.size()) +
               " No preemption victims found for incoming pod.";
        setCondition(conds, "PodScheduled", "False", "Unschedulable", msg, ts);
        for (auto& c : conds) {
            if (c.value("type", "") == "PodScheduled") c["lastProbeTime"] = nullptr;
        }
        ctx.update("core/pods", pod);
        ctx.events.record(ctx, pod, "Warning", "FailedScheduling", msg, "default-scheduler");
        return false;
    }
    pod["spec"]["nodeName"] = best;
    setCondition(conds, "PodScheduled", "True", "", "", ts);
    for (auto& c : conds) {
        if (c.value("type", "") == "PodScheduled") {
            c.erase("reason");
            c.erase("message");
        }
    }
    ctx.update("core/pods", pod);
    ctx.events.record(ctx, pod, "Normal", "Scheduled",
                      "Successfully assigned " + ns + "/" + name + " to " + best, "default-scheduler");
    m_lastAttempt.erase(key);
    return true;
}

}  // namespace scaledeck::sim
