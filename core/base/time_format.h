// RFC 3339 timestamps as Kubernetes writes them ("2026-11-28T15:51:53Z", UTC, seconds
// precision; MicroTime with 6 fractional digits), and parsing of the forms servers emit.
// Times are milliseconds since the Unix epoch so that simulated clocks compose with real ones.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace scaledeck::base {

using UnixMillis = std::int64_t;

std::string formatRfc3339(UnixMillis t);       // seconds precision, "Z"
std::string formatRfc3339Micro(UnixMillis t);  // "2026-11-28T15:51:53.123000Z"
std::optional<UnixMillis> parseRfc3339(std::string_view text);

}  // namespace scaledeck::base
