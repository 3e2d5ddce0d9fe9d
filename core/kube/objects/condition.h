// Condition: one entry of an object's status.conditions (Ready, Available, AbleToScale, …).
// Type, reason and message are interned: the same few texts recur across objects and syncs.
// ConditionStatus::Absent marks a condition the object does not report at all, which rows
// that keep a single condition (a pod's Ready, a node's Ready) need to tell from "Unknown".
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "base/time_format.h"
#include "kube/objects/interned_string.h"

namespace scaledeck::kube::objects {

enum class ConditionStatus : std::uint8_t { Absent, True, False, Unknown };

struct Condition {
    InternedString type;
    ConditionStatus status = ConditionStatus::Absent;
    InternedString reason;
    InternedString message;
    std::optional<base::UnixMillis> lastTransitionTime;

    bool isTrue() const { return status == ConditionStatus::True; }

    friend bool operator==(const Condition&, const Condition&) = default;
};

inline const Condition* findCondition(const std::vector<Condition>& conditions,
                                      std::string_view type) {
    for (const auto& c : conditions) {
        if (c.type.view() == type)
            return &c;
    }
    return nullptr;
}

// "True", "False", "Unknown"; "" for Absent.
inline const char* toString(ConditionStatus status) {
    switch (status) {
        case ConditionStatus::True:
            return "True";
        case ConditionStatus::False:
            return "False";
        case ConditionStatus::Unknown:
            return "Unknown";
        case ConditionStatus::Absent:
            return "";
    }
    return "";
}

}  // namespace scaledeck::kube::objects
