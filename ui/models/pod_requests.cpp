#include "ui/models/pod_requests.h"

#include <algorithm>

namespace scaledeck::ui {

using kube::objects::PodPhase;
using kube::objects::PodRow;

bool PodRequests::holdsNodeResources(const PodRow& pod) {
    return pod.phase != PodPhase::Succeeded && pod.phase != PodPhase::Failed;
}

PodRequests podRequests(const PodRow& pod) {
    PodRequests sum;
    std::int64_t sidecarCpu = 0;
    std::int64_t sidecarMemory = 0;
    std::int64_t initCpu = 0;
    std::int64_t initMemory = 0;
    for (const auto& c : pod.containers) {
        const std::int64_t cpu = c.resources.cpuRequestMilli.value_or(0);
        const std::int64_t memory = c.resources.memoryRequestBytes.value_or(0);
        sum.cpuSet = sum.cpuSet || c.resources.cpuRequestMilli.has_value();
        sum.memorySet = sum.memorySet || c.resources.memoryRequestBytes.has_value();
        if (!c.init) {
            sum.cpuMilli += cpu;
            sum.memoryBytes += memory;
        } else if (c.restartable) {
            // A sidecar runs for the pod's whole life, and during every later init container.
            sum.cpuMilli += cpu;
            sum.memoryBytes += memory;
            sidecarCpu += cpu;
            sidecarMemory += memory;
            initCpu = std::max(initCpu, sidecarCpu);
            initMemory = std::max(initMemory, sidecarMemory);
        } else {
            initCpu = std::max(initCpu, cpu + sidecarCpu);
            initMemory = std::max(initMemory, memory + sidecarMemory);
        }
    }
    sum.cpuMilli = std::max(sum.cpuMilli, initCpu);
    sum.memoryBytes = std::max(sum.memoryBytes, initMemory);
    return sum;
}

}  // namespace scaledeck::ui
