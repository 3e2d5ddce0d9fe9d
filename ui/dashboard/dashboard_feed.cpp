#include "ui/dashboard/dashboard_feed.h"

#include <algorithm>

#include "cache/informer_factory.h"
#include "ui/dashboard/dashboard_page.h"

namespace scaledeck::ui {

using namespace kube::objects;

DashboardFeed::DashboardFeed(cache::InformerFactory& informers, DashboardPage& page,
                             const QString& namespaceName, QObject* parent)
    : QObject(parent), m_namespace(namespaceName) {
    const auto scope = namespaceName.isEmpty()
                           ? cache::InformerScope::allNamespaces()
                           : cache::InformerScope::inNamespace(namespaceName.toStdString());
    page.setNamespaceName(namespaceName);
    m_pods = informers.informer<PodRow>(scope);
    m_allPods = informers.informer<PodRow>(cache::InformerScope::allNamespaces());
    m_nodes = informers.informer<NodeRow>();
    m_hpas = informers.informer<HpaRow>(scope);
    m_events = informers.informer<EventRow>(scope);

    DashboardPage* target = &page;
    m_podFeed = m_pods->subscribe(target, [this, target](const cache::DeltaBatch<PodRow>& batch) {
        target->applyPods(batch);
        delivered(Pods);
    });
    m_nodePodFeed = m_allPods->subscribe(
        target, [target](const cache::DeltaBatch<PodRow>& batch) { target->applyNodePods(batch); });
    m_nodeFeed =
        m_nodes->subscribe(target, [this, target](const cache::DeltaBatch<NodeRow>& batch) {
            target->applyNodes(batch);
            delivered(Nodes);
        });
    m_hpaFeed = m_hpas->subscribe(target, [this, target](const cache::DeltaBatch<HpaRow>& batch) {
        target->applyHpas(batch);
        delivered(Hpas);
    });
    m_eventFeed =
        m_events->subscribe(target, [this, target](const cache::DeltaBatch<EventRow>& batch) {
            target->applyEvents(batch);
            delivered(Events);
        });
    for (cache::InformerBase* informer : std::initializer_list<cache::InformerBase*>{
             m_pods.get(), m_nodes.get(), m_hpas.get(), m_events.get()}) {
        connect(informer, &cache::InformerBase::stateChanged, this, &DashboardFeed::checkReady);
    }
}

DashboardFeed::~DashboardFeed() = default;

void DashboardFeed::delivered(Part part) {
    if (m_delivered[part])
        return;
    m_delivered[part] = true;
    checkReady();
}

void DashboardFeed::checkReady() {
    // Nothing at all to show (e.g. every list refused) is not ready: the window keeps saying why.
    if (m_ready || std::find(m_delivered.begin(), m_delivered.end(), true) == m_delivered.end())
        return;
    const std::array<const cache::InformerBase*, PartCount> informers{
        m_pods.get(), m_hpas.get(), m_nodes.get(), m_events.get()};
    for (int part = 0; part < PartCount; ++part) {
        if (!m_delivered[part] && !informers[part]->state().needsAttention())
            return;
    }
    m_ready = true;
    Q_EMIT ready();
}

}  // namespace scaledeck::ui
