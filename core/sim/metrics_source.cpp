#include "sim/metrics_source.h"

namespace scaledeck::sim {

const PodSample* MetricsSource::pod(const std::string& ns, const std::string& name) const {
    auto it = m_pods.find(ns + "/" + name);
    return it == m_pods.end() ? nullptr : &it->second;
}

nlohmann::json MetricsSource::podMetrics(const PodSample& s) {
    nlohmann::json containers = nlohmann::json::array();
    for (const auto& c : s.containers) {
        containers.push_back({{"name", c.name},
                              {"usage",
                               {{"cpu", std::to_string(c.cpuNano) + "n"},
                                {"memory", std::to_string(c.memoryBytes)}}}});
    }
    nlohmann::json meta = {{"name", s.name},
                           {"namespace", s.namespaceName},
                           {"creationTimestamp", base::formatRfc3339(s.timestamp)}};
    if (s.labels.is_object() && !s.labels.empty()) meta["labels"] = s.labels;
    return {{"kind", "PodMetrics"},
            {"apiVersion", "metrics.k8s.io/v1beta1"},
            {"metadata", meta},
            {"timestamp", base::formatRfc3339(s.timestamp)},
            {"window", std::to_string(kPodWindowSeconds) + "s"},
            {"containers", containers}};
}

nlohmann::json MetricsSource::nodeMetrics(const NodeSample& s) {
    nlohmann::json meta = {{"name", s.name}, {"creationTimestamp", base::formatRfc3339(s.timestamp)}};
    if (s.labels.is_object() && !s.labels.empty()) meta["labels"] = s.labels;
    return {{"kind", "NodeMetrics"},
            {"apiVersion", "metrics.k8s.io/v1beta1"},
            {"metadata", meta},
            {"timestamp", base::formatRfc3339(s.timestamp)},
            {"window", "20.03s"},
            {"usage",
             {{"cpu", std::to_string(s.cpuNano) + "n"},
              {"memory", std::to_string(s.memoryBytes / 1024) + "Ki"}}}};
}

}  // namespace scaledeck::sim
