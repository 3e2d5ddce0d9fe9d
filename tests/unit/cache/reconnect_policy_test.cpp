// ReconnectPolicy: what comes after each way a watch or a list can end — table-driven for the
// decision (resume or relist, phase, immediate or delayed), then the backoff rules as
// sequences: growth while watches fail, reset after a healthy watch (> 2 min or any event),
// Retry-After honoured and capped, the slow backoff for 401/403 that never spins and restarts
// once the server accepts us again.
#include "cache/reconnect_policy.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

using scaledeck::base::Error;
using scaledeck::base::ErrorKind;
using scaledeck::cache::ConnectionState;
using scaledeck::cache::ReconnectPolicy;
using scaledeck::cache::ReconnectPolicyOptions;
using scaledeck::cache::RetryDecision;
using scaledeck::cache::WatchOutcome;
using std::chrono::milliseconds;
using std::chrono::seconds;
using Phase = ConnectionState::Phase;
using Next = RetryDecision::Next;

namespace {

Error error(ErrorKind kind, int status, bool retriable, std::string message = "message") {
    return Error{kind, std::move(message), status, retriable};
}

WatchOutcome ended(std::optional<Error> e, milliseconds lasted, int events = 0,
                   std::optional<seconds> retryAfter = std::nullopt) {
    WatchOutcome outcome;
    outcome.error = std::move(e);
    outcome.lasted = lasted;
    outcome.events = events;
    outcome.retryAfter = retryAfter;
    return outcome;
}

// Deterministic delays: no jitter.
ReconnectPolicyOptions noJitter() {
    ReconnectPolicyOptions options;
    options.backoff.jitter = 0;
    options.slowBackoff.jitter = 0;
    return options;
}

struct Case {
    const char* name;
    WatchOutcome outcome;
    Next next;
    Phase phase;
    bool immediate;
};

class AfterWatch : public ::testing::TestWithParam<Case> {};

TEST_P(AfterWatch, Decides) {
    const Case& c = GetParam();
    ReconnectPolicy policy(noJitter(), 1);
    const RetryDecision decision = policy.afterWatch(c.outcome);
    EXPECT_EQ(decision.next, c.next);
    EXPECT_EQ(decision.phase, c.phase) << toString(decision.phase);
    if (c.immediate)
        EXPECT_EQ(decision.delay, milliseconds{0});
    else
        EXPECT_GT(decision.delay, milliseconds{0});
    EXPECT_FALSE(decision.reason.empty());
}

const auto kGone = error(ErrorKind::Gone, 410, false, "too old resource version: 1 (5)");

INSTANTIATE_TEST_SUITE_P(
    ReconnectPolicy, AfterWatch,
    ::testing::Values(
        Case{"ClosedAfterAWhileWatchesAgainAtOnce", ended({}, seconds{40}), Next::Resume,
             Phase::Reconnecting, true},
        Case{"ClosedAtOnceWithEventsWatchesAgainAtOnce", ended({}, milliseconds{10}, 3),
             Next::Resume, Phase::Reconnecting, true},
        Case{"ClosedAtOnceWithoutEventsBacksOff", ended({}, milliseconds{200}), Next::Resume,
             Phase::Reconnecting, false},
        Case{"GoneAfterAHealthyWatchRelistsAtOnce", ended(kGone, seconds{10}, 5), Next::Relist,
             Phase::Reconnecting, true},
        Case{"GoneAtOnceRelistsAfterTheBackoff", ended(kGone, milliseconds{5}), Next::Relist,
             Phase::Reconnecting, false},
        Case{"TooManyRequestsResumesLater",
             ended(error(ErrorKind::TooManyRequests, 429, true), milliseconds{5}, 0, seconds{3}),
             Next::Resume, Phase::Reconnecting, false},
        Case{"DroppedConnectionResumesAfterTheBackoff",
             ended(error(ErrorKind::Network, 0, true), seconds{30}, 9), Next::Resume,
             Phase::Reconnecting, false},
        Case{"ServerErrorResumesAfterTheBackoff",
             ended(error(ErrorKind::Internal, 503, true), milliseconds{5}), Next::Resume,
             Phase::Reconnecting, false},
        Case{"UnauthorizedWaitsSlowly", ended(error(ErrorKind::Unauthorized, 401, false), {}),
             Next::Resume, Phase::Unauthorized, false},
        Case{"ForbiddenWaitsSlowly", ended(error(ErrorKind::Forbidden, 403, false), {}),
             Next::Resume, Phase::Forbidden, false},
        Case{"RejectedSelectorFails", ended(error(ErrorKind::Invalid, 400, false), {}),
             Next::Resume, Phase::Failed, false},
        Case{"UntrustedServerFails", ended(error(ErrorKind::Network, 0, false), {}), Next::Resume,
             Phase::Failed, false}),
    [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(ReconnectPolicy, BackoffGrowsWhileWatchesFailAndIsCapped) {
    ReconnectPolicy policy(noJitter(), 1);
    const auto dropped = ended(error(ErrorKind::Network, 0, true), milliseconds{5});
    std::vector<milliseconds> delays;
    for (int i = 0; i < 8; ++i)
        delays.push_back(policy.afterWatch(dropped).delay);
    EXPECT_EQ(delays, (std::vector<milliseconds>{milliseconds{800}, milliseconds{1600},
                                                 milliseconds{3200}, milliseconds{6400},
                                                 milliseconds{12800}, milliseconds{25600},
                                                 milliseconds{30000}, milliseconds{30000}}));
}

TEST(ReconnectPolicy, AWatchThatLastedTwoMinutesResetsTheBackoff) {
    ReconnectPolicy policy(noJitter(), 1);
    const auto dropped = ended(error(ErrorKind::Network, 0, true), milliseconds{5});
    for (int i = 0; i < 5; ++i)
        (void)policy.afterWatch(dropped);
    // Just under two minutes and silent: still unhealthy, the backoff keeps growing.
    EXPECT_EQ(policy.afterWatch(ended(error(ErrorKind::Network, 0, true), seconds{119})).delay,
              milliseconds{25600});
    EXPECT_EQ(policy.afterWatch(ended(error(ErrorKind::Network, 0, true), seconds{120})).delay,
              milliseconds{800});
    EXPECT_EQ(policy.afterWatch(dropped).delay, milliseconds{1600});
}

TEST(ReconnectPolicy, AWatchThatDeliveredEventsResetsTheBackoff) {
    ReconnectPolicy policy(noJitter(), 1);
    const auto dropped = ended(error(ErrorKind::Network, 0, true), milliseconds{5});
    for (int i = 0; i < 4; ++i)
        (void)policy.afterWatch(dropped);
    EXPECT_EQ(policy.afterWatch(ended(error(ErrorKind::Network, 0, true), seconds{3}, 1)).delay,
              milliseconds{800});
}

TEST(ReconnectPolicy, WatchesClosingAtOnceBackOffLikeFailures) {
    ReconnectPolicy policy(noJitter(), 1);
    const auto atOnce = ended({}, milliseconds{50});
    EXPECT_EQ(policy.afterWatch(atOnce).delay, milliseconds{800});
    EXPECT_EQ(policy.afterWatch(atOnce).delay, milliseconds{1600});
    EXPECT_EQ(policy.afterWatch(atOnce).delay, milliseconds{3200});
    EXPECT_EQ(policy.afterWatch(ended({}, seconds{30}, 2)).delay, milliseconds{0});
    EXPECT_EQ(policy.afterWatch(atOnce).delay, milliseconds{800}) << "reset by the healthy watch";
}

TEST(ReconnectPolicy, RetryAfterIsHonouredAtLeastTheBackoffAtMostTheLimit) {
    ReconnectPolicy policy(noJitter(), 1);
    const auto busy = [](int seconds) {
        return ended(error(ErrorKind::TooManyRequests, 429, true), milliseconds{5}, 0,
                     std::chrono::seconds{seconds});
    };
    EXPECT_EQ(policy.afterWatch(busy(3)).delay, milliseconds{3000});
    EXPECT_EQ(policy.afterWatch(busy(1)).delay, milliseconds{1600}) << "the backoff is longer";
    EXPECT_EQ(policy.afterWatch(busy(3600)).delay, milliseconds{std::chrono::minutes{10}});
    EXPECT_EQ(policy.afterWatch(busy(3)).next, Next::Resume) << "429 never relists";
}

TEST(ReconnectPolicy, UnauthorizedNeverSpinsAndRecoversWhenAccepted) {
    ReconnectPolicy policy(noJitter(), 1);
    const auto rejected = ended(error(ErrorKind::Unauthorized, 401, false, "Unauthorized"), {});
    std::vector<milliseconds> delays;
    for (int i = 0; i < 5; ++i) {
        const auto decision = policy.afterWatch(rejected);
        EXPECT_EQ(decision.reason, "Unauthorized") << "the server's message";
        delays.push_back(decision.delay);
    }
    EXPECT_EQ(delays, (std::vector<milliseconds>{seconds{30}, seconds{60}, seconds{120},
                                                 seconds{240}, seconds{300}}));
    policy.accepted();
    EXPECT_EQ(policy.afterListFailure(error(ErrorKind::Forbidden, 403, false)).delay, seconds{30});
}

TEST(ReconnectPolicy, ListFailuresRelist) {
    ReconnectPolicy policy(noJitter(), 1);
    const auto decision = policy.afterListFailure(error(ErrorKind::Internal, 500, true));
    EXPECT_EQ(decision.next, Next::Relist);
    EXPECT_EQ(decision.phase, Phase::Reconnecting);
    EXPECT_EQ(decision.delay, milliseconds{800});
    EXPECT_EQ(policy.afterListFailure(error(ErrorKind::Forbidden, 403, false)).phase,
              Phase::Forbidden);
}

TEST(ReconnectPolicy, AnUnreadableEventRelistsAfterTheBackoff) {
    ReconnectPolicy policy(noJitter(), 1);
    const auto decision = policy.afterDecodeFailure(Error::parse("Pod: metadata: expected"));
    EXPECT_EQ(decision.next, Next::Relist);
    EXPECT_EQ(decision.delay, milliseconds{800});
}

TEST(ReconnectPolicy, JitterShortensDelaysByAtMostHalf) {
    ReconnectPolicy policy({}, 7);
    const auto dropped = ended(error(ErrorKind::Network, 0, true), milliseconds{5});
    const double bases[] = {800, 1600, 3200, 6400, 12800, 25600, 30000};
    for (double base : bases) {
        const auto delay = static_cast<double>(policy.afterWatch(dropped).delay.count());
        EXPECT_LE(delay, base);
        EXPECT_GE(delay, base / 2 - 1);
    }
}

}  // namespace
