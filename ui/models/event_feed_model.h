// EventFeedModel: the newest Kubernetes events first, as a feed: Last seen (kubectl's age of
// lastSeen(): series, lastTimestamp, eventTime), Type, Reason, Object ("Pod/redis-0"), Count and
// Message. Warnings and SuccessfulRescale stand out by an icon, bold text and their own words
// (SeverityRole Warning and Info), never by colour alone; ProblemRole marks warnings.
//
// Bounded: only the newest `capacity` events are kept (1,000 by default: a screenful of history
// for an incident, a few hundred KB), older ones fall off the end. An event that is updated
// (its count grows, lastSeen moves) moves to its new place; one whose time is unchanged is
// updated in place. Batches are applied with ranged inserts, removals and dataChanged, never a
// reset, so a selected event stays selected while others arrive. GUI thread only.
#pragma once

#include <QAbstractTableModel>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "cache/delta.h"
#include "kube/objects/event_row.h"
#include "ui/models/display_clock.h"

namespace scaledeck::ui {

class EventFeedModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        LastSeenColumn,
        TypeColumn,
        ReasonColumn,
        ObjectColumn,
        CountColumn,
        MessageColumn,
        // Last, so the other columns keep their numbers; the page shows it only when all
        // namespaces are shown.
        NamespaceColumn,
        ColumnCount
    };

    static constexpr int kDefaultCapacity = 1000;

    explicit EventFeedModel(QObject* parent = nullptr, int capacity = kDefaultCapacity);

    void applyBatch(const cache::DeltaBatch<kube::objects::EventRow>& batch);
    void setClock(DisplayClock clock) { m_clock = std::move(clock); }
    void refreshTimes();

    int capacity() const { return m_capacity; }
    int warningCount() const { return m_warnings; }
    const kube::objects::EventRow* rowAt(int row) const;

    static bool isWarning(const kube::objects::EventRow& event);
    static bool isRescale(const kube::objects::EventRow& event);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void countsChanged();

private:
    using RowPtr = std::shared_ptr<const kube::objects::EventRow>;
    struct Entry {
        RowPtr row;
        std::string key;
    };

    // Newest first; ties by key so the order is total and stable across batches.
    static bool before(const Entry& a, const Entry& b);
    int positionOf(const Entry& entry) const;
    void removeRows(std::vector<int>& rows);
    void insertSorted(std::vector<Entry>& entries);
    void account(const Entry& entry, int sign);

    std::vector<Entry> m_rows;
    std::unordered_map<std::string, RowPtr> m_shown;  // key -> the row at its place in m_rows
    DisplayClock m_clock = systemDisplayClock();
    int m_capacity;
    int m_warnings = 0;
};

}  // namespace scaledeck::ui
