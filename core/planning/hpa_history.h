// HpaHistory: the per-HPA memory of kube-controller-manager (§B.1): timestamped raw
// recommendations (for stabilization) and, when spec.behavior is set, timestamped scale-up and
// scale-down events (for rate limits). It lives only in memory, so a restarted controller
// starts empty, exactly like the real one.
#pragma once

#include <cstdint>
#include <vector>

#include "base/time_format.h"

namespace scaledeck::planning {

struct TimedRecommendation {
    std::int32_t replicas = 0;
    base::UnixMillis at = 0;
};

struct TimedScaleEvent {
    std::int32_t change = 0;  // always positive: replicas added (up) or removed (down)
    base::UnixMillis at = 0;
    bool outdated = false;  // older than the longest policy period: its slot may be reused
};

struct HpaHistory {
    std::vector<TimedRecommendation> recommendations;
    std::vector<TimedScaleEvent> scaleUpEvents;
    std::vector<TimedScaleEvent> scaleDownEvents;
};

}  // namespace scaledeck::planning
