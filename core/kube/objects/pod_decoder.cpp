// RowDecoder<PodRow>: spec.containers/initContainers (names, resources, sidecars), spec.nodeName,
// and status (phase, conditions, container statuses, IPs, QoS). Container statuses are collected
// as PodStatusFacts and turned into kubectl's columns once the whole pod has been read, because
// spec and status may come in any order.
#include <algorithm>

#include "kube/objects/row_decoder.h"

namespace scaledeck::kube::objects::detail {
namespace {

PodPhase phaseFrom(std::string_view text) {
    if (text == "Pending")
        return PodPhase::Pending;
    if (text == "Running")
        return PodPhase::Running;
    if (text == "Succeeded")
        return PodPhase::Succeeded;
    if (text == "Failed")
        return PodPhase::Failed;
    if (text == "Unknown")
        return PodPhase::Unknown;
    return PodPhase::Unset;
}

QosClass qosFrom(std::string_view text) {
    if (text == "Guaranteed")
        return QosClass::Guaranteed;
    if (text == "Burstable")
        return QosClass::Burstable;
    if (text == "BestEffort")
        return QosClass::BestEffort;
    return QosClass::Unset;
}

bool readContainerSpec(od::value& value, bool init, DecodeContext& ctx) {
    PodContainer& container = ctx.podContainers.emplace_back();
    container.init = init;
    std::string_view name;
    const bool ok = forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        if (key == "name")
            return readString(v, name, ctx);
        if (key == "resources")
            return readComputeResources(v, container.resources, ctx);
        if (init && key == "restartPolicy") {
            std::string_view policy;
            if (!readString(v, policy, ctx))
                return false;
            container.restartable = policy == "Always";
            return true;
        }
        return true;
    });
    container.name = ctx.intern(name);
    if (init)
        ctx.pod.initContainers.push_back({name, container.restartable});
    else
        ++ctx.pod.containerCount;
    return ok;
}

bool readPodSpec(od::value& value, PodRow& row, DecodeContext& ctx) {
    return forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        if (key == "containers" || key == "initContainers") {
            const bool init = key == "initContainers";
            return forEachElement(v, ctx, [&](od::value& element, std::size_t) {
                return readContainerSpec(element, init, ctx);
            });
        }
        if (key == "nodeName")
            return readInterned(v, row.nodeName, ctx);
        return true;
    });
}

bool readState(od::value& value, ContainerStatusFacts& c, DecodeContext& ctx) {
    return forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        if (key == "waiting") {
            return forEachField(
                v, ctx,
                [&](std::string_view k, od::value& f) {
                    return k == "reason" ? readString(f, c.waitingReason, ctx) : true;
                },
                &c.waiting);
        }
        if (key == "running")
            return forEachField(
                v, ctx, [](std::string_view, od::value&) { return true; }, &c.running);
        if (key == "terminated") {
            bool present = false;
            bool ok = forEachField(
                v, ctx,
                [&](std::string_view k, od::value& f) {
                    if (k == "reason")
                        return readString(f, c.terminatedReason, ctx);
                    if (k == "exitCode")
                        return readInt32(f, c.exitCode, ctx);
                    if (k == "signal")
                        return readInt32(f, c.signal, ctx);
                    return true;
                },
                &present);
            c.terminated = c.terminated || present;
            return ok;
        }
        return true;
    });
}

bool readLastState(od::value& value, ContainerStatusFacts& c, DecodeContext& ctx) {
    return forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        if (key != "terminated")
            return true;
        return forEachField(v, ctx, [&](std::string_view k, od::value& f) {
            if (k == "finishedAt")
                return readTime(f, c.lastTerminatedAt, ctx);
            if (k == "reason")
                return readString(f, c.lastTerminatedReason, ctx);
            return true;
        });
    });
}

bool readContainerStatus(od::value& value, ContainerStatusFacts& c, DecodeContext& ctx) {
    return forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        if (key == "name")
            return readString(v, c.name, ctx);
        if (key == "ready")
            return readBool(v, c.ready, ctx);
        if (key == "started") {
            bool started = false;
            bool null = false;
            if (!v.is_null().get(null) && null)
                return true;
            if (!readBool(v, started, ctx))
                return false;
            c.started = started;
            return true;
        }
        if (key == "restartCount")
            return readInt32(v, c.restartCount, ctx);
        if (key == "state")
            return readState(v, c, ctx);
        if (key == "lastState")
            return readLastState(v, c, ctx);
        return true;
    });
}

// Keeps Ready and PodScheduled (reason and message only when not True) and notes Initialized.
bool readPodConditions(od::value& value, PodRow& row, DecodeContext& ctx) {
    return forEachElement(value, ctx, [&](od::value& element, std::size_t) {
        std::string_view type;
        std::string_view reason;
        std::string_view message;
        std::string_view transitionText;
        ConditionStatus status = ConditionStatus::Unknown;
        const bool ok = forEachField(element, ctx, [&](std::string_view key, od::value& v) {
            if (key == "type")
                return readString(v, type, ctx);
            if (key == "status")
                return readConditionStatus(v, status, ctx);
            if (key == "reason")
                return readString(v, reason, ctx);
            if (key == "message")
                return readString(v, message, ctx);
            if (key == "lastTransitionTime")
                return readString(v, transitionText, ctx);  // parsed below if kept
            return true;
        });
        if (!ok)
            return false;
        Condition* target = nullptr;
        if (type == "Ready") {
            target = &row.ready;
            ctx.pod.readyTrue = status == ConditionStatus::True;
        } else if (type == "PodScheduled") {
            target = &row.scheduled;
            ctx.pod.schedulingGated = reason == "SchedulingGated";
        } else if (type == "Initialized") {
            ctx.pod.initializedTrue = status == ConditionStatus::True;
        }
        if (target != nullptr) {
            if (!transitionText.empty()) {
                target->lastTransitionTime = base::parseRfc3339(transitionText);
                if (!target->lastTransitionTime) {
                    ctx.fail("expected an RFC 3339 time, got " + quoted(transitionText));
                    return ctx.atField("lastTransitionTime");
                }
            }
            target->type = ctx.intern(type);
            target->status = status;
            if (status != ConditionStatus::True) {
                target->reason = ctx.intern(reason);
                target->message = ctx.intern(message);
            }
        }
        return true;
    });
}

