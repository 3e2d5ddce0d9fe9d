// DeploymentRow: an apps/v1 Deployment as the workload list, the scaling sliders and
// `rollout status`-style progress read it. `replicas` is spec.replicas (the API server
// defaults it to 1); `revision` comes from the deployment.kubernetes.io/revision annotation.
// isRolledOut() mirrors kubectl rollout status' "successfully rolled out" test.
#pragma once

#include <cstdint>

#include "kube/objects/int_or_percent.h"
#include "kube/objects/label_selector.h"
#include "kube/objects/object_meta.h"
#include "kube/objects/pod_template_summary.h"

namespace scaledeck::kube::objects {

enum class DeploymentStrategyType : std::uint8_t { Unset, RollingUpdate, Recreate };

struct DeploymentRow {
    ObjectMeta meta;

    std::int32_t replicas = 1;
    LabelSelector selector;
    PodTemplateSummary podTemplate;
    DeploymentStrategyType strategy = DeploymentStrategyType::Unset;
    IntOrPercent maxSurge;
    IntOrPercent maxUnavailable;
    std::int32_t minReadySeconds = 0;
    bool paused = false;
    std::int64_t revision = 0;
    WorkloadStatus status;

    // kubectl's DeploymentStatusViewer, minus the ProgressDeadlineExceeded check (read the
    // Progressing condition for that).
    bool isRolledOut() const {
        return status.observedGeneration >= meta.generation && status.updatedReplicas >= replicas &&
               status.replicas <= status.updatedReplicas &&
               status.availableReplicas >= status.updatedReplicas;
    }

    friend bool operator==(const DeploymentRow&, const DeploymentRow&) = default;
};

}  // namespace scaledeck::kube::objects
