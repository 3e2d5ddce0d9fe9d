#include "cache/reconnect_policy.h"

#include <algorithm>
#include <random>

namespace scaledeck::cache {

namespace {

using Phase = ConnectionState::Phase;
using Next = RetryDecision::Next;

std::uint64_t freshSeed() {
    std::random_device device;
    return (static_cast<std::uint64_t>(device()) << 32) ^ device();
}

}  // namespace

ReconnectPolicy::ReconnectPolicy(ReconnectPolicyOptions options)
    : ReconnectPolicy(options, freshSeed()) {}

ReconnectPolicy::ReconnectPolicy(ReconnectPolicyOptions options, std::uint64_t seed)
    : m_options(options),
      m_backoff(options.backoff, seed),
      m_slow(options.slowBackoff, seed ^ 0x9e3779b97f4a7c15ULL) {}

RetryDecision ReconnectPolicy::afterWatch(const WatchOutcome& outcome) {
    const bool healthy = outcome.lasted >= m_options.healthyWatch || outcome.events > 0;
    if (healthy)
        m_backoff.reset();
    if (!outcome.error) {
        RetryDecision decision;
        decision.next = Next::Resume;
        if (!healthy && outcome.lasted < m_options.closedAtOnce) {
            decision.delay = m_backoff.next();
            decision.reason = "the server closed the watch at once";
        } else {
            decision.reason = "the server closed the watch";
        }
        return decision;
    }
    return afterError(*outcome.error, outcome.retryAfter, healthy, Next::Resume);
}

RetryDecision ReconnectPolicy::afterListFailure(const base::Error& error) {
    return afterError(error, std::nullopt, false, Next::Relist);
}

RetryDecision ReconnectPolicy::afterDecodeFailure(const base::Error& error) {
    RetryDecision decision;
    decision.next = Next::Relist;
    decision.delay = m_backoff.next();
    decision.reason = "a watch event could not be read (" + error.message + "): listing again";
    return decision;
}

RetryDecision ReconnectPolicy::afterError(const base::Error& error,
                                          std::optional<std::chrono::seconds> retryAfter,
                                          bool healthy, Next next) {
    using base::ErrorKind;
    RetryDecision decision;
    decision.next = next;
    switch (error.kind) {
        case ErrorKind::Gone:
            decision.next = Next::Relist;
            decision.delay = healthy ? std::chrono::milliseconds{0} : m_backoff.next();
            decision.reason = "the watch history expired (410 Gone): listing again";
            return decision;
        case ErrorKind::TooManyRequests: {
            const std::chrono::milliseconds asked = retryAfter.value_or(std::chrono::seconds{0});
            decision.delay = std::min(std::max(asked, m_backoff.next()), m_options.maxRetryAfter);
            decision.reason = "the server asked to retry later (429 Too Many Requests)";
            return decision;
        }
        case ErrorKind::Unauthorized:
            decision.phase = Phase::Unauthorized;
            decision.delay = m_slow.next();
            decision.reason = error.message;
            return decision;
        case ErrorKind::Forbidden:
            decision.phase = Phase::Forbidden;
            decision.delay = m_slow.next();
            decision.reason = error.message;
            return decision;
        case ErrorKind::Parse:
            decision.next = Next::Relist;
            decision.delay = m_backoff.next();
            decision.reason = error.message;
            return decision;
        default:
            break;
    }
    if (error.retriable) {
        decision.delay = m_backoff.next();
        decision.reason = error.message;
        if (retryAfter)  // a 503 may ask for a delay too
            decision.delay =
                std::min(std::max(decision.delay, std::chrono::milliseconds(*retryAfter)),
                         m_options.maxRetryAfter);
        return decision;
    }
    decision.phase = Phase::Failed;
    decision.delay = m_slow.next();
    decision.reason = error.message;
    return decision;
}

}  // namespace scaledeck::cache
