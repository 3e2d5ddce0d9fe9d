// RowJson: the `-o json` document of scaledeck-cli — ScaleDeck's own, stable schema of the
// decoded rows, not Kubernetes objects (for those, use kubectl -o json). Version 1:
//
//   {"apiVersion": "scaledeck.io/cli/v1", "kind": "PodList", "items": [ {...}, ... ]}
//
// Items are in the server's order. Every item has "name", "namespace" (omitted for nodes),
// "created" (RFC 3339, null when unknown) and "age_seconds" (whole seconds at the moment of
// printing, null when unknown). Counts are integers, CPU is in millicores ("_millis"), memory
// in bytes ("_bytes"), durations in seconds, quantities that are not CPU or memory are strings
// as the server wrote them ("500m", "1k"), and an absent value is null, never 0 or "".
//   PodList: status (kubectl's STATUS), phase, ready ("1/2"), ready_containers,
//     total_containers, restarts, last_restart_seconds_ago, node, ip, qos_class,
//     cpu_request_millis, memory_request_bytes, cpu_limit_millis, memory_limit_bytes (the
//     pod's effective values as the scheduler computes them: regular and sidecar containers
//     summed, at least the largest init container; a limit is null when a container has none),
//     containers [{name, init, ready, restarts, state, reason, last_termination_reason,
//     cpu_request_millis, memory_request_bytes, cpu_limit_millis, memory_limit_bytes}]
//   NodeList: status (kubectl's STATUS), ready (true/false/null), unschedulable, roles [..],
//     version, internal_ip, external_ip, cpu_capacity_millis, memory_capacity_bytes,
//     pods_capacity, cpu_allocatable_millis, memory_allocatable_bytes, pods_allocatable,
//     taints [{key, value, effect}]
//   DeploymentList: replicas (spec), ready_replicas, updated_replicas, available_replicas,
//     unavailable_replicas, selector, paused, revision
//   StatefulSetList: replicas (spec), ready_replicas, current_replicas, updated_replicas,
//     available_replicas, selector, service_name, pod_management_policy
//   HorizontalPodAutoscalerList: reference {api_version, kind, name}, min_replicas (null:
//     unset, the server's default 1), max_replicas, current_replicas, desired_replicas,
//     targets (kubectl's TARGETS text), last_scale_seconds_ago, metrics [{type, resource,
//     container, metric, target_type, target_utilization_percent, target_average_value,
//     target_value, current_utilization_percent, current_average_value, current_value}]
//   EventList: type, reason, object ("pod/web-1"), object_kind, object_name, object_namespace,
//     message, count, first_seen, last_seen (RFC 3339), last_seen_seconds_ago, source
//   PodDisruptionBudgetList: min_available, max_unavailable (strings "2" or "50%", null when
//     unset), allowed_disruptions, current_healthy, desired_healthy, expected_pods
// New fields may be added to version 1; none is renamed or removed without a new apiVersion.
// Pure functions; any thread.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "base/time_format.h"
#include "kube/objects/deployment_row.h"
#include "kube/objects/event_row.h"
#include "kube/objects/hpa_row.h"
#include "kube/objects/node_row.h"
#include "kube/objects/pdb_row.h"
#include "kube/objects/pod_row.h"
#include "kube/objects/stateful_set_row.h"

namespace scaledeck::cli {

class RowJson final {
public:
    static constexpr std::string_view kApiVersion = "scaledeck.io/cli/v1";

    // {"apiVersion", "kind": listKind, "items": []}; the caller appends to "items".
    static nlohmann::json document(std::string_view listKind);

    static nlohmann::json item(const kube::objects::PodRow& row, base::UnixMillis now);
    static nlohmann::json item(const kube::objects::NodeRow& row, base::UnixMillis now);
    static nlohmann::json item(const kube::objects::DeploymentRow& row, base::UnixMillis now);
    static nlohmann::json item(const kube::objects::StatefulSetRow& row, base::UnixMillis now);
    static nlohmann::json item(const kube::objects::HpaRow& row, base::UnixMillis now);
    static nlohmann::json item(const kube::objects::EventRow& row, base::UnixMillis now);
    static nlohmann::json item(const kube::objects::PdbRow& row, base::UnixMillis now);
};

}  // namespace scaledeck::cli
