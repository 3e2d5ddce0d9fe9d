// PodTableModel: kubectl's columns from decoded pods, numeric sorting and filtering through
// TableFilterProxyModel, and live batches that never reset the model, so a view keeps its
// selection and scroll position. Every model runs under QAbstractItemModelTester.
#include "ui/models/pod_table_model.h"

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QImage>
#include <QItemSelectionModel>
#include <QPainter>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <sstream>

#include "ui/models/row_fixtures.h"
#include "ui/models/table_filter_proxy_model.h"
#include "ui/models/table_roles.h"

using scaledeck::ui::PodTableModel;
using scaledeck::ui::TableFilterProxyModel;
using namespace scaledeck::uitest;
using scaledeck::kube::objects::PodRow;
using PodPtr = std::shared_ptr<const PodRow>;

namespace {

constexpr scaledeck::base::UnixMillis kMinute = 60'000;
constexpr scaledeck::base::UnixMillis kHour = 60 * kMinute;
constexpr scaledeck::base::UnixMillis kDay = 24 * kHour;
const scaledeck::base::UnixMillis kNow = at("2026-11-29T12:00:00Z");

QString cell(const QAbstractItemModel& model, int row, int column) {
    return model.index(row, column).data().toString();
}

// The value of `column` in every row of `model`, top to bottom.
QStringList columnOf(const QAbstractItemModel& model, int column) {
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r)
        out << cell(model, r, column);
    return out;
}

int rowNamed(const QAbstractItemModel& model, const QString& name) {
    for (int r = 0; r < model.rowCount(); ++r) {
        if (cell(model, r, PodTableModel::NameColumn) == name)
            return r;
    }
    return -1;
}

class PodTableModelTest : public ::testing::Test {
protected:
    PodTableModelTest()
        : m_tester(&m_model, QAbstractItemModelTester::FailureReportingMode::Fatal),
          m_resetSpy(&m_model, &QAbstractItemModel::modelAboutToBeReset) {
        m_model.setClock([] { return kNow; });
    }

    PodTableModel m_model;
    QAbstractItemModelTester m_tester;
    QSignalSpy m_resetSpy;
};

TEST_F(PodTableModelTest, ColumnsMatchKubectlForEveryPodOfAScaleUp) {
    // The simulator's pods during a scale-up and what real kubectl printed for them.
    m_model.applyBatch(replaceWith(fixtureRows<PodRow>("pod_list_scaling.json")));
    ASSERT_EQ(m_model.rowCount(), 34);
    std::istringstream kubectl(
        scaledeck::kube::objects::testing::readFixture("pod_list_scaling.kubectl.txt"));
    int lines = 0;
    for (std::string name, ready, status, restarts; kubectl >> name >> ready >> status >> restarts;
         ++lines) {
        const int row = rowNamed(m_model, QString::fromStdString(name));
        ASSERT_GE(row, 0) << name;
        EXPECT_EQ(cell(m_model, row, PodTableModel::ReadyColumn).toStdString(), ready) << name;
        EXPECT_EQ(cell(m_model, row, PodTableModel::StatusColumn).toStdString(), status) << name;
        EXPECT_EQ(cell(m_model, row, PodTableModel::RestartsColumn).toStdString(), restarts)
            << name;
    }
    EXPECT_EQ(lines, 34);
    EXPECT_EQ(m_model.rowCount(), 34);
    // 28 gl-006 pods Pending or 0/2, and redis-2 at 0/1.
    EXPECT_EQ(m_model.problemCount(), 29);
    EXPECT_EQ(m_resetSpy.count(), 0);
}

