#include "ui/models/relative_time.h"

namespace scaledeck::ui {

QString relativeTime(base::UnixMillis when, base::UnixMillis now) {
    const std::int64_t seconds = (now - when) / 1000;
    if (seconds < 1)
        return QStringLiteral("just now");
    if (seconds < 60)
        return QStringLiteral("%1 s ago").arg(seconds);
    if (seconds < 120 * 60)
        return QStringLiteral("%1 min ago").arg(seconds / 60);
    if (seconds < 48 * 3600)
        return QStringLiteral("%1 h ago").arg(seconds / 3600);
    return QStringLiteral("%1 d ago").arg(seconds / 86400);
}

}  // namespace scaledeck::ui
