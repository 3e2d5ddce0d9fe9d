// KeyedRowModel<Row>: a flat QAbstractTableModel over immutable cache rows
// (std::shared_ptr<const Row>), kept current by cache::DeltaBatch<Row> without ever resetting:
// modified rows are replaced in place and reported with dataChanged, new rows are appended as
// one beginInsertRows block, deleted rows are removed in contiguous blocks. A `replace` batch
// is diffed against what the model holds (rows that are gone leave, the rest are modified or
// added), so a relist after a reconnect keeps the user's selection and scroll position too.
//
// Rows stay in arrival order; sorting belongs to a proxy (TableFilterProxyModel). An index
// key -> row makes every delta O(1). When one batch deletes rows scattered over more than
// kMaxSignalBlocks places, removing them block by block would cost O(rows) per block in this
// model, in a sorting proxy and in its views; instead the model drops them in one layout change
// that updates persistent indexes (selections follow their rows; those of deleted rows become
// invalid). So a batch costs about O(rows in model + deltas) whatever its shape: 15,000 changes
// with a sorted view attached apply in a few hundred milliseconds in a debug build.
//
// Modified rows are reported with one dataChanged per contiguous run of them, not one span over
// the rows in between: a sorting proxy examines every row of a span (filters it, and compares it
// with its neighbours to see whether it moved), so a span from the first to the last of 100
// scattered changes cost as much as re-checking all 10,000 rows. Each run is replaced just
// before its signal, as the proxy places a moved row by comparing it with the others, which
// must hold what it has seen. A run that moved costs the proxy (and its views) a pass over their
// mappings, though, while one span over the whole table costs at most one sort; so past
// maxChangeSignals() runs (an eighth of the rows, at least kMaxSignalBlocks, at most
// kMaxChangeBlocks) every row is replaced and the change is one span over the whole table.
//
// Text columns that depend on nothing but the row (hasTextSortKey(), sortText()) sort by a
// NaturalSortKey kept with the row: made the first time a proxy asks for it, kept while the
// row's text stays the same, so the comparisons of a sort or a live re-sort build no text.
//
// Derived models supply columns and data(), and may watch rows entering and leaving (to keep
// counts). GUI thread only.
#pragma once

#include <QAbstractTableModel>
#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cache/delta.h"
#include "ui/models/table_roles.h"

namespace scaledeck::ui {

template <class Row>
class KeyedRowModel : public QAbstractTableModel, public SortKeySource {
public:
    using RowPtr = std::shared_ptr<const Row>;

    // Above this many separate blocks, a batch's deletions are dropped in one layout change:
    // per-block removals would each cost a pass over every proxy's mapping. Also the fewest
    // dataChanged signals a batch's modifications may take before they become one span.
    static constexpr std::size_t kMaxSignalBlocks = 16;
    // The most dataChanged signals a batch's modifications take (see above): with 10,000 rows
    // sorted by a column that changes, 256 re-sorted runs cost about what one full sort does.
    static constexpr std::size_t kMaxChangeBlocks = 256;

    explicit KeyedRowModel(QObject* parent = nullptr) : QAbstractTableModel(parent) {}

    void applyBatch(const cache::DeltaBatch<Row>& batch);

    int rowCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
    }
    // The row shown at `row`, or nullptr out of range.
    const Row* rowAt(int row) const {
        return row >= 0 && row < rowCount() ? m_rows[static_cast<std::size_t>(row)].get() : nullptr;
    }
    // The model row of an object key ("namespace/name"), or -1.
    int rowOfKey(const std::string& key) const {
        const auto it = m_index.find(key);
        return it == m_index.end() ? -1 : it->second;
    }
    const std::string& keyAt(int row) const { return m_keys[static_cast<std::size_t>(row)]; }

    // The NaturalSortKey of sortText() for a column with hasTextSortKey(), else nullptr. Models
    // return it (copied into a QVariant) as such a column's SortRole.
    const NaturalSortKey* naturalSortKeyAt(int row, int column) const override;
    std::string_view objectKeyAt(int row) const override { return keyAt(row); }

protected:
    // Called for every row that enters or leaves the model (a modification is a leave of the
    // old state, then an enter of the new one), before the batch's signals are finished.
    virtual void rowEntered(const Row& /*row*/) {}
    virtual void rowLeft(const Row& /*row*/) {}
    // Called once after each batch, with every signal of it emitted.
    virtual void batchApplied() {}

    // Columns that sort as text depending on nothing but the row, and that text (UTF-8) for a
    // row: their SortRole is the text's NaturalSortKey, kept with the row while the text stays.
    virtual bool hasTextSortKey(int /*column*/) const { return false; }
    virtual std::string_view sortText(const Row& /*row*/, int /*column*/) const { return {}; }

