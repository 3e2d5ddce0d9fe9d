#include "sim/human_duration.h"

namespace scaledeck::sim {

std::string humanDuration(std::int64_t millis) {
    // Go's int(d.Seconds()) truncates toward zero; C++ integer division does the same.
    const std::int64_t seconds = millis / 1000;
    if (seconds < -1)
        return "<invalid>";
    if (seconds < 0)
        return "0s";
    if (seconds < 60 * 2)
        return std::to_string(seconds) + "s";

    const std::int64_t minutes = seconds / 60;
    if (minutes < 10) {
        const std::int64_t s = seconds % 60;
        if (s == 0)
            return std::to_string(minutes) + "m";
        return std::to_string(minutes) + "m" + std::to_string(s) + "s";
    }
    if (minutes < 60 * 3)
        return std::to_string(minutes) + "m";

    const std::int64_t hours = minutes / 60;
    if (hours < 8) {
        const std::int64_t m = minutes % 60;
        if (m == 0)
            return std::to_string(hours) + "h";
        return std::to_string(hours) + "h" + std::to_string(m) + "m";
    }
    if (hours < 48)
        return std::to_string(hours) + "h";
    if (hours < 24 * 8) {
        const std::int64_t h = hours % 24;
        if (h == 0)
            return std::to_string(hours / 24) + "d";
        return std::to_string(hours / 24) + "d" + std::to_string(h) + "h";
    }
    if (hours < 24 * 365 * 2)
        return std::to_string(hours / 24) + "d";
    if (hours < 24 * 365 * 8) {
        const std::int64_t dy = (hours / 24) % 365;
        if (dy == 0)
            return std::to_string(hours / 24 / 365) + "y";
        return std::to_string(hours / 24 / 365) + "y" + std::to_string(dy) + "d";
    }
    return std::to_string(hours / 24 / 365) + "y";
}

std::string translateTimestampSince(std::optional<std::int64_t> ts, std::int64_t now) {
    if (!ts)
        return "<unknown>";
    return humanDuration(now - *ts);
}

}  // namespace scaledeck::sim
