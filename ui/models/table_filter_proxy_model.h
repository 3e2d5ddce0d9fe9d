// TableFilterProxyModel: sort and filter for the dashboard's tables (pods, nodes, events), driven
// by the shared TableRole roles so one class serves every model. Sorting compares SortRole:
// numbers numerically (restarts, ages, requests), text in natural order ("redis-2" before
// "redis-10"), ties broken by ObjectKeyRole so equal rows never swap places between updates.
// Text that the model keeps a NaturalSortKey for (SortKeySource) is compared by those
// keys, in place: a sort or a live re-sort then builds, copies and folds no text. The text filter
// matches FilterTextRole case-insensitively as a plain substring (no regular expressions: a pod
// name typed at 3 a.m. must not be a syntax error); "problems only" keeps the rows whose
// ProblemRole is true. Re-sorts and re-filters as the source changes.
#pragma once

#include <QPointer>
#include <QSortFilterProxyModel>
#include <QStringView>

namespace scaledeck::ui {

class SortKeySource;

class TableFilterProxyModel final : public QSortFilterProxyModel {
    Q_OBJECT

public:
    explicit TableFilterProxyModel(QObject* parent = nullptr);

    void setSourceModel(QAbstractItemModel* model) override;

    void setFilterText(const QString& text);
    QString filterText() const { return m_text; }
    void setProblemsOnly(bool problemsOnly);
    bool problemsOnly() const { return m_problemsOnly; }
    // True while a filter hides rows it could hide (text or problems only).
    bool isFiltering() const { return !m_text.isEmpty() || m_problemsOnly; }

Q_SIGNALS:
    void filterChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

public:
    // Natural order, case-insensitive: digit runs compare as numbers ("pod-9" < "pod-10").
    // Negative, zero or positive like QString::compare. Builds no temporaries. (A strict weak
    // order as long as no digit run starts with a non-ASCII digit: such a run compares with
    // letters by its first character but with other runs by value.)
    static int naturalCompare(QStringView a, QStringView b);

private:
    int tieOrder(const QModelIndex& left, const QModelIndex& right) const;

    // The source model's kept sort keys, when it has them (SortKeySource).
    QPointer<QAbstractItemModel> m_keyModel;
    const SortKeySource* m_keySource = nullptr;
    QString m_text;
    bool m_problemsOnly = false;
};

}  // namespace scaledeck::ui
