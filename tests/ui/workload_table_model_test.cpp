// WorkloadTableModel: snapshots are applied in place (never a reset) under
// QAbstractItemModelTester, selection follows rows through updates, and names stay plain text.
#include "ui/models/workload_table_model.h"

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QStyledItemDelegate>
#include <QTableView>

using scaledeck::ui::WorkloadRow;
using scaledeck::ui::WorkloadTableModel;

namespace {

WorkloadRow deployment(const char* name, int ready, int desired) {
    return {QStringLiteral("Deployment"), QStringLiteral("greenlang"), QString::fromUtf8(name),
            ready, desired};
}

WorkloadRow statefulSet(const char* name, int ready, int desired) {
    return {QStringLiteral("StatefulSet"), QStringLiteral("greenlang"), QString::fromUtf8(name),
            ready, desired};
}

QStringList names(const WorkloadTableModel& model) {
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r) {
        out.append(model.index(r, WorkloadTableModel::NameColumn).data().toString());
    }
    return out;
}

struct Counts {
    int inserted = 0;
    int removed = 0;
    int changed = 0;
};

struct SnapshotCase {
    const char* name;
    QList<WorkloadRow> before;
    QList<WorkloadRow> after;
    QStringList expectedNames;  // in model order
    Counts signals_;            // number of signals of each kind
};

class WorkloadTableModelSnapshot : public ::testing::TestWithParam<SnapshotCase> {};

