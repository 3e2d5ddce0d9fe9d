// EventFeedModel: newest first from both event APIs, bounded to the newest N, warnings and
// SuccessfulRescale marked by icon, weight and words, and batches applied without resets.
#include "ui/models/event_feed_model.h"

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTableView>

#include "ui/models/row_fixtures.h"
#include "ui/models/table_roles.h"
#include "ui/widgets/severity_delegate.h"

using scaledeck::kube::objects::EventRow;
using scaledeck::ui::EventFeedModel;
using namespace scaledeck::uitest;
using EventPtr = std::shared_ptr<const EventRow>;

namespace {

const scaledeck::base::UnixMillis kT0 = at("2026-11-29T09:00:00Z");

EventPtr event(const std::string& name, int secondsAfterT0, const char* type = "Normal",
               const char* reason = "Started", const std::string& message = "Started container") {
    EventRow row;
    row.meta.namespaceName = intern("greenlang");
    row.meta.name = name;
    row.type = intern(type);
    row.reason = intern(reason);
    row.message = message;
    row.regarding.kind = intern("Pod");
    row.regarding.namespaceName = intern("greenlang");
    row.regarding.name = intern(name);
    row.count = 1;
    row.firstTimestamp = kT0 + secondsAfterT0 * 1000LL;
    row.lastTimestamp = row.firstTimestamp;
    return share(std::move(row));
}

QStringList column(const QAbstractItemModel& model, int c) {
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r)
        out << model.index(r, c).data().toString();
    return out;
}

class EventFeedModelTest : public ::testing::Test {
protected:
    explicit EventFeedModelTest(int capacity = EventFeedModel::kDefaultCapacity)
        : m_model(nullptr, capacity),
          m_tester(&m_model, QAbstractItemModelTester::FailureReportingMode::Fatal),
          m_resetSpy(&m_model, &QAbstractItemModel::modelAboutToBeReset) {
        m_model.setClock([] { return at("2026-11-29T09:10:00Z"); });
    }

    void expectNewestFirst() const {
        for (int r = 1; r < m_model.rowCount(); ++r)
            ASSERT_GE(m_model.rowAt(r - 1)->lastSeen(), m_model.rowAt(r)->lastSeen()) << r;
    }

    EventFeedModel m_model;
    QAbstractItemModelTester m_tester;
    QSignalSpy m_resetSpy;
};

class BoundedEventFeedTest : public EventFeedModelTest {
protected:
    BoundedEventFeedTest() : EventFeedModelTest(5) {}
};

TEST_F(EventFeedModelTest, CoreV1EventsNewestFirstWithWarningsCounted) {
    m_model.applyBatch(replaceWith(fixtureRows<EventRow>("event_list_core_v1.json")));
    ASSERT_EQ(m_model.rowCount(), 16);
    expectNewestFirst();
    // 09:06:56 Started, then three at 09:06:52 in key order, then the rescale at 09:06:51.
    EXPECT_EQ(column(m_model, EventFeedModel::ReasonColumn).mid(0, 5),
              (QStringList{QStringLiteral("Started"), QStringLiteral("Scheduled"),
                           QStringLiteral("FailedScheduling"), QStringLiteral("FailedScheduling"),
                           QStringLiteral("SuccessfulRescale")}));
    EXPECT_EQ(m_model.index(0, EventFeedModel::LastSeenColumn).data().toString(),
              QStringLiteral("3m4s"));
    EXPECT_EQ(m_model.index(4, EventFeedModel::ObjectColumn).data().toString(),
              QStringLiteral("HorizontalPodAutoscaler/gl-006-heatreclaim-hpa"));
    EXPECT_EQ(m_model.index(4, EventFeedModel::MessageColumn).data().toString(),
              QStringLiteral("New size: 4; reason: All metrics below target"));
    EXPECT_EQ(m_model.warningCount(), 4);
    EXPECT_EQ(m_resetSpy.count(), 0);
}

