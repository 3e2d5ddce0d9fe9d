#include "kube/objects/label_map.h"

#include <algorithm>

namespace scaledeck::kube::objects {

LabelMap LabelMap::fromEntries(std::vector<Entry> entries) {
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return a.first.view() < b.first.view();
    });
    // Keep the last of each run of equal keys: reverse-unique on the sorted sequence.
    std::vector<Entry> unique;
    unique.reserve(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (i + 1 < entries.size() && entries[i + 1].first.view() == entries[i].first.view())
            continue;
        unique.push_back(std::move(entries[i]));
    }
    LabelMap map;
    if (unique.size() == entries.size()) {
        map.m_entries = std::move(unique);
    } else {
        map.m_entries.assign(std::make_move_iterator(unique.begin()),
                             std::make_move_iterator(unique.end()));
    }
    return map;
}

std::optional<std::string_view> LabelMap::get(std::string_view key) const {
    auto it =
        std::lower_bound(m_entries.begin(), m_entries.end(), key,
                         [](const Entry& e, std::string_view k) { return e.first.view() < k; });
    if (it == m_entries.end() || it->first.view() != key)
        return std::nullopt;
    return it->second.view();
}

}  // namespace scaledeck::kube::objects
