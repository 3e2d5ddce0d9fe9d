// A moment as people say it in a sentence ("just now", "2 min ago", "3 h ago"), for status
// lines and cards. Tables use kubectl's AGE form instead (base/human_duration.h) so they read
// like kubectl. Pure function.
#pragma once

#include <QString>

#include "base/time_format.h"

namespace scaledeck::ui {

QString relativeTime(base::UnixMillis when, base::UnixMillis now);

}  // namespace scaledeck::ui
