// Helpers that keep text from the cluster plain. Qt guesses whether a tooltip is rich text, so
// an escaped string must also be marked as HTML, or the escapes themselves would show.
#pragma once

#include <QString>

namespace scaledeck::ui {

// A tooltip that shows `text` literally, whatever markup it contains.
inline QString plainTooltip(const QString& text) {
    return QStringLiteral("<p style='white-space:pre'>") + text.toHtmlEscaped() +
           QStringLiteral("</p>");
}

}  // namespace scaledeck::ui