TEST_F(PodTableModelTest, ShowsRequestsNodeAndAgeInHumanNotation) {
    m_model.applyBatch(replaceWith(fixtureRows<PodRow>("pod_list_steady.json")));
    const int gl = rowNamed(m_model, QStringLiteral("gl-006-heatreclaim-m5mct52d7q-cdcrt"));
    ASSERT_GE(gl, 0);
    // 500m + 50m of the exporter sidecar container, 512Mi + 64Mi.
    EXPECT_EQ(cell(m_model, gl, PodTableModel::CpuRequestColumn), QStringLiteral("0.55 cores"));
    EXPECT_EQ(cell(m_model, gl, PodTableModel::MemoryRequestColumn), QStringLiteral("576 MiB"));
    EXPECT_EQ(cell(m_model, gl, PodTableModel::NodeColumn), QStringLiteral("gl-prod-worker-1"));
    EXPECT_EQ(cell(m_model, gl, PodTableModel::ReadyColumn), QStringLiteral("2/2"));
    // Created 2026-11-29T09:05:21Z, now 12:00:00: 2h54m39s, which kubectl prints in minutes
    // up to three hours.
    EXPECT_EQ(cell(m_model, gl, PodTableModel::AgeColumn), QStringLiteral("174m"));
    const int redis = rowNamed(m_model, QStringLiteral("redis-0"));
    EXPECT_EQ(cell(m_model, redis, PodTableModel::CpuRequestColumn), QStringLiteral("0.25 cores"));
    EXPECT_EQ(cell(m_model, redis, PodTableModel::MemoryRequestColumn), QStringLiteral("1 GiB"));
}

