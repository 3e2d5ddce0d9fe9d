// LabelSelector: a metav1.LabelSelector (matchLabels plus matchExpressions) as stored in rows,
// with the two things callers need: matches() to find the pods a workload, PDB or metric
// selects, and toString() in kubectl's notation ("app=web,tier in (a,b)"), which is also what
// the /scale subresource reports as status.selector. An empty selector matches everything;
// callers model a missing selector (which matches nothing) as std::optional<LabelSelector>.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kube/objects/interned_string.h"
#include "kube/objects/label_map.h"

namespace scaledeck::kube::objects {

enum class SelectorOperator : std::uint8_t { In, NotIn, Exists, DoesNotExist };

struct LabelSelectorRequirement {
    InternedString key;
    SelectorOperator op = SelectorOperator::In;
    std::vector<InternedString> values;

    friend bool operator==(const LabelSelectorRequirement&,
                           const LabelSelectorRequirement&) = default;
};

struct LabelSelector {
    LabelMap matchLabels;
    std::vector<LabelSelectorRequirement> matchExpressions;

    bool empty() const { return matchLabels.empty() && matchExpressions.empty(); }
    bool matches(const LabelMap& labels) const;
    // kubectl's FormatLabelSelector: requirements sorted by key, "<none>" when empty.
    std::string toString() const;

    friend bool operator==(const LabelSelector&, const LabelSelector&) = default;
};

const char* toString(SelectorOperator op);

}  // namespace scaledeck::kube::objects
