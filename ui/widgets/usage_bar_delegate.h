// UsageBarDelegate: draws "requested of allocatable" cells as a small bar followed by the cell's
// own text ("1.55 / 3.92 cores (39 %)"), so the number is always there to read and the bar only
// helps the eye. The bar fills by BarFractionRole (TableRole); its colour turns to the warning
// tone from 75 % and the error tone from 90 % (a scale-up needs headroom long before 100 %), and
// a fill past 100 % is drawn full with a marker at the end. Cells without a fraction are drawn
// as plain text. Everything is painted, nothing is rich text.
#pragma once

#include "ui/widgets/severity_delegate.h"

namespace scaledeck::ui {

class UsageBarDelegate final : public SeverityDelegate {
    Q_OBJECT

public:
    static constexpr int kBarWidth = 64;
    static constexpr int kBarHeight = 8;
    static constexpr double kWarningFraction = 0.75;
    static constexpr double kErrorFraction = 0.90;

    explicit UsageBarDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

}  // namespace scaledeck::ui
