// SeverityDelegate: a table delegate that emphasises cells by their SeverityRole (TableRole):
// warnings and errors in bold with the state colour of the current theme, Info (such as a
// SuccessfulRescale event) in bold with the info colour. The model supplies the words and the
// icon; this only adds weight and colour, so nothing depends on colour alone. Text is painted by
// QStyledItemDelegate as plain text, so markup in cluster data is shown literally.
#pragma once

#include <QStyledItemDelegate>

namespace scaledeck::ui {

class SeverityDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    explicit SeverityDelegate(QObject* parent = nullptr);

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};

}  // namespace scaledeck::ui