    // Reports a change of the columns [firstColumn, lastColumn] in every row (ages that grow).
    void emitColumnsChanged(int firstColumn, int lastColumn) {
        if (!m_rows.empty()) {
            Q_EMIT dataChanged(index(0, firstColumn), index(rowCount() - 1, lastColumn));
        }
    }

private:
    // How many dataChanged signals a batch's modifications may take in a table of `rows`.
    static std::size_t maxChangeSignals(int rows) {
        return std::clamp(static_cast<std::size_t>(rows) / 8, kMaxSignalBlocks, kMaxChangeBlocks);
    }

    void modify(std::vector<std::pair<int, RowPtr>>& changes);
    void remove(std::vector<int>& rows);
    void append(std::vector<std::pair<std::string, RowPtr>>& rows);
    void reindexFrom(std::size_t first);

    // Contiguous runs [first, last] of a sorted list of distinct rows.
    static std::vector<std::pair<int, int>> runsOf(const std::vector<int>& sortedRows);

    std::vector<RowPtr> m_rows;
    std::vector<std::string> m_keys;  // parallel to m_rows
    std::unordered_map<std::string, int> m_index;
    // Per column: empty (nothing kept) or parallel to m_rows, a null key where none is made yet.
    mutable std::vector<std::vector<NaturalSortKey>> m_sortKeys;
};

template <class Row>
void KeyedRowModel<Row>::applyBatch(const cache::DeltaBatch<Row>& batch) {
    // The latest state per key (nullptr: deleted). The cache sends each key at most once per
    // batch; taking the last one keeps the model right even if a producer does not.
    std::unordered_map<std::string, std::size_t> slotOfKey;
    std::vector<std::pair<std::string, RowPtr>> latest;
    slotOfKey.reserve(batch.deltas.size());
    latest.reserve(batch.deltas.size());
    for (const auto& delta : batch.deltas) {
        if (!delta.row)
            continue;
        std::string key = cache::objectKey(*delta.row);
        RowPtr state = delta.type == cache::DeltaType::Deleted ? nullptr : delta.row;
        const auto [it, inserted] = slotOfKey.try_emplace(key, latest.size());
        if (inserted)
            latest.emplace_back(std::move(key), std::move(state));
        else
            latest[it->second].second = std::move(state);
    }

    std::vector<std::pair<int, RowPtr>> modified;
    std::vector<int> removed;
    std::vector<std::pair<std::string, RowPtr>> added;
    for (auto& [key, state] : latest) {
        const auto it = m_index.find(key);
        if (it == m_index.end()) {
            if (state)
                added.emplace_back(std::move(key), std::move(state));
        } else if (!state) {
            removed.push_back(it->second);
        } else if (state != m_rows[static_cast<std::size_t>(it->second)]) {
            modified.emplace_back(it->second, std::move(state));
        }
    }
    if (batch.replace) {
        // A complete new state: whatever it does not mention is gone.
        for (std::size_t row = 0; row < m_keys.size(); ++row) {
            if (!slotOfKey.contains(m_keys[row]))
                removed.push_back(static_cast<int>(row));
        }
    }

    // Modifications first, while their row numbers are still valid.
    modify(modified);
    remove(removed);
    append(added);
    batchApplied();
}

