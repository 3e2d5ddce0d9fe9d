#include "kube/objects/string_pool.h"

#include <cstring>
#include <functional>
#include <new>

#include "kube/objects/allocation_size.h"

namespace scaledeck::kube::objects {
namespace {

// An unordered_map node holds the next pointer, the key/value pair and the cached hash.
constexpr std::size_t kNodeBytes =
    allocationBytes(sizeof(void*) + sizeof(std::string_view) + sizeof(void*) + sizeof(std::size_t));

}  // namespace

StringPool::~StringPool() {
    for (auto& shard : m_shards) {
        for (auto& [text, entry] : shard.map) {
            entry->~Entry();
            ::operator delete(static_cast<void*>(entry));
        }
    }
}

StringPool& StringPool::shared() {
    static StringPool* const pool = new StringPool();  // never destroyed: see the header
    return *pool;
}

InternedString StringPool::intern(std::string_view text) {
    if (text.empty())
        return InternedString();
    const std::size_t hash = std::hash<std::string_view>{}(text);
    Shard& shard = m_shards[(hash >> 7) % kShards];
    std::lock_guard lock(shard.mutex);
    if (auto it = shard.map.find(text); it != shard.map.end()) {
        it->second->refs.fetch_add(1, std::memory_order_relaxed);
        return InternedString(it->second);
    }
    const std::size_t blockSize = sizeof(Entry) + text.size();
    void* block = ::operator new(blockSize);
    auto* entry = new (block) Entry();
    entry->size = static_cast<std::uint32_t>(text.size());
    entry->hash = hash;
    std::memcpy(const_cast<char*>(entry->chars()), text.data(), text.size());
    entry->refs.store(1, std::memory_order_relaxed);
    shard.map.emplace(std::string_view(entry->chars(), text.size()), entry);
    shard.entryBytes += allocationBytes(blockSize) + kNodeBytes;
    return InternedString(entry);
}

std::size_t StringPool::collect() {
    std::size_t freed = 0;
    for (auto& shard : m_shards) {
        std::lock_guard lock(shard.mutex);
        for (auto it = shard.map.begin(); it != shard.map.end();) {
            Entry* entry = it->second;
            // With the shard locked nobody can intern this text, and a count of zero means no
            // handle exists that could be copied: the entry is unreachable.
            if (entry->refs.load(std::memory_order_acquire) != 0) {
                ++it;
                continue;
            }
            it = shard.map.erase(it);
            shard.entryBytes -= allocationBytes(sizeof(Entry) + entry->size) + kNodeBytes;
            entry->~Entry();
            ::operator delete(static_cast<void*>(entry));
            ++freed;
        }
    }
    return freed;
}

StringPool::Stats StringPool::stats() const {
    Stats stats;
    for (const auto& shard : m_shards) {
        std::lock_guard lock(shard.mutex);
        stats.strings += shard.map.size();
        stats.bytes += shard.entryBytes + allocationBytes(shard.map.bucket_count() * sizeof(void*));
    }
    return stats;
}

}  // namespace scaledeck::kube::objects
