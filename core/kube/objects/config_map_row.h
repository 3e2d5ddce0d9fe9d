// ConfigMapRow: a ConfigMap's data, for the settings a playbook may read or change (GL-006's
// WORKER_CONCURRENCY, LOG_LEVEL). Values are plain strings, not interned: they are few and
// rarely shared. binaryData keeps only its keys (kubectl's DATA column counts them too).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kube/objects/object_meta.h"

namespace scaledeck::kube::objects {

struct ConfigMapRow {
    ObjectMeta meta;

    std::vector<std::pair<std::string, std::string>> data;  // sorted by key, unique keys
    std::vector<std::string> binaryDataKeys;                // sorted
    bool immutable = false;

    std::optional<std::string_view> value(std::string_view key) const {
        for (const auto& [k, v] : data) {
            if (k == key)
                return std::string_view(v);
        }
        return std::nullopt;
    }

    friend bool operator==(const ConfigMapRow&, const ConfigMapRow&) = default;
};

}  // namespace scaledeck::kube::objects
