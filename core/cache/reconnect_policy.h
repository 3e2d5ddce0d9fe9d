// ReconnectPolicy: what a reflector does after a watch ended or a list failed — resume watching
// from the last resourceVersion or list again, after how long, and what to tell the user
// meanwhile. client-go's rules, written down as a pure, deterministic function of what happened
// (no clock, no Qt), so every rule is a row in a unit test:
//   - the server ended a watch normally: watch again at once — unless it ended at once
//     (under `closedAtOnce`, no event), which backs off like a failure, so a server that keeps
//     closing watches is not hammered;
//   - 410 Gone (as HTTP status, as an ERROR event, or for an expired continue token): list
//     again, at once after a healthy watch, after the backoff otherwise;
//   - 429: resume after the server's Retry-After (at least the backoff; at most
//     `maxRetryAfter`), never relist: the history is intact, the server is just busy;
//   - 401 / 403: Unauthorized / Forbidden with the server's message, retried on the slow backoff
//     (a kubeconfig or RBAC fix may come; never a spin);
//   - a decode failure of a watch event: list again after the backoff (the stream can no longer be
//     trusted to describe the cache);
//   - other retriable failures (dropped connection, timeout, 5xx): resume after the backoff;
//   - failures no retry fixes by itself (TLS verification, a rejected selector, an unknown
//     resource): Failed with the message, retried on the slow backoff.
// The backoff (0.8 s doubling to 30 s, half of it jitter) restarts from 0.8 s after a healthy
// watch: one that lasted `healthyWatch` (2 min) or delivered at least one event or bookmark. The
// slow backoff restarts once the server accepts us again (a list or a watch succeeded).
// Not thread-safe: one per reflector.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "base/backoff.h"
#include "base/result.h"
#include "cache/connection_state.h"

namespace scaledeck::cache {

struct ReconnectPolicyOptions {
    base::BackoffPolicy backoff = base::BackoffPolicy::informer();
    // 401/403/Failed: 30 s doubling to 5 min. Slow enough to cost the server nothing while the
    // user fixes the kubeconfig, fast enough that a fix shows up without a restart.
    base::BackoffPolicy slowBackoff{std::chrono::seconds{30}, 2.0, std::chrono::minutes{5}, 0.2};
    // client-go's reflector treats a watch as healthy after this long (and resets its backoff).
    std::chrono::milliseconds healthyWatch{std::chrono::minutes{2}};
    // A watch that ends sooner than this without a single event was refused in all but name.
    std::chrono::milliseconds closedAtOnce{std::chrono::seconds{1}};
    // Retry-After is honoured up to this; a larger value is a misconfigured server.
    std::chrono::milliseconds maxRetryAfter{std::chrono::minutes{10}};
};

// How a watch ended, as far as the policy cares.
struct WatchOutcome {
    std::optional<base::Error> error;  // none: the server ended the response normally
    std::optional<std::chrono::seconds> retryAfter;
    std::chrono::milliseconds lasted{0};  // from the request to its end
    std::int64_t events = 0;              // events and bookmarks it delivered
};

struct RetryDecision {
    enum class Next : std::uint8_t {
        Resume,  // watch from the last resourceVersion (or list, if there is none yet)
        Relist,  // list again, then watch from the list's resourceVersion
    };
    Next next = Next::Resume;
    std::chrono::milliseconds delay{0};
    // What to show until the next attempt starts: Reconnecting, Unauthorized, Forbidden, Failed.
    ConnectionState::Phase phase = ConnectionState::Phase::Reconnecting;
    std::string reason;

    ConnectionState state() const { return ConnectionState::waiting(phase, delay, reason); }
};

class ReconnectPolicy {
public:
    explicit ReconnectPolicy(ReconnectPolicyOptions options = {});
    ReconnectPolicy(ReconnectPolicyOptions options, std::uint64_t seed);

    RetryDecision afterWatch(const WatchOutcome& outcome);
    RetryDecision afterListFailure(const base::Error& error);
    // A watch event could not be decoded.
    RetryDecision afterDecodeFailure(const base::Error& error);

    // The server accepted a list or a watch: credentials and permissions are fine again.
    void accepted() { m_slow.reset(); }

    const base::Backoff& backoff() const { return m_backoff; }
    const ReconnectPolicyOptions& options() const { return m_options; }

private:
    RetryDecision afterError(const base::Error& error,
                             std::optional<std::chrono::seconds> retryAfter, bool healthy,
                             RetryDecision::Next next);

    ReconnectPolicyOptions m_options;
    base::Backoff m_backoff;
    base::Backoff m_slow;
};

}  // namespace scaledeck::cache
