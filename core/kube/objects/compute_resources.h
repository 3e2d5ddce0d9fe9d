// ComputeResources: the CPU and memory requests and limits of one container, as integers
// (milli-CPU and bytes) parsed with base::Quantity exactly as the API server does, rounding up
// like Quantity.MilliValue()/Value(). Unset stays unset: "no limit" is not a limit of zero.
// Other resources (ephemeral-storage, GPUs) are not kept.
#pragma once

#include <cstdint>
#include <optional>

#include "kube/objects/interned_string.h"

namespace scaledeck::kube::objects {

struct ComputeResources {
    std::optional<std::int64_t> cpuRequestMilli;
    std::optional<std::int64_t> cpuLimitMilli;
    std::optional<std::int64_t> memoryRequestBytes;
    std::optional<std::int64_t> memoryLimitBytes;

    friend bool operator==(const ComputeResources&, const ComputeResources&) = default;
};

// A container of a pod template (Deployment, ReplicaSet, StatefulSet).
struct ContainerSpecSummary {
    InternedString name;
    InternedString image;
    ComputeResources resources;
    bool restartable = false;  // an init container with restartPolicy Always (a sidecar)

    friend bool operator==(const ContainerSpecSummary&, const ContainerSpecSummary&) = default;
};

}  // namespace scaledeck::kube::objects
