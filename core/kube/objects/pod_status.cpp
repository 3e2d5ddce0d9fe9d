#include "kube/objects/pod_status.h"

#include <cstdint>

namespace scaledeck::kube::objects {
namespace {

void keepLatest(std::optional<base::UnixMillis>& acc, std::optional<base::UnixMillis> t) {
    if (t && (!acc || *acc < *t))
        acc = t;
}

bool isRestartable(const PodStatusFacts& facts, std::string_view name) {
    for (const auto& c : facts.initContainers) {
        if (c.name == name)
            return c.restartable;
    }
    return false;
}

std::int32_t clampToInt32(std::int64_t v) {
    return v > INT32_MAX ? INT32_MAX : static_cast<std::int32_t>(v);
}

}  // namespace

void PodStatusFacts::clear() {
    phase = {};
    reason = {};
    deleting = false;
    initializedTrue = false;
    readyTrue = false;
    schedulingGated = false;
    containerCount = 0;
    initContainers.clear();
    initContainerStatuses.clear();
    containerStatuses.clear();
}

PodDisplayStatus computePodDisplayStatus(const PodStatusFacts& facts) {
    PodDisplayStatus out;
    // 64-bit sums: restart counts come from the network and must not overflow.
    std::int64_t restarts = 0;
    std::int64_t restartableInitRestarts = 0;
    std::optional<base::UnixMillis> lastRestart;
    std::optional<base::UnixMillis> lastRestartableInitRestart;
    auto total = static_cast<std::int64_t>(facts.containerCount);
    std::int64_t ready = 0;

    std::string reason(facts.reason.empty() ? facts.phase : facts.reason);
    if (facts.schedulingGated)
        reason = "SchedulingGated";

    for (const auto& c : facts.initContainers) {
        if (c.restartable)
            ++total;
    }

    bool initializing = false;
    for (std::size_t i = 0; i < facts.initContainerStatuses.size(); ++i) {
        const ContainerStatusFacts& c = facts.initContainerStatuses[i];
        const bool restartable = isRestartable(facts, c.name);
        restarts += c.restartCount;
        keepLatest(lastRestart, c.lastTerminatedAt);
        if (restartable) {
            restartableInitRestarts += c.restartCount;
            keepLatest(lastRestartableInitRestart, c.lastTerminatedAt);
        }
        if (c.terminated && c.exitCode == 0)
            continue;
        if (restartable && c.started.value_or(false)) {
            if (c.ready)
                ++ready;
            continue;
        }
        if (c.terminated) {
            if (c.terminatedReason.empty()) {
                reason = c.signal != 0 ? "Init:Signal:" + std::to_string(c.signal)
                                       : "Init:ExitCode:" + std::to_string(c.exitCode);
            } else {
                reason = "Init:" + std::string(c.terminatedReason);
            }
        } else if (c.waiting && !c.waitingReason.empty() && c.waitingReason != "PodInitializing") {
            reason = "Init:" + std::string(c.waitingReason);
        } else {
            reason =
                "Init:" + std::to_string(i) + "/" + std::to_string(facts.initContainers.size());
        }
        initializing = true;
        break;
    }

    if (!initializing || facts.initializedTrue) {
        restarts = restartableInitRestarts;
        lastRestart = lastRestartableInitRestart;
        bool hasRunning = false;
        for (auto it = facts.containerStatuses.rbegin(); it != facts.containerStatuses.rend();
             ++it) {
            const ContainerStatusFacts& c = *it;
            restarts += c.restartCount;
            keepLatest(lastRestart, c.lastTerminatedAt);
            if (c.waiting && !c.waitingReason.empty()) {
                reason = c.waitingReason;
            } else if (c.terminated && !c.terminatedReason.empty()) {
                reason = c.terminatedReason;
            } else if (c.terminated) {
                reason = c.signal != 0 ? "Signal:" + std::to_string(c.signal)
                                       : "ExitCode:" + std::to_string(c.exitCode);
            } else if (c.ready && c.running) {
                hasRunning = true;
                ++ready;
            }
        }
        if (reason == "Completed" && hasRunning)
            reason = facts.readyTrue ? "Running" : "NotReady";
    }

    if (facts.deleting && facts.reason == "NodeLost") {
        reason = "Unknown";
    } else if (facts.deleting && facts.phase != "Succeeded" && facts.phase != "Failed") {
        reason = "Terminating";
    }

    out.status = std::move(reason);
    out.readyContainers = clampToInt32(ready);
    out.totalContainers = clampToInt32(total);
    out.restarts = clampToInt32(restarts);
    if (restarts != 0)
        out.lastRestartTime = lastRestart;
    return out;
}

}  // namespace scaledeck::kube::objects
