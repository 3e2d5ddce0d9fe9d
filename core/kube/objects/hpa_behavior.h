// HpaBehavior: spec.behavior of an autoscaling/v2 HPA, with every optional field kept optional:
// an HPA without behavior runs the controller's legacy scale-up path, which differs from the
// documented defaults (kube-api-contract.md §0.13), so "unset" must survive decoding. The shape
// follows planning::HpaBehavior so converting is field by field.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace scaledeck::kube::objects {

enum class ScalingPolicyType : std::uint8_t { Unknown, Pods, Percent };
enum class SelectPolicy : std::uint8_t { Unknown, Max, Min, Disabled };

struct ScalingPolicy {
    ScalingPolicyType type = ScalingPolicyType::Unknown;
    std::int32_t value = 0;
    std::int32_t periodSeconds = 0;

    friend bool operator==(const ScalingPolicy&, const ScalingPolicy&) = default;
};

struct ScalingRules {
    std::optional<std::int32_t> stabilizationWindowSeconds;
    std::optional<SelectPolicy> selectPolicy;
    std::optional<std::vector<ScalingPolicy>> policies;

    friend bool operator==(const ScalingRules&, const ScalingRules&) = default;
};

struct HpaBehavior {
    std::optional<ScalingRules> scaleUp;
    std::optional<ScalingRules> scaleDown;

    friend bool operator==(const HpaBehavior&, const HpaBehavior&) = default;
};

}  // namespace scaledeck::kube::objects
