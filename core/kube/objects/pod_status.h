// The STATUS, READY and RESTARTS columns of `kubectl get pods`, computed exactly like kubectl's
// printPod (pkg/printers/internalversion, 1.32): the phase or status.reason, then the init
// containers ("Init:1/2", "Init:CrashLoopBackOff", "Init:ExitCode:1"), then the regular
// containers scanned from last to first so the first one with a waiting or terminated reason
// wins, "Completed" turned back into Running/NotReady while a container still runs, and
// finally "Terminating" (or "Unknown" for a NodeLost pod) when deletion has started. Readiness
// gates are not evaluated.
//
// PodStatusFacts holds views into the decoded JSON: build it, call computePodDisplayStatus(),
// and keep only the result. The decoder does this for every pod; tests drive it directly.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/time_format.h"

namespace scaledeck::kube::objects {

struct ContainerStatusFacts {
    std::string_view name;
    bool ready = false;
    std::optional<bool> started;
    std::int32_t restartCount = 0;
    bool waiting = false;
    std::string_view waitingReason;
    bool running = false;
    bool terminated = false;
    std::string_view terminatedReason;
    std::int32_t exitCode = 0;
    std::int32_t signal = 0;
    // lastState.terminated.finishedAt, when lastState.terminated is present and has a time.
    std::optional<base::UnixMillis> lastTerminatedAt;
    std::string_view lastTerminatedReason;
};

struct InitContainerFacts {
    std::string_view name;
    bool restartable = false;  // restartPolicy: Always (a sidecar)
};

struct PodStatusFacts {
    std::string_view phase;
    std::string_view reason;  // status.reason ("Evicted", "NodeLost", …)
    bool deleting = false;    // metadata.deletionTimestamp is set
    bool initializedTrue = false;
    bool readyTrue = false;
    bool schedulingGated = false;  // PodScheduled with reason SchedulingGated
    std::size_t containerCount = 0;
    std::vector<InitContainerFacts> initContainers;
    std::vector<ContainerStatusFacts> initContainerStatuses;
    std::vector<ContainerStatusFacts> containerStatuses;

    void clear();
};

struct PodDisplayStatus {
    std::string status;                // the STATUS column
    std::int32_t readyContainers = 0;  // READY "n/m"
    std::int32_t totalContainers = 0;
    std::int32_t restarts = 0;                        // RESTARTS
    std::optional<base::UnixMillis> lastRestartTime;  // the "(2m ago)" part, when known
};

PodDisplayStatus computePodDisplayStatus(const PodStatusFacts& facts);

}  // namespace scaledeck::kube::objects
