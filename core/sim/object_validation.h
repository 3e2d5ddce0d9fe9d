// Defaulting and validation of written objects, as the real API server does them for the kinds
// the simulator stores (HorizontalPodAutoscalers are handled by hpa_validation). Defaults are
// the apps/v1 and core/v1 defaulters (Deployment replicas 1 and RollingUpdate 25%/25%, pod-spec
// and container defaults, StatefulSet and Service defaults). Validation returns the causes of a
// 422 Invalid with the real field paths and messages, e.g.
//   spec.replicas: Invalid value: -1: must be greater than or equal to 0
// and is meant to run after defaulting and quantity canonicalisation, like on a real server.
// Both never throw; malformed shapes are reported or skipped, not crashed on. Thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "sim/field_cause.h"

namespace scaledeck::sim {

// `resource` is the plural name ("deployments", "pods", ...). Unknown resources get only the
// metadata.name check.
FieldCauses validateObject(const std::string& resource, const nlohmann::json& obj);

// Fills the API server's defaults in place; values already present are never changed, so it
// is safe to run on every write.
void defaultObject(const std::string& resource, nlohmann::json& obj);

}  // namespace scaledeck::sim
