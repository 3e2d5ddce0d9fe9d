// StateColors: the only hard-coded colours of the UI, for states (good, info, warning, error),
// each in a light and a dark variant chosen from the palette the widget is drawn with, so the
// dashboard follows the system theme. A state colour always accompanies words or an icon; it is
// never the only signal. Text variants keep a contrast of at least 4.5:1 against the palette's
// base colour of their theme; fill variants are for bars and markers.
#pragma once

#include <QColor>
#include <QPalette>
#include <optional>

#include "ui/models/table_roles.h"

namespace scaledeck::ui {

enum class StateTone { Good, Info, Warning, Error };

class StateColors final {
public:
    // A dark theme: the window colour is darker than mid-grey.
    static bool isDark(const QPalette& palette);
    static QColor text(StateTone tone, const QPalette& palette);
    static QColor fill(StateTone tone, const QPalette& palette);
    // The tone of a table Severity; None has no tone (use the palette's own text colour).
    static std::optional<StateTone> toneOf(Severity severity);
};

}  // namespace scaledeck::ui