TEST_F(EventFeedModelTest, EventsV1UseSeriesAndEventTime) {
    const auto rows = fixtureRows<EventRow>("event_list_events_v1.json");
    ASSERT_FALSE(rows.empty());
    m_model.applyBatch(replaceWith(rows));
    EXPECT_EQ(m_model.rowCount(), static_cast<int>(rows.size()));
    expectNewestFirst();
    for (int r = 0; r < m_model.rowCount(); ++r) {
        EXPECT_EQ(m_model.index(r, EventFeedModel::CountColumn).data().toInt(),
                  m_model.rowAt(r)->effectiveCount());
    }
}

TEST_F(EventFeedModelTest, WarningsAndRescalesAreMarkedByIconWeightAndWords) {
    m_model.applyBatch(added<EventRow>(
        {event("a", 1, "Warning", "FailedScheduling", "0/4 nodes are available"),
         event("b", 2, "Normal", "SuccessfulRescale", "New size: 4"), event("c", 3)}));
    const auto severity = [&](int row, int col) {
        return static_cast<scaledeck::ui::Severity>(
            m_model.index(row, col).data(scaledeck::ui::SeverityRole).toInt());
    };
    // Row 0 is the newest, "c"; then the rescale; then the warning.
    EXPECT_EQ(severity(0, EventFeedModel::ReasonColumn), scaledeck::ui::Severity::None);
    EXPECT_EQ(severity(1, EventFeedModel::ReasonColumn), scaledeck::ui::Severity::Info);
    EXPECT_FALSE(m_model.index(1, EventFeedModel::ReasonColumn).data(Qt::DecorationRole).isNull());
    EXPECT_EQ(severity(2, EventFeedModel::TypeColumn), scaledeck::ui::Severity::Warning);
    EXPECT_EQ(m_model.index(2, EventFeedModel::TypeColumn).data().toString(),
              QStringLiteral("Warning"));
    EXPECT_FALSE(m_model.index(2, EventFeedModel::TypeColumn).data(Qt::DecorationRole).isNull());
    EXPECT_TRUE(m_model.index(2, 0).data(scaledeck::ui::ProblemRole).toBool());
    EXPECT_TRUE(m_model.index(0, EventFeedModel::TypeColumn).data(Qt::DecorationRole).isNull());

    // The delegate makes marked cells bold.
    struct Probe : scaledeck::ui::SeverityDelegate {
        QStyleOptionViewItem optionFor(const QModelIndex& index) const {
            QStyleOptionViewItem option;
            initStyleOption(&option, index);
            return option;
        }
    } probe;
    EXPECT_TRUE(probe.optionFor(m_model.index(2, EventFeedModel::TypeColumn)).font.bold());
    EXPECT_TRUE(probe.optionFor(m_model.index(1, EventFeedModel::ReasonColumn)).font.bold());
    EXPECT_FALSE(probe.optionFor(m_model.index(0, EventFeedModel::ReasonColumn)).font.bold());
}

TEST_F(BoundedEventFeedTest, KeepsOnlyTheNewestAndIgnoresOlderArrivals) {
    std::vector<EventPtr> events;
    for (int i = 0; i < 8; ++i)
        events.push_back(event("e" + std::to_string(i), 10 * i));
    m_model.applyBatch(added(events));
    EXPECT_EQ(
        column(m_model, EventFeedModel::ObjectColumn),
        (QStringList{QStringLiteral("Pod/e7"), QStringLiteral("Pod/e6"), QStringLiteral("Pod/e5"),
                     QStringLiteral("Pod/e4"), QStringLiteral("Pod/e3")}));

    QSignalSpy inserted(&m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&m_model, &QAbstractItemModel::rowsRemoved);
    m_model.applyBatch(added<EventRow>({event("old", 5)}));
    EXPECT_EQ(inserted.count(), 0) << "older than everything kept: not even announced";
    EXPECT_EQ(m_model.rowCount(), 5);

    m_model.applyBatch(added<EventRow>({event("new", 100)}));
    ASSERT_EQ(inserted.count(), 1);
    EXPECT_EQ(inserted.front().at(1).toInt(), 0);
    ASSERT_EQ(removed.count(), 1);
    EXPECT_EQ(removed.front().at(1).toInt(), 5);
    EXPECT_EQ(m_model.rowCount(), 5);
    EXPECT_EQ(m_model.index(0, EventFeedModel::ObjectColumn).data().toString(),
              QStringLiteral("Pod/new"));
    EXPECT_EQ(m_model.index(4, EventFeedModel::ObjectColumn).data().toString(),
              QStringLiteral("Pod/e4"));
    EXPECT_EQ(m_resetSpy.count(), 0);
}

