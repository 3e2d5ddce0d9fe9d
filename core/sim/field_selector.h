// FieldSelector: a parsed `?fieldSelector=` for one resource. Like apimachinery's fields
// package it understands `f=v`, `f==v`, `f!=v` joined by commas (AND), with `\,`, `\=` and `\\`
// escapes in values and no trimming of blanks. Each resource accepts only the field labels the
// real API server registers for it (every resource: metadata.name and metadata.namespace; pods
// and events more); any other label fails with `field label not supported: <label>`.
// Matching reads the field from the object's JSON; a missing field reads as "" (pods'
// spec.hostNetwork as "false"), so `spec.nodeName=` selects unscheduled pods.
// Values are immutable after construction and safe to share between threads.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace scaledeck::sim {

class FieldSelector {
public:
    struct Requirement {
        std::string field;  // canonical label (pods' legacy spec.host becomes spec.nodeName)
        std::string value;
        bool negated = false;  // "!="
    };

    FieldSelector() = default;  // matches everything

    // resource: the plural name ("pods", "events", "deployments", ...).
    static base::Result<FieldSelector> parse(std::string_view text, const std::string& resource);

    bool matches(const nlohmann::json& object) const;
    bool empty() const { return m_requirements.empty(); }
    // The value of a metadata.name= requirement: lets a list skip scanning the whole store.
    std::optional<std::string> exactName() const;
    const std::vector<Requirement>& requirements() const { return m_requirements; }
    std::string toString() const;

    // The field labels the API server accepts for a resource, and how it reads one.
    static bool supports(const std::string& resource, const std::string& field);
    static std::string fieldValue(const std::string& resource, const nlohmann::json& object,
                                  const std::string& field);

private:
    std::string m_resource;
    std::vector<Requirement> m_requirements;  // sorted like apimachinery sorts the terms
};

}  // namespace scaledeck::sim
