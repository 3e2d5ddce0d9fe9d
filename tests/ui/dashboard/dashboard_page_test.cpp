// DashboardPage: filled with the GL-006 namespace it shows counts in its headings, the HPA card,
// bars for the nodes and the events feed, follows filters, says how fresh it is, renders every
// piece of cluster text literally, and leaves a screenshot in docs/dashboard-draft.png for people
// to judge.
#include "ui/dashboard/dashboard_page.h"

#include <gtest/gtest.h>

#include <QCheckBox>
#include <QDir>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include "ui/dashboard/gl006_dashboard_data.h"
#include "ui/dashboard/hpa_card.h"
#include "ui/dashboard/hpa_card_list.h"
#include "ui/dashboard/table_section.h"
#include "ui/models/event_feed_model.h"
#include "ui/models/node_table_model.h"
#include "ui/models/pod_table_model.h"
#include "ui/models/table_filter_proxy_model.h"

using scaledeck::kube::objects::EventRow;
using scaledeck::kube::objects::HpaRow;
using scaledeck::kube::objects::NodeRow;
using scaledeck::kube::objects::PodRow;
using scaledeck::ui::DashboardPage;
using scaledeck::ui::NodeTableModel;
using scaledeck::ui::PodTableModel;
using namespace scaledeck::uitest;

namespace {

class DashboardPageTest : public ::testing::Test {
protected:
    DashboardPageTest() {
        m_page.setClock([this] { return m_now; });
        m_page.setNamespaceName(QStringLiteral("greenlang"));
        m_page.resize(1400, 900);
    }

    void fill(const Gl006Data& data) {
        m_page.applyPods(replaceWith(data.pods));
        m_page.applyNodes(replaceWith(data.nodes));
        m_page.applyHpas(replaceWith(data.hpas));
        m_page.applyEvents(replaceWith(data.events));
    }

    QString text(const char* labelName) const {
        const auto* label = m_page.findChild<QLabel*>(QString::fromLatin1(labelName));
        EXPECT_NE(label, nullptr) << labelName;
        return label != nullptr ? label->text() : QString();
    }

