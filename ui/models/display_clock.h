// DisplayClock: where models and widgets read "now" to print ages ("3d4h", "2 min ago"). A plain
// function so tests and the simulator's manual clock can drive the display; the default is the
// system clock. Called on the GUI thread, often (once per painted age cell), so it must be cheap.
#pragma once

#include <QDateTime>
#include <functional>

#include "base/time_format.h"

namespace scaledeck::ui {

using DisplayClock = std::function<base::UnixMillis()>;

inline DisplayClock systemDisplayClock() {
    return [] { return static_cast<base::UnixMillis>(QDateTime::currentMSecsSinceEpoch()); };
}

}  // namespace scaledeck::ui
