#include "kube/objects/label_selector.h"

#include <algorithm>
#include <string_view>

namespace scaledeck::kube::objects {
namespace {

bool requirementMatches(const LabelSelectorRequirement& r, const LabelMap& labels) {
    const auto value = labels.get(r.key.view());
    const auto inValues = [&] {
        return value && std::any_of(r.values.begin(), r.values.end(),
                                    [&](const InternedString& v) { return v.view() == *value; });
    };
    switch (r.op) {
        case SelectorOperator::In:
            return inValues();
        case SelectorOperator::NotIn:
            return !inValues();
        case SelectorOperator::Exists:
            return value.has_value();
        case SelectorOperator::DoesNotExist:
            return !value.has_value();
    }
    return false;
}

// One requirement as labels.Requirement.String() prints it; values sorted like a sets.String.
std::string requirementText(const LabelSelectorRequirement& r) {
    std::vector<std::string_view> values;
    values.reserve(r.values.size());
    for (const auto& v : r.values)
        values.push_back(v.view());
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    std::string out;
    if (r.op == SelectorOperator::DoesNotExist)
        out += '!';
    out += r.key.view();
    if (r.op == SelectorOperator::Exists || r.op == SelectorOperator::DoesNotExist)
        return out;
    out += r.op == SelectorOperator::In ? " in (" : " notin (";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += ',';
        out += values[i];
    }
    out += ')';
    return out;
}

}  // namespace

bool LabelSelector::matches(const LabelMap& labels) const {
    for (const auto& [key, value] : matchLabels) {
        const auto actual = labels.get(key.view());
        if (!actual || *actual != value.view())
            return false;
    }
    return std::all_of(
        matchExpressions.begin(), matchExpressions.end(),
        [&](const LabelSelectorRequirement& r) { return requirementMatches(r, labels); });
}

std::string LabelSelector::toString() const {
    std::vector<std::pair<std::string_view, std::string>> parts;
    for (const auto& [key, value] : matchLabels)
        parts.emplace_back(key.view(), std::string(key.view()) + "=" + std::string(value.view()));
    for (const auto& r : matchExpressions)
        parts.emplace_back(r.key.view(), requirementText(r));
    std::stable_sort(parts.begin(), parts.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    if (parts.empty())
        return "<none>";
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0)
            out += ',';
        out += parts[i].second;
    }
    return out;
}

const char* toString(SelectorOperator op) {
    switch (op) {
        case SelectorOperator::In:
            return "In";
        case SelectorOperator::NotIn:
            return "NotIn";
        case SelectorOperator::Exists:
            return "Exists";
        case SelectorOperator::DoesNotExist:
            return "DoesNotExist";
    }
    return "In";
}

}  // namespace scaledeck::kube::objects
