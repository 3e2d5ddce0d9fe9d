#include "planning/replica_normalizer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace scaledeck::planning {
namespace {

constexpr const char* kReady = "ReadyForNewScale";
constexpr const char* kReadyMsg = "recommended size matches current size";
constexpr const char* kDownStabilized = "ScaleDownStabilized";
constexpr const char* kDownStabilizedMsg =
    "recent recommendations were higher than current one, applying the highest recent "
    "recommendation";
constexpr const char* kUpStabilized = "ScaleUpStabilized";
constexpr const char* kUpStabilizedMsg =
    "recent recommendations were lower than current one, applying the lowest recent "
    "recommendation";
constexpr const char* kWithinRange = "DesiredWithinRange";
constexpr const char* kWithinRangeMsg = "the desired count is within the acceptable range";
constexpr const char* kTooMany = "TooManyReplicas";
constexpr const char* kTooManyMsg =
    "the desired replica count is more than the maximum replica count";
constexpr const char* kTooFew = "TooFewReplicas";
constexpr const char* kTooFewMsg =
    "the desired replica count is less than the minimum replica count";
constexpr const char* kUpLimit = "ScaleUpLimit";
constexpr const char* kUpLimitMsg =
    "the desired replica count is increasing faster than the maximum scale rate";
constexpr const char* kDownLimit = "ScaleDownLimit";
constexpr const char* kDownLimitMsg =
    "the desired replica count is decreasing faster than the maximum scale rate";

void setLimit(NormalizationResult& r, std::int32_t stabilized, std::int32_t desired,
              const char* reason, const char* message) {
    r.desired = desired;
    r.limited = desired != stabilized;
    r.limitedReason = r.limited ? reason : kWithinRange;
    r.limitedMessage = r.limited ? message : kWithinRangeMsg;
}

// Replicas changed by events strictly newer than now - period.
std::int32_t changeWithin(std::int32_t periodSeconds, const std::vector<TimedScaleEvent>& events,
                          base::UnixMillis now) {
    const base::UnixMillis cutoff = now - static_cast<base::UnixMillis>(periodSeconds) * 1000;
    std::int32_t sum = 0;
    for (const auto& e : events) {
        if (e.at > cutoff)
            sum += e.change;
    }
    return sum;
}

std::string describe(const ScalingPolicy& p) {
    return std::string(toString(p.type)) + " " + std::to_string(p.value) + " / " +
           std::to_string(p.periodSeconds) + "s";
}

struct RateLimit {
    std::int32_t limit = 0;
    std::string policy;
};

// calculateScaleUpLimitWithScalingRules.
RateLimit scaleUpLimit(std::int32_t current, const HpaHistory& h, const ScalingRules& rules,
                       base::UnixMillis now) {
    const SelectPolicy select = rules.selectPolicy.value_or(SelectPolicy::Max);
    if (select == SelectPolicy::Disabled)
        return {current, "scale-up disabled (selectPolicy Disabled)"};
    RateLimit r;
    r.limit = select == SelectPolicy::Min ? std::numeric_limits<std::int32_t>::max()
                                          : std::numeric_limits<std::int32_t>::min();
    for (const auto& p : rules.policies.value_or(std::vector<ScalingPolicy>{})) {
        const std::int32_t periodStart = current -
                                         changeWithin(p.periodSeconds, h.scaleUpEvents, now) +
                                         changeWithin(p.periodSeconds, h.scaleDownEvents, now);
        std::int32_t proposed = 0;
        if (p.type == ScalingPolicyType::Pods) {
            proposed = periodStart + p.value;
        } else {
            // Same float expression as upstream so rounding matches bit for bit.
            proposed = static_cast<std::int32_t>(std::ceil(
                static_cast<double>(periodStart) * (1 + static_cast<double>(p.value) / 100)));
        }
        const bool better = select == SelectPolicy::Min ? proposed < r.limit : proposed > r.limit;
        if (better) {
            r.limit = proposed;
            r.policy = describe(p);
        }
    }
    return r;
}

// calculateScaleDownLimitWithBehaviors.
RateLimit scaleDownLimit(std::int32_t current, const HpaHistory& h, const ScalingRules& rules,
                         base::UnixMillis now) {
    const SelectPolicy select = rules.selectPolicy.value_or(SelectPolicy::Max);
    if (select == SelectPolicy::Disabled) {
        return {current, "scale-down disabled (selectPolicy Disabled)"};
    }
    RateLimit r;
    r.limit = select == SelectPolicy::Min ? std::numeric_limits<std::int32_t>::min()
                                          : std::numeric_limits<std::int32_t>::max();
    for (const auto& p : rules.policies.value_or(std::vector<ScalingPolicy>{})) {
        const std::int32_t periodStart = current -
                                         changeWithin(p.periodSeconds, h.scaleUpEvents, now) +
                                         changeWithin(p.periodSeconds, h.scaleDownEvents, now);
        std::int32_t proposed = 0;
        if (p.type == ScalingPolicyType::Pods) {
            proposed = periodStart - p.value;
        } else {
            proposed = static_cast<std::int32_t>(static_cast<double>(periodStart) *
                                                 (1 - static_cast<double>(p.value) / 100));
        }
        // Max means the biggest change, i.e. the smallest count; Min the largest count.
        const bool better = select == SelectPolicy::Min ? proposed > r.limit : proposed < r.limit;
        if (better) {
            r.limit = proposed;
            r.policy = describe(p);
        }
    }
    return r;
}

std::int32_t longestPeriod(const std::optional<ScalingRules>& rules) {
    std::int32_t longest = 0;
    if (!rules || !rules->policies)
        return longest;
    for (const auto& p : *rules->policies)
        longest = std::max(longest, p.periodSeconds);
    return longest;
}

void storeEvent(std::vector<TimedScaleEvent>& events, std::int32_t change,
                std::int32_t longestPeriodSeconds, base::UnixMillis now) {
    const base::UnixMillis cutoff =
        now - static_cast<base::UnixMillis>(longestPeriodSeconds) * 1000;
    std::optional<std::size_t> reuse;
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (events[i].at < cutoff)
            events[i].outdated = true;
        if (events[i].outdated)
            reuse = i;
    }
    const TimedScaleEvent e{change, now, false};
    if (reuse) {
        events[*reuse] = e;
    } else {
        events.push_back(e);
    }
}

}  // namespace

