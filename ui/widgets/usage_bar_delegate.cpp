#include "ui/widgets/usage_bar_delegate.h"

#include <QApplication>
#include <QPainter>
#include <algorithm>

#include "ui/models/table_roles.h"
#include "ui/widgets/state_colors.h"

namespace scaledeck::ui {

namespace {

constexpr int kGap = 6;

}  // namespace

UsageBarDelegate::UsageBarDelegate(QObject* parent) : SeverityDelegate(parent) {}

void UsageBarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                             const QModelIndex& index) const {
    const QVariant fractionData = index.data(BarFractionRole);
    if (!fractionData.isValid()) {
        SeverityDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget* widget = opt.widget;
    QStyle* style = widget != nullptr ? widget->style() : QApplication::style();
    // Background, selection and focus as the style draws them.
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QRect content = opt.rect.adjusted(kGap, 0, -kGap, 0);
    const QRect bar(content.left(), content.center().y() - kBarHeight / 2 + 1, kBarWidth,
                    kBarHeight);
    const double fraction = fractionData.toDouble();
    const QPalette& palette = opt.palette;
    StateTone tone = StateTone::Good;
    if (fraction >= kErrorFraction)
        tone = StateTone::Error;
    else if (fraction >= kWarningFraction)
        tone = StateTone::Warning;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setPen(Qt::NoPen);
    painter->setBrush(palette.color(QPalette::Mid));
    painter->drawRoundedRect(bar, 2, 2);
    const int filled = static_cast<int>(bar.width() * std::clamp(fraction, 0.0, 1.0) + 0.5);
    if (filled > 0) {
        QColor fill = tone == StateTone::Good ? palette.color(QPalette::Highlight)
                                              : StateColors::fill(tone, palette);
        painter->setBrush(fill);
        painter->drawRoundedRect(QRect(bar.left(), bar.top(), filled, bar.height()), 2, 2);
    }
    if (fraction > 1.0) {
        // Over-committed: a solid end cap, in addition to the percentage in the text.
        painter->setBrush(palette.color(QPalette::Text));
        painter->drawRect(QRect(bar.right() - 2, bar.top() - 2, 3, bar.height() + 4));
    }
    painter->restore();

    const QRect textRect = content.adjusted(kBarWidth + kGap, 0, 0, 0);
    const QPalette::ColorRole role =
        (opt.state & QStyle::State_Selected) ? QPalette::HighlightedText : QPalette::Text;
    painter->save();
    painter->setFont(opt.font);
    painter->setPen(palette.color(role));
    const QString elided = opt.fontMetrics.elidedText(text, Qt::ElideRight, textRect.width());
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft | Qt::TextSingleLine, elided);
    painter->restore();
}

QSize UsageBarDelegate::sizeHint(const QStyleOptionViewItem& option,
                                 const QModelIndex& index) const {
    QSize size = SeverityDelegate::sizeHint(option, index);
    if (index.data(BarFractionRole).isValid())
        size.rwidth() += kBarWidth + 2 * kGap;
    return size;
}

}  // namespace scaledeck::ui
