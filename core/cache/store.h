// Store<Row>: the informer's cache — immutable compact rows (std::shared_ptr<const Row>) keyed by
// objectKey() ("namespace/name"), with the secondary indexes of store_index.h (namespace, label,
// controller uid, node). Readers get shared pointers, so a row they hold stays valid and
// unchanged however the store moves on; the model and the store share one copy of each row.
//
// Thread-safety: every read may run on any thread at any time (a std::shared_mutex; reads copy
// pointers out, never hand out references into the store). Writes are serialised among
// themselves and hold the exclusive lock only for the few pointer and index updates of one
// change; replace() builds the new contents beside the old ones and swaps them in one step, so a
// reader sees either the old collection or the new one, never a mix.
//
// Writes return the delta they made (none for an object already stored at the same
// resourceVersion: a server never sends two different states under one version, so such an
// event is a duplicate). replace() returns the exact difference — Added, Modified (a different
// resourceVersion) and Deleted (vanished from the new list) — and keeps the stored row for every
// object whose resourceVersion did not change, so a relist after a reconnect costs readers only
// what really changed.
//
// Memory: per row a slot pointer, one key-map entry and 4 bytes per index posting; memoryUse()
// estimates it with glibc's chunk sizes (allocation_size.h) beside memoryFootprint() of the rows.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cache/delta.h"
#include "cache/store_index.h"
#include "kube/objects/allocation_size.h"
#include "kube/objects/memory_footprint.h"

namespace scaledeck::cache {

namespace detail {

// Lets maps keyed by std::string be searched with a std::string_view, without a copy.
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
        return std::hash<std::string_view>{}(text);
    }
};
template <class Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

// What one node of such a map costs: the next pointer, the value and a cached hash, as a malloc
// chunk, plus the key's own heap block when it outgrows the small-string buffer.
template <class Value>
std::size_t mapEntryBytes(const std::string& key) {
    constexpr std::size_t kNode =
        sizeof(void*) + sizeof(std::pair<const std::string, Value>) + sizeof(std::size_t);
    const std::size_t keyHeap =
        key.capacity() > 15 ? kube::objects::allocationBytes(key.capacity() + 1) : 0;
    return kube::objects::allocationBytes(kNode) + keyHeap;
}

}  // namespace detail

template <class Row>
class Store final {
public:
    using RowPtr = std::shared_ptr<const Row>;

    struct MemoryUse {
        std::size_t rows = 0;
        std::size_t rowBytes = 0;       // sum of memoryFootprint(row): the rows themselves
        std::size_t overheadBytes = 0;  // shared_ptr blocks, slots, key map, index postings
    };

    Store() : m_contents(std::make_unique<Contents>()) {}
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // ---- reads: any thread -------------------------------------------------------------------

    RowPtr get(std::string_view key) const {
        std::shared_lock lock(m_mutex);
        const auto found = m_contents->byKey.find(key);
        return found == m_contents->byKey.end() ? nullptr : m_contents->slots[found->second];
    }
    bool contains(std::string_view key) const { return get(key) != nullptr; }

    std::size_t size() const {
        std::shared_lock lock(m_mutex);
        return m_contents->byKey.size();
    }

    // Every row, in no particular order.
    std::vector<RowPtr> list() const {
        std::shared_lock lock(m_mutex);
        std::vector<RowPtr> rows;
        rows.reserve(m_contents->byKey.size());
        for (const RowPtr& row : m_contents->slots) {
            if (row)
                rows.push_back(row);
        }
        return rows;
    }

    std::vector<std::string> keys() const {
        std::shared_lock lock(m_mutex);
        std::vector<std::string> keys;
        keys.reserve(m_contents->byKey.size());
        for (const auto& entry : m_contents->byKey)
            keys.push_back(entry.first);
        return keys;
    }