TEST_F(PodTableModelTest, RestartsAndAgeReadLikeKubectlAgainstTheInjectedClock) {
    PodRow pod = runningPod("web-0", "node-1", kNow - 3 * kDay - 4 * kHour - 10 * kMinute);
    pod.restarts = 5;
    pod.lastRestartTime = kNow - 2 * kMinute - 5'000;
    PodRow fresh = runningPod("web-1", "node-1", kNow - 45'000);
    PodRow unstamped = runningPod("web-2", "node-1", 0);
    unstamped.containers.front().resources = {};
    m_model.applyBatch(added<PodRow>({share(pod), share(fresh), share(unstamped)}));
    EXPECT_EQ(cell(m_model, 0, PodTableModel::RestartsColumn), QStringLiteral("5 (2m5s ago)"));
    EXPECT_EQ(cell(m_model, 0, PodTableModel::AgeColumn), QStringLiteral("3d4h"));
    EXPECT_EQ(cell(m_model, 1, PodTableModel::RestartsColumn), QStringLiteral("0"));
    EXPECT_EQ(cell(m_model, 1, PodTableModel::AgeColumn), QStringLiteral("45s"));
    EXPECT_EQ(cell(m_model, 2, PodTableModel::AgeColumn), QStringLiteral("<unknown>"));
    EXPECT_EQ(cell(m_model, 2, PodTableModel::CpuRequestColumn), QStringLiteral("not set"));

    // The clock moves: refreshTimes() tells the views, and the text follows.
    scaledeck::base::UnixMillis now = kNow + 10 * kMinute;
    m_model.setClock([&now] { return now; });
    QSignalSpy changed(&m_model, &QAbstractItemModel::dataChanged);
    m_model.refreshTimes();
    ASSERT_EQ(changed.count(), 1);
    EXPECT_EQ(changed.front().at(0).toModelIndex().column(), PodTableModel::RestartsColumn);
    EXPECT_EQ(changed.front().at(1).toModelIndex().column(), PodTableModel::AgeColumn);
    EXPECT_EQ(changed.front().at(1).toModelIndex().row(), 2);
    EXPECT_EQ(cell(m_model, 0, PodTableModel::RestartsColumn), QStringLiteral("5 (12m ago)"));
    // From ten minutes on, kubectl drops the seconds.
    EXPECT_EQ(cell(m_model, 1, PodTableModel::AgeColumn), QStringLiteral("10m"));
}

TEST_F(PodTableModelTest, IncrementalBatchesKeepSelectionAndScrollAndNeverReset) {
    std::vector<PodPtr> pods;
    for (int i = 0; i < 200; ++i)
        pods.push_back(share(runningPod("pod-" + std::to_string(1000 + i), "node-1", kNow)));
    m_model.applyBatch(replaceWith(pods));

    TableFilterProxyModel proxy;
    proxy.setSourceModel(&m_model);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::Fatal);
    QTableView view;
    view.setModel(&proxy);
    view.setSortingEnabled(true);
    view.sortByColumn(PodTableModel::NameColumn, Qt::AscendingOrder);
    view.resize(800, 300);
    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    view.selectRow(104);
    view.scrollTo(proxy.index(100, 0), QAbstractItemView::PositionAtTop);
    QCoreApplication::processEvents();
    const int scroll = view.verticalScrollBar()->value();
    ASSERT_GT(scroll, 0);
    const QString selectedName = QStringLiteral("pod-1104");
    ASSERT_EQ(view.selectionModel()->selectedRows().front().data().toString(), selectedName);

    QSignalSpy proxyReset(&proxy, &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy inserted(&m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&m_model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&m_model, &QAbstractItemModel::dataChanged);

    // The selected pod restarts, two pods at the end go, two new ones arrive.
    PodRow restarted = *pods[104];
    restarted.restarts = 3;
    restarted.lastRestartTime = kNow - 1000;
    scaledeck::cache::DeltaBatch<PodRow> batch = modified<PodRow>({share(restarted)});
    batch.deltas.push_back({scaledeck::cache::DeltaType::Deleted, pods[198]});
    batch.deltas.push_back({scaledeck::cache::DeltaType::Deleted, pods[199]});
    batch.deltas.push_back(
        {scaledeck::cache::DeltaType::Added, share(runningPod("pod-2000", "node-2", kNow))});
    batch.deltas.push_back(
        {scaledeck::cache::DeltaType::Added, share(runningPod("pod-2001", "node-2", kNow))});
    m_model.applyBatch(batch);
    QCoreApplication::processEvents();

    EXPECT_EQ(m_resetSpy.count(), 0);
    EXPECT_EQ(proxyReset.count(), 0);
    ASSERT_EQ(inserted.count(), 1) << "new pods arrive as one block";
    EXPECT_EQ(inserted.front().at(1).toInt(), 200 - 2);
    EXPECT_EQ(inserted.front().at(2).toInt(), 200 - 1);
    ASSERT_EQ(removed.count(), 1) << "adjacent deletions go as one block";
    ASSERT_EQ(changed.count(), 1);
    EXPECT_EQ(changed.front().at(0).toModelIndex().row(), 104);
    EXPECT_EQ(m_model.rowCount(), 200);

    const QModelIndexList selected = view.selectionModel()->selectedRows();
    ASSERT_EQ(selected.size(), 1);
    EXPECT_EQ(selected.front().data().toString(), selectedName);
    EXPECT_EQ(view.selectionModel()->currentIndex().data().toString(), selectedName);
    EXPECT_EQ(view.verticalScrollBar()->value(), scroll);
    EXPECT_EQ(selected.front().siblingAtColumn(PodTableModel::RestartsColumn).data().toString(),
              QStringLiteral("3 (1s ago)"));
}

TEST_F(PodTableModelTest, ScatteredChangesAreReportedRunByRunSoASortedViewChecksOnlyThem) {
    std::vector<PodPtr> pods;
    for (int i = 0; i < 200; ++i)
        pods.push_back(share(runningPod("pod-" + std::to_string(1000 + i), "node-1", kNow)));
    m_model.applyBatch(replaceWith(pods));

    TableFilterProxyModel proxy;
    proxy.setSourceModel(&m_model);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::Fatal);
    QTableView view;
    view.setModel(&proxy);
    view.setSortingEnabled(true);
    view.sortByColumn(PodTableModel::NameColumn, Qt::AscendingOrder);
    view.resize(800, 300);
    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    view.selectRow(104);
    view.scrollTo(proxy.index(100, 0), QAbstractItemView::PositionAtTop);
    QCoreApplication::processEvents();
    const int scroll = view.verticalScrollBar()->value();
    const QString selectedName = QStringLiteral("pod-1104");

    const auto restart = [&pods](std::initializer_list<int> which, int restarts) {
        std::vector<PodPtr> changed;
        for (const int i : which) {
            PodRow pod = *pods[static_cast<std::size_t>(i)];
            pod.restarts = restarts;
            pods[static_cast<std::size_t>(i)] = share(std::move(pod));
            changed.push_back(pods[static_cast<std::size_t>(i)]);
        }
        return modified(changed);
    };

    // Four pods in three runs: three signals over those rows only, not one from row 3 to 120.
    QSignalSpy changed(&m_model, &QAbstractItemModel::dataChanged);
    QSignalSpy proxyChanged(&proxy, &QAbstractItemModel::dataChanged);
    QSignalSpy proxyLayout(&proxy, &QAbstractItemModel::layoutChanged);
    m_model.applyBatch(restart({120, 51, 3, 50}, 1));
    QCoreApplication::processEvents();
    ASSERT_EQ(changed.count(), 3);
    const std::vector<std::pair<int, int>> runs = {{3, 3}, {50, 51}, {120, 120}};
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const QModelIndex topLeft = changed.at(static_cast<qsizetype>(i)).at(0).toModelIndex();
        const QModelIndex bottomRight = changed.at(static_cast<qsizetype>(i)).at(1).toModelIndex();
        EXPECT_EQ(topLeft.row(), runs[i].first);
        EXPECT_EQ(bottomRight.row(), runs[i].second);
        EXPECT_EQ(topLeft.column(), 0);
        EXPECT_EQ(bottomRight.column(), PodTableModel::ColumnCount - 1);
    }
    EXPECT_EQ(proxyChanged.count(), 3);
    EXPECT_EQ(proxyLayout.count(), 0) << "names did not change: nothing moves";
    EXPECT_EQ(view.selectionModel()->selectedRows().front().data().toString(), selectedName);
    EXPECT_EQ(view.verticalScrollBar()->value(), scroll);

    // Changes in more places than an eighth of the rows: one signal over the whole table (a
    // proxy that must re-sort then sorts once).
    changed.clear();
    std::vector<PodPtr> many;
    for (std::size_t i = 0; i < pods.size(); i += 5) {
        PodRow pod = *pods[i];
        pod.restarts = 2;
        pods[i] = share(std::move(pod));
        many.push_back(pods[i]);
    }
    m_model.applyBatch(modified(many));
    QCoreApplication::processEvents();
    ASSERT_EQ(changed.count(), 1);
    EXPECT_EQ(changed.front().at(0).toModelIndex().row(), 0);
    EXPECT_EQ(changed.front().at(1).toModelIndex().row(), 199);
    EXPECT_EQ(proxyLayout.count(), 0);
    EXPECT_EQ(view.selectionModel()->selectedRows().front().data().toString(), selectedName);
    EXPECT_EQ(view.verticalScrollBar()->value(), scroll);

    // Sorted by restarts, scattered pods move, each past pods changed in the same batch (190
    // from the top of the 2s, 104 and 7 from the 0s); ties keep the key order, reversed.
    view.sortByColumn(PodTableModel::RestartsColumn, Qt::DescendingOrder);
    changed.clear();
    m_model.applyBatch(restart({104, 7, 190}, 9));
    QCoreApplication::processEvents();
    EXPECT_EQ(changed.count(), 3);
    QStringList top;
    for (int r = 0; r < 4; ++r)
        top << proxy.index(r, PodTableModel::NameColumn).data().toString();
    EXPECT_EQ(top, (QStringList{QStringLiteral("pod-1190"), QStringLiteral("pod-1104"),
                                QStringLiteral("pod-1007"), QStringLiteral("pod-1195")}));
    ASSERT_EQ(view.selectionModel()->selectedRows().size(), 1);
    EXPECT_EQ(view.selectionModel()->selectedRows().front().data().toString(), selectedName);
    EXPECT_EQ(m_resetSpy.count(), 0);
}