TEST_F(EventFeedModelTest, UpdatesInPlaceOrMoveToTheirNewTime) {
    m_model.applyBatch(added<EventRow>({event("a", 1), event("b", 2), event("c", 3)}));
    QTableView view;
    view.setModel(&m_model);
    view.selectRow(1);  // "b"
    QSignalSpy changed(&m_model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&m_model, &QAbstractItemModel::rowsInserted);

    // Same time, new message: updated where it is, the selection stays.
    EventRow b = *event("b", 2);
    b.message = "Started container again";
    m_model.applyBatch(modified<EventRow>({share(b)}));
    EXPECT_EQ(changed.count(), 1);
    EXPECT_EQ(inserted.count(), 0);
    ASSERT_EQ(view.selectionModel()->selectedRows().size(), 1);
    EXPECT_EQ(view.selectionModel()
                  ->selectedRows(EventFeedModel::MessageColumn)
                  .front()
                  .data()
                  .toString(),
              QStringLiteral("Started container again"));

    // Seen again later with a higher count: moves to the top.
    EventRow a = *event("a", 1);
    a.count = 7;
    a.lastTimestamp = kT0 + 60'000;
    m_model.applyBatch(modified<EventRow>({share(a)}));
    EXPECT_EQ(
        column(m_model, EventFeedModel::ObjectColumn),
        (QStringList{QStringLiteral("Pod/a"), QStringLiteral("Pod/c"), QStringLiteral("Pod/b")}));
    EXPECT_EQ(m_model.index(0, EventFeedModel::CountColumn).data().toInt(), 7);

    // Deletion and a relist without "c".
    m_model.applyBatch(deleted<EventRow>({share(b)}));
    EXPECT_EQ(m_model.rowCount(), 2);
    m_model.applyBatch(replaceWith<EventRow>({share(a)}));
    EXPECT_EQ(column(m_model, EventFeedModel::ObjectColumn), QStringList{QStringLiteral("Pod/a")});
    EXPECT_EQ(m_resetSpy.count(), 0);
}

TEST_F(EventFeedModelTest, FifteenThousandEventsKeepTheNewestThousand) {
    std::vector<EventPtr> events;
    for (int i = 0; i < 15'000; ++i)
        events.push_back(event("e" + std::to_string(i), i));
    m_model.applyBatch(replaceWith(events));
    ASSERT_EQ(m_model.rowCount(), 1000);
    EXPECT_EQ(m_model.index(0, EventFeedModel::ObjectColumn).data().toString(),
              QStringLiteral("Pod/e14999"));
    EXPECT_EQ(m_model.index(999, EventFeedModel::ObjectColumn).data().toString(),
              QStringLiteral("Pod/e14000"));
    expectNewestFirst();
}

TEST_F(EventFeedModelTest, MarkupInMessagesIsPlainText) {
    m_model.applyBatch(added<EventRow>(
        {event("<img src=x>", 1, "Warning", "<b>Bad</b>", "line one\n<b>bold</b> & <i>x</i>")}));
    EXPECT_EQ(m_model.index(0, EventFeedModel::MessageColumn).data().toString(),
              QStringLiteral("line one <b>bold</b> & <i>x</i>"));
    EXPECT_EQ(m_model.index(0, EventFeedModel::ObjectColumn).data().toString(),
              QStringLiteral("Pod/<img src=x>"));
    const QString tip = m_model.index(0, 0).data(Qt::ToolTipRole).toString();
    EXPECT_TRUE(tip.contains(QStringLiteral("&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;x&lt;/i&gt;")))
        << tip.toStdString();
    EXPECT_FALSE(tip.contains(QStringLiteral("<img")));
}

}  // namespace
