#include "ui/dashboard/dashboard_page.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/dashboard/hpa_card_list.h"
#include "ui/dashboard/table_section.h"
#include "ui/models/event_feed_model.h"
#include "ui/models/node_table_model.h"
#include "ui/models/pod_table_model.h"
#include "ui/models/relative_time.h"
#include "ui/models/table_filter_proxy_model.h"
#include "ui/plain_text.h"
#include "ui/widgets/severity_delegate.h"
#include "ui/widgets/usage_bar_delegate.h"

namespace scaledeck::ui {

namespace {

// Ages in kubectl's notation change every second for young objects.
constexpr int kTickMillis = 1000;

QString plural(int count, const QString& one, const QString& many) {
    return QString::number(count) + QLatin1Char(' ') + (count == 1 ? one : many);
}

// "Pods (47 · 2 problems)", or "Pods (3 of 47 shown · 2 problems)" while a filter hides rows.
QString heading(const QString& title, int total, int shown, bool filtering, const QString& extra) {
    const QString count =
        filtering ? QStringLiteral("%1 of %2 shown").arg(shown).arg(total) : QString::number(total);
    return QStringLiteral("%1 (%2 · %3)").arg(title, count, extra);
}

}  // namespace

DashboardPage::DashboardPage(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("dashboardPage"));
    m_pods = new PodTableModel(this);
    m_nodes = new NodeTableModel(this);
    m_events = new EventFeedModel(this);
    buildUi();

    connect(m_pods, &PodTableModel::countsChanged, this, &DashboardPage::updateHeadings);
    connect(m_nodes, &NodeTableModel::countsChanged, this, &DashboardPage::updateHeadings);
    connect(m_events, &EventFeedModel::countsChanged, this, &DashboardPage::updateHeadings);
    for (TableSection* section : {m_podSection, m_nodeSection, m_eventSection})
        connect(section, &TableSection::filterChanged, this, &DashboardPage::updateHeadings);

    m_ticker = new QTimer(this);
    m_ticker->setInterval(kTickMillis);
    connect(m_ticker, &QTimer::timeout, this, [this] {
        if (isVisible())
            refreshTimes();
    });
    m_ticker->start();
    updatePodScope();
    updateHeadings();
    updateFreshness();
}

DashboardPage::~DashboardPage() = default;

