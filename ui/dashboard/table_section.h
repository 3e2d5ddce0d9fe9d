// TableSection: a titled table of the dashboard: a heading with counts ("Pods (47 · 2
// problems)"), a filter field and a "problems only" check box over a sortable QTableView. The
// section owns its TableFilterProxyModel; the source model belongs to the caller. Column widths
// are fitted to the contents once, when the first rows arrive, and then left alone, so live
// updates never make columns jump under the user's pointer. GUI thread only.
#pragma once

#include <QWidget>

class QAbstractItemModel;
class QCheckBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace scaledeck::ui {

class TableFilterProxyModel;

class TableSection final : public QWidget {
    Q_OBJECT

public:
    struct Options {
        QString name;           // object name prefix: "pods" -> "podsTable", "podsFilter", …
        QString filterHint;     // placeholder of the filter field
        QString problemsLabel;  // text of the check box
        bool sortable = true;   // false: keep the model's order (the event feed)
        int sortColumn = 0;
        Qt::SortOrder sortOrder = Qt::AscendingOrder;
        int stretchColumn = -1;  // the column that takes the spare width (-1: the last)
    };

    TableSection(QAbstractItemModel* model, const Options& options, QWidget* parent = nullptr);

    void setHeading(const QString& text);
    // Widens `column` (never narrows it) when its visible contents no longer fit, e.g. after a
    // node state was added to the pods' Node cells.
    void growColumnToContents(int column);
    // A footnote under the table (plain text); hidden when empty.
    void setNote(const QString& text);
    QLabel* note() const { return m_note; }
    QLabel* heading() const { return m_heading; }
    QLineEdit* filterEdit() const { return m_filter; }
    QCheckBox* problemsOnlyBox() const { return m_problemsOnly; }
    QTableView* view() const { return m_view; }
    TableFilterProxyModel* proxy() const { return m_proxy; }

Q_SIGNALS:
    // The filter text or the check box changed (so the heading's "shown" count may change).
    void filterChanged();

private:
    void fitColumnsOnce();

    QLabel* m_heading = nullptr;
    QLineEdit* m_filter = nullptr;
    QCheckBox* m_problemsOnly = nullptr;
    QTableView* m_view = nullptr;
    QLabel* m_note = nullptr;
    TableFilterProxyModel* m_proxy = nullptr;
    int m_stretchColumn = -1;
    bool m_fitted = false;
};

}  // namespace scaledeck::ui
