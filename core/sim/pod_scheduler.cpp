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

std::vector<PodScheduler::NodeView>& PodScheduler::nodes(ControllerContext& ctx) {
    if (m_nodes)
        return *m_nodes;
    m_nodes.emplace();
    for (const auto& nPtr : ctx.store.list("core/nodes")) {
        const auto node = nPtr->parse();
        NodeView view;
        view.name = nPtr->name;
        view.unschedulable = node.contains("spec") && node["spec"].value("unschedulable", false);
        view.ready = nodeReady(node);
        view.labels = node["metadata"].value("labels", nlohmann::json::object());
        const auto& alloc = node["status"]["allocatable"];
        view.cpuMilli = quantityMilli(alloc.value("cpu", nlohmann::json("0")));
        view.memoryBytes = quantityValue(alloc.value("memory", nlohmann::json("0")));
        view.maxPods = quantityValue(alloc.value("pods", nlohmann::json("110")));
        for (const auto& other : ctx.store.byNode(nPtr->name)) {
            auto& cached = m_podRequests[other->key()];
            if (cached.resourceVersion != other->resourceVersion) {
                const auto o = other->parse();
                cached.resourceVersion = other->resourceVersion;
                cached.counts = podIsActive(o) || podIsTerminating(o);
                cached.requests = podRequests(o["spec"]);
            }
            if (!cached.counts)
                continue;
            view.used.cpuMilli += cached.requests.cpuMilli;
            view.used.memoryBytes += cached.requests.memoryBytes;
            ++view.podCount;
        }
        m_nodes->push_back(std::move(view));
    }
    return *m_nodes;
}

bool PodScheduler::schedule(ControllerContext& ctx, const std::string& ns, const std::string& name) {
    auto podPtr = ctx.store.get("core/pods", ns, name);
    if (!podPtr || !podPtr->nodeName.empty()) return false;
    const std::string key = ns + "/" + name;
    if (auto it = m_lastAttempt.find(key); it != m_lastAttempt.end() && ctx.now < it->second + 10000) {
        return false;
    }
    nlohmann::json pod = podPtr->parse();
    if (podIsTerminating(pod)) return false;
    const auto created = base::parseRfc3339(pod["metadata"].value("creationTimestamp", "")).value_or(ctx.now);
    if (ctx.now < created + static_cast<base::UnixMillis>(ctx.timings.scheduleDelay * 1000)) return false;
    m_lastAttempt[key] = ctx.now;

    const Resources need = podRequests(pod["spec"]);
    const auto nodeSelector = pod["spec"].value("nodeSelector", nlohmann::json::object());
    std::map<std::string, int> reasons;
    NodeView* best = nullptr;
    double bestScore = -1;
    auto& views = nodes(ctx);
    for (auto& node : views) {
        if (node.unschedulable) {
            reasons["node(s) were unschedulable"]++;
            continue;
        }
        if (!node.ready) {
            reasons["node(s) had untolerated taint {node.kubernetes.io/not-ready: }"]++;
            continue;
        }
        bool selectorOk = true;
        for (const auto& [k, v] : nodeSelector.items()) {
            if (node.labels.value(k, std::string("\x01")) != v.get<std::string>()) selectorOk = false;
        }
        if (!selectorOk) {
            reasons["node(s) didn't match Pod's node affinity/selector"]++;
            continue;
        }
        const std::int64_t cpu = node.cpuMilli;
        const std::int64_t mem = node.memoryBytes;
        const Resources& used = node.used;
        bool fits = true;
        if (node.podCount + 1 > node.maxPods) {
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
            best = &node;
        }
    }
    const auto nodeCount = views.size();

    const std::string ts = base::formatRfc3339(ctx.now);
    auto& conds = pod["status"]["conditions"];
    if (best == nullptr) {
        std::string msg = "0/" + std::to_string(nodeCount) + " nodes are available: ";
        bool first = true;
        for (const auto& [reason, count] : reasons) {
            msg += (first ? "" : ", ") + std::to_string(count) + " " + reason;
            first = false;
        }
        msg += ". preemption: 0/" + std::to_string(nodeCount) +
               " nodes are available: " + std::to_string(nodeCount) +
               " No preemption victims found for incoming pod.";
        setCondition(conds, "PodScheduled", "False", "Unschedulable", msg, ts);
        for (auto& c : conds) {
            if (c.value("type", "") == "PodScheduled") c["lastProbeTime"] = nullptr;
        }
        ctx.update("core/pods", pod);
        ctx.events.record(ctx, pod, "Warning", "FailedScheduling", msg, "default-scheduler");
        return false;
    }
    // The pass's view must include this placement for the next pod of the same pass.
    best->used.cpuMilli += need.cpuMilli;
    best->used.memoryBytes += need.memoryBytes;
    ++best->podCount;
    const std::string bestName = best->name;
    pod["spec"]["nodeName"] = bestName;
    setCondition(conds, "PodScheduled", "True", "", "", ts);
    for (auto& c : conds) {
        if (c.value("type", "") == "PodScheduled") {
            c.erase("reason");
            c.erase("message");
        }
    }
    ctx.update("core/pods", pod);
    ctx.events.record(ctx, pod, "Normal", "Scheduled",
                      "Successfully assigned " + ns + "/" + name + " to " + bestName, "default-scheduler");
    m_lastAttempt.erase(key);
    return true;
}

}  // namespace scaledeck::sim