NormalizationResult ReplicaNormalizer::normalizeLegacy(
    HpaHistory& history, std::int32_t current, std::int32_t proposal, std::int32_t minReplicas,
    std::int32_t maxReplicas, std::int64_t downscaleWindowMs, base::UnixMillis now) {
    NormalizationResult r;
    // Scale-up is never delayed: only the highest recommendation of the window matters.
    std::int32_t highest = proposal;
    std::optional<std::size_t> old;
    const base::UnixMillis cutoff = now - downscaleWindowMs;
    auto& recs = history.recommendations;
    for (std::size_t i = 0; i < recs.size(); ++i) {
        if (recs[i].at < cutoff) {
            old = i;
        } else if (recs[i].replicas > highest) {
            highest = recs[i].replicas;
        }
    }
    if (old) {
        recs[*old] = {proposal, now};
    } else {
        recs.push_back({proposal, now});
    }
    r.stabilized = highest;
    r.ableReason = highest != proposal ? kDownStabilized : kReady;
    r.ableMessage = highest != proposal ? kDownStabilizedMsg : kReadyMsg;

    // Guards against bogus usage spikes (kubernetes#32304).
    const auto upLimit =
        static_cast<std::int32_t>(std::max(2.0 * static_cast<double>(current), 4.0));
    std::int32_t maxAllowed = maxReplicas;
    const char* reason = kTooMany;
    const char* message = kTooManyMsg;
    if (maxReplicas > upLimit) {
        maxAllowed = upLimit;
        reason = kUpLimit;
        message = kUpLimitMsg;
        r.rateBound = upLimit;
        r.ratePolicy = "max(2 x current, 4)";
    }
    if (highest < minReplicas) {
        setLimit(r, highest, minReplicas, kTooFew, kTooFewMsg);
    } else if (highest > maxAllowed) {
        setLimit(r, highest, maxAllowed, reason, message);
    } else {
        setLimit(r, highest, highest, kWithinRange, kWithinRangeMsg);
    }
    return r;
}

