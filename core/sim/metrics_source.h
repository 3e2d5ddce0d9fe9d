// MetricsSource: the latest resource-usage samples, as metrics-server would hold them, served
// as metrics.k8s.io/v1beta1 PodMetrics and NodeMetrics. The usage controller writes a sample
// per running pod each scrape period; the API server and the HPA controller read them. Guarded
// by the world lock.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/time_format.h"

namespace scaledeck::sim {

struct ContainerUsage {
    std::string name;
    std::int64_t cpuNano = 0;
    std::int64_t memoryBytes = 0;
};

struct PodSample {
    std::string namespaceName;
    std::string name;
    nlohmann::json labels;
    std::vector<ContainerUsage> containers;
    base::UnixMillis timestamp = 0;
    base::UnixMillis creation = 0;
};

struct NodeSample {
    std::string name;
    nlohmann::json labels;
    std::int64_t cpuNano = 0;
    std::int64_t memoryBytes = 0;
    base::UnixMillis timestamp = 0;
    base::UnixMillis creation = 0;
};

class MetricsSource {
public:
    static constexpr int kPodWindowSeconds = 15;

    void setPod(PodSample sample) { m_pods[sample.namespaceName + "/" + sample.name] = std::move(sample); }
    void removePod(const std::string& key) { m_pods.erase(key); }
    void setNode(NodeSample sample) { m_nodes[sample.name] = std::move(sample); }
    void removeNode(const std::string& name) { m_nodes.erase(name); }

    const std::map<std::string, PodSample>& pods() const { return m_pods; }
    const std::map<std::string, NodeSample>& nodes() const { return m_nodes; }
    const PodSample* pod(const std::string& ns, const std::string& name) const;

    static nlohmann::json podMetrics(const PodSample& s);
    static nlohmann::json nodeMetrics(const NodeSample& s);

private:
    std::map<std::string, PodSample> m_pods;  // "ns/name"
    std::map<std::string, NodeSample> m_nodes;
};

}  // namespace scaledeck::sim
