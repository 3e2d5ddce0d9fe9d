// DeltaCoalescer<Row>: gathers the changes of one delivery interval into a DeltaBatch in which
// every object appears at most once, with its latest state, in the order it was first touched.
// Rules, for one key within an interval (earlier → later ⇒ what the batch says):
//   Added    + Modified ⇒ Added (latest)       Added    + Deleted ⇒ nothing
//   Modified + Modified ⇒ Modified (latest)    Modified + Deleted ⇒ Deleted (last state)
//   Deleted  + Added    ⇒ Modified (the reader still has the old row; it was replaced)
// A replace (the first list, or a subscriber's initial snapshot) discards everything pending and
// starts a replace batch; later changes in the same interval edit that snapshot (Added and
// Modified set the row, Deleted removes it), so a replace batch stays "the whole collection, all
// Added". Not thread-safe: the delivery that owns one locks around it.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cache/delta.h"

namespace scaledeck::cache {

template <class Row>
class DeltaCoalescer {
public:
    using RowPtr = std::shared_ptr<const Row>;

    void add(DeltaType type, RowPtr row) {
        if (!row)
            return;
        std::string key = objectKey(*row);
        auto found = m_slots.find(key);
        if (found == m_slots.end()) {
            if (m_replace && type == DeltaType::Deleted)
                return;  // not in the snapshot: nothing to remove
            m_slots.emplace(std::move(key), m_deltas.size());
            m_deltas.push_back({m_replace ? DeltaType::Added : type, std::move(row)});
            ++m_live;
            return;
        }
        Delta<Row>& pending = m_deltas[found->second];
        if (type == DeltaType::Deleted && (m_replace || pending.type == DeltaType::Added)) {
            // The reader never saw it (or the snapshot no longer has it): drop the entry.
            pending.row.reset();
            m_slots.erase(found);
            --m_live;
            return;
        }
        pending.row = std::move(row);
        if (m_replace)
            return;  // stays Added: part of the new whole
        if (type == DeltaType::Deleted)
            pending.type = DeltaType::Deleted;
        else if (pending.type == DeltaType::Deleted)
            pending.type = DeltaType::Modified;
        // Added stays Added and Modified stays Modified, with the latest row.
    }

    void add(const Delta<Row>& delta) { add(delta.type, delta.row); }

    // Everything pending is superseded by `rows`, the whole collection.
    void replace(const std::vector<RowPtr>& rows) {
        clear();
        m_replace = true;
        m_deltas.reserve(rows.size());
        m_slots.reserve(rows.size());
        for (const RowPtr& row : rows)
            add(DeltaType::Added, row);
    }

    // Objects in the next batch (a replace batch counts its rows).
    std::size_t size() const { return m_live; }
    // True when take() would return a batch with nothing to do.
    bool empty() const { return m_live == 0 && !m_replace; }
    bool isReplace() const { return m_replace; }

    // The batch so far; starts the next interval.
    DeltaBatch<Row> take() {
        DeltaBatch<Row> batch;
        batch.replace = m_replace;
        batch.deltas.reserve(m_live);
        for (Delta<Row>& delta : m_deltas) {
            if (delta.row)
                batch.deltas.push_back(std::move(delta));
        }
        clear();
        return batch;
    }

    void clear() {
        // A burst or a replace can leave large buffers behind; a quiet informer should not
        // keep them for every subscriber.
        if (m_deltas.capacity() > kRetainedCapacity) {
            m_deltas = {};
            m_slots = {};
        }
        m_deltas.clear();
        m_slots.clear();
        m_live = 0;
        m_replace = false;
    }

private:
    static constexpr std::size_t kRetainedCapacity = 1024;

    bool m_replace = false;
    std::vector<Delta<Row>> m_deltas;  // first-touch order; a null row was cancelled
    std::unordered_map<std::string, std::size_t> m_slots;
    std::size_t m_live = 0;
};

}  // namespace scaledeck::cache