    // The rows filed under `value` in `index` (StoreIndex::Label: "key=value").
    std::vector<RowPtr> byIndex(StoreIndex index, std::string_view value) const {
        std::shared_lock lock(m_mutex);
        std::vector<RowPtr> rows;
        const auto& map = m_contents->indexes[static_cast<std::size_t>(index)];
        const auto found = map.find(value);
        if (found == map.end())
            return rows;
        rows.reserve(found->second.size());
        for (std::uint32_t slot : found->second)
            rows.push_back(m_contents->slots[slot]);
        return rows;
    }
    std::vector<RowPtr> byNamespace(std::string_view namespaceName) const {
        return byIndex(StoreIndex::Namespace, namespaceName);
    }
    std::vector<RowPtr> byLabel(std::string_view key, std::string_view value) const {
        return byIndex(StoreIndex::Label, labelIndexValue(key, value));
    }
    // The objects whose controller (ownerReference with controller=true) has this uid.
    std::vector<RowPtr> byOwner(std::string_view controllerUid) const {
        return byIndex(StoreIndex::Owner, controllerUid);
    }
    // Pods bound to this node (always empty for other kinds).
    std::vector<RowPtr> byNode(std::string_view nodeName) const {
        return byIndex(StoreIndex::Node, nodeName);
    }
    // The values present in `index`, sorted: the namespaces that have objects, the nodes that
    // have pods, …
    std::vector<std::string> indexValues(StoreIndex index) const {
        std::shared_lock lock(m_mutex);
        std::vector<std::string> values;
        for (const auto& entry : m_contents->indexes[static_cast<std::size_t>(index)])
            values.push_back(entry.first);
        std::sort(values.begin(), values.end());
        return values;
    }

    // Calls `visit(const RowPtr&)` for every row under the read lock: no copy of the collection,
    // but writers wait meanwhile, so keep `visit` short (counting, summing).
    template <class Visit>
    void forEach(Visit&& visit) const {
        std::shared_lock lock(m_mutex);
        for (const RowPtr& row : m_contents->slots) {
            if (row)
                visit(row);
        }
    }

    MemoryUse memoryUse() const {
        using kube::objects::allocationBytes;
        // make_shared puts the control block (two counts and a vtable pointer) before the row.
        constexpr std::size_t kControlBlock = 16;
        std::shared_lock lock(m_mutex);
        const Contents& c = *m_contents;
        MemoryUse use;
        use.rows = c.byKey.size();
        for (const RowPtr& row : c.slots) {
            if (!row)
                continue;
            use.rowBytes += kube::objects::memoryFootprint(*row);
            use.overheadBytes += allocationBytes(sizeof(Row) + kControlBlock) - sizeof(Row);
        }
        use.overheadBytes += allocationBytes(c.slots.capacity() * sizeof(RowPtr)) +
                             allocationBytes(c.freeSlots.capacity() * sizeof(std::uint32_t)) +
                             c.byKey.bucket_count() * sizeof(void*);
        for (const auto& entry : c.byKey)
            use.overheadBytes += detail::mapEntryBytes<std::uint32_t>(entry.first);
        for (const auto& index : c.indexes) {
            use.overheadBytes += index.bucket_count() * sizeof(void*);
            for (const auto& entry : index) {
                use.overheadBytes +=
                    detail::mapEntryBytes<std::vector<std::uint32_t>>(entry.first) +
                    allocationBytes(entry.second.capacity() * sizeof(std::uint32_t));
            }
        }
        return use;
    }

    // ---- writes: serialised; the informer's thread -----------------------------------------

    // Stores `row` as the object's new state: Added if its key is new, Modified if its
    // resourceVersion differs from the stored one, nothing if it is the same.
    std::optional<Delta<Row>> upsert(RowPtr row) {
        if (!row)
            return std::nullopt;
        std::lock_guard writer(m_writer);
        Contents& c = *m_contents;  // only writers change it, and they hold m_writer
        std::string key = objectKey(*row);
        const auto found = c.byKey.find(key);
        if (found == c.byKey.end()) {
            std::unique_lock lock(m_mutex);
            const std::uint32_t slot = c.allocateSlot(row);
            c.byKey.emplace(std::move(key), slot);
            c.fileUnder(*row, slot);
            return Delta<Row>{DeltaType::Added, std::move(row)};
        }
        const std::uint32_t slot = found->second;
        RowPtr previous = c.slots[slot];
        if (sameVersion(*previous, *row))
            return std::nullopt;
        {
            std::unique_lock lock(m_mutex);
            if (!sameIndexValues(*previous, *row)) {
                c.unfile(*previous, slot);
                c.fileUnder(*row, slot);
            }
            c.slots[slot] = row;
        }
        return Delta<Row>{DeltaType::Modified, std::move(row)};  // `previous` dies unlocked
    }