    scaledeck::base::UnixMillis m_now = gl006Now() - 3000;
    DashboardPage m_page;
};

TEST_F(DashboardPageTest, Gl006NamespaceAtAGlance) {
    fill(gl006Data());
    m_now += 3000;
    m_page.refreshTimes();

    EXPECT_EQ(text("dashboardTitle"), QStringLiteral("Dashboard · namespace greenlang"));
    EXPECT_EQ(text("podsHeading"), QStringLiteral("Pods (7 · 0 problems)"));
    EXPECT_EQ(text("nodesHeading"), QStringLiteral("Nodes (4 · 1 problem)"));
    EXPECT_EQ(text("eventsHeading"), QStringLiteral("Events (16 · 4 warnings)"));
    EXPECT_EQ(text("freshness"), QStringLiteral("last updated 3 s ago"));
    // Pods and nodes share tabs whose titles carry the counts; a sick node marks its tab.
    EXPECT_EQ(m_page.tabs()->tabText(0), QStringLiteral("Pods (7 · 0 problems)"));
    EXPECT_TRUE(m_page.tabs()->tabIcon(0).isNull());
    EXPECT_EQ(m_page.tabs()->tabText(1), QStringLiteral("Nodes (4 · 1 problem)"));
    EXPECT_FALSE(m_page.tabs()->tabIcon(1).isNull());

    // gl-prod-worker-2 stopped reporting: its pods still say Running, their Node cell says why
    // not to trust that.
    const PodTableModel* pods = m_page.podModel();
    EXPECT_EQ(pods->index(pods->rowOfKey("greenlang/redis-2"), PodTableModel::NodeColumn)
                  .data()
                  .toString(),
              QStringLiteral("gl-prod-worker-2 · NotReady"));
    EXPECT_EQ(pods->index(pods->rowOfKey("greenlang/redis-0"), PodTableModel::NodeColumn)
                  .data()
                  .toString(),
              QStringLiteral("gl-prod-worker-1"));

    ASSERT_EQ(m_page.hpaCards()->cardCount(), 1);
    const auto* card = m_page.hpaCards()->cards().front();
    EXPECT_EQ(card->title(),
              QStringLiteral("HPA gl-006-heatreclaim-hpa → Deployment/gl-006-heatreclaim"));
    EXPECT_EQ(
        card->metricLines(),
        (QStringList{QStringLiteral("cpu: 72 % of request / target 70 % ▲ above target"),
                     QStringLiteral("memory: 41 % of request / target 80 % ▼ below target")}));
    EXPECT_EQ(
        card->lastScaleText(),
        QStringLiteral("last scale 2 min ago: New size: 3; reason: All metrics below target"));

    // Node requests come from this namespace's pods until a cluster-wide feed is connected.
    const NodeTableModel* nodes = m_page.nodeModel();
    EXPECT_EQ(nodes->headerData(NodeTableModel::CpuColumn, Qt::Horizontal).toString(),
              QStringLiteral("CPU requested* / allocatable"));
    EXPECT_EQ(m_page.nodeSection()->note()->text(),
              QStringLiteral("* Requested by the pods of namespace greenlang only: pods of other "
                             "namespaces on these nodes are not counted."));
    m_page.applyNodePods(replaceWith(gl006Data().pods));
    EXPECT_EQ(nodes->headerData(NodeTableModel::CpuColumn, Qt::Horizontal).toString(),
              QStringLiteral("CPU requested / allocatable"));
    EXPECT_TRUE(m_page.nodeSection()->note()->isHidden());
    EXPECT_EQ(nodes->index(nodes->rowOfKey("gl-prod-worker-1"), NodeTableModel::CpuColumn)
                  .data()
                  .toString(),
              QStringLiteral("0.8 / 3.92 cores (20 %)"))
        << "counted once, not twice";
}

TEST_F(DashboardPageTest, FiltersAndCountsInTheHeadings) {
    fill(gl006Data());
    auto* podsFilter = m_page.findChild<QLineEdit*>(QStringLiteral("podsFilter"));
    ASSERT_NE(podsFilter, nullptr);
    QTest::keyClicks(podsFilter, QStringLiteral("redis"));
    EXPECT_EQ(m_page.podSection()->proxy()->rowCount(), 3);
    EXPECT_EQ(text("podsHeading"), QStringLiteral("Pods (3 of 7 shown · 0 problems)"));
    podsFilter->clear();
    EXPECT_EQ(text("podsHeading"), QStringLiteral("Pods (7 · 0 problems)"));

    auto* warningsOnly = m_page.findChild<QCheckBox*>(QStringLiteral("eventsProblemsOnly"));
    ASSERT_NE(warningsOnly, nullptr);
    warningsOnly->setChecked(true);
    EXPECT_EQ(m_page.eventSection()->proxy()->rowCount(), 4);
    EXPECT_EQ(text("eventsHeading"), QStringLiteral("Events (4 of 16 shown · 4 warnings)"));

    // A pod falls over: the heading counts it at once.
    PodRow crashing = *gl006Data().pods.front();
    crashing.status = intern("CrashLoopBackOff");
    crashing.readyContainers = 1;
    crashing.restarts = 4;
    crashing.lastRestartTime = m_now - 30'000;
    m_page.applyPods(modified<PodRow>({share(crashing)}));
    EXPECT_EQ(text("podsHeading"), QStringLiteral("Pods (7 · 1 problem)"));
}

TEST_F(DashboardPageTest, SelectionSurvivesLiveUpdatesThroughTheWholePage) {
    fill(gl006Data());
    m_page.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&m_page));
    QTableView* table = m_page.podSection()->view();
    QSignalSpy reset(table->model(), &QAbstractItemModel::modelAboutToBeReset);
    const QModelIndex redis1 = table->model()
                                   ->match(table->model()->index(0, PodTableModel::NameColumn),
                                           Qt::DisplayRole, QStringLiteral("redis-1"))
                                   .value(0);
    ASSERT_TRUE(redis1.isValid());
    table->selectRow(redis1.row());

    // Another batch of everything: a restart, a new pod, a deleted one, new events.
    const auto data = gl006Data();
    PodRow restarted = *data.pods.back();
    restarted.restarts = 1;
    scaledeck::cache::DeltaBatch<PodRow> pods = modified<PodRow>({share(restarted)});
    pods.deltas.push_back({scaledeck::cache::DeltaType::Deleted, data.pods.front()});
    pods.deltas.push_back(
        {scaledeck::cache::DeltaType::Added,
         share(runningPod("gl-006-heatreclaim-m5mct52d7q-zz9xx", "gl-prod-worker-3", m_now))});
    m_page.applyPods(pods);
    m_page.applyEvents(replaceWith(data.events));
    m_page.applyHpas(modified(data.hpas));
    QCoreApplication::processEvents();

    EXPECT_EQ(reset.count(), 0);
    const QModelIndexList selected = table->selectionModel()->selectedRows();
    ASSERT_EQ(selected.size(), 1);
    EXPECT_EQ(selected.front().data().toString(), QStringLiteral("redis-1"));
}

