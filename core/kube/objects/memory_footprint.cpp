#include "kube/objects/memory_footprint.h"

#include <string>
#include <vector>

#include "kube/objects/allocation_size.h"

namespace scaledeck::kube::objects {
namespace {

// Heap bytes owned by a value, beyond sizeof(value). Overloads per member type; a vector adds
// its buffer and whatever its elements own.
std::size_t heap(const std::string& s) {
    const char* data = s.data();
    const auto* self = reinterpret_cast<const char*>(&s);
    const bool inlineBuffer = data >= self && data < self + sizeof(s);  // small-string buffer
    return inlineBuffer ? 0 : allocationBytes(s.capacity() + 1);
}

std::size_t heap(const InternedString&) {
    return 0;
}  // shared; see StringPool::stats()
std::size_t heap(const LabelMap& m) {
    return allocationBytes(m.entries().capacity() * sizeof(LabelMap::Entry));
}

template <class T>
std::size_t heap(const std::vector<T>& v);
template <class T>
std::size_t heap(const std::optional<T>& o);

std::size_t heap(const OwnerReference&) {
    return 0;
}
std::size_t heap(const Condition&) {
    return 0;
}
std::size_t heap(const Taint&) {
    return 0;
}
std::size_t heap(const PodContainer&) {
    return 0;
}
std::size_t heap(const ContainerSpecSummary&) {
    return 0;
}
std::size_t heap(const ScalingPolicy&) {
    return 0;
}
std::size_t heap(const std::pair<std::string, std::string>& p) {
    return heap(p.first) + heap(p.second);
}
std::size_t heap(const base::Quantity& q) {
    // Quantity may keep the text as typed in a std::string that is not visible from here; its
    // printed form has the same length in practice. HPAs are few: an estimate is enough.
    const std::size_t length = q.toString().size();
    return length > 15 ? allocationBytes(length + 1) : 0;
}

std::size_t heap(const LabelSelectorRequirement& r) {
    return heap(r.values);
}
std::size_t heap(const LabelSelector& s) {
    return heap(s.matchLabels) + heap(s.matchExpressions);
}
std::size_t heap(const ObjectMeta& m) {
    return heap(m.name) + heap(m.uid) + heap(m.resourceVersion) + heap(m.labels) +
           heap(m.ownerReferences);
}
std::size_t heap(const PodTemplateSummary& t) {
    return heap(t.labels) + heap(t.annotations) + heap(t.containers) + heap(t.initContainers);
}
std::size_t heap(const WorkloadStatus& s) {
    return heap(s.conditions);
}
std::size_t heap(const MetricTarget& t) {
    return heap(t.averageValue) + heap(t.value);
}
std::size_t heap(const MetricValueStatus& s) {
    return heap(s.averageValue) + heap(s.value);
}
std::size_t heap(const HpaMetric& m) {
    return heap(m.metricSelector) + heap(m.target) + heap(m.current);
}
std::size_t heap(const ScalingRules& r) {
    return heap(r.policies);
}
std::size_t heap(const HpaBehavior& b) {
    return heap(b.scaleUp) + heap(b.scaleDown);
}

template <class T>
std::size_t heap(const std::vector<T>& v) {
    std::size_t bytes = allocationBytes(v.capacity() * sizeof(T));
    for (const T& item : v)
        bytes += heap(item);
    return bytes;
}

template <class T>
std::size_t heap(const std::optional<T>& o) {
    return o ? heap(*o) : 0;
}

}  // namespace

std::size_t memoryFootprint(const PodRow& row) {
    return sizeof(row) + heap(row.meta) + heap(row.podIP) + heap(row.containers);
}

std::size_t memoryFootprint(const NodeRow& row) {
    return sizeof(row) + heap(row.meta) + heap(row.taints) + heap(row.roles) +
           heap(row.internalIP) + heap(row.externalIP);
}

std::size_t memoryFootprint(const DeploymentRow& row) {
    return sizeof(row) + heap(row.meta) + heap(row.selector) + heap(row.podTemplate) +
           heap(row.status);
}

std::size_t memoryFootprint(const ReplicaSetRow& row) {
    return sizeof(row) + heap(row.meta) + heap(row.selector) + heap(row.podTemplate) +
           heap(row.status);
}

std::size_t memoryFootprint(const StatefulSetRow& row) {
    return sizeof(row) + heap(row.meta) + heap(row.selector) + heap(row.podTemplate) +
           heap(row.status) + heap(row.currentRevision) + heap(row.updateRevision);
}

std::size_t memoryFootprint(const HpaRow& row) {
    return sizeof(row) + heap(row.meta) + heap(row.metrics) + heap(row.behavior) +
           heap(row.conditions);
}

std::size_t memoryFootprint(const EventRow& row) {
    return sizeof(row) + heap(row.meta) + heap(row.message);
}

std::size_t memoryFootprint(const PdbRow& row) {
    return sizeof(row) + heap(row.meta) + heap(row.selector) + heap(row.conditions);
}

std::size_t memoryFootprint(const ConfigMapRow& row) {
    return sizeof(row) + heap(row.meta) + heap(row.data) + heap(row.binaryDataKeys);
}

}  // namespace scaledeck::kube::objects
