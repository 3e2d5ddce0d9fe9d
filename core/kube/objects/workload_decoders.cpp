// RowDecoder for Deployment, ReplicaSet and StatefulSet, which share the selector, the pod
// template summary and the replica counters; each adds its own strategy fields.
#include <charconv>

#include "kube/objects/row_decoder.h"

namespace scaledeck::kube::objects::detail {
namespace {

bool readContainerSummary(od::value& value, bool init, ContainerSpecSummary& out,
                          DecodeContext& ctx) {
    return forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        if (key == "name")
            return readInterned(v, out.name, ctx);
        if (key == "image")
            return readInterned(v, out.image, ctx);
        if (key == "resources")
            return readComputeResources(v, out.resources, ctx);
        if (init && key == "restartPolicy") {
            std::string_view policy;
            if (!readString(v, policy, ctx))
                return false;
            out.restartable = policy == "Always";
        }
        return true;
    });
}

bool readPodTemplate(od::value& value, PodTemplateSummary& out, DecodeContext& ctx) {
    return forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        if (key == "metadata") {
            return forEachField(v, ctx, [&](std::string_view k, od::value& f) {
                if (k == "labels")
                    return readLabelMap(f, out.labels, ctx);
                if (k == "annotations")
                    return readLabelMap(f, out.annotations, ctx);
                return true;
            });
        }
        if (key == "spec") {
            return forEachField(v, ctx, [&](std::string_view k, od::value& f) {
                if (k != "containers" && k != "initContainers")
                    return true;
                const bool init = k == "initContainers";
                auto& list = init ? out.initContainers : out.containers;
                list.clear();
                return forEachElement(f, ctx, [&](od::value& element, std::size_t) {
                    return readContainerSummary(element, init, list.emplace_back(), ctx);
                });
            });
        }
        return true;
    });
}

// The spec fields all three kinds share; `handled` says whether `key` was one of them.
bool readSharedSpecField(std::string_view key, od::value& v, std::int32_t& replicas,
                         LabelSelector& selector, PodTemplateSummary& podTemplate,
                         std::int32_t& minReadySeconds, DecodeContext& ctx, bool& handled) {
    handled = true;
    if (key == "replicas")
        return readInt32(v, replicas, ctx);
    if (key == "selector")
        return readLabelSelector(v, selector, ctx);
    if (key == "template")
        return readPodTemplate(v, podTemplate, ctx);
    if (key == "minReadySeconds")
        return readInt32(v, minReadySeconds, ctx);
    handled = false;
    return true;
}

bool readWorkloadStatusField(std::string_view key, od::value& v, WorkloadStatus& out,
                             DecodeContext& ctx) {
    if (key == "observedGeneration")
        return readInt64(v, out.observedGeneration, ctx);
    if (key == "replicas")
        return readInt32(v, out.replicas, ctx);
    if (key == "readyReplicas")
        return readInt32(v, out.readyReplicas, ctx);
    if (key == "availableReplicas")
        return readInt32(v, out.availableReplicas, ctx);
    if (key == "updatedReplicas")
        return readInt32(v, out.updatedReplicas, ctx);
    if (key == "unavailableReplicas")
        return readInt32(v, out.unavailableReplicas, ctx);
    if (key == "currentReplicas")
        return readInt32(v, out.currentReplicas, ctx);
    if (key == "fullyLabeledReplicas")
        return readInt32(v, out.fullyLabeledReplicas, ctx);
    if (key == "conditions")
        return readConditions(v, out.conditions, ctx);
    return true;
}

// deployment.kubernetes.io/revision; a value that is not a number counts as no revision.
std::int64_t revisionAnnotation(const DecodeContext& ctx) {
    const auto text = annotation(ctx, "deployment.kubernetes.io/revision");
    std::int64_t revision = 0;
    if (text)
        std::from_chars(text->data(), text->data() + text->size(), revision);
    return revision;
}

}  // namespace

// Deployment ----------------------------------------------------------------------------------

void RowDecoder<DeploymentRow>::begin(DeploymentRow&, DecodeContext&) {}

