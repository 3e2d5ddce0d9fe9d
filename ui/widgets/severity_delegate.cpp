#include "ui/widgets/severity_delegate.h"

#include "ui/models/table_roles.h"
#include "ui/widgets/state_colors.h"

namespace scaledeck::ui {

SeverityDelegate::SeverityDelegate(QObject* parent) : QStyledItemDelegate(parent) {}

void SeverityDelegate::initStyleOption(QStyleOptionViewItem* option,
                                       const QModelIndex& index) const {
    QStyledItemDelegate::initStyleOption(option, index);
    const auto severity = static_cast<Severity>(index.data(SeverityRole).toInt());
    const auto tone = StateColors::toneOf(severity);
    if (!tone)
        return;
    option->font.setBold(true);
    // Selected rows keep the palette's highlighted text colour: it is what contrasts with the
    // selection, and the bold weight and icon still mark the state.
    option->palette.setColor(QPalette::Text, StateColors::text(*tone, option->palette));
}

}  // namespace scaledeck::ui