    // Removes the object `lastState` names; the delta carries `lastState` (a watch's DELETED
    // event holds the final version). Nothing if the key is not stored.
    std::optional<Delta<Row>> remove(RowPtr lastState) {
        if (!lastState)
            return std::nullopt;
        std::lock_guard writer(m_writer);
        Contents& c = *m_contents;
        const auto found = c.byKey.find(objectKey(*lastState));
        if (found == c.byKey.end())
            return std::nullopt;
        const std::uint32_t slot = found->second;
        RowPtr previous;
        {
            std::unique_lock lock(m_mutex);
            previous = std::move(c.slots[slot]);
            c.unfile(*previous, slot);
            c.byKey.erase(found);
            c.freeSlots.push_back(slot);
        }
        return Delta<Row>{DeltaType::Deleted, std::move(lastState)};
    }

    // Makes `rows` the whole contents in one step; returns the difference (see the header).
    // A key listed twice keeps its first row.
    std::vector<Delta<Row>> replace(std::vector<RowPtr> rows) {
        std::lock_guard writer(m_writer);
        const Contents& old = *m_contents;
        auto next = std::make_unique<Contents>();
        next->slots.reserve(rows.size());
        next->byKey.reserve(rows.size());
        std::vector<Delta<Row>> diff;
        std::vector<bool> kept(old.slots.size(), false);
        for (RowPtr& row : rows) {
            if (!row)
                continue;
            std::string key = objectKey(*row);
            if (next->byKey.contains(key))
                continue;
            const auto found = old.byKey.find(key);
            if (found == old.byKey.end()) {
                diff.push_back({DeltaType::Added, row});
            } else {
                kept[found->second] = true;
                const RowPtr& previous = old.slots[found->second];
                if (sameVersion(*previous, *row))
                    row = previous;  // readers keep the very same row
                else
                    diff.push_back({DeltaType::Modified, row});
            }
            const std::uint32_t slot = next->allocateSlot(row);
            next->byKey.emplace(std::move(key), slot);
            next->fileUnder(*row, slot);
        }
        for (std::size_t slot = 0; slot < old.slots.size(); ++slot) {
            if (old.slots[slot] && !kept[slot])
                diff.push_back({DeltaType::Deleted, old.slots[slot]});
        }
        {
            std::unique_lock lock(m_mutex);
            std::swap(m_contents, next);
        }
        return diff;  // the old contents are released here, outside the lock
    }

private:
    struct Contents {
        std::vector<RowPtr> slots;  // null: free; slot numbers are what the indexes hold
        std::vector<std::uint32_t> freeSlots;
        detail::StringMap<std::uint32_t> byKey;
        // Per index: value → slots filed under it, sorted (binary search to insert and erase;
        // 4 bytes per posting instead of a hash node).
        std::array<detail::StringMap<std::vector<std::uint32_t>>, kStoreIndexCount> indexes;

        std::uint32_t allocateSlot(RowPtr row) {
            if (!freeSlots.empty()) {
                const std::uint32_t slot = freeSlots.back();
                freeSlots.pop_back();
                slots[slot] = std::move(row);
                return slot;
            }
            slots.push_back(std::move(row));
            return static_cast<std::uint32_t>(slots.size() - 1);
        }

        void fileUnder(const Row& row, std::uint32_t slot) {
            for (StoreIndex index : kStoreIndexes) {
                auto& map = indexes[static_cast<std::size_t>(index)];
                forEachIndexValue(row, index, [&](std::string_view value) {
                    auto found = map.find(value);
                    if (found == map.end())
                        found = map.emplace(std::string(value), std::vector<std::uint32_t>{}).first;
                    auto& postings = found->second;
                    const auto at = std::lower_bound(postings.begin(), postings.end(), slot);
                    if (at == postings.end() || *at != slot)
                        postings.insert(at, slot);
                });
            }
        }

        void unfile(const Row& row, std::uint32_t slot) {
            for (StoreIndex index : kStoreIndexes) {
                auto& map = indexes[static_cast<std::size_t>(index)];
                forEachIndexValue(row, index, [&](std::string_view value) {
                    const auto found = map.find(value);
                    if (found == map.end())
                        return;
                    auto& postings = found->second;
                    const auto at = std::lower_bound(postings.begin(), postings.end(), slot);
                    if (at != postings.end() && *at == slot)
                        postings.erase(at);
                    if (postings.empty())
                        map.erase(found);
                });
            }
        }
    };

    static bool sameVersion(const Row& a, const Row& b) {
        return !a.meta.resourceVersion.empty() && a.meta.resourceVersion == b.meta.resourceVersion;
    }

    mutable std::shared_mutex m_mutex;  // readers vs. the writer's updates
    std::mutex m_writer;                // writers among themselves
    std::unique_ptr<Contents> m_contents;
};

}  // namespace scaledeck::cache
