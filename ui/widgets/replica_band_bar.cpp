#include "ui/widgets/replica_band_bar.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>

#include "ui/widgets/state_colors.h"

namespace scaledeck::ui {

namespace {

constexpr int kTrackHeight = 12;
constexpr int kMarkerSize = 6;

}  // namespace

ReplicaBandBar::ReplicaBandBar(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void ReplicaBandBar::setReplicas(int current, int desired, int minReplicas, int maxReplicas) {
    m_current = std::max(0, current);
    m_desired = std::max(0, desired);
    m_min = std::max(0, minReplicas);
    m_max = std::max(m_min, maxReplicas);
    setToolTip(text());
    setAccessibleName(text());
    update();
}

QString ReplicaBandBar::text() const {
    return QStringLiteral("%1 current · %2 desired · min %3 · max %4")
        .arg(m_current)
        .arg(m_desired)
        .arg(m_min)
        .arg(m_max);
}

QSize ReplicaBandBar::sizeHint() const {
    const QFontMetrics fm = fontMetrics();
    return {320, kMarkerSize + kTrackHeight + 4 + fm.height()};
}

QSize ReplicaBandBar::minimumSizeHint() const {
    const QFontMetrics fm = fontMetrics();
    return {120, kMarkerSize + kTrackHeight + 4 + fm.height()};
}

void ReplicaBandBar::paintEvent(QPaintEvent* /*event*/) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing, true);
    const QPalette& pal = palette();
    const QFontMetrics fm = fontMetrics();

    // Room at both ends for the labels centred under the outer ticks.
    const int pad = fm.horizontalAdvance(QStringLiteral("max 100")) / 2;
    const QRect track(pad, kMarkerSize, std::max(10, width() - 2 * pad), kTrackHeight);
    const int scale = std::max({m_max, m_current, m_desired, 1});
    const auto xOf = [&](int replicas) {
        return track.left() +
               static_cast<int>(static_cast<double>(track.width()) * replicas / scale + 0.5);
    };

    painter.setPen(Qt::NoPen);
    painter.setBrush(pal.color(QPalette::Mid).lighter(StateColors::isDark(pal) ? 100 : 130));
    painter.drawRoundedRect(track, 3, 3);
    // The allowed band, min..max.
    QColor band = pal.color(QPalette::Highlight);
    band.setAlpha(60);
    painter.setBrush(band);
    painter.drawRect(QRect(QPoint(xOf(m_min), track.top()), QPoint(xOf(m_max), track.bottom())));
    // Current replicas.
    // At max the HPA cannot add capacity any more: that is the bound worth a warning. Resting
    // at min is the quiet normal.
    const bool atMax = m_current >= m_max;
    const bool outside = m_current > m_max || m_current < m_min;
    painter.setBrush(outside ? StateColors::fill(StateTone::Error, pal)
                     : atMax ? StateColors::fill(StateTone::Warning, pal)
                             : pal.color(QPalette::Highlight));
    if (m_current > 0)
        painter.drawRoundedRect(
            QRect(QPoint(track.left(), track.top()), QPoint(xOf(m_current), track.bottom())), 3, 3);

    // Ticks at min and max, labelled underneath.
    painter.setPen(QPen(pal.color(QPalette::WindowText), 1));
    for (const int tick : {m_min, m_max})
        painter.drawLine(xOf(tick), track.top() - 2, xOf(tick), track.bottom() + 2);
    painter.setPen(pal.color(QPalette::WindowText));
    const int labelTop = track.bottom() + 3;
    const auto label = [&](int x, const QString& text) {
        const int w = fm.horizontalAdvance(text);
        painter.drawText(QRect(x - w / 2, labelTop, w + 1, fm.height()),
                         Qt::AlignCenter | Qt::TextSingleLine, text);
    };
    const QString minText = QStringLiteral("min %1").arg(m_min);
    const QString maxText = QStringLiteral("max %1").arg(m_max);
    // Keep the two labels apart when min and max sit close together on the scale.
    const int minX = xOf(m_min);
    int maxX = xOf(m_max);
    const int needed = (fm.horizontalAdvance(minText) + fm.horizontalAdvance(maxText)) / 2 + 8;
    if (maxX - minX < needed)
        maxX = minX + needed;
    label(minX, minText);
    label(std::min(maxX, width() - pad), maxText);

    // Desired: a triangle above the track, pointing down at its place.
    const int dx = xOf(m_desired);
    QPainterPath marker;
    marker.moveTo(dx - kMarkerSize, 0);
    marker.lineTo(dx + kMarkerSize, 0);
    marker.lineTo(dx, kMarkerSize + 2);
    marker.closeSubpath();
    painter.setPen(Qt::NoPen);
    painter.setBrush(pal.color(QPalette::WindowText));
    painter.drawPath(marker);
}

}  // namespace scaledeck::ui
