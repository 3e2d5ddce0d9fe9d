#include "ui/models/node_request_sums.h"

#include "ui/models/pod_requests.h"

namespace scaledeck::ui {

using kube::objects::PodRow;

std::unordered_set<std::string> NodeRequestSums::apply(const cache::DeltaBatch<PodRow>& batch) {
    std::unordered_set<std::string> touched;
    if (batch.replace) {
        for (const auto& [node, totals] : m_byNode)
            touched.insert(node);
        clear();
    }
    for (const auto& delta : batch.deltas) {
        if (!delta.row)
            continue;
        const std::string key = cache::objectKey(*delta.row);
        subtract(key, touched);
        if (delta.type != cache::DeltaType::Deleted)
            add(key, *delta.row, touched);
    }
    return touched;
}

void NodeRequestSums::clear() {
    m_byPod.clear();
    m_byNode.clear();
}

NodeRequestSums::Totals NodeRequestSums::totalsOf(const std::string& nodeName) const {
    const auto it = m_byNode.find(nodeName);
    return it == m_byNode.end() ? Totals{} : it->second;
}

void NodeRequestSums::add(const std::string& podKey, const PodRow& pod,
                          std::unordered_set<std::string>& touched) {
    if (pod.nodeName.empty() || !PodRequests::holdsNodeResources(pod))
        return;
    const PodRequests requests = podRequests(pod);
    Contribution c{pod.nodeName.str(), requests.cpuMilli, requests.memoryBytes};
    Totals& totals = m_byNode[c.nodeName];
    totals.cpuMilli += c.cpuMilli;
    totals.memoryBytes += c.memoryBytes;
    totals.pods += 1;
    touched.insert(c.nodeName);
    m_byPod.insert_or_assign(podKey, std::move(c));
}

void NodeRequestSums::subtract(const std::string& podKey,
                               std::unordered_set<std::string>& touched) {
    const auto it = m_byPod.find(podKey);
    if (it == m_byPod.end())
        return;
    const Contribution& c = it->second;
    const auto node = m_byNode.find(c.nodeName);
    if (node != m_byNode.end()) {
        node->second.cpuMilli -= c.cpuMilli;
        node->second.memoryBytes -= c.memoryBytes;
        node->second.pods -= 1;
        if (node->second.pods <= 0)
            m_byNode.erase(node);
    }
    touched.insert(c.nodeName);
    m_byPod.erase(it);
}

}  // namespace scaledeck::ui
