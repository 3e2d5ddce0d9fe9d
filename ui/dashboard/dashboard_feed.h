// DashboardFeed: connects a DashboardPage to the informers of one namespace (or of all of them):
// the namespace's pods, HPAs and events, every node, and the pods of every namespace for the
// nodes' requested totals (the same informer as the namespace's pods when all namespaces are
// shown, since the factory shares one per kind and scope). Creating a feed subscribes; dropping
// it unsubscribes and lets go of the informers, so switching namespace is replacing the feed.
// The page receives each informer's first batch as a replace, which is what clears the previous
// namespace's rows. ready() says when the page has something to show for every part: each of
// the pods, HPAs, nodes and events has delivered its first batch, or cannot (its informer needs
// the user: unauthorized, forbidden, failed), so the window never waits forever on a part the
// user may not see. GUI thread only.
#pragma once

#include <QObject>
#include <QString>
#include <array>
#include <memory>

#include "cache/informer.h"
#include "cache/subscription.h"
#include "kube/objects/event_row.h"
#include "kube/objects/hpa_row.h"
#include "kube/objects/node_row.h"
#include "kube/objects/pod_row.h"

namespace scaledeck::cache {
class InformerFactory;
}

namespace scaledeck::ui {

class DashboardPage;

class DashboardFeed final : public QObject {
    Q_OBJECT

public:
    // An empty namespace means all namespaces.
    DashboardFeed(cache::InformerFactory& informers, DashboardPage& page,
                  const QString& namespaceName, QObject* parent = nullptr);
    ~DashboardFeed() override;
    DashboardFeed(const DashboardFeed&) = delete;
    DashboardFeed& operator=(const DashboardFeed&) = delete;

    const QString& namespaceName() const { return m_namespace; }
    const cache::Informer<kube::objects::PodRow>& pods() const { return *m_pods; }
    const cache::Informer<kube::objects::NodeRow>& nodes() const { return *m_nodes; }
    const cache::Informer<kube::objects::HpaRow>& hpas() const { return *m_hpas; }
    const cache::Informer<kube::objects::EventRow>& events() const { return *m_events; }
    bool isReady() const { return m_ready; }

Q_SIGNALS:
    // Once.
    void ready();

private:
    enum Part { Pods, Hpas, Nodes, Events, PartCount };
    void delivered(Part part);
    void checkReady();

    std::array<bool, PartCount> m_delivered{};
    bool m_ready = false;
    QString m_namespace;
    // Declared before the subscriptions, so these outlive them.
    std::shared_ptr<cache::Informer<kube::objects::PodRow>> m_pods;
    std::shared_ptr<cache::Informer<kube::objects::PodRow>> m_allPods;
    std::shared_ptr<cache::Informer<kube::objects::NodeRow>> m_nodes;
    std::shared_ptr<cache::Informer<kube::objects::HpaRow>> m_hpas;
    std::shared_ptr<cache::Informer<kube::objects::EventRow>> m_events;
    cache::Subscription m_podFeed;
    cache::Subscription m_nodePodFeed;
    cache::Subscription m_nodeFeed;
    cache::Subscription m_hpaFeed;
    cache::Subscription m_eventFeed;
};

}  // namespace scaledeck::ui