template <class Row>
void KeyedRowModel<Row>::modify(std::vector<std::pair<int, RowPtr>>& changes) {
    if (changes.empty())
        return;
    std::sort(changes.begin(), changes.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    const auto replace = [this](std::pair<int, RowPtr>& change) {
        const auto at = static_cast<std::size_t>(change.first);
        RowPtr& slot = m_rows[at];
        for (std::size_t column = 0; column < m_sortKeys.size(); ++column) {
            auto& keys = m_sortKeys[column];
            if (!keys.empty() && !keys[at].isNull() &&
                sortText(*slot, static_cast<int>(column)) !=
                    sortText(*change.second, static_cast<int>(column)))
                keys[at] = NaturalSortKey();
        }
        rowLeft(*slot);
        slot = std::move(change.second);
        rowEntered(*slot);
    };
    std::vector<int> rows;
    rows.reserve(changes.size());
    for (const auto& change : changes)
        rows.push_back(change.first);
    const auto runs = runsOf(rows);
    const int lastColumn = columnCount() - 1;
    if (runs.size() > maxChangeSignals(rowCount())) {
        for (auto& change : changes)
            replace(change);
        emitColumnsChanged(0, lastColumn);
        return;
    }
    // Each run is replaced just before it is reported: a sorting proxy moves the rows of a
    // signal among the others by comparing them, so the others must still hold what it has seen.
    std::size_t next = 0;
    for (const auto& [first, last] : runs) {
        for (; next < changes.size() && changes[next].first <= last; ++next)
            replace(changes[next]);
        Q_EMIT dataChanged(index(first, 0), index(last, lastColumn));
    }
}

template <class Row>
void KeyedRowModel<Row>::remove(std::vector<int>& rows) {
    if (rows.empty())
        return;
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    for (const int row : rows)
        m_index.erase(m_keys[static_cast<std::size_t>(row)]);

    const auto runs = runsOf(rows);
    if (runs.size() <= kMaxSignalBlocks) {
        // Last block first, so the row numbers of the blocks still to go stay valid.
        for (auto run = runs.rbegin(); run != runs.rend(); ++run) {
            const auto [first, last] = *run;
            beginRemoveRows({}, first, last);
            for (int row = first; row <= last; ++row)
                rowLeft(*m_rows[static_cast<std::size_t>(row)]);
            m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
            m_keys.erase(m_keys.begin() + first, m_keys.begin() + last + 1);
            for (auto& keys : m_sortKeys) {
                if (!keys.empty())
                    keys.erase(keys.begin() + first, keys.begin() + last + 1);
            }
            endRemoveRows();
        }
        reindexFrom(static_cast<std::size_t>(rows.front()));
        return;
    }

    // Scattered deletions: one layout change that drops the doomed rows and moves the survivors
    // up, in order. Persistent indexes (selections, current indexes, proxies) follow their rows
    // and those of deleted rows become invalid. Removal signals would do the same for a flat
    // model, but a sorting proxy above it turns each of them into many scattered removals, and
    // a view then pays O(rows) for each: 7,500 scattered deletions in 15,000 rows took a second.
    // Changing the row count inside a layout change is what QSortFilterProxyModel::invalidate()
    // does too, and every view and proxy handles it.
    const std::size_t total = m_rows.size();
    std::vector<int> newRow(total, -1);
    std::vector<bool> doomed(total, false);
    for (const int row : rows)
        doomed[static_cast<std::size_t>(row)] = true;
    int survivor = 0;
    for (std::size_t row = 0; row < total; ++row) {
        if (!doomed[row])
            newRow[row] = survivor++;
    }

    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList from = persistentIndexList();
    QModelIndexList to;
    to.reserve(from.size());
    for (const QModelIndex& index : from) {
        const int target = newRow[static_cast<std::size_t>(index.row())];
        to.append(target < 0 ? QModelIndex() : createIndex(target, index.column()));
    }
    changePersistentIndexList(from, to);
    std::size_t kept = 0;
    for (std::size_t row = 0; row < total; ++row) {
        if (doomed[row]) {
            rowLeft(*m_rows[row]);
            continue;
        }
        if (kept != row) {
            m_rows[kept] = std::move(m_rows[row]);
            m_keys[kept] = std::move(m_keys[row]);
            for (auto& keys : m_sortKeys) {
                if (!keys.empty())
                    keys[kept] = std::move(keys[row]);
            }
        }
        ++kept;
    }
    m_rows.resize(kept);
    m_keys.resize(kept);
    for (auto& keys : m_sortKeys) {
        if (!keys.empty())
            keys.resize(kept);
    }
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    reindexFrom(static_cast<std::size_t>(rows.front()));
}

template <class Row>
void KeyedRowModel<Row>::append(std::vector<std::pair<std::string, RowPtr>>& rows) {
    if (rows.empty())
        return;
    const int first = rowCount();
    beginInsertRows({}, first, first + static_cast<int>(rows.size()) - 1);
    m_rows.reserve(m_rows.size() + rows.size());
    m_keys.reserve(m_keys.size() + rows.size());
    for (auto& [key, state] : rows) {
        m_index.emplace(key, static_cast<int>(m_rows.size()));
        rowEntered(*state);
        m_keys.push_back(std::move(key));
        m_rows.push_back(std::move(state));
    }
    for (auto& keys : m_sortKeys) {
        if (!keys.empty())
            keys.resize(m_rows.size());
    }
    endInsertRows();
}

template <class Row>
const NaturalSortKey* KeyedRowModel<Row>::naturalSortKeyAt(int row, int column) const {
    if (row < 0 || row >= rowCount() || column < 0 || !hasTextSortKey(column))
        return nullptr;
    const auto at = static_cast<std::size_t>(row);
    const auto col = static_cast<std::size_t>(column);
    if (m_sortKeys.size() <= col)
        m_sortKeys.resize(col + 1);
    auto& keys = m_sortKeys[col];
    if (keys.empty())
        keys.resize(m_rows.size());
    NaturalSortKey& key = keys[at];
    if (key.isNull()) {
        const std::string_view text = sortText(*m_rows[at], column);
        key = NaturalSortKey(QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())));
    }
    return &key;
}

template <class Row>
void KeyedRowModel<Row>::reindexFrom(std::size_t first) {
    for (std::size_t row = first; row < m_keys.size(); ++row)
        m_index[m_keys[row]] = static_cast<int>(row);
}

template <class Row>
std::vector<std::pair<int, int>> KeyedRowModel<Row>::runsOf(const std::vector<int>& sortedRows) {
    std::vector<std::pair<int, int>> runs;
    for (const int row : sortedRows) {
        if (!runs.empty() && runs.back().second + 1 == row)
            runs.back().second = row;
        else
            runs.emplace_back(row, row);
    }
    return runs;
}

}  // namespace scaledeck::ui
