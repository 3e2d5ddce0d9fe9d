// StringPool: the thread-safe owner of interned strings (see InternedString). intern() returns
// the one shared copy of a text, creating it on first use; collect() frees the texts no handle
// refers to any more, which keeps the pool proportional to what the caches hold even when pod
// names, hashes and messages churn for days. The pool is split into shards, each with its own
// mutex, so decoders on several threads rarely wait for each other.
//
// StringPool::shared() is the process-wide pool used by the decoders; it is deliberately never
// destroyed, because rows in static or thread-local storage may outlive any exit-time order.
// A pool built by hand must outlive every handle it gave out.
#pragma once

#include <array>
#include <cstddef>
#include <mutex>
#include <string_view>
#include <unordered_map>

#include "kube/objects/interned_string.h"

namespace scaledeck::kube::objects {

class StringPool final {
public:
    struct Stats {
        std::size_t strings = 0;  // distinct texts held
        std::size_t bytes = 0;    // heap bytes of entries and hash nodes (allocationBytes)
    };

    StringPool() = default;
    ~StringPool();
    StringPool(const StringPool&) = delete;
    StringPool& operator=(const StringPool&) = delete;

    static StringPool& shared();

    // The empty text yields the null handle without touching the pool.
    InternedString intern(std::string_view text);

    // Frees every text that no handle refers to; returns how many were freed. Cheap enough to
    // run after each relist or every few minutes; handles may be created concurrently.
    std::size_t collect();

    Stats stats() const;

private:
    using Entry = InternedString::Entry;

    // 16 shards: enough that a handful of decoder threads rarely contend, few enough that
    // stats() and collect() stay trivial.
    static constexpr std::size_t kShards = 16;

    struct Shard {
        mutable std::mutex mutex;
        // Keys view the entry's own characters, so they stay valid as long as the entry.
        std::unordered_map<std::string_view, Entry*> map;
        std::size_t entryBytes = 0;
    };

    std::array<Shard, kShards> m_shards;
};

}  // namespace scaledeck::kube::objects
