// PodRow: what the dashboard, the scaling screens and the planner read about one pod, decoded
// once and kept compact (well under 2 KB including its heap blocks; memoryFootprint() measures
// it). The kubectl columns are precomputed at decode time (status, ready/total, restarts, see
// pod_status.h); the restart age is kept as a time so the view can render "5 (2m ago)" against
// its own clock. Ready and PodScheduled keep their reason and message only when not True: the
// scheduler's FailedScheduling message ("0/4 nodes are available: 4 Insufficient cpu…") is what
// an SRE needs during a scale-up. Rows are plain values, safe to copy across threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/time_format.h"
#include "kube/objects/compute_resources.h"
#include "kube/objects/condition.h"
#include "kube/objects/interned_string.h"
#include "kube/objects/object_meta.h"

namespace scaledeck::kube::objects {

enum class PodPhase : std::uint8_t { Unset, Pending, Running, Succeeded, Failed, Unknown };
enum class QosClass : std::uint8_t { Unset, Guaranteed, Burstable, BestEffort };
enum class ContainerState : std::uint8_t { Unset, Waiting, Running, Terminated };

struct PodContainer {
    InternedString name;
    ComputeResources resources;
    std::int32_t restartCount = 0;
    bool ready = false;
    bool init = false;         // from spec.initContainers
    bool restartable = false;  // an init container with restartPolicy Always (a sidecar)
    ContainerState state = ContainerState::Unset;
    InternedString stateReason;            // waiting or terminated reason (CrashLoopBackOff, …)
    InternedString lastTerminationReason;  // OOMKilled, Error, …: what right-sizing looks at

    friend bool operator==(const PodContainer&, const PodContainer&) = default;
};

struct PodRow {
    ObjectMeta meta;

    PodPhase phase = PodPhase::Unset;
    QosClass qosClass = QosClass::Unset;
    std::int32_t readyContainers = 0;
    std::int32_t totalContainers = 0;
    std::int32_t restarts = 0;
    std::optional<base::UnixMillis> lastRestartTime;
    InternedString status;         // kubectl's STATUS column: Running, Pending, Init:1/2, …
    InternedString statusReason;   // status.reason (Evicted, NodeLost, …)
    InternedString statusMessage;  // status.message ("The node was low on resource: memory.")
    InternedString nodeName;
    InternedString nominatedNodeName;
    std::string podIP;
    std::optional<base::UnixMillis> startTime;
    Condition ready;      // type Ready; reason/message kept only when not True
    Condition scheduled;  // type PodScheduled; reason/message kept only when not True
    std::vector<PodContainer> containers;  // init containers first, in spec order

    friend bool operator==(const PodRow&, const PodRow&) = default;
};

const char* toString(PodPhase phase);
const char* toString(QosClass qos);

}  // namespace scaledeck::kube::objects
