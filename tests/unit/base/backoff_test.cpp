// Backoff: exponential growth, the cap as a hard bound, the jitter range, reset, and
// determinism for a seed (the retry tests of the REST client and the informer rely on it).
#include "base/backoff.h"

#include <gtest/gtest.h>

#include <set>
#include <vector>

using scaledeck::base::Backoff;
using scaledeck::base::BackoffPolicy;
using std::chrono::milliseconds;

namespace {

std::vector<milliseconds> take(Backoff& backoff, int n) {
    std::vector<milliseconds> out;
    for (int i = 0; i < n; ++i)
        out.push_back(backoff.next());
    return out;
}

TEST(Backoff, WithoutJitterGrowsByTheFactorUpToTheCap) {
    Backoff backoff({milliseconds{100}, 2.0, milliseconds{1000}, 0.0}, 1);
    EXPECT_EQ(take(backoff, 7),
              (std::vector<milliseconds>{milliseconds{100}, milliseconds{200}, milliseconds{400},
                                         milliseconds{800}, milliseconds{1000}, milliseconds{1000},
                                         milliseconds{1000}}));
    EXPECT_EQ(backoff.steps(), 7);
}

TEST(Backoff, InformerPolicyIsPointEightSecondsDoublingToThirtyStaysWithinJitter) {
    Backoff backoff(BackoffPolicy::informer(), 42);
    const std::vector<double> bases{800, 1600, 3200, 6400, 12800, 25600, 30000, 30000, 30000};
    for (double base : bases) {
        const auto d = static_cast<double>(backoff.next().count());
        EXPECT_LE(d, base);
        EXPECT_GE(d, base * 0.5 - 1);
    }
}

// Jittered delays never exceed the cap and cover the whole allowed range below it.
TEST(Backoff, JitterStaysInRangeAndSpreads) {
    const BackoffPolicy policy{milliseconds{1000}, 1.0, milliseconds{1000}, 0.3};
    Backoff backoff(policy, 7);
    std::set<long long> seen;
    long long lowest = 1000000;
    long long highest = 0;
    for (int i = 0; i < 2000; ++i) {
        const long long d = backoff.next().count();
        ASSERT_GE(d, 700);
        ASSERT_LE(d, 1000);
        lowest = std::min(lowest, d);
        highest = std::max(highest, d);
        seen.insert(d);
    }
    EXPECT_LT(lowest, 720);
    EXPECT_GT(highest, 980);
    EXPECT_GT(seen.size(), 100u);
}

TEST(Backoff, SameSeedSameSequenceOtherSeedOtherSequence) {
    const BackoffPolicy policy{milliseconds{100}, 2.0, milliseconds{60000}, 0.5};
    Backoff a(policy, 1234);
    Backoff b(policy, 1234);
    Backoff c(policy, 4321);
    const auto first = take(a, 10);
    EXPECT_EQ(first, take(b, 10));
    EXPECT_NE(first, take(c, 10));
}

TEST(Backoff, ResetStartsAgainFromInitial) {
    Backoff backoff({milliseconds{50}, 3.0, milliseconds{10000}, 0.0}, 1);
    take(backoff, 4);
    EXPECT_EQ(backoff.currentBase(), milliseconds{4050});
    backoff.reset();
    EXPECT_EQ(backoff.steps(), 0);
    EXPECT_EQ(backoff.currentBase(), milliseconds{50});
    EXPECT_EQ(backoff.next(), milliseconds{50});
    EXPECT_EQ(backoff.next(), milliseconds{150});
}

struct PolicyCase {
    const char* name;
    BackoffPolicy policy;
    std::vector<milliseconds> expected;
};

class BackoffRepairs : public ::testing::TestWithParam<PolicyCase> {};

// Nonsense policies are repaired into something that still waits and stays bounded.
TEST_P(BackoffRepairs, ProducesBoundedDelays) {
    Backoff backoff(GetParam().policy, 3);
    EXPECT_EQ(take(backoff, static_cast<int>(GetParam().expected.size())), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BackoffRepairs,
    ::testing::Values(PolicyCase{"FactorBelowOneIsConstant",
                                 {milliseconds{100}, 0.5, milliseconds{1000}, 0.0},
                                 {milliseconds{100}, milliseconds{100}, milliseconds{100}}},
                      PolicyCase{"CapBelowInitialIsInitial",
                                 {milliseconds{500}, 2.0, milliseconds{10}, 0.0},
                                 {milliseconds{500}, milliseconds{500}}},
                      PolicyCase{"NegativeJitterIsNone",
                                 {milliseconds{10}, 2.0, milliseconds{100}, -1.0},
                                 {milliseconds{10}, milliseconds{20}, milliseconds{40},
                                  milliseconds{80}, milliseconds{100}}},
                      PolicyCase{"NegativeInitialIsZero",
                                 {milliseconds{-5}, 2.0, milliseconds{100}, 0.0},
                                 {milliseconds{0}, milliseconds{0}}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Backoff, FullJitterMayReachZeroButNeverTheCapPlusOne) {
    Backoff backoff({milliseconds{200}, 2.0, milliseconds{400}, 1.0}, 99);
    for (int i = 0; i < 500; ++i) {
        const auto d = backoff.next();
        ASSERT_GE(d.count(), 0);
        ASSERT_LE(d.count(), 400);
    }
}

}  // namespace
