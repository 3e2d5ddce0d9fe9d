// StatefulSetRow: an apps/v1 StatefulSet. Besides the shared workload parts it keeps what makes
// scaling a StatefulSet different: ordered pod management (OrderedReady scales one pod at a
// time) and the rolling-update partition, plus the current and update revisions.
#pragma once

#include <cstdint>
#include <string>

#include "kube/objects/int_or_percent.h"
#include "kube/objects/interned_string.h"
#include "kube/objects/label_selector.h"
#include "kube/objects/object_meta.h"
#include "kube/objects/pod_template_summary.h"

namespace scaledeck::kube::objects {

enum class PodManagementPolicy : std::uint8_t { Unset, OrderedReady, Parallel };
enum class StatefulSetUpdateStrategy : std::uint8_t { Unset, RollingUpdate, OnDelete };

struct StatefulSetRow {
    ObjectMeta meta;

    std::int32_t replicas = 1;  // spec.replicas
    LabelSelector selector;
    PodTemplateSummary podTemplate;
    InternedString serviceName;
    PodManagementPolicy podManagementPolicy = PodManagementPolicy::Unset;
    StatefulSetUpdateStrategy updateStrategy = StatefulSetUpdateStrategy::Unset;
    std::int32_t partition = 0;
    IntOrPercent maxUnavailable;
    std::int32_t minReadySeconds = 0;
    WorkloadStatus status;
    std::string currentRevision;
    std::string updateRevision;

    friend bool operator==(const StatefulSetRow&, const StatefulSetRow&) = default;
};

}  // namespace scaledeck::kube::objects
