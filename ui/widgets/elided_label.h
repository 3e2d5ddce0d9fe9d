// ElidedLabel: one line of plain text that shortens itself with "…" when its space is short, and
// then shows the whole text in an escaped tooltip (plainTooltip). Made for messages from the
// cluster (condition messages, event notes): the text is painted with QPainter::drawText, never
// interpreted as markup, so "<b>x</b>" reads exactly that. Line breaks are shown as spaces.
#pragma once

#include <QString>
#include <QWidget>

namespace scaledeck::ui {

class ElidedLabel final : public QWidget {
    Q_OBJECT

public:
    explicit ElidedLabel(QWidget* parent = nullptr);
    explicit ElidedLabel(const QString& text, QWidget* parent = nullptr);

    void setText(const QString& text);
    QString text() const { return m_text; }
    // The text as currently painted (elided to the widget's width).
    QString displayedText() const;
    void setAlignment(Qt::Alignment alignment);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString m_text;
    QString m_line;  // m_text on one line
    Qt::Alignment m_alignment = Qt::AlignLeft | Qt::AlignVCenter;
};

}  // namespace scaledeck::ui
