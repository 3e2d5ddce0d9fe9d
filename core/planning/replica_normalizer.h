// ReplicaNormalizer: turns the raw metric proposal into the replica count the controller will
// set (§B.6): stabilization over recorded recommendations first, then rate limits and
// min/max. Two paths, as upstream: legacy (spec.behavior unset: 5 min scale-down window,
// scale-up capped at max(2 x current, 4) per sync) and behavior (windows and policies from the
// defaulted behavior). Records the raw proposal into the history as a side effect; scale events
// are recorded separately, only after a rescale happened.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/time_format.h"
#include "planning/hpa_history.h"
#include "planning/hpa_spec.h"

namespace scaledeck::planning {

struct NormalizationResult {
    std::int32_t stabilized = 0;
    std::int32_t desired = 0;
    std::string ableReason;  // AbleToScale=True reason: ReadyForNewScale / Scale*Stabilized
    std::string ableMessage;
    bool limited = false;  // ScalingLimited status
    std::string limitedReason;
    std::string limitedMessage;
    // The bound the rate rules allowed this sync (scale-up maximum or scale-down minimum) and the
    // policy that produced it, for UIs explaining a ScaleUpLimit / ScaleDownLimit.
    std::optional<std::int32_t> rateBound;
    std::string ratePolicy;
};

class ReplicaNormalizer {
public:
    static NormalizationResult normalizeLegacy(HpaHistory& history, std::int32_t current,
                                               std::int32_t proposal, std::int32_t minReplicas,
                                               std::int32_t maxReplicas,
                                               std::int64_t downscaleWindowMs,
                                               base::UnixMillis now);
    // `behavior` must already carry the API defaults (withApiDefaults); an unset scale-down
    // window falls back to `downscaleWindowMs`.
    static NormalizationResult normalizeWithBehavior(
        HpaHistory& history, const HpaBehavior& behavior, std::int32_t current,
        std::int32_t proposal, std::int32_t minReplicas, std::int32_t maxReplicas,
        std::int64_t downscaleWindowMs, base::UnixMillis now);
    // Remembers a rescale for later rate limits (behavior path only, as upstream).
    static void recordScaleEvent(HpaHistory& history, const HpaBehavior& behavior,
                                 std::int32_t previous, std::int32_t next, base::UnixMillis now);
};

}  // namespace scaledeck::planning
