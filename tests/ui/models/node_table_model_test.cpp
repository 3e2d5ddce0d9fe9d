// NodeTableModel: kubectl's node STATUS, requested against allocatable from pod deltas (the sums
// follow pods that arrive, move, finish and go), row-precise updates without resets, and the bar
// delegate that draws the fraction next to the number.
#include "ui/models/node_table_model.h"

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QStyleOptionViewItem>
#include <QTableView>

#include "ui/models/row_fixtures.h"
#include "ui/models/table_filter_proxy_model.h"
#include "ui/models/table_roles.h"
#include "ui/widgets/state_colors.h"
#include "ui/widgets/usage_bar_delegate.h"

using scaledeck::kube::objects::NodeRow;
using scaledeck::kube::objects::PodRow;
using scaledeck::ui::NodeTableModel;
using namespace scaledeck::uitest;

namespace {

class NodeTableModelTest : public ::testing::Test {
protected:
    NodeTableModelTest()
        : m_tester(&m_model, QAbstractItemModelTester::FailureReportingMode::Fatal),
          m_resetSpy(&m_model, &QAbstractItemModel::modelAboutToBeReset) {}

    void loadFixtures() {
        m_nodes = fixtureRows<NodeRow>("node_list.json");
        m_pods = fixtureRows<PodRow>("pod_list_steady.json");
        m_model.applyBatch(replaceWith(m_nodes));
        m_model.applyPods(replaceWith(m_pods));
    }

    QString cell(const std::string& node, int column) const {
        return m_model.index(m_model.rowOfKey(node), column).data().toString();
    }

    std::shared_ptr<const PodRow> pod(const std::string& name) const {
        for (const auto& p : m_pods) {
            if (p->meta.name == name)
                return p;
        }
        ADD_FAILURE() << name;
        return nullptr;
    }

