// ReplicaSetRow: an apps/v1 ReplicaSet, mostly to tell a Deployment's new ReplicaSet from the
// old ones during a rollout (owner reference plus revision) and to count their pods.
#pragma once

#include <cstdint>

#include "kube/objects/label_selector.h"
#include "kube/objects/object_meta.h"
#include "kube/objects/pod_template_summary.h"

namespace scaledeck::kube::objects {

struct ReplicaSetRow {
    ObjectMeta meta;

    std::int32_t replicas = 1;  // spec.replicas
    LabelSelector selector;
    PodTemplateSummary podTemplate;
    std::int32_t minReadySeconds = 0;
    std::int64_t revision = 0;  // deployment.kubernetes.io/revision
    WorkloadStatus status;

    friend bool operator==(const ReplicaSetRow&, const ReplicaSetRow&) = default;
};

}  // namespace scaledeck::kube::objects
