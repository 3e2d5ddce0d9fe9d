#include "ui/models/kube_duration.h"

namespace scaledeck::ui {
namespace {

QString n(std::int64_t value) {
    return QString::number(value);
}

}  // namespace

QString kubeDuration(base::UnixMillis millis) {
    // Go's int(d.Seconds()) truncates toward zero, as C++ division does.
    const std::int64_t seconds = millis / 1000;
    if (seconds < -1)
        return QStringLiteral("<invalid>");
    if (seconds < 0)
        return QStringLiteral("0s");
    if (seconds < 60 * 2)
        return n(seconds) + QLatin1Char('s');

    const std::int64_t minutes = seconds / 60;
    if (minutes < 10) {
        const std::int64_t s = seconds % 60;
        return s == 0 ? n(minutes) + QLatin1Char('m')
                      : n(minutes) + QLatin1Char('m') + n(s) + QLatin1Char('s');
    }
    if (minutes < 60 * 3)
        return n(minutes) + QLatin1Char('m');

    const std::int64_t hours = minutes / 60;
    if (hours < 8) {
        const std::int64_t m = minutes % 60;
        return m == 0 ? n(hours) + QLatin1Char('h')
                      : n(hours) + QLatin1Char('h') + n(m) + QLatin1Char('m');
    }
    if (hours < 48)
        return n(hours) + QLatin1Char('h');
    if (hours < 24 * 8) {
        const std::int64_t h = hours % 24;
        return h == 0 ? n(hours / 24) + QLatin1Char('d')
                      : n(hours / 24) + QLatin1Char('d') + n(h) + QLatin1Char('h');
    }
    if (hours < 24 * 365 * 2)
        return n(hours / 24) + QLatin1Char('d');
    if (hours < 24 * 365 * 8) {
        const std::int64_t dy = (hours / 24) % 365;
        return dy == 0 ? n(hours / 24 / 365) + QLatin1Char('y')
                       : n(hours / 24 / 365) + QLatin1Char('y') + n(dy) + QLatin1Char('d');
    }
    return n(hours / 24 / 365) + QLatin1Char('y');
}

QString kubeAge(std::optional<base::UnixMillis> since, base::UnixMillis now) {
    if (!since)
        return QStringLiteral("<unknown>");
    return kubeDuration(now - *since);
}

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
