// ObservedStore<Row>: a Store whose every change reaches its listeners, in order, exactly once —
// client-go's indexer and shared processor in one small class. Writes (from the informer
// thread) change the store and hand the resulting deltas to every listener as one step; a
// listener that subscribes after the first list first receives the store's contents as a replace
// batch, taken in the same step, so no change falls between its snapshot and its first delta.
//
// The first replace() is announced as a replace batch (the whole collection, all Added); every
// later one (a relist after 410 Gone or an error) as the exact difference to what the store held
// — Deleted for objects that vanished while the watch was down — so views keep their rows,
// selection and scroll position through a relist.
//
// Thread-safety: reads through store() from any thread; writes from one thread at a time;
// subscribe()/unsubscribe() from any thread. Listeners run under this object's lock: see
// DeltaListener.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <utility>
#include <vector>

#include "cache/delta_listener.h"
#include "cache/store.h"

namespace scaledeck::cache {

template <class Row>
class ObservedStore final {
public:
    using RowPtr = std::shared_ptr<const Row>;

    const Store<Row>& store() const { return m_store; }
    // True once the first list has been stored.
    bool hasSynced() const { return m_synced.load(std::memory_order_acquire); }

    // ---- writes: the informer thread ---------------------------------------------------------

    // A watch event's object: Added and Modified store it (whichever the store's state calls
    // for), Deleted removes it. Returns whether the store changed.
    bool apply(DeltaType type, RowPtr row) {
        std::lock_guard lock(m_mutex);
        auto delta = type == DeltaType::Deleted ? m_store.remove(std::move(row))
                                                : m_store.upsert(std::move(row));
        if (!delta)
            return false;
        notify(std::span<const Delta<Row>>(&*delta, 1), false);
        return true;
    }

    // Makes `rows` the whole collection (see the header for what listeners receive). Returns
    // how many objects changed.
    std::size_t replace(std::vector<RowPtr> rows) {
        std::lock_guard lock(m_mutex);
        const std::vector<Delta<Row>> diff = m_store.replace(std::move(rows));
        const bool first = !m_synced.load(std::memory_order_relaxed);
        m_synced.store(true, std::memory_order_release);
        // The first replace of an empty store is all Added: exactly the replace batch.
        if (first || !diff.empty())
            notify(diff, first);
        return diff.size();
    }

    // ---- listeners: any thread ---------------------------------------------------------------

    std::uint64_t subscribe(std::shared_ptr<DeltaListener<Row>> listener) {
        std::lock_guard lock(m_mutex);
        const std::uint64_t id = m_nextId++;
        if (m_synced.load(std::memory_order_relaxed)) {
            std::vector<Delta<Row>> snapshot;
            m_store.forEach([&](const RowPtr& row) {
                snapshot.push_back({DeltaType::Added, row});
            });
            listener->onDeltas(snapshot, true);
        }
        m_listeners.emplace_back(id, std::move(listener));
        return id;
    }

    void unsubscribe(std::uint64_t id) {
        std::shared_ptr<DeltaListener<Row>> removed;  // released after the lock
        std::lock_guard lock(m_mutex);
        for (auto it = m_listeners.begin(); it != m_listeners.end(); ++it) {
            if (it->first == id) {
                removed = std::move(it->second);
                m_listeners.erase(it);
                return;
            }
        }
    }

    std::size_t listenerCount() const {
        std::lock_guard lock(m_mutex);
        return m_listeners.size();
    }

private:
    void notify(std::span<const Delta<Row>> deltas, bool replace) {
        for (const auto& entry : m_listeners)
            entry.second->onDeltas(deltas, replace);
    }

    Store<Row> m_store;
    mutable std::mutex m_mutex;  // orders writes and their notification against subscribe()
    std::vector<std::pair<std::uint64_t, std::shared_ptr<DeltaListener<Row>>>> m_listeners;
    std::uint64_t m_nextId = 1;
    std::atomic<bool> m_synced{false};
};

}  // namespace scaledeck::cache