bool RowDecoder<DeploymentRow>::field(std::string_view key, od::value& value, DeploymentRow& row,
                                      DecodeContext& ctx) {
    if (key == "spec") {
        return forEachField(value, ctx, [&](std::string_view k, od::value& v) {
            bool handled = false;
            if (!readSharedSpecField(k, v, row.replicas, row.selector, row.podTemplate,
                                     row.minReadySeconds, ctx, handled))
                return false;
            if (handled)
                return true;
            if (k == "paused")
                return readBool(v, row.paused, ctx);
            if (k == "strategy") {
                return forEachField(v, ctx, [&](std::string_view sk, od::value& sv) {
                    if (sk == "type") {
                        std::string_view type;
                        if (!readString(sv, type, ctx))
                            return false;
                        row.strategy = type == "Recreate" ? DeploymentStrategyType::Recreate
                                       : type == "RollingUpdate"
                                           ? DeploymentStrategyType::RollingUpdate
                                           : DeploymentStrategyType::Unset;
                        return true;
                    }
                    if (sk == "rollingUpdate") {
                        return forEachField(sv, ctx, [&](std::string_view rk, od::value& rv) {
                            if (rk == "maxSurge")
                                return readIntOrPercent(rv, row.maxSurge, ctx);
                            if (rk == "maxUnavailable")
                                return readIntOrPercent(rv, row.maxUnavailable, ctx);
                            return true;
                        });
                    }
                    return true;
                });
            }
            return true;
        });
    }
    if (key == "status") {
        return forEachField(value, ctx, [&](std::string_view k, od::value& v) {
            return readWorkloadStatusField(k, v, row.status, ctx);
        });
    }
    return true;
}

bool RowDecoder<DeploymentRow>::finish(DeploymentRow& row, DecodeContext& ctx) {
    row.revision = revisionAnnotation(ctx);
    return true;
}

// ReplicaSet ----------------------------------------------------------------------------------

void RowDecoder<ReplicaSetRow>::begin(ReplicaSetRow&, DecodeContext&) {}

bool RowDecoder<ReplicaSetRow>::field(std::string_view key, od::value& value, ReplicaSetRow& row,
                                      DecodeContext& ctx) {
    if (key == "spec") {
        return forEachField(value, ctx, [&](std::string_view k, od::value& v) {
            bool handled = false;
            return readSharedSpecField(k, v, row.replicas, row.selector, row.podTemplate,
                                       row.minReadySeconds, ctx, handled);
        });
    }
    if (key == "status") {
        return forEachField(value, ctx, [&](std::string_view k, od::value& v) {
            return readWorkloadStatusField(k, v, row.status, ctx);
        });
    }
    return true;
}

bool RowDecoder<ReplicaSetRow>::finish(ReplicaSetRow& row, DecodeContext& ctx) {
    row.revision = revisionAnnotation(ctx);
    return true;
}

// StatefulSet ---------------------------------------------------------------------------------

void RowDecoder<StatefulSetRow>::begin(StatefulSetRow&, DecodeContext&) {}

bool RowDecoder<StatefulSetRow>::field(std::string_view key, od::value& value, StatefulSetRow& row,
                                       DecodeContext& ctx) {
    if (key == "spec") {
        return forEachField(value, ctx, [&](std::string_view k, od::value& v) {
            bool handled = false;
            if (!readSharedSpecField(k, v, row.replicas, row.selector, row.podTemplate,
                                     row.minReadySeconds, ctx, handled))
                return false;
            if (handled)
                return true;
            if (k == "serviceName")
                return readInterned(v, row.serviceName, ctx);
            if (k == "podManagementPolicy") {
                std::string_view policy;
                if (!readString(v, policy, ctx))
                    return false;
                row.podManagementPolicy = policy == "Parallel" ? PodManagementPolicy::Parallel
                                          : policy == "OrderedReady"
                                              ? PodManagementPolicy::OrderedReady
                                              : PodManagementPolicy::Unset;
                return true;
            }
            if (k == "updateStrategy") {
                return forEachField(v, ctx, [&](std::string_view sk, od::value& sv) {
                    if (sk == "type") {
                        std::string_view type;
                        if (!readString(sv, type, ctx))
                            return false;
                        row.updateStrategy =
                            type == "OnDelete"        ? StatefulSetUpdateStrategy::OnDelete
                            : type == "RollingUpdate" ? StatefulSetUpdateStrategy::RollingUpdate
                                                      : StatefulSetUpdateStrategy::Unset;
                        return true;
                    }
                    if (sk == "rollingUpdate") {
                        return forEachField(sv, ctx, [&](std::string_view rk, od::value& rv) {
                            if (rk == "partition")
                                return readInt32(rv, row.partition, ctx);
                            if (rk == "maxUnavailable")
                                return readIntOrPercent(rv, row.maxUnavailable, ctx);
                            return true;
                        });
                    }
                    return true;
                });
            }
            return true;
        });
    }
    if (key == "status") {
        return forEachField(value, ctx, [&](std::string_view k, od::value& v) {
            if (k == "currentRevision")
                return readString(v, row.currentRevision, ctx);
            if (k == "updateRevision")
                return readString(v, row.updateRevision, ctx);
            return readWorkloadStatusField(k, v, row.status, ctx);
        });
    }
    return true;
}

bool RowDecoder<StatefulSetRow>::finish(StatefulSetRow&, DecodeContext&) {
    return true;
}

}  // namespace scaledeck::kube::objects::detail
