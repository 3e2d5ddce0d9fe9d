// humanDuration: apimachinery's duration_test.go vectors, every threshold of HumanDuration on
// both sides, and the clock-skew rules (a second ahead is "0s", more is "<invalid>").
#include "base/human_duration.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace scaledeck::base {
namespace {

constexpr std::int64_t kSecond = 1000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;

TEST(HumanDuration, MatchesApimachinery) {
    const std::vector<std::pair<std::int64_t, std::string>> cases = {
        // apimachinery/pkg/util/duration/duration_test.go
        {kSecond, "1s"},
        {70 * kSecond, "70s"},
        {190 * kSecond, "3m10s"},
        {70 * kMinute, "70m"},
        {47 * kHour, "47h"},
        {49 * kHour, "2d1h"},
        {(8 * 24 + 2) * kHour, "8d"},
        {367 * kDay, "367d"},
        {(365 * 2 * 24 + 25) * kHour, "2y1d"},
        {(365 * 8 * 24 + 2) * kHour, "8y"},
        // The examples of the brief.
        {45 * kSecond, "45s"},
        {3 * kMinute + 2 * kSecond, "3m2s"},
        {5 * kHour, "5h"},
        {3 * kDay + 4 * kHour, "3d4h"},
        {2 * 365 * kDay, "2y"},
        // Thresholds.
        {0, "0s"},
        {999, "0s"},
        {119 * kSecond + 999, "119s"},
        {120 * kSecond, "2m"},
        {9 * kMinute + 59 * kSecond, "9m59s"},
        {10 * kMinute + 59 * kSecond, "10m"},
        {179 * kMinute, "179m"},
        {180 * kMinute, "3h"},
        {7 * kHour + 59 * kMinute, "7h59m"},
        {8 * kHour + 59 * kMinute, "8h"},
        {47 * kHour + 59 * kMinute, "47h"},
        {48 * kHour, "2d"},
        {7 * kDay + 23 * kHour, "7d23h"},
        {8 * kDay, "8d"},
        {729 * kDay, "729d"},
        {(365 * 8 - 1) * kDay, "7y364d"},
        {20 * 365 * kDay, "20y"},
        // Clock skew.
        {-999, "0s"},
        {-1999, "0s"},
        {-2000, "<invalid>"},
        {-kHour, "<invalid>"},
    };
    for (const auto& [millis, expected] : cases) {
        SCOPED_TRACE(millis);
        EXPECT_EQ(humanDuration(millis), expected);
    }
}

TEST(HumanDuration, AgeOfAnUnsetTimeIsUnknown) {
    EXPECT_EQ(humanAge(std::nullopt, 5 * kHour), "<unknown>");
    EXPECT_EQ(humanAge(0, 5 * kHour), "<unknown>");
    EXPECT_EQ(humanAge(kHour, kHour + 45 * kSecond), "45s");
    EXPECT_EQ(humanAge(kHour, kHour - 10 * kSecond), "<invalid>");
    EXPECT_EQ(humanAge(kDay, 4 * kDay + 4 * kHour), "3d4h");
}

}  // namespace
}  // namespace scaledeck::base
