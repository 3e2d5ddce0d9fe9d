#include "base/time_format.h"

#include <gtest/gtest.h>

using scaledeck::base::formatRfc3339;
using scaledeck::base::formatRfc3339Micro;
using scaledeck::base::parseRfc3339;

TEST(TimeFormat, FormatsUtcSeconds) {
    EXPECT_EQ(formatRfc3339(0), "1970-01-01T00:00:00Z");
    EXPECT_EQ(formatRfc3339(1795881113000LL), "2026-11-28T15:51:53Z");
    EXPECT_EQ(formatRfc3339Micro(1795881113123LL), "2026-11-28T15:51:53.123000Z");
}

TEST(TimeFormat, ParsesWhatItFormatsAndOffsets) {
    EXPECT_EQ(parseRfc3339("2026-11-28T15:51:53Z"), 1795881113000LL);
    EXPECT_EQ(parseRfc3339("2026-11-28T15:51:53.5Z"), 1795881113500LL);
    EXPECT_EQ(parseRfc3339("2026-11-28T16:51:53+01:00"), 1795881113000LL);
    EXPECT_FALSE(parseRfc3339("2026-11-28 nonsense").has_value());
    EXPECT_FALSE(parseRfc3339("2026-13-28T15:51:53Z").has_value());
}