NormalizationResult ReplicaNormalizer::normalizeWithBehavior(
    HpaHistory& history, const HpaBehavior& behavior, std::int32_t current, std::int32_t proposal,
    std::int32_t minReplicas, std::int32_t maxReplicas, std::int64_t downscaleWindowMs,
    base::UnixMillis now) {
    const ScalingRules up = behavior.scaleUp.value_or(ScalingRules{});
    const ScalingRules down = behavior.scaleDown.value_or(ScalingRules{});
    const std::int64_t upWindowMs =
        static_cast<std::int64_t>(up.stabilizationWindowSeconds.value_or(0)) * 1000;
    const std::int64_t downWindowMs =
        down.stabilizationWindowSeconds
            ? static_cast<std::int64_t>(*down.stabilizationWindowSeconds) * 1000
            : downscaleWindowMs;

    NormalizationResult r;
    const base::UnixMillis upCutoff = now - upWindowMs;
    const base::UnixMillis downCutoff = now - downWindowMs;
    std::int32_t upFloor = proposal;
    std::int32_t downCeil = proposal;
    std::optional<std::size_t> old;
    auto& recs = history.recommendations;
    for (std::size_t i = 0; i < recs.size(); ++i) {
        if (recs[i].at > upCutoff)
            upFloor = std::min(upFloor, recs[i].replicas);
        if (recs[i].at > downCutoff)
            downCeil = std::max(downCeil, recs[i].replicas);
        if (recs[i].at < upCutoff && recs[i].at < downCutoff)
            old = i;
    }
    std::int32_t stabilized = current;
    if (stabilized < upFloor)
        stabilized = upFloor;
    if (stabilized > downCeil)
        stabilized = downCeil;
    if (old) {
        recs[*old] = {proposal, now};
    } else {
        recs.push_back({proposal, now});
    }
    r.stabilized = stabilized;
    if (stabilized != proposal) {
        const bool upward = proposal >= current;
        r.ableReason = upward ? kUpStabilized : kDownStabilized;
        r.ableMessage = upward ? kUpStabilizedMsg : kDownStabilizedMsg;
    } else {
        r.ableReason = kReady;
        r.ableMessage = kReadyMsg;
    }

    if (stabilized > current) {
        RateLimit limit = scaleUpLimit(current, history, up, now);
        // Until old events expire the limit may sit below current; never scale down for it.
        if (limit.limit < current)
            limit.limit = current;
        std::int32_t maxAllowed = maxReplicas;
        const char* reason = kTooMany;
        const char* message = kTooManyMsg;
        if (maxAllowed > limit.limit) {
            maxAllowed = limit.limit;
            reason = kUpLimit;
            message = kUpLimitMsg;
            r.rateBound = limit.limit;
            r.ratePolicy = limit.policy;
        }
        if (stabilized > maxAllowed) {
            setLimit(r, stabilized, maxAllowed, reason, message);
            return r;
        }
    } else if (stabilized < current) {
        RateLimit limit = scaleDownLimit(current, history, down, now);
        if (limit.limit > current)
            limit.limit = current;
        std::int32_t minAllowed = minReplicas;
        const char* reason = kTooFew;
        const char* message = kTooFewMsg;
        if (minAllowed < limit.limit) {
            minAllowed = limit.limit;
            reason = kDownLimit;
            message = kDownLimitMsg;
            r.rateBound = limit.limit;
            r.ratePolicy = limit.policy;
        }
        if (stabilized < minAllowed) {
            setLimit(r, stabilized, minAllowed, reason, message);
            return r;
        }
    }
    setLimit(r, stabilized, stabilized, kWithinRange, kWithinRangeMsg);
    return r;
}

void ReplicaNormalizer::recordScaleEvent(HpaHistory& history, const HpaBehavior& behavior,
                                         std::int32_t previous, std::int32_t next,
                                         base::UnixMillis now) {
    if (next > previous) {
        storeEvent(history.scaleUpEvents, next - previous, longestPeriod(behavior.scaleUp), now);
    } else {
        storeEvent(history.scaleDownEvents, previous - next, longestPeriod(behavior.scaleDown),
                   now);
    }
}

}  // namespace scaledeck::planning