    NodeTableModel m_model;
    QAbstractItemModelTester m_tester;
    QSignalSpy m_resetSpy;
    std::vector<std::shared_ptr<const NodeRow>> m_nodes;
    std::vector<std::shared_ptr<const PodRow>> m_pods;
};

TEST_F(NodeTableModelTest, StatusRequestsAndPodsFromTheFixtures) {
    loadFixtures();
    ASSERT_EQ(m_model.rowCount(), 4);
    // kubectl get nodes for this list (node_list.kubectl.txt): worker-2's kubelet went silent.
    EXPECT_EQ(cell("gl-prod-worker-1", NodeTableModel::StatusColumn), QStringLiteral("Ready"));
    EXPECT_EQ(cell("gl-prod-worker-2", NodeTableModel::StatusColumn), QStringLiteral("NotReady"));
    EXPECT_EQ(m_model.problemCount(), 1);

    // worker-1: gl-006 …cdcrt (500m + 50m, 512Mi + 64Mi) and redis-0 (250m, 1Gi) of
    // 3920m and 15747072Ki allocatable.
    EXPECT_EQ(cell("gl-prod-worker-1", NodeTableModel::CpuColumn),
              QStringLiteral("0.8 / 3.92 cores (20 %)"));
    EXPECT_EQ(cell("gl-prod-worker-1", NodeTableModel::MemoryColumn),
              QStringLiteral("1.56 GiB / 15.02 GiB (10 %)"));
    EXPECT_EQ(cell("gl-prod-worker-1", NodeTableModel::PodsColumn), QStringLiteral("2 / 110"));
    EXPECT_EQ(cell("gl-prod-worker-3", NodeTableModel::CpuColumn),
              QStringLiteral("0.55 / 3.92 cores (14 %)"));
    EXPECT_EQ(cell("gl-prod-worker-3", NodeTableModel::MemoryColumn),
              QStringLiteral("576 MiB / 15.02 GiB (3 %)"));
    EXPECT_EQ(cell("gl-prod-worker-4", NodeTableModel::CpuColumn),
              QStringLiteral("0.75 / 3.92 cores (19 %)"));
    EXPECT_EQ(cell("gl-prod-worker-4", NodeTableModel::MemoryColumn),
              QStringLiteral("2 GiB / 15.02 GiB (13 %)"));
    const QModelIndex bar =
        m_model.index(m_model.rowOfKey("gl-prod-worker-1"), NodeTableModel::CpuColumn);
    EXPECT_DOUBLE_EQ(bar.data(scaledeck::ui::BarFractionRole).toDouble(), 800.0 / 3920.0);
    EXPECT_EQ(m_resetSpy.count(), 0);
}

TEST_F(NodeTableModelTest, PodDeltasUpdateOnlyTheirNodesRows) {
    loadFixtures();
    QSignalSpy changed(&m_model, &QAbstractItemModel::dataChanged);
    // redis-0 goes from worker-1.
    m_model.applyPods(deleted<PodRow>({pod("redis-0")}));
    ASSERT_EQ(changed.count(), 1);
    const int worker1 = m_model.rowOfKey("gl-prod-worker-1");
    EXPECT_EQ(changed.front().at(0).toModelIndex().row(), worker1);
    EXPECT_EQ(changed.front().at(1).toModelIndex().row(), worker1);
    EXPECT_EQ(cell("gl-prod-worker-1", NodeTableModel::CpuColumn),
              QStringLiteral("0.55 / 3.92 cores (14 %)"));
    EXPECT_EQ(cell("gl-prod-worker-1", NodeTableModel::PodsColumn), QStringLiteral("1 / 110"));

    // It comes back on worker-3; a pod that finished no longer holds its requests.
    PodRow moved = *pod("redis-0");
    moved.nodeName = intern("gl-prod-worker-3");
    PodRow finished = *pod("postgresql-0");
    finished.phase = scaledeck::kube::objects::PodPhase::Succeeded;
    m_model.applyPods(batchOf<PodRow>(scaledeck::cache::DeltaType::Added, {share(moved)}));
    m_model.applyPods(modified<PodRow>({share(finished)}));
    EXPECT_EQ(cell("gl-prod-worker-3", NodeTableModel::CpuColumn),
              QStringLiteral("0.8 / 3.92 cores (20 %)"));
    EXPECT_EQ(cell("gl-prod-worker-4", NodeTableModel::CpuColumn),
              QStringLiteral("0.25 / 3.92 cores (6 %)"));
    EXPECT_EQ(cell("gl-prod-worker-4", NodeTableModel::PodsColumn), QStringLiteral("1 / 110"));
    EXPECT_EQ(m_resetSpy.count(), 0);

    // A replace batch of pods starts the sums over.
    m_model.applyPods(replaceWith<PodRow>({pod("redis-1")}));
    EXPECT_EQ(cell("gl-prod-worker-1", NodeTableModel::CpuColumn),
              QStringLiteral("0 / 3.92 cores (0 %)"));
    EXPECT_EQ(cell("gl-prod-worker-4", NodeTableModel::CpuColumn),
              QStringLiteral("0.25 / 3.92 cores (6 %)"));
}

TEST_F(NodeTableModelTest, SortedByRequestsTheNodesFollowPodDeltasOnNodesApart) {
    loadFixtures();
    scaledeck::ui::TableFilterProxyModel proxy;
    proxy.setSourceModel(&m_model);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::Fatal);
    const auto sortedByCpu = [&proxy] {
        for (int r = 1; r < proxy.rowCount(); ++r) {
            const auto above = proxy.index(r - 1, NodeTableModel::CpuColumn)
                                   .data(scaledeck::ui::SortRole)
                                   .toLongLong();
            const auto below = proxy.index(r, NodeTableModel::CpuColumn)
                                   .data(scaledeck::ui::SortRole)
                                   .toLongLong();
            if (above < below)
                return false;
        }
        return true;
    };
    proxy.sort(NodeTableModel::CpuColumn, Qt::DescendingOrder);
    ASSERT_TRUE(sortedByCpu());
    // Every pod moves to the node two rows further on: the sums of nodes that are not next to
    // each other change in one batch, and the order follows.
    std::vector<std::shared_ptr<const PodRow>> moved;
    for (const auto& p : m_pods) {
        const int row = m_model.rowOfKey(p->nodeName.str());
        if (row < 0)
            continue;
        PodRow pod = *p;
        pod.nodeName = intern(m_model.keyAt((row + 2) % m_model.rowCount()));
        moved.push_back(share(std::move(pod)));
    }
    ASSERT_FALSE(moved.empty());
    m_model.applyPods(modified(moved));
    EXPECT_TRUE(sortedByCpu());
    EXPECT_EQ(proxy.rowCount(), m_model.rowCount());
}

TEST_F(NodeTableModelTest, PodsBeforeTheirNodeAreCountedWhenItArrives) {
    m_pods = fixtureRows<PodRow>("pod_list_steady.json");
    m_model.applyPods(replaceWith(m_pods));
    m_model.applyBatch(replaceWith(fixtureRows<NodeRow>("node_list.json")));
    EXPECT_EQ(cell("gl-prod-worker-4", NodeTableModel::PodsColumn), QStringLiteral("2 / 110"));
}

