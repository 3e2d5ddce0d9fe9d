// HorizontalPodAutoscaler API rules as the 1.32 API server applies them (hpa-controller.md
// §B.8): defaulting of autoscaling/v2 objects, validation returning Kubernetes-style field
// causes ("spec.maxReplicas" / FieldValueInvalid / "Invalid value: 3: must be greater than or
// equal to `minReplicas`"), and the autoscaling/v1 view of a stored v2 object. Validation
// covers the spec (metadata rules are the generic object validator's job). The v1 view keeps
// only what v1 can express (the cpu utilization target); other metrics and conditions are
// dropped rather than encoded into annotations. None of these functions throw.
#pragma once

#include <nlohmann/json.hpp>

#include "sim/field_cause.h"

namespace scaledeck::sim {

// minReplicas 1 if unset; no metrics => one Resource cpu Utilization 80; behavior defaults
// (scaleUp: window 0, Max of Pods 4/15s and Percent 100/15s; scaleDown: Max of Percent
// 100/15s, window left unset) only when behavior is present.
void defaultHpa(nlohmann::json& hpa);

// Validation of a defaulted autoscaling/v2 HPA; empty when valid.
FieldCauses validateHpa(const nlohmann::json& hpa);

// autoscaling/v2 (storage) -> autoscaling/v1 view and back.
nlohmann::json hpaV2ToV1(const nlohmann::json& hpa);
nlohmann::json hpaV1ToV2(const nlohmann::json& hpa);

}  // namespace scaledeck::sim
