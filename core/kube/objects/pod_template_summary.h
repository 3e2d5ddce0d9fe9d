// PodTemplateSummary and WorkloadStatus: the parts Deployments, ReplicaSets and StatefulSets
// share. The template keeps what scaling and planning need (labels, annotations — where
// `kubectl rollout restart` leaves its restartedAt — and each container's image and resources);
// the status keeps every replica counter any of the three reports, so screens can treat
// workloads alike (counters a kind does not have stay 0).
#pragma once

#include <cstdint>
#include <vector>

#include "kube/objects/compute_resources.h"
#include "kube/objects/condition.h"
#include "kube/objects/label_map.h"

namespace scaledeck::kube::objects {

struct PodTemplateSummary {
    LabelMap labels;
    LabelMap annotations;
    std::vector<ContainerSpecSummary> containers;
    std::vector<ContainerSpecSummary> initContainers;

    friend bool operator==(const PodTemplateSummary&, const PodTemplateSummary&) = default;
};

struct WorkloadStatus {
    std::int64_t observedGeneration = 0;
    std::int32_t replicas = 0;
    std::int32_t readyReplicas = 0;
    std::int32_t availableReplicas = 0;
    std::int32_t updatedReplicas = 0;
    std::int32_t unavailableReplicas = 0;   // Deployment
    std::int32_t currentReplicas = 0;       // StatefulSet
    std::int32_t fullyLabeledReplicas = 0;  // ReplicaSet
    std::vector<Condition> conditions;

    friend bool operator==(const WorkloadStatus&, const WorkloadStatus&) = default;
};

}  // namespace scaledeck::kube::objects
