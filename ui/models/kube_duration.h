// Durations for people: kubectl's AGE column (apimachinery's duration.HumanDuration: "45s",
// "3m20s", "5h", "3d4h", "2y10d", rule for rule, so ScaleDeck and kubectl print the same age for
// the same pod), and the relative form used in sentences ("2 min ago"). The simulator has its own
// copy of HumanDuration (core/sim/human_duration.h); ui/ does not link the simulator, and the
// rule belongs in core/base once both can share it. Pure functions.
#pragma once

#include <QString>
#include <optional>

#include "base/time_format.h"

namespace scaledeck::ui {

// HumanDuration of a span in milliseconds; "<invalid>" more than a second in the future.
QString kubeDuration(base::UnixMillis millis);

// kubectl's translateTimestampSince: the age of `since` at `now`, "<unknown>" when unset.
QString kubeAge(std::optional<base::UnixMillis> since, base::UnixMillis now);

// "just now", "45 s ago", "2 min ago", "3 h ago", "4 d ago": coarse on purpose, for labels
// that refresh every second. A time in the future (clock skew) reads "just now".
QString relativeTime(base::UnixMillis when, base::UnixMillis now);

}  // namespace scaledeck::ui