bool readPodStatus(od::value& value, PodRow& row, DecodeContext& ctx) {
    return forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        if (key == "phase") {
            if (!readString(v, ctx.pod.phase, ctx))
                return false;
            row.phase = phaseFrom(ctx.pod.phase);
            return true;
        }
        if (key == "reason") {
            if (!readString(v, ctx.pod.reason, ctx))
                return false;
            row.statusReason = ctx.intern(ctx.pod.reason);
            return true;
        }
        if (key == "message")
            return readInterned(v, row.statusMessage, ctx);
        if (key == "conditions")
            return readPodConditions(v, row, ctx);
        if (key == "containerStatuses" || key == "initContainerStatuses") {
            auto& statuses = key == "containerStatuses" ? ctx.pod.containerStatuses
                                                        : ctx.pod.initContainerStatuses;
            return forEachElement(v, ctx, [&](od::value& element, std::size_t) {
                return readContainerStatus(element, statuses.emplace_back(), ctx);
            });
        }
        if (key == "podIP")
            return readString(v, row.podIP, ctx);
        if (key == "nominatedNodeName")
            return readInterned(v, row.nominatedNodeName, ctx);
        if (key == "qosClass") {
            std::string_view qos;
            if (!readString(v, qos, ctx))
                return false;
            row.qosClass = qosFrom(qos);
            return true;
        }
        if (key == "startTime")
            return readTime(v, row.startTime, ctx);
        return true;
    });
}

const ContainerStatusFacts* findStatus(const std::vector<ContainerStatusFacts>& statuses,
                                       std::string_view name) {
    for (const auto& s : statuses) {
        if (s.name == name)
            return &s;
    }
    return nullptr;
}

}  // namespace

void RowDecoder<PodRow>::begin(PodRow&, DecodeContext& ctx) {
    ctx.pod.clear();
    ctx.podContainers.clear();
}

bool RowDecoder<PodRow>::field(std::string_view key, od::value& value, PodRow& row,
                               DecodeContext& ctx) {
    if (key == "spec")
        return readPodSpec(value, row, ctx);
    if (key == "status")
        return readPodStatus(value, row, ctx);
    return true;
}

bool RowDecoder<PodRow>::finish(PodRow& row, DecodeContext& ctx) {
    ctx.pod.deleting = row.meta.deletionTimestamp.has_value();
    PodDisplayStatus display = computePodDisplayStatus(ctx.pod);
    row.status = ctx.intern(display.status);
    row.readyContainers = display.readyContainers;
    row.totalContainers = display.totalContainers;
    row.restarts = display.restarts;
    row.lastRestartTime = display.lastRestartTime;

    // Init containers first (stable), then join each container with its status by name.
    std::stable_partition(ctx.podContainers.begin(), ctx.podContainers.end(),
                          [](const PodContainer& c) { return c.init; });
    for (PodContainer& c : ctx.podContainers) {
        const ContainerStatusFacts* s = findStatus(
            c.init ? ctx.pod.initContainerStatuses : ctx.pod.containerStatuses, c.name.view());
        if (s == nullptr)
            continue;
        c.ready = s->ready;
        c.restartCount = s->restartCount;
        if (s->waiting) {
            c.state = ContainerState::Waiting;
            c.stateReason = ctx.intern(s->waitingReason);
        } else if (s->terminated) {
            c.state = ContainerState::Terminated;
            c.stateReason = ctx.intern(s->terminatedReason);
        } else if (s->running) {
            c.state = ContainerState::Running;
        }
        c.lastTerminationReason = ctx.intern(s->lastTerminatedReason);
    }
    // An exactly sized copy: the scratch keeps its capacity for the next pod.
    row.containers.reserve(ctx.podContainers.size());
    for (PodContainer& c : ctx.podContainers)
        row.containers.push_back(std::move(c));
    return true;
}

}  // namespace scaledeck::kube::objects::detail

namespace scaledeck::kube::objects {

const char* toString(PodPhase phase) {
    switch (phase) {
        case PodPhase::Pending:
            return "Pending";
        case PodPhase::Running:
            return "Running";
        case PodPhase::Succeeded:
            return "Succeeded";
        case PodPhase::Failed:
            return "Failed";
        case PodPhase::Unknown:
            return "Unknown";
        case PodPhase::Unset:
            break;
    }
    return "";
}

const char* toString(QosClass qos) {
    switch (qos) {
        case QosClass::Guaranteed:
            return "Guaranteed";
        case QosClass::Burstable:
            return "Burstable";
        case QosClass::BestEffort:
            return "BestEffort";
        case QosClass::Unset:
            break;
    }
    return "";
}

}  // namespace scaledeck::kube::objects
