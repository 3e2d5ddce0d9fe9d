// PdbRow: a policy/v1 PodDisruptionBudget, for the PDB checks before a scale-down, a drain or
// an emergency restore: the bound (minAvailable or maxUnavailable, count or percent), the
// selector (unset selects nothing; an empty one selects every pod of the namespace) and the
// disruption controller's verdict (disruptionsAllowed and the healthy counts behind it).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "kube/objects/condition.h"
#include "kube/objects/int_or_percent.h"
#include "kube/objects/interned_string.h"
#include "kube/objects/label_selector.h"
#include "kube/objects/object_meta.h"

namespace scaledeck::kube::objects {

struct PdbRow {
    ObjectMeta meta;

    IntOrPercent minAvailable;
    IntOrPercent maxUnavailable;
    std::optional<LabelSelector> selector;
    InternedString unhealthyPodEvictionPolicy;  // IfHealthyBudget, AlwaysAllow, or unset

    std::int64_t observedGeneration = 0;
    std::int32_t currentHealthy = 0;
    std::int32_t desiredHealthy = 0;
    std::int32_t disruptionsAllowed = 0;
    std::int32_t expectedPods = 0;
    std::vector<Condition> conditions;

    friend bool operator==(const PdbRow&, const PdbRow&) = default;
};

}  // namespace scaledeck::kube::objects
