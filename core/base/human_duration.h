// Ages as kubectl prints them: apimachinery's duration.HumanDuration ("45s", "3m2s", "5h",
// "3d4h", "2y") and the printers' translateTimestampSince ("<unknown>" for an unset time). The
// thresholds and the truncation are apimachinery 1.32's, rule for rule, so the simulator's
// server-side Tables, scaledeck-cli and the dashboard all read the same as kubectl for the same
// objects at the same moment. Pure functions; one implementation serves all three.
#pragma once

#include <optional>
#include <string>

#include "base/time_format.h"

namespace scaledeck::base {

// A second of clock skew reads "0s"; more reads "<invalid>", as in kubectl.
std::string humanDuration(std::int64_t millis);

// "<unknown>" when the time is unset (absent, or 0 as compact rows store "absent").
std::string humanAge(std::optional<UnixMillis> since, UnixMillis now);

}  // namespace scaledeck::base