void DashboardPage::buildUi() {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->setSpacing(8);

    auto* top = new QHBoxLayout;
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("dashboardTitle"));
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    m_title->setFont(titleFont);
    m_freshness = new QLabel(this);
    m_freshness->setObjectName(QStringLiteral("freshness"));
    m_freshness->setTextFormat(Qt::PlainText);
    m_freshness->setToolTip(plainTooltip(
        tr("Time since the last change arrived from the cluster. A quiet namespace sends no "
           "changes; the connection state is in the window's top bar.")));
    top->addWidget(m_title);
    top->addStretch(1);
    top->addWidget(m_freshness);
    layout->addLayout(top);

    m_hpaCards = new HpaCardList;
    m_hpaCards->setObjectName(QStringLiteral("hpaCards"));
    m_hpaScroll = new QScrollArea(this);
    m_hpaScroll->setObjectName(QStringLiteral("hpaScroll"));
    m_hpaScroll->setWidget(m_hpaCards);
    m_hpaScroll->setWidgetResizable(true);
    m_hpaScroll->setFrameShape(QFrame::NoFrame);
    m_hpaScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(m_hpaScroll);

    TableSection::Options podOptions;
    podOptions.name = QStringLiteral("pods");
    podOptions.filterHint = tr("Filter by name, node or status");
    podOptions.problemsLabel = tr("Problems only (not Running and ready)");
    podOptions.sortColumn = PodTableModel::NameColumn;
    podOptions.stretchColumn = PodTableModel::NameColumn;
    m_podSection = new TableSection(m_pods, podOptions, this);
    m_podSection->view()->setItemDelegate(new SeverityDelegate(m_podSection->view()));

    TableSection::Options nodeOptions;
    nodeOptions.name = QStringLiteral("nodes");
    nodeOptions.filterHint = tr("Filter by name or status");
    nodeOptions.problemsLabel = tr("Problems only (not Ready, cordoned or under pressure)");
    nodeOptions.sortColumn = NodeTableModel::NameColumn;
    m_nodeSection = new TableSection(m_nodes, nodeOptions, this);
    m_nodeSection->view()->setItemDelegate(new UsageBarDelegate(m_nodeSection->view()));

    TableSection::Options eventOptions;
    eventOptions.name = QStringLiteral("events");
    eventOptions.filterHint = tr("Filter by reason, object or message");
    eventOptions.problemsLabel = tr("Warnings only");
    eventOptions.sortable = false;
    eventOptions.stretchColumn = EventFeedModel::MessageColumn;
    m_eventSection = new TableSection(m_events, eventOptions, this);
    m_eventSection->view()->setItemDelegate(new SeverityDelegate(m_eventSection->view()));
    // With all namespaces shown, the namespace comes first, as in kubectl get -A.
    m_podSection->view()->horizontalHeader()->moveSection(PodTableModel::NamespaceColumn, 0);
    m_eventSection->view()->horizontalHeader()->moveSection(EventFeedModel::NamespaceColumn,
                                                            EventFeedModel::ObjectColumn);

    // Pods and nodes share a place: each needs the full width for its columns, and the tab
    // titles carry the counts (with an icon when something is wrong), so a sick node is seen
    // without opening its tab. Events stay in view below: they explain what the tables show.
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("dashboardTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_podSection, QString());
    m_tabs->addTab(m_nodeSection, QString());
    m_podSection->heading()->hide();
    m_nodeSection->heading()->hide();

    auto* main = new QSplitter(Qt::Vertical, this);
    main->setObjectName(QStringLiteral("dashboardSplitter"));
    main->addWidget(m_tabs);
    main->addWidget(m_eventSection);
    main->setStretchFactor(0, 1);
    main->setStretchFactor(1, 1);
    main->setChildrenCollapsible(false);
    layout->addWidget(main, 1);
}

void DashboardPage::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    fitHpaArea();
}

void DashboardPage::fitHpaArea() {
    // The cards take the height they need, up to two fifths of the page; more HPAs scroll.
    const int wanted = m_hpaCards->sizeHint().height();
    m_hpaScroll->setFixedHeight(std::min(wanted, std::max(120, height() * 2 / 5)));
}

void DashboardPage::setNamespaceName(const QString& namespaceName) {
    m_namespace = namespaceName;
    updatePodScope();
    updateHeadings();
}

void DashboardPage::setClock(DisplayClock clock) {
    m_clock = std::move(clock);
    m_pods->setClock(m_clock);
    m_events->setClock(m_clock);
    m_hpaCards->setClock(m_clock);
    refreshTimes();
}

void DashboardPage::applyPods(const cache::DeltaBatch<kube::objects::PodRow>& batch) {
    m_pods->applyBatch(batch);
    if (!m_clusterWidePods)
        m_nodes->applyPods(batch);
    markUpdated();
}

void DashboardPage::applyNodePods(const cache::DeltaBatch<kube::objects::PodRow>& batch) {
    if (!m_clusterWidePods) {
        // From now on only the cluster-wide feed counts: forget the namespace's pods first.
        m_clusterWidePods = true;
        m_nodes->applyPods(cache::DeltaBatch<kube::objects::PodRow>{true, {}});
        updatePodScope();
    }
    m_nodes->applyPods(batch);
    markUpdated();
}