TEST_F(NodeTableModelTest, CordonedAndSilentNodesReadLikeKubectl) {
    loadFixtures();
    NodeRow cordoned = *m_nodes[2];
    cordoned.unschedulable = true;
    NodeRow silent = *m_nodes[3];
    silent.ready = {};
    m_model.applyBatch(modified<NodeRow>({share(cordoned), share(silent)}));
    EXPECT_EQ(cell("gl-prod-worker-3", NodeTableModel::StatusColumn),
              QStringLiteral("Ready,SchedulingDisabled"));
    EXPECT_EQ(cell("gl-prod-worker-4", NodeTableModel::StatusColumn), QStringLiteral("Unknown"));
    EXPECT_EQ(m_model.problemCount(), 3);
    const QModelIndex status =
        m_model.index(m_model.rowOfKey("gl-prod-worker-3"), NodeTableModel::StatusColumn);
    EXPECT_EQ(status.data(scaledeck::ui::SeverityRole).toInt(),
              static_cast<int>(scaledeck::ui::Severity::Warning));
    EXPECT_FALSE(status.data(Qt::DecorationRole).isNull()) << "an icon, not colour alone";
    EXPECT_TRUE(status.data(Qt::ToolTipRole).toString().contains(QStringLiteral("cordoned")));
    const QString notReadyTip =
        m_model.index(m_model.rowOfKey("gl-prod-worker-2"), NodeTableModel::StatusColumn)
            .data(Qt::ToolTipRole)
            .toString();
    EXPECT_TRUE(notReadyTip.contains(QStringLiteral("NodeStatusUnknown")))
        << notReadyTip.toStdString();
}

TEST_F(NodeTableModelTest, HeadersSayWhenOnlyOneNamespaceIsCounted) {
    QSignalSpy headers(&m_model, &QAbstractItemModel::headerDataChanged);
    EXPECT_EQ(m_model.headerData(NodeTableModel::CpuColumn, Qt::Horizontal).toString(),
              QStringLiteral("CPU requested / allocatable"));
    m_model.setPodScope(QStringLiteral("namespace greenlang"));
    EXPECT_EQ(headers.count(), 1);
    EXPECT_EQ(m_model.headerData(NodeTableModel::CpuColumn, Qt::Horizontal).toString(),
              QStringLiteral("CPU requested* / allocatable"));
    EXPECT_TRUE(m_model.headerData(NodeTableModel::CpuColumn, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("namespace greenlang")));
}

// Paints one cell with the bar delegate and reads the colour in the middle of the bar at `x`
// pixels from its left end, as 8-bit RGB (the painter's precision).
QRgb barPixel(const QModelIndex& index, int x) {
    QTableView view;  // gives the delegate a widget, style and palette
    scaledeck::ui::UsageBarDelegate delegate;
    QImage image(320, 24, QImage::Format_ARGB32);
    image.fill(view.palette().color(QPalette::Base));
    QPainter painter(&image);
    QStyleOptionViewItem option;
    option.initFrom(&view);
    option.rect = image.rect();
    option.widget = &view;
    option.state &= ~QStyle::State_Selected;
    delegate.paint(&painter, option, index);
    painter.end();
    return image.pixelColor(6 + x, 12).rgb();
}

TEST_F(NodeTableModelTest, BarDelegateFillsTheFractionAndTurnsRedWhenFull) {
    loadFixtures();
    const int worker1 = m_model.rowOfKey("gl-prod-worker-1");
    const QModelIndex cpu = m_model.index(worker1, NodeTableModel::CpuColumn);
    QTableView view;
    const QPalette palette = view.palette();
    // 20 % of the 64-pixel bar is filled (13 px): highlight inside, the empty track beyond.
    EXPECT_EQ(barPixel(cpu, 6), palette.color(QPalette::Highlight).rgb());
    EXPECT_EQ(barPixel(cpu, 40), palette.color(QPalette::Mid).rgb());

    PodRow hungry = runningPod("batch-0", "gl-prod-worker-1", 0);
    hungry.containers.front().resources.cpuRequestMilli = 3000;  // 3.8 of 3.92 cores: 96 %
    m_model.applyPods(added<PodRow>({share(hungry)}));
    EXPECT_EQ(cpu.data().toString(), QStringLiteral("3.8 / 3.92 cores (96 %)"));
    EXPECT_EQ(barPixel(cpu, 40),
              scaledeck::ui::StateColors::fill(scaledeck::ui::StateTone::Error, palette).rgb());
}

}  // namespace
