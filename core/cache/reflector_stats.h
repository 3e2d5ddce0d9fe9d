// ReflectorStats: counters of what one informer's reflector did — lists and their pages,
// restarts for expired continue tokens, watches opened and ended, events applied (and those
// that changed nothing: duplicates), bookmarks — plus the last moment the cache was known to be
// current. Written on the informer thread, readable from any thread (relaxed atomics: each
// counter is exact, a set of them read together is not a snapshot). For diagnostics, tests and
// the "updated 3 s ago" of a status bar.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>

namespace scaledeck::cache {

struct ReflectorStats {
    std::atomic<std::uint64_t> lists{0};         // completed lists: the first and every relist
    std::atomic<std::uint64_t> listPages{0};     // pages received, restarts included
    std::atomic<std::uint64_t> listRestarts{0};  // lists restarted for an expired continue token
    std::atomic<std::uint64_t> watchesOpened{0};
    std::atomic<std::uint64_t> watchesEnded{0};  // by the server or by a failure
    std::atomic<std::uint64_t> events{0};        // ADDED, MODIFIED, DELETED applied
    std::atomic<std::uint64_t> duplicates{0};    // events that found the object already so
    std::atomic<std::uint64_t> bookmarks{0};
    std::atomic<std::int64_t> lastSyncMs{0};  // system_clock ms; 0: never synced

    std::optional<std::chrono::system_clock::time_point> lastSync() const {
        const std::int64_t ms = lastSyncMs.load(std::memory_order_relaxed);
        if (ms == 0)
            return std::nullopt;
        return std::chrono::system_clock::time_point{std::chrono::milliseconds{ms}};
    }
    void markSynced() {
        const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::system_clock::now().time_since_epoch());
        lastSyncMs.store(now.count(), std::memory_order_relaxed);
    }
    static void bump(std::atomic<std::uint64_t>& counter) {
        counter.fetch_add(1, std::memory_order_relaxed);
    }
};

}  // namespace scaledeck::cache
