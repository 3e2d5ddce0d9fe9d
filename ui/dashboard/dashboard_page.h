// DashboardPage: the live dashboard of one namespace: the HPA cards on top (HpaCardList, as tall
// as they need up to two fifths of the page), then the pods and nodes tables as tabs (nodes show
// requested against allocatable as bars with numbers), and below them the events feed (newest
// first, warnings and rescales marked). Each table has counts in its heading or tab ("Pods (47 ·
// 2 problems)", with a warning icon on the tab when there are problems), a filter and a
// "problems only" switch, and keeps its selection and scroll position through live updates. A label
// says how long ago the last change arrived ("last updated 3 s ago"), refreshed every second with
// the ages.
//
// The cache calls the apply* functions on the GUI thread with each coalesced DeltaBatch. Node
// "requested" sums come from the pods of this namespace (applyPods) until a cluster-wide pod
// feed is connected with applyNodePods; from then on only that feed counts, and the node
// headings stop saying "only this namespace". Colours come from the palette except the state
// colours (StateColors); all cluster text is plain. GUI thread only.
#pragma once

#include <QString>
#include <QWidget>
#include <optional>

#include "cache/delta.h"
#include "kube/objects/event_row.h"
#include "kube/objects/hpa_row.h"
#include "kube/objects/node_row.h"
#include "kube/objects/pod_row.h"
#include "ui/models/display_clock.h"

class QLabel;
class QScrollArea;
class QTabWidget;
class QTimer;

namespace scaledeck::ui {

class EventFeedModel;
class HpaCardList;
class NodeTableModel;
class PodTableModel;
class TableSection;

class DashboardPage final : public QWidget {
    Q_OBJECT

public:
    explicit DashboardPage(QWidget* parent = nullptr);
    ~DashboardPage() override;

    // The namespace shown (title and node headings); does not clear anything by itself: the
    // informers of a new namespace start with `replace` batches.
    void setNamespaceName(const QString& namespaceName);
    QString namespaceName() const { return m_namespace; }

    void applyPods(const cache::DeltaBatch<kube::objects::PodRow>& batch);
    // Pods of every namespace, for the nodes' requested totals only.
    void applyNodePods(const cache::DeltaBatch<kube::objects::PodRow>& batch);
    void applyNodes(const cache::DeltaBatch<kube::objects::NodeRow>& batch);
    void applyHpas(const cache::DeltaBatch<kube::objects::HpaRow>& batch);
    void applyEvents(const cache::DeltaBatch<kube::objects::EventRow>& batch);

    // Where "now" comes from for ages and "last updated" (tests, the simulator's clock).
    void setClock(DisplayClock clock);
    // Re-reads the clock: ages, "last scale … ago", "last updated … ago". A 1 s timer calls it
    // while the page is visible.
    void refreshTimes();

    PodTableModel* podModel() const { return m_pods; }
    NodeTableModel* nodeModel() const { return m_nodes; }
    EventFeedModel* eventModel() const { return m_events; }
    HpaCardList* hpaCards() const { return m_hpaCards; }
    TableSection* podSection() const { return m_podSection; }
    TableSection* nodeSection() const { return m_nodeSection; }
    TableSection* eventSection() const { return m_eventSection; }
    QLabel* freshnessLabel() const { return m_freshness; }
    QTabWidget* tabs() const { return m_tabs; }

Q_SIGNALS:
    // A batch of any kind was applied (after the page has updated itself).
    void updated();

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void buildUi();
    void fitHpaArea();
    void markUpdated();
    void updateHeadings();
    void updateFreshness();
    void updatePodScope();

    DisplayClock m_clock = systemDisplayClock();
    QString m_namespace;
    std::optional<base::UnixMillis> m_lastUpdate;
    bool m_clusterWidePods = false;

    PodTableModel* m_pods = nullptr;
    NodeTableModel* m_nodes = nullptr;
    EventFeedModel* m_events = nullptr;

    QLabel* m_title = nullptr;
    QLabel* m_freshness = nullptr;
    HpaCardList* m_hpaCards = nullptr;
    QScrollArea* m_hpaScroll = nullptr;
    QTabWidget* m_tabs = nullptr;
    TableSection* m_podSection = nullptr;
    TableSection* m_nodeSection = nullptr;
    TableSection* m_eventSection = nullptr;
    QTimer* m_ticker = nullptr;
};

}  // namespace scaledeck::ui
