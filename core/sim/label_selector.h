// LabelSelector: a parsed Kubernetes label selector, as `?labelSelector=` carries it and as a
// workload's metav1.LabelSelector (matchLabels + matchExpressions) describes it. Parsing follows
// apimachinery's labels.Parse: comma means AND; `k=v`, `k==v`, `k!=v`, `k in (a,b)`,
// `k notin (a,b)`, `k`, `!k`, `k>1`, `k<1`; blanks between tokens are ignored; keys and values
// are validated like the API server does, and errors carry its wording
// ("unable to parse requirement: ..."). toString() renders the canonical text the server puts in
// scale.status.selector: requirements sorted by key, set values sorted.
// Values are immutable after construction and safe to share between threads.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace scaledeck::sim {

class LabelSelector {
public:
    enum class Operator {
        Equals,
        DoubleEquals,
        NotEquals,
        In,
        NotIn,
        Exists,
        DoesNotExist,
        Gt,
        Lt
    };

    struct Requirement {
        std::string key;
        Operator op = Operator::Exists;
        std::vector<std::string> values;  // sorted, unique for In/NotIn
    };

    LabelSelector() = default;  // matches everything

    static base::Result<LabelSelector> parse(std::string_view text);

    // A metav1.LabelSelector. null (a missing selector) matches nothing, {} matches everything,
    // and so does anything invalid match nothing: a broken selector must never select all pods.
    static LabelSelector fromJson(const nlohmann::json& metav1LabelSelector);
    // The same, with the reason when the selector is invalid.
    static base::Result<LabelSelector> tryFromJson(const nlohmann::json& metav1LabelSelector);
    static LabelSelector nothing();

    // labelsObject is metadata.labels (an object of strings, or null when absent).
    bool matches(const nlohmann::json& labelsObject) const;
    bool matches(const std::map<std::string, std::string>& labels) const;

    bool empty() const { return m_requirements.empty() && !m_matchesNothing; }
    bool matchesNothing() const { return m_matchesNothing; }
    const std::vector<Requirement>& requirements() const { return m_requirements; }
    std::string toString() const;

private:
    std::vector<Requirement> m_requirements;  // sorted by key
    bool m_matchesNothing = false;
};

}  // namespace scaledeck::sim
