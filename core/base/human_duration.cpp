#include "base/human_duration.h"

namespace scaledeck::base {

std::string humanDuration(std::int64_t millis) {
    using std::to_string;
    // Go's int(d.Seconds()) and d / time.Minute truncate toward zero, as C++ division does.
    const std::int64_t seconds = millis / 1000;
    if (seconds < -1)
        return "<invalid>";
    if (seconds < 0)
        return "0s";
    if (seconds < 60 * 2)
        return to_string(seconds) + "s";
    const std::int64_t minutes = seconds / 60;
    if (minutes < 10) {
        const std::int64_t s = seconds % 60;
        return s == 0 ? to_string(minutes) + "m" : to_string(minutes) + "m" + to_string(s) + "s";
    }
    if (minutes < 60 * 3)
        return to_string(minutes) + "m";
    const std::int64_t hours = minutes / 60;
    if (hours < 8) {
        const std::int64_t m = minutes % 60;
        return m == 0 ? to_string(hours) + "h" : to_string(hours) + "h" + to_string(m) + "m";
    }
    if (hours < 48)
        return to_string(hours) + "h";
    if (hours < 24 * 8) {
        const std::int64_t h = hours % 24;
        return h == 0 ? to_string(hours / 24) + "d"
                      : to_string(hours / 24) + "d" + to_string(h) + "h";
    }
    if (hours < 24 * 365 * 2)
        return to_string(hours / 24) + "d";
    if (hours < 24 * 365 * 8) {
        const std::int64_t days = (hours / 24) % 365;
        const std::int64_t years = hours / 24 / 365;
        return days == 0 ? to_string(years) + "y" : to_string(years) + "y" + to_string(days) + "d";
    }
    return to_string(hours / 24 / 365) + "y";
}

std::string humanAge(std::optional<UnixMillis> since, UnixMillis now) {
    if (!since || *since == 0)
        return "<unknown>";
    return humanDuration(now - *since);
}

}  // namespace scaledeck::base
