// LabelMap: string-to-string map for labels, annotations and matchLabels, stored as one sorted
// vector of interned pairs (16 bytes per entry, one allocation) instead of a node-based
// std::map per object. Lookups are binary searches; the few entries an object carries make
// that faster than hashing. Keys are unique: when JSON repeats a key, the last value wins, as
// with Go's encoding/json.
#pragma once

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "kube/objects/interned_string.h"

namespace scaledeck::kube::objects {

class LabelMap {
public:
    using Entry = std::pair<InternedString, InternedString>;

    LabelMap() = default;
    // Sorts and removes duplicate keys (the later entry wins); capacity matches the size.
    static LabelMap fromEntries(std::vector<Entry> entries);
    // For callers that already sorted by key and removed duplicates (the decoders).
    static LabelMap fromSortedUnique(std::vector<Entry> entries) {
        LabelMap map;
        map.m_entries = std::move(entries);
        return map;
    }

    std::optional<std::string_view> get(std::string_view key) const;
    bool contains(std::string_view key) const { return get(key).has_value(); }

    std::size_t size() const { return m_entries.size(); }
    bool empty() const { return m_entries.empty(); }
    const std::vector<Entry>& entries() const { return m_entries; }
    auto begin() const { return m_entries.begin(); }
    auto end() const { return m_entries.end(); }

    friend bool operator==(const LabelMap&, const LabelMap&) = default;

private:
    std::vector<Entry> m_entries;  // sorted by key, unique keys
};

}  // namespace scaledeck::kube::objects
