// Age strings as the Kubernetes API server prints them in Table cells: apimachinery's
// duration.HumanDuration ("45s", "3m20s", "5h", "2d3h", "3y12d") and the printers'
// translateTimestampSince ("<unknown>" for an unset timestamp). The rounding and the
// thresholds are copied rule for rule so that kubectl output matches a real cluster.
// Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace scaledeck::sim {

// Durations a little in the future (down to -1 s, after truncation to whole seconds) print
// "0s" because clocks of different machines disagree; anything further ahead is "<invalid>".
std::string humanDuration(std::int64_t millis);

// Age of `ts` (Unix milliseconds) at `now`; "<unknown>" when the timestamp is unset.
std::string translateTimestampSince(std::optional<std::int64_t> ts, std::int64_t now);

}  // namespace scaledeck::sim
