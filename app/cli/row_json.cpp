#include "cli/row_json.h"

#include <algorithm>
#include <optional>
#include <string>

#include "cli/hpa_columns.h"
#include "cli/node_columns.h"

namespace scaledeck::cli {

namespace {

using nlohmann::json;
namespace objects = kube::objects;

template <class T>
json orNull(const std::optional<T>& value) {
    return value ? json(*value) : json(nullptr);
}

json text(const objects::InternedString& value) {
    return value.empty() ? json(nullptr) : json(value.view());
}

json text(const std::string& value) {
    return value.empty() ? json(nullptr) : json(value);
}

json quantity(const std::optional<base::Quantity>& value) {
    return value ? json(value->toString()) : json(nullptr);
}

json secondsSince(std::optional<base::UnixMillis> time, base::UnixMillis now) {
    if (!time || *time == 0)
        return nullptr;
    return (now - *time) / 1000;
}

json timestamp(std::optional<base::UnixMillis> time) {
    if (!time || *time == 0)
        return nullptr;
    return base::formatRfc3339(*time);
}

json meta(const objects::ObjectMeta& meta, base::UnixMillis now) {
    json item = json::object();
    if (!meta.namespaceName.empty())
        item["namespace"] = meta.namespaceName.view();
    item["name"] = meta.name;
    item["created"] = timestamp(meta.creationTimestamp);
    item["age_seconds"] = secondsSince(meta.creationTimestamp, now);
    return item;
}

json intOrPercent(const objects::IntOrPercent& value) {
    return value.isSet() ? json(value.toString()) : json(nullptr);
}

// The pod's effective requests or limits as the scheduler sums them (k8s PodRequests): regular
// containers and sidecars together, but at least any init container plus the sidecars started
// before it. A limit of a container without one is unbounded: null.
struct PodTotal {
    std::optional<std::int64_t> cpu = 0;
    std::optional<std::int64_t> memory = 0;
};

std::optional<std::int64_t> plus(std::optional<std::int64_t> a, std::optional<std::int64_t> b) {
    if (!a || !b)
        return std::nullopt;
    return *a + *b;
}

std::optional<std::int64_t> atLeast(std::optional<std::int64_t> a, std::optional<std::int64_t> b) {
    if (!a || !b)
        return std::nullopt;
    return std::max(*a, *b);
}

PodTotal podTotal(const objects::PodRow& row, bool limits) {
    const auto cpuOf = [&](const objects::ComputeResources& r) {
        return limits ? r.cpuLimitMilli
                      : std::optional<std::int64_t>(r.cpuRequestMilli.value_or(0));
    };
    const auto memoryOf = [&](const objects::ComputeResources& r) {
        return limits ? r.memoryLimitBytes
                      : std::optional<std::int64_t>(r.memoryRequestBytes.value_or(0));
    };
    PodTotal running;
    PodTotal sidecars;
    PodTotal initPeak;
    for (const auto& container : row.containers) {
        const auto cpu = cpuOf(container.resources);
        const auto memory = memoryOf(container.resources);
        if (!container.init || container.restartable) {
            running.cpu = plus(running.cpu, cpu);
            running.memory = plus(running.memory, memory);
        }
        if (container.init && container.restartable) {
            sidecars.cpu = plus(sidecars.cpu, cpu);
            sidecars.memory = plus(sidecars.memory, memory);
        } else if (container.init) {
            initPeak.cpu = atLeast(initPeak.cpu, plus(cpu, sidecars.cpu));
            initPeak.memory = atLeast(initPeak.memory, plus(memory, sidecars.memory));
        }
    }
    return {atLeast(running.cpu, initPeak.cpu), atLeast(running.memory, initPeak.memory)};
}

const char* stateName(objects::ContainerState state) {
    switch (state) {
        case objects::ContainerState::Waiting:
            return "waiting";
        case objects::ContainerState::Running:
            return "running";
        case objects::ContainerState::Terminated:
            return "terminated";
        case objects::ContainerState::Unset:
            break;
    }
    return nullptr;
}

json optionalName(const char* name) {
    return name == nullptr ? json(nullptr) : json(name);
}

json container(const objects::PodContainer& c) {
    return {{"name", c.name.view()},
            {"init", c.init},
            {"ready", c.ready},
            {"restarts", c.restartCount},
            {"state", optionalName(stateName(c.state))},
            {"reason", text(c.stateReason)},
            {"last_termination_reason", text(c.lastTerminationReason)},
            {"cpu_request_millis", orNull(c.resources.cpuRequestMilli)},
            {"memory_request_bytes", orNull(c.resources.memoryRequestBytes)},
            {"cpu_limit_millis", orNull(c.resources.cpuLimitMilli)},
            {"memory_limit_bytes", orNull(c.resources.memoryLimitBytes)}};
}

const char* phaseName(objects::PodPhase phase) {
    return phase == objects::PodPhase::Unset ? nullptr : objects::toString(phase);
}

const char* qosName(objects::QosClass qos) {
    return qos == objects::QosClass::Unset ? nullptr : objects::toString(qos);
}

json selector(const objects::LabelSelector& selector) {
    return selector.toString();
}

}  // namespace

json RowJson::document(std::string_view listKind) {
    return {{"apiVersion", kApiVersion}, {"kind", listKind}, {"items", json::array()}};
}

json RowJson::item(const objects::PodRow& row, base::UnixMillis now) {
    json item = meta(row.meta, now);
    item["status"] = row.status.view();
    item["phase"] = optionalName(phaseName(row.phase));
    item["ready"] = std::to_string(row.readyContainers) + "/" + std::to_string(row.totalContainers);
    item["ready_containers"] = row.readyContainers;
    item["total_containers"] = row.totalContainers;
    item["restarts"] = row.restarts;
    item["last_restart_seconds_ago"] = secondsSince(row.lastRestartTime, now);
    item["node"] = text(row.nodeName);
    item["ip"] = text(row.podIP);
    item["qos_class"] = optionalName(qosName(row.qosClass));
    const PodTotal requests = podTotal(row, false);
    const PodTotal limits = podTotal(row, true);
    item["cpu_request_millis"] = orNull(requests.cpu);
    item["memory_request_bytes"] = orNull(requests.memory);
    item["cpu_limit_millis"] = orNull(limits.cpu);
    item["memory_limit_bytes"] = orNull(limits.memory);
    json containers = json::array();
    for (const auto& c : row.containers)
        containers.push_back(container(c));
    item["containers"] = std::move(containers);
    return item;
}

json RowJson::item(const objects::NodeRow& row, base::UnixMillis now) {
    json item = meta(row.meta, now);
    item["status"] = NodeColumns::cells(row, now)[1];
    item["ready"] = row.ready.status == objects::ConditionStatus::Absent ||
                            row.ready.status == objects::ConditionStatus::Unknown
                        ? json(nullptr)
                        : json(row.ready.isTrue());
    item["unschedulable"] = row.unschedulable;
    json roles = json::array();
    for (const auto& role : row.roles)
        roles.push_back(role.view());
    item["roles"] = std::move(roles);
    item["version"] = text(row.kubeletVersion);
    item["internal_ip"] = text(row.internalIP);
    item["external_ip"] = text(row.externalIP);
    item["cpu_capacity_millis"] = row.capacity.cpuMilli;
    item["memory_capacity_bytes"] = row.capacity.memoryBytes;
    item["pods_capacity"] = row.capacity.pods;
    item["cpu_allocatable_millis"] = row.allocatable.cpuMilli;
    item["memory_allocatable_bytes"] = row.allocatable.memoryBytes;
    item["pods_allocatable"] = row.allocatable.pods;
    json taints = json::array();
    for (const auto& taint : row.taints) {
        taints.push_back({{"key", taint.key.view()},
                          {"value", text(taint.value)},
                          {"effect", objects::toString(taint.effect)}});
    }
    item["taints"] = std::move(taints);
    return item;
}

json RowJson::item(const objects::DeploymentRow& row, base::UnixMillis now) {
    json item = meta(row.meta, now);
    item["replicas"] = row.replicas;
    item["ready_replicas"] = row.status.readyReplicas;
    item["updated_replicas"] = row.status.updatedReplicas;
    item["available_replicas"] = row.status.availableReplicas;
    item["unavailable_replicas"] = row.status.unavailableReplicas;
    item["selector"] = selector(row.selector);
    item["paused"] = row.paused;
    item["revision"] = row.revision == 0 ? json(nullptr) : json(row.revision);
    return item;
}

json RowJson::item(const objects::StatefulSetRow& row, base::UnixMillis now) {
    json item = meta(row.meta, now);
    item["replicas"] = row.replicas;
    item["ready_replicas"] = row.status.readyReplicas;
    item["current_replicas"] = row.status.currentReplicas;
    item["updated_replicas"] = row.status.updatedReplicas;
    item["available_replicas"] = row.status.availableReplicas;
    item["selector"] = selector(row.selector);
    item["service_name"] = text(row.serviceName);
    const char* policy = nullptr;
    if (row.podManagementPolicy == objects::PodManagementPolicy::OrderedReady)
        policy = "OrderedReady";
    else if (row.podManagementPolicy == objects::PodManagementPolicy::Parallel)
        policy = "Parallel";
    item["pod_management_policy"] = optionalName(policy);
    return item;
}

json RowJson::item(const objects::HpaRow& row, base::UnixMillis now) {
    json item = meta(row.meta, now);
    item["reference"] = {{"api_version", text(row.scaleTargetRef.apiVersion)},
                         {"kind", text(row.scaleTargetRef.kind)},
                         {"name", text(row.scaleTargetRef.name)}};
    item["min_replicas"] = orNull(row.minReplicas);
    item["max_replicas"] = row.maxReplicas;
    item["current_replicas"] = row.currentReplicas;
    item["desired_replicas"] = row.desiredReplicas;
    item["targets"] = HpaColumns::targets(row);
    item["last_scale_seconds_ago"] = secondsSince(row.lastScaleTime, now);
    json metrics = json::array();
    for (const auto& metric : row.metrics) {
        const auto& current = metric.current;
        metrics.push_back(
            {{"type", objects::toString(metric.type)},
             {"resource", text(metric.resourceName)},
             {"container", text(metric.containerName)},
             {"metric", text(metric.metricName)},
             {"target_type", objects::toString(metric.target.type)},
             {"target_utilization_percent", orNull(metric.target.averageUtilization)},
             {"target_average_value", quantity(metric.target.averageValue)},
             {"target_value", quantity(metric.target.value)},
             {"current_utilization_percent",
              current ? orNull(current->averageUtilization) : json(nullptr)},
             {"current_average_value", current ? quantity(current->averageValue) : json(nullptr)},
             {"current_value", current ? quantity(current->value) : json(nullptr)}});
    }
    item["metrics"] = std::move(metrics);
    return item;
}

json RowJson::item(const objects::EventRow& row, base::UnixMillis now) {
    json item = meta(row.meta, now);
    item["type"] = text(row.type);
    item["reason"] = text(row.reason);
    std::string object(row.regarding.kind.view());
    std::transform(object.begin(), object.end(), object.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (!row.regarding.name.empty())
        object += "/" + row.regarding.name.str();
    item["object"] = std::move(object);
    item["object_kind"] = text(row.regarding.kind);
    item["object_name"] = text(row.regarding.name);
    item["object_namespace"] = text(row.regarding.namespaceName);
    item["message"] = row.message;
    item["count"] = row.effectiveCount();
    item["first_seen"] = timestamp(row.firstSeen());
    item["last_seen"] = timestamp(row.lastSeen());
    item["last_seen_seconds_ago"] = secondsSince(row.lastSeen(), now);
    item["source"] = text(row.source);
    return item;
}

json RowJson::item(const objects::PdbRow& row, base::UnixMillis now) {
    json item = meta(row.meta, now);
    item["min_available"] = intOrPercent(row.minAvailable);
    item["max_unavailable"] = intOrPercent(row.maxUnavailable);
    item["allowed_disruptions"] = row.disruptionsAllowed;
    item["current_healthy"] = row.currentHealthy;
    item["desired_healthy"] = row.desiredHealthy;
    item["expected_pods"] = row.expectedPods;
    return item;
}

}  // namespace scaledeck::cli