TEST_F(DashboardPageTest, ClusterMarkupIsPlainTextEverywhere) {
    const QString evil = QStringLiteral("<img src=x>");
    PodRow pod = runningPod("<img src=x>", "<b>x</b>", m_now);
    pod.status = intern("<b>Pending</b>");
    NodeRow node = *gl006Data().nodes.front();
    node.meta.name = "<b>x</b>";
    node.ready.message = intern("<script>alert(1)</script>");
    EventRow event = *gl006Data().events.front();
    event.message = "<b>x</b> <img src=x>";
    event.regarding.name = intern("<img src=x>");
    const auto hpa = decodeRow<HpaRow>(
        hpaJson("<b>x</b>", kEveryMetricSpec, kEveryMetricCurrent,
                condition("AbleToScale", "False", "<b>r</b>", "<img src=x> message")));
    m_page.setNamespaceName(QStringLiteral("<i>ns</i>"));
    m_page.applyNodes(added<NodeRow>({share(node)}));
    m_page.applyPods(added<PodRow>({share(pod)}));
    m_page.applyEvents(added<EventRow>({share(event)}));
    m_page.applyHpas(added<HpaRow>({hpa}));
    m_page.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&m_page));

    for (const QLabel* label : m_page.findChildren<QLabel*>()) {
        EXPECT_EQ(label->textFormat(), Qt::PlainText) << label->objectName().toStdString();
        EXPECT_FALSE(label->toolTip().contains(QStringLiteral("<img")))
            << label->objectName().toStdString();
        EXPECT_FALSE(label->toolTip().contains(QStringLiteral("<b>x")))
            << label->objectName().toStdString();
    }
    EXPECT_EQ(m_page.hpaCards()->cards().front()->title(),
              QStringLiteral("HPA <b>x</b> → Deployment/gl-006-heatreclaim"));
    EXPECT_EQ(m_page.podSection()->view()->model()->index(0, 0).data().toString(), evil);
    EXPECT_EQ(m_page.nodeSection()->view()->model()->index(0, 0).data().toString(),
              QStringLiteral("<b>x</b>"));
    const QModelIndex message =
        m_page.eventModel()->index(0, scaledeck::ui::EventFeedModel::MessageColumn);
    EXPECT_EQ(message.data().toString(), QStringLiteral("<b>x</b> <img src=x>"));
    for (const QAbstractItemModel* model :
         {static_cast<const QAbstractItemModel*>(m_page.podModel()),
          static_cast<const QAbstractItemModel*>(m_page.nodeModel()),
          static_cast<const QAbstractItemModel*>(m_page.eventModel())}) {
        for (int c = 0; c < model->columnCount(); ++c) {
            const QString tip = model->index(0, c).data(Qt::ToolTipRole).toString();
            EXPECT_FALSE(tip.contains(QStringLiteral("<img"))) << tip.toStdString();
            EXPECT_FALSE(tip.contains(QStringLiteral("<script"))) << tip.toStdString();
        }
    }
    const QImage image = m_page.grab().toImage();
    EXPECT_EQ(image.size(), QSize(1400, 900) * image.devicePixelRatio());
}

TEST_F(DashboardPageTest, WaitsForDataThenCountsSeconds) {
    EXPECT_EQ(text("freshness"), QStringLiteral("waiting for data from the cluster"));
    m_page.applyHpas(replaceWith<HpaRow>({}));
    EXPECT_EQ(text("freshness"), QStringLiteral("last updated just now"));
    m_now += 42'000;
    m_page.refreshTimes();
    EXPECT_EQ(text("freshness"), QStringLiteral("last updated 42 s ago"));
    EXPECT_FALSE(m_page.findChild<QLabel*>(QStringLiteral("hpaPlaceholder"))->isHidden());
}

// Not an assertion of looks: it writes the picture people review (docs/dashboard-draft.png).
TEST_F(DashboardPageTest, ScreenshotOfTheGl006Dashboard) {
    fill(gl006Data());
    m_now += 3000;
    m_page.refreshTimes();
    m_page.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&m_page));
    QCoreApplication::processEvents();
    const QPixmap shot = m_page.grab();
    ASSERT_EQ(shot.size(), QSize(1400, 900));
    const QString path = QStringLiteral(SCALEDECK_SOURCE_DIR "/docs/dashboard-draft.png");
    ASSERT_TRUE(QDir().mkpath(QFileInfo(path).absolutePath()));
    ASSERT_TRUE(shot.save(path)) << path.toStdString();
    // The nodes tab, and the page in a dark theme, for review next to the build (not
    // published).
    m_page.tabs()->setCurrentIndex(1);
    QCoreApplication::processEvents();
    EXPECT_TRUE(m_page.grab().save(QStringLiteral(SCALEDECK_BINARY_DIR "/dashboard-nodes.png")));
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    dark.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Mid, QColor(0x50, 0x50, 0x50));
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
    m_page.setPalette(dark);
    m_page.tabs()->setCurrentIndex(0);
    QCoreApplication::processEvents();
    EXPECT_TRUE(m_page.grab().save(QStringLiteral(SCALEDECK_BINARY_DIR "/dashboard-dark.png")));
}

}  // namespace
