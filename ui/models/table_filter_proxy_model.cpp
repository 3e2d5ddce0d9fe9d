#include "ui/models/table_filter_proxy_model.h"

#include "ui/models/table_roles.h"

namespace scaledeck::ui {

namespace {

bool isNumber(const QVariant& v) {
    switch (v.typeId()) {
        case QMetaType::LongLong:
        case QMetaType::Int:
        case QMetaType::Double:
        case QMetaType::ULongLong:
        case QMetaType::UInt:
            return true;
        default:
            return false;
    }
}

}  // namespace

TableFilterProxyModel::TableFilterProxyModel(QObject* parent) : QSortFilterProxyModel(parent) {
    setSortRole(SortRole);
    setDynamicSortFilter(true);
}

void TableFilterProxyModel::setFilterText(const QString& text) {
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateRowsFilter();
    Q_EMIT filterChanged();
}

void TableFilterProxyModel::setProblemsOnly(bool problemsOnly) {
    if (problemsOnly == m_problemsOnly)
        return;
    m_problemsOnly = problemsOnly;
    invalidateRowsFilter();
    Q_EMIT filterChanged();
}

int TableFilterProxyModel::naturalCompare(const QString& a, const QString& b) {
    // QCollator's numeric mode depends on the platform's collation (none in the C locale), so
    // the rule is spelled out: Kubernetes names are ASCII, ordinals are digit runs.
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i].isDigit() && b[j].isDigit()) {
            qsizetype ei = i;
            qsizetype ej = j;
            while (ei < a.size() && a[ei].isDigit())
                ++ei;
            while (ej < b.size() && b[ej].isDigit())
                ++ej;
            // Compare digit runs by value: strip leading zeros, then length, then digits.
            qsizetype zi = i;
            qsizetype zj = j;
            while (zi + 1 < ei && a[zi] == QLatin1Char('0'))
                ++zi;
            while (zj + 1 < ej && b[zj] == QLatin1Char('0'))
                ++zj;
            if (ei - zi != ej - zj)
                return ei - zi < ej - zj ? -1 : 1;
            if (const int order =
                    QStringView(a).mid(zi, ei - zi).compare(QStringView(b).mid(zj, ej - zj));
                order != 0)
                return order;
            i = ei;
            j = ej;
            continue;
        }
        const QChar ca = a[i].toCaseFolded();
        const QChar cb = b[j].toCaseFolded();
        if (ca != cb)
            return ca < cb ? -1 : 1;
        ++i;
        ++j;
    }
    if (i < a.size() || j < b.size())
        return i < a.size() ? 1 : -1;
    // Equal but for case or leading zeros: fall back to a plain order so the sort stays total.
    return a.compare(b);
}

bool TableFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_problemsOnly && !index.data(ProblemRole).toBool())
        return false;
    if (m_text.isEmpty())
        return true;
    return index.data(FilterTextRole).toString().contains(m_text, Qt::CaseInsensitive);
}

bool TableFilterProxyModel::lessThan(const QModelIndex& left, const QModelIndex& right) const {
    const QVariant a = left.data(SortRole);
    const QVariant b = right.data(SortRole);
    if (isNumber(a) && isNumber(b)) {
        if (a.typeId() == QMetaType::Double || b.typeId() == QMetaType::Double) {
            if (a.toDouble() != b.toDouble())
                return a.toDouble() < b.toDouble();
        } else if (a.toLongLong() != b.toLongLong()) {
            return a.toLongLong() < b.toLongLong();
        }
    } else if (const int order = naturalCompare(a.toString(), b.toString()); order != 0) {
        return order < 0;
    }
    // Equal keys: a fixed order, so live updates never shuffle equal rows.
    const QString ka = left.data(ObjectKeyRole).toString();
    const QString kb = right.data(ObjectKeyRole).toString();
    if (ka != kb)
        return ka < kb;
    return left.row() < right.row();
}

}  // namespace scaledeck::ui