TEST_P(WorkloadTableModelSnapshot, AppliesInPlaceWithRangedSignals) {
    const SnapshotCase& c = GetParam();
    WorkloadTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setRows(c.before);

    QSignalSpy resetSpy(&model, &QAbstractItemModel::modelReset);
    QSignalSpy aboutToResetSpy(&model, &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy insertedSpy(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removedSpy(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changedSpy(&model, &QAbstractItemModel::dataChanged);
    model.setRows(c.after);

    EXPECT_EQ(resetSpy.count(), 0);
    EXPECT_EQ(aboutToResetSpy.count(), 0);
    EXPECT_EQ(insertedSpy.count(), c.signals_.inserted);
    EXPECT_EQ(removedSpy.count(), c.signals_.removed);
    EXPECT_EQ(changedSpy.count(), c.signals_.changed);
    EXPECT_EQ(names(model), c.expectedNames);
    // The rows hold exactly the new snapshot's values.
    for (const WorkloadRow& row : c.after) {
        EXPECT_TRUE(model.rows().contains(row)) << row.name.toStdString();
    }
    EXPECT_EQ(model.rows().size(), c.expectedNames.size());
}

INSTANTIATE_TEST_SUITE_P(
    Cases, WorkloadTableModelSnapshot,
    ::testing::Values(
        SnapshotCase{"FirstFill",
                     {},
                     {deployment("b", 1, 1), statefulSet("db", 1, 1), deployment("a", 3, 3)},
                     {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("db")},
                     {1, 0, 0}},
        SnapshotCase{"Unchanged",
                     {deployment("a", 3, 3), deployment("b", 1, 1)},
                     {deployment("b", 1, 1), deployment("a", 3, 3)},
                     {QStringLiteral("a"), QStringLiteral("b")},
                     {0, 0, 0}},
        SnapshotCase{"OneValueChanges",
                     {deployment("a", 3, 3), deployment("b", 1, 1), deployment("c", 2, 2)},
                     {deployment("a", 3, 3), deployment("b", 0, 1), deployment("c", 2, 2)},
                     {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")},
                     {0, 0, 1}},
        SnapshotCase{"AdjacentChangesAreOneRange",
                     {deployment("a", 3, 3), deployment("b", 1, 1), deployment("c", 2, 2)},
                     {deployment("a", 2, 3), deployment("b", 0, 1), deployment("c", 2, 2)},
                     {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")},
                     {0, 0, 1}},
        SnapshotCase{"SeparateChangesAreTwoRanges",
                     {deployment("a", 3, 3), deployment("b", 1, 1), deployment("c", 2, 2)},
                     {deployment("a", 2, 3), deployment("b", 1, 1), deployment("c", 2, 5)},
                     {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")},
                     {0, 0, 2}},
        SnapshotCase{"MiddleRowsVanish",
                     {deployment("a", 1, 1), deployment("b", 1, 1), deployment("c", 1, 1),
                      deployment("d", 1, 1)},
                     {deployment("a", 1, 1), deployment("d", 1, 1)},
                     {QStringLiteral("a"), QStringLiteral("d")},
                     {0, 1, 0}},
        SnapshotCase{"InsertBetweenAndAtEnds",
                     {deployment("b", 1, 1), deployment("d", 1, 1)},
                     {deployment("a", 1, 1), deployment("b", 1, 1), deployment("c", 1, 1),
                      deployment("d", 1, 1), statefulSet("e", 1, 1)},
                     {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                      QStringLiteral("d"), QStringLiteral("e")},
                     {3, 0, 0}},
        SnapshotCase{"MixedInsertRemoveChange",
                     {deployment("a", 1, 1), deployment("b", 1, 1), statefulSet("s", 1, 3)},
                     {deployment("b", 2, 2), deployment("c", 1, 1), statefulSet("s", 3, 3)},
                     {QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("s")},
                     {1, 1, 2}},
        SnapshotCase{"SameNameDifferentKindAreTwoRows",
                     {deployment("x", 1, 1)},
                     {deployment("x", 1, 1), statefulSet("x", 2, 2)},
                     {QStringLiteral("x"), QStringLiteral("x")},
                     {1, 0, 0}},
        SnapshotCase{
            "Cleared", {deployment("a", 1, 1), statefulSet("b", 1, 1)}, {}, {}, {0, 1, 0}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(WorkloadTableModel, SelectionFollowsItsRowThroughUpdates) {
    WorkloadTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QItemSelectionModel selection(&model);
    model.setRows({deployment("b", 1, 1), deployment("d", 1, 1)});
    selection.select(model.index(1, 0),
                     QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);

    // Rows appear before it, a neighbour vanishes and its own values change.
    model.setRows({deployment("a", 1, 1), deployment("c", 1, 1), deployment("d", 0, 2)});

    const QModelIndexList rows = selection.selectedRows(WorkloadTableModel::NameColumn);
    ASSERT_EQ(rows.size(), 1);
    EXPECT_EQ(rows.front().data().toString(), QStringLiteral("d"));
    EXPECT_EQ(model.index(rows.front().row(), WorkloadTableModel::ReadyColumn).data().toInt(), 0);
}

TEST(WorkloadTableModel, ColumnsCarryKindNameReadyDesired) {
    WorkloadTableModel model;
    model.setRows({statefulSet("redis", 2, 3)});
    EXPECT_EQ(model.columnCount(), 4);
    EXPECT_EQ(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Kind"));
    EXPECT_EQ(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("Name"));
    EXPECT_EQ(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("Ready"));
    EXPECT_EQ(model.headerData(3, Qt::Horizontal).toString(), QStringLiteral("Desired"));
    EXPECT_EQ(model.index(0, 0).data().toString(), QStringLiteral("StatefulSet"));
    EXPECT_EQ(model.index(0, 1).data().toString(), QStringLiteral("redis"));
    EXPECT_EQ(model.index(0, 2).data().toInt(), 2);
    EXPECT_EQ(model.index(0, 3).data().toInt(), 3);
    EXPECT_EQ(model.index(0, 2).data(Qt::ToolTipRole).toString(),
              QStringLiteral("<p style='white-space:pre'>2 of 3 replicas ready</p>"));
    // A workload short of replicas is marked by more than colour.
    EXPECT_FALSE(model.index(0, 2).data(Qt::DecorationRole).isNull());
    model.setRows({statefulSet("redis", 3, 3)});
    EXPECT_TRUE(model.index(0, 2).data(Qt::DecorationRole).isNull());
}

TEST(WorkloadTableModel, MarkupInNamesStaysLiteral) {
    WorkloadTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const QString evil = QStringLiteral("<b>bold</b>");
    model.setRows({{QStringLiteral("Deployment"), QStringLiteral("greenlang"), evil, 1, 1}});
    const QModelIndex name = model.index(0, WorkloadTableModel::NameColumn);
    EXPECT_EQ(name.data(Qt::DisplayRole).toString(), evil);
    const QString tooltip = name.data(Qt::ToolTipRole).toString();
    EXPECT_TRUE(tooltip.contains(QStringLiteral("&lt;b&gt;bold&lt;/b&gt;")))
        << tooltip.toStdString();
    EXPECT_FALSE(tooltip.contains(evil));

    // The view paints with the stock delegate, which draws DisplayRole as plain text.
    QTableView view;
    view.setModel(&model);
    EXPECT_STREQ(view.itemDelegateForIndex(name)->metaObject()->className(),
                 QStyledItemDelegate::staticMetaObject.className());
}

}  // namespace
