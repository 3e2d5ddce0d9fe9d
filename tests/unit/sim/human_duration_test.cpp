#include "sim/human_duration.h"

#include <gtest/gtest.h>

#include <cstdint>

using scaledeck::sim::humanDuration;
using scaledeck::sim::translateTimestampSince;

namespace {

constexpr std::int64_t kSecond = 1000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;
constexpr std::int64_t kYear = 365 * kDay;

}  // namespace

TEST(HumanDuration, MatchesApimachineryThresholds) {
    struct Row {
        std::int64_t millis;
        const char* expected;
    } rows[] = {
        {0, "0s"},
        {999, "0s"},
        {1999, "1s"},
        {59 * kSecond, "59s"},
        {119 * kSecond + 999, "119s"},
        {2 * kMinute, "2m"},
        {2 * kMinute + 5 * kSecond, "2m5s"},
        {9 * kMinute + 59 * kSecond, "9m59s"},
        {10 * kMinute, "10m"},
        {10 * kMinute + 30 * kSecond, "10m"},
        {3 * kHour - kSecond, "179m"},
        {3 * kHour, "3h"},
        {3 * kHour + 30 * kMinute, "3h30m"},
        {8 * kHour - kSecond, "7h59m"},
        {8 * kHour, "8h"},
        {47 * kHour + 59 * kMinute, "47h"},
        {48 * kHour, "2d"},
        {50 * kHour, "2d2h"},
        {8 * kDay - kHour, "7d23h"},
        {8 * kDay, "8d"},
        {2 * kYear - kDay, "729d"},
        {2 * kYear, "2y"},
        {2 * kYear + kDay, "2y1d"},
        {8 * kYear - kDay, "7y364d"},
        {8 * kYear, "8y"},
        {10 * kYear + 100 * kDay, "10y"},
        // Up to one second in the future counts as now (clock skew between machines).
        {-500, "0s"},
        {-1000, "0s"},
        {-1999, "0s"},
        {-2000, "<invalid>"},
        {-kHour, "<invalid>"},
    };
    for (const auto& r : rows)
        EXPECT_EQ(humanDuration(r.millis), r.expected) << r.millis;
}

TEST(HumanDuration, TranslatesTimestampsSinceNow) {
    const std::int64_t now = 1'800'000'000'000;
    EXPECT_EQ(translateTimestampSince(std::nullopt, now), "<unknown>");
    EXPECT_EQ(translateTimestampSince(now - 5 * kSecond, now), "5s");
    EXPECT_EQ(translateTimestampSince(now - 3 * kDay - 4 * kHour, now), "3d4h");
    EXPECT_EQ(translateTimestampSince(now + 10 * kSecond, now), "<invalid>");
}