void DashboardPage::applyNodes(const cache::DeltaBatch<kube::objects::NodeRow>& batch) {
    m_nodes->applyBatch(batch);
    // Pods on a node that stopped answering still say Running: let their Node cell say why
    // not to trust that.
    QHash<QString, QString> troubled;
    for (int row = 0; row < m_nodes->rowCount(); ++row) {
        const kube::objects::NodeRow& node = *m_nodes->rowAt(row);
        if (const QString trouble = NodeTableModel::troubleText(node); !trouble.isEmpty())
            troubled.insert(QString::fromStdString(node.meta.name), trouble);
    }
    if (m_pods->setNodeStates(std::move(troubled)))
        m_podSection->growColumnToContents(PodTableModel::NodeColumn);
    markUpdated();
}

void DashboardPage::applyHpas(const cache::DeltaBatch<kube::objects::HpaRow>& batch) {
    m_hpaCards->applyBatch(batch);
    fitHpaArea();
    markUpdated();
}

void DashboardPage::applyEvents(const cache::DeltaBatch<kube::objects::EventRow>& batch) {
    m_events->applyBatch(batch);
    m_hpaCards->noteEvents(batch);
    markUpdated();
}

void DashboardPage::refreshTimes() {
    m_pods->refreshTimes();
    m_events->refreshTimes();
    m_hpaCards->refreshTimes();
    updateFreshness();
}

void DashboardPage::markUpdated() {
    m_lastUpdate = m_clock();
    updateFreshness();
    Q_EMIT updated();
}

void DashboardPage::updatePodScope() {
    const QString scope =
        m_clusterWidePods
            ? QString()
            : (m_namespace.isEmpty() ? tr("this namespace") : tr("namespace %1").arg(m_namespace));
    m_nodes->setPodScope(scope);
    m_nodeSection->setNote(
        scope.isEmpty()
            ? QString()
            : tr("* Requested by the pods of %1 only: pods of other namespaces on these nodes "
                 "are not counted.")
                  .arg(scope));
    m_title->setText(m_namespace.isEmpty() ? tr("Dashboard · all namespaces")
                                           : tr("Dashboard · namespace %1").arg(m_namespace));
    m_podSection->view()->setColumnHidden(PodTableModel::NamespaceColumn, !m_namespace.isEmpty());
    m_eventSection->view()->setColumnHidden(EventFeedModel::NamespaceColumn,
                                            !m_namespace.isEmpty());
}

void DashboardPage::updateHeadings() {
    const auto problems = [](int n) {
        return plural(n, QStringLiteral("problem"), QStringLiteral("problems"));
    };
    m_podSection->setHeading(
        heading(tr("Pods"), m_pods->rowCount(), m_podSection->proxy()->rowCount(),
                m_podSection->proxy()->isFiltering(), problems(m_pods->problemCount())));
    m_nodeSection->setHeading(
        heading(tr("Nodes"), m_nodes->rowCount(), m_nodeSection->proxy()->rowCount(),
                m_nodeSection->proxy()->isFiltering(), problems(m_nodes->problemCount())));
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    m_tabs->setTabText(0, m_podSection->heading()->text());
    m_tabs->setTabIcon(0, m_pods->problemCount() > 0 ? warning : QIcon());
    m_tabs->setTabText(1, m_nodeSection->heading()->text());
    m_tabs->setTabIcon(1, m_nodes->problemCount() > 0 ? warning : QIcon());
    QString events = heading(
        tr("Events"), m_events->rowCount(), m_eventSection->proxy()->rowCount(),
        m_eventSection->proxy()->isFiltering(),
        plural(m_events->warningCount(), QStringLiteral("warning"), QStringLiteral("warnings")));
    if (m_events->rowCount() >= m_events->capacity())
        events += tr(" — newest %1 kept").arg(m_events->capacity());
    m_eventSection->setHeading(events);
}

void DashboardPage::updateFreshness() {
    m_freshness->setText(m_lastUpdate
                             ? tr("last updated %1").arg(relativeTime(*m_lastUpdate, m_clock()))
                             : tr("waiting for data from the cluster"));
}

}  // namespace scaledeck::ui