TEST_F(PodTableModelTest, SortsRestartsAgeAndRequestsNumerically) {
    const auto pod = [](const char* name, int restarts, scaledeck::base::UnixMillis age,
                        std::int64_t cpuMilli) {
        PodRow row = runningPod(name, "node-1", kNow - age);
        row.restarts = restarts;
        row.containers.front().resources.cpuRequestMilli = cpuMilli;
        return share(row);
    };
    // As text these would sort "10" < "2" < "9", "10m" < "1h" < "9m", "0.5" < "10" < "2".
    m_model.applyBatch(added<PodRow>({pod("a", 10, 9 * kMinute, 2000), pod("b", 2, kHour, 10000),
                                      pod("c", 9, 10 * kMinute, 500)}));
    TableFilterProxyModel proxy;
    proxy.setSourceModel(&m_model);

    proxy.sort(PodTableModel::RestartsColumn, Qt::AscendingOrder);
    EXPECT_EQ(columnOf(proxy, PodTableModel::RestartsColumn),
              (QStringList{QStringLiteral("2"), QStringLiteral("9"), QStringLiteral("10")}));
    proxy.sort(PodTableModel::AgeColumn, Qt::AscendingOrder);
    EXPECT_EQ(columnOf(proxy, PodTableModel::AgeColumn),
              (QStringList{QStringLiteral("9m"), QStringLiteral("10m"), QStringLiteral("60m")}));
    proxy.sort(PodTableModel::AgeColumn, Qt::DescendingOrder);
    EXPECT_EQ(columnOf(proxy, PodTableModel::NameColumn),
              (QStringList{QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("a")}));
    proxy.sort(PodTableModel::CpuRequestColumn, Qt::AscendingOrder);
    EXPECT_EQ(columnOf(proxy, PodTableModel::CpuRequestColumn),
              (QStringList{QStringLiteral("0.5 cores"), QStringLiteral("2 cores"),
                           QStringLiteral("10 cores")}));

    // A live change re-sorts: "a" drops to 1 restart... (restart counts only grow in
    // Kubernetes, but a replaced pod of the same name starts again at 0).
    PodRow replacement = *pod("a", 0, kMinute, 2000);
    proxy.sort(PodTableModel::RestartsColumn, Qt::AscendingOrder);
    m_model.applyBatch(modified<PodRow>({share(replacement)}));
    EXPECT_EQ(columnOf(proxy, PodTableModel::NameColumn),
              (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
}

TEST_F(PodTableModelTest, NamesSortNaturallyAndTiesKeepAFixedOrder) {
    m_model.applyBatch(added<PodRow>({share(runningPod("redis-10", "n", kNow)),
                                      share(runningPod("redis-2", "n", kNow)),
                                      share(runningPod("redis-1", "n", kNow))}));
    TableFilterProxyModel proxy;
    proxy.setSourceModel(&m_model);
    proxy.sort(PodTableModel::NameColumn, Qt::AscendingOrder);
    EXPECT_EQ(columnOf(proxy, PodTableModel::NameColumn),
              (QStringList{QStringLiteral("redis-1"), QStringLiteral("redis-2"),
                           QStringLiteral("redis-10")}));
    // Equal ages: ordered by key, whatever order the rows arrived in.
    proxy.sort(PodTableModel::AgeColumn, Qt::AscendingOrder);
    EXPECT_EQ(columnOf(proxy, PodTableModel::NameColumn),
              (QStringList{QStringLiteral("redis-1"), QStringLiteral("redis-10"),
                           QStringLiteral("redis-2")}));
}

TEST_F(PodTableModelTest, FiltersByTextAndByProblems) {
    m_model.applyBatch(replaceWith(fixtureRows<PodRow>("pod_list_scaling.json")));
    TableFilterProxyModel proxy;
    proxy.setSourceModel(&m_model);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::Fatal);

    proxy.setFilterText(QStringLiteral("PENDING"));  // status, any case
    EXPECT_EQ(proxy.rowCount(), 13);
    proxy.setFilterText(QStringLiteral("redis"));  // name
    EXPECT_EQ(proxy.rowCount(), 3);
    proxy.setFilterText(QStringLiteral("[a-z]+"));  // no regular expressions
    EXPECT_EQ(proxy.rowCount(), 0);
    proxy.setFilterText(QString());
    EXPECT_EQ(proxy.rowCount(), 34);

    proxy.setProblemsOnly(true);
    EXPECT_EQ(proxy.rowCount(), m_model.problemCount());
    for (int r = 0; r < proxy.rowCount(); ++r) {
        const QString status = cell(proxy, r, PodTableModel::StatusColumn);
        const QStringList ready =
            cell(proxy, r, PodTableModel::ReadyColumn).split(QLatin1Char('/'));
        EXPECT_TRUE(status != QStringLiteral("Running") || ready[0] != ready[1])
            << status.toStdString();
    }
    proxy.setFilterText(QStringLiteral("redis"));
    EXPECT_EQ(columnOf(proxy, PodTableModel::NameColumn), QStringList{QStringLiteral("redis-2")});

    // Node names match too, and the filter follows live changes.
    proxy.setProblemsOnly(false);
    proxy.setFilterText(QStringLiteral("gl-prod-worker-4"));
    const int before = proxy.rowCount();
    PodRow moved = runningPod("redis-0", "gl-prod-worker-4", kNow);
    moved.meta.namespaceName = intern("greenlang");
    m_model.applyBatch(modified<PodRow>({share(moved)}));
    EXPECT_EQ(proxy.rowCount(), before + 1);
}

TEST_F(PodTableModelTest, NodeColumnWarnsWhenThePodsNodeIsInTrouble) {
    m_model.applyBatch(added<PodRow>(
        {share(runningPod("a", "node-1", kNow)), share(runningPod("b", "node-2", kNow))}));
    QSignalSpy changed(&m_model, &QAbstractItemModel::dataChanged);
    m_model.setNodeStates({{QStringLiteral("node-2"), QStringLiteral("NotReady")}});
    ASSERT_EQ(changed.count(), 1);
    EXPECT_EQ(changed.front().at(0).toModelIndex().column(), PodTableModel::NodeColumn);
    EXPECT_EQ(cell(m_model, 0, PodTableModel::NodeColumn), QStringLiteral("node-1"));
    EXPECT_EQ(cell(m_model, 1, PodTableModel::NodeColumn), QStringLiteral("node-2 · NotReady"));
    const QModelIndex node = m_model.index(1, PodTableModel::NodeColumn);
    EXPECT_FALSE(node.data(Qt::DecorationRole).isNull());
    EXPECT_EQ(node.data(scaledeck::ui::SeverityRole).toInt(),
              static_cast<int>(scaledeck::ui::Severity::Warning));
    EXPECT_EQ(node.data(scaledeck::ui::SortRole).toString(), QStringLiteral("node-2"));
    // The pod's own status stays what the cluster says.
    EXPECT_EQ(m_model.problemCount(), 0);
    m_model.setNodeStates({{QStringLiteral("node-2"), QStringLiteral("NotReady")}});
    EXPECT_EQ(changed.count(), 1) << "no repaint when nothing changed";
    m_model.setNodeStates({});
    EXPECT_EQ(cell(m_model, 1, PodTableModel::NodeColumn), QStringLiteral("node-2"));
}

TEST_F(PodTableModelTest, ProblemsAreEverythingButRunningReadyOrCompleted) {
    PodRow crashing = runningPod("crash", "n", kNow);
    crashing.status = intern("CrashLoopBackOff");
    crashing.readyContainers = 0;
    PodRow notReady = runningPod("warming", "n", kNow);
    notReady.readyContainers = 0;
    PodRow completed = runningPod("job", "n", kNow);
    completed.phase = scaledeck::kube::objects::PodPhase::Succeeded;
    completed.status = intern("Completed");
    completed.readyContainers = 0;
    PodRow fine = runningPod("fine", "n", kNow);
    m_model.applyBatch(
        added<PodRow>({share(crashing), share(notReady), share(completed), share(fine)}));
    EXPECT_EQ(m_model.problemCount(), 2);
    EXPECT_TRUE(m_model.index(0, 0).data(scaledeck::ui::ProblemRole).toBool());
    EXPECT_EQ(m_model.index(0, PodTableModel::StatusColumn).data(scaledeck::ui::SeverityRole),
              static_cast<int>(scaledeck::ui::Severity::Error));
    EXPECT_FALSE(m_model.index(0, PodTableModel::StatusColumn).data(Qt::DecorationRole).isNull());
    EXPECT_EQ(m_model.index(1, PodTableModel::StatusColumn).data(scaledeck::ui::SeverityRole),
              static_cast<int>(scaledeck::ui::Severity::Warning));

    // Fixed: the count follows modifications and deletions.
    PodRow recovered = crashing;
    recovered.status = intern("Running");
    recovered.readyContainers = 1;
    m_model.applyBatch(modified<PodRow>({share(recovered)}));
    EXPECT_EQ(m_model.problemCount(), 1);
    m_model.applyBatch(deleted<PodRow>({share(notReady)}));
    EXPECT_EQ(m_model.problemCount(), 0);
}

TEST_F(PodTableModelTest, FifteenThousandPodsReplaceModifyAndScatteredDelete) {
    constexpr int kPods = 15'000;
    std::vector<PodPtr> pods;
    pods.reserve(kPods);
    for (int i = 0; i < kPods; ++i) {
        pods.push_back(share(runningPod("pod-" + std::to_string(i),
                                        "node-" + std::to_string(i % 50), kNow - i * 1000)));
    }
    TableFilterProxyModel proxy;
    proxy.setSourceModel(&m_model);
    proxy.sort(PodTableModel::RestartsColumn, Qt::DescendingOrder);
    QTableView view;
    view.setModel(&proxy);
    view.resize(800, 400);
    view.show();

    QSignalSpy inserted(&m_model, &QAbstractItemModel::rowsInserted);
    QElapsedTimer timer;
    timer.start();
    m_model.applyBatch(replaceWith(pods));
    RecordProperty("replaceMillis", static_cast<int>(timer.restart()));
    ASSERT_EQ(m_model.rowCount(), kPods);
    ASSERT_EQ(inserted.count(), 1);
    EXPECT_EQ(inserted.front().at(2).toInt(), kPods - 1);

    // Select a pod, then every pod restarts once more (pod i now has i restarts).
    const QModelIndex selectedSource = m_model.index(m_model.rowOfKey("greenlang/pod-7777"), 0);
    view.selectionModel()->select(proxy.mapFromSource(selectedSource),
                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    std::vector<PodPtr> restarted;
    restarted.reserve(kPods);
    for (int i = 0; i < kPods; ++i) {
        PodRow row = *pods[static_cast<std::size_t>(i)];
        row.restarts = i;
        row.status = intern(i % 3 == 0 ? "CrashLoopBackOff" : "Running");
        restarted.push_back(share(std::move(row)));
    }
    QSignalSpy removed(&m_model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&m_model, &QAbstractItemModel::dataChanged);
    timer.restart();
    m_model.applyBatch(modified(restarted));
    RecordProperty("modifyMillis", static_cast<int>(timer.restart()));
    EXPECT_EQ(m_resetSpy.count(), 0);
    EXPECT_EQ(inserted.count(), 1);
    EXPECT_EQ(removed.count(), 0);
    EXPECT_EQ(m_model.rowCount(), kPods);
    EXPECT_EQ(m_model.problemCount(), kPods / 3);
    for (const int i : {0, 1, 7777, 14'999}) {
        const int row = m_model.rowOfKey("greenlang/pod-" + std::to_string(i));
        ASSERT_GE(row, 0);
        EXPECT_EQ(m_model.index(row, PodTableModel::RestartsColumn).data().toString(),
                  QString::number(i));
    }
    // Sorted by restarts, descending, numerically: 14999, 14998, …
    EXPECT_EQ(proxy.index(0, PodTableModel::NameColumn).data().toString(),
              QStringLiteral("pod-14999"));
    EXPECT_EQ(proxy.index(kPods - 1, PodTableModel::NameColumn).data().toString(),
              QStringLiteral("pod-0"));
    ASSERT_EQ(view.selectionModel()->selectedRows().size(), 1);
    EXPECT_EQ(view.selectionModel()->selectedRows().front().data().toString(),
              QStringLiteral("pod-7777"));

    // Every even pod goes: 7,500 scattered deletions, dropped in one layout change.
    QSignalSpy layoutChanged(&m_model, &QAbstractItemModel::layoutChanged);
    std::vector<PodPtr> evens;
    for (int i = 0; i < kPods; i += 2)
        evens.push_back(restarted[static_cast<std::size_t>(i)]);
    timer.restart();
    m_model.applyBatch(deleted(evens));
    RecordProperty("scatteredDeleteMillis", static_cast<int>(timer.restart()));
    EXPECT_EQ(m_resetSpy.count(), 0);
    EXPECT_EQ(m_model.rowCount(), kPods / 2);
    EXPECT_EQ(layoutChanged.count(), 1);
    EXPECT_EQ(m_model.problemCount(), 2500) << "pods 3, 9, 15, …: odd multiples of 3";
    EXPECT_EQ(m_model.rowOfKey("greenlang/pod-7776"), -1);
    for (int row = 0; row < m_model.rowCount(); ++row) {
        const std::string& key = m_model.keyAt(row);
        ASSERT_EQ(m_model.rowOfKey(key), row);
        ASSERT_EQ(std::stoi(key.substr(key.rfind('-') + 1)) % 2, 1) << key;
    }
    EXPECT_EQ(proxy.rowCount(), kPods / 2);
    ASSERT_EQ(view.selectionModel()->selectedRows().size(), 1);
    EXPECT_EQ(view.selectionModel()->selectedRows().front().data().toString(),
              QStringLiteral("pod-7777"));

    // A relist (replace) with the survivors and 1,000 new pods: a diff, not a reset.
    std::vector<PodPtr> relisted;
    for (int i = 1; i < kPods; i += 2)
        relisted.push_back(restarted[static_cast<std::size_t>(i)]);
    for (int i = 0; i < 1000; ++i)
        relisted.push_back(share(runningPod("new-" + std::to_string(i), "node-1", kNow)));
    timer.restart();
    m_model.applyBatch(replaceWith(relisted));
    RecordProperty("relistMillis", static_cast<int>(timer.restart()));
    EXPECT_EQ(m_resetSpy.count(), 0);
    EXPECT_EQ(m_model.rowCount(), kPods / 2 + 1000);
    EXPECT_EQ(view.selectionModel()->selectedRows().front().data().toString(),
              QStringLiteral("pod-7777"));
}

TEST_F(PodTableModelTest, MarkupInPodDataIsPlainText) {
    PodRow evil = runningPod("<img src=x>", "<b>node</b>", kNow);
    evil.status = intern("<i>Pending</i>");
    evil.scheduled.type = intern("PodScheduled");
    evil.scheduled.status = scaledeck::kube::objects::ConditionStatus::False;
    evil.scheduled.reason = intern("Unschedulable");
    evil.scheduled.message = intern("0/4 nodes: <script>alert(1)</script>");
    m_model.applyBatch(added<PodRow>({share(evil)}));
    EXPECT_EQ(cell(m_model, 0, PodTableModel::NameColumn), QStringLiteral("<img src=x>"));
    EXPECT_EQ(cell(m_model, 0, PodTableModel::NodeColumn), QStringLiteral("<b>node</b>"));
    const QString tip =
        m_model.index(0, PodTableModel::StatusColumn).data(Qt::ToolTipRole).toString();
    EXPECT_TRUE(tip.contains(QStringLiteral("&lt;script&gt;alert(1)&lt;/script&gt;")))
        << tip.toStdString();
    EXPECT_FALSE(tip.contains(QStringLiteral("<script>")));
    EXPECT_FALSE(
        m_model.index(0, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("<img")));

    QTableView view;
    view.setModel(&m_model);
    view.resize(900, 200);
    QImage image(view.size(), QImage::Format_ARGB32);
    image.fill(Qt::white);
    view.render(&image);
    EXPECT_FALSE(image.isNull());
}

}  // namespace
