#include "ui/models/workload_table_model.h"

#include <QApplication>
#include <QIcon>
#include <QStyle>
#include <algorithm>

#include "ui/plain_text.h"

namespace scaledeck::ui {

WorkloadTableModel::WorkloadTableModel(QObject* parent) : QAbstractTableModel(parent) {}

int WorkloadTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int WorkloadTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WorkloadTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const WorkloadRow& row = m_rows.at(index.row());
    const bool short_ = row.readyReplicas < row.desiredReplicas;
    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case KindColumn:
                    return row.kind;
                case NameColumn:
                    return row.name;
                case ReadyColumn:
                    return row.readyReplicas;
                case DesiredColumn:
                    return row.desiredReplicas;
                default:
                    return {};
            }
        case Qt::ToolTipRole:
            if (index.column() == ReadyColumn || index.column() == DesiredColumn) {
                return plainTooltip(QStringLiteral("%1 of %2 replicas ready")
                                        .arg(QString::number(row.readyReplicas),
                                             QString::number(row.desiredReplicas)));
            }
            return plainTooltip(row.kind + QLatin1Char(' ') + row.namespaceName + QLatin1Char('/') +
                                row.name);
        case Qt::TextAlignmentRole:
            if (index.column() == ReadyColumn || index.column() == DesiredColumn) {
                return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
            }
            return {};
        case Qt::DecorationRole:
            // Colour is never the only signal: a workload short of ready replicas gets an icon.
            if (index.column() == ReadyColumn && short_) {
                return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
            }
            return {};
        default:
            return {};
    }
}

QVariant WorkloadTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    const bool numeric = section == ReadyColumn || section == DesiredColumn;
    if (orientation == Qt::Horizontal && role == Qt::TextAlignmentRole && numeric) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
        case KindColumn:
            return tr("Kind");
        case NameColumn:
            return tr("Name");
        case ReadyColumn:
            return tr("Ready");
        case DesiredColumn:
            return tr("Desired");
        default:
            return {};
    }
}

void WorkloadTableModel::setRows(QList<WorkloadRow> rows) {
    const auto less = [](const WorkloadRow& a, const WorkloadRow& b) { return a.key() < b.key(); };
    std::sort(rows.begin(), rows.end(), less);
    rows.erase(
        std::unique(rows.begin(), rows.end(),
                    [](const WorkloadRow& a, const WorkloadRow& b) { return a.key() == b.key(); }),
        rows.end());

    // A merge of two sorted lists: runs of vanished rows are removed, runs of new rows inserted,
    // and rows present in both are compared field by field.
    qsizetype i = 0;  // position in m_rows (already merged up to i)
    qsizetype j = 0;  // position in rows
    int changedFirst = -1;
    int changedLast = -1;
    const auto flushChanged = [&] {
        if (changedFirst >= 0)
            emitChanged(changedFirst, changedLast);
        changedFirst = changedLast = -1;
    };
    while (i < m_rows.size() || j < rows.size()) {
        const bool oldLeft = i < m_rows.size();
        const bool newLeft = j < rows.size();
        if (oldLeft && (!newLeft || less(m_rows[i], rows[j]))) {
            flushChanged();
            qsizetype end = i;
            while (end < m_rows.size() && (!newLeft || less(m_rows[end], rows[j])))
                ++end;
            beginRemoveRows({}, static_cast<int>(i), static_cast<int>(end - 1));
            m_rows.remove(i, end - i);
            endRemoveRows();
        } else if (newLeft && (!oldLeft || less(rows[j], m_rows[i]))) {
            flushChanged();
            qsizetype end = j;
            while (end < rows.size() && (!oldLeft || less(rows[end], m_rows[i])))
                ++end;
            const qsizetype count = end - j;
            beginInsertRows({}, static_cast<int>(i), static_cast<int>(i + count - 1));
            for (qsizetype k = 0; k < count; ++k)
                m_rows.insert(i + k, rows[j + k]);
            endInsertRows();
            i += count;
            j = end;
        } else {
            if (m_rows[i] != rows[j]) {
                m_rows[i] = rows[j];
                if (changedFirst < 0)
                    changedFirst = static_cast<int>(i);
                changedLast = static_cast<int>(i);
            } else {
                flushChanged();
            }
            ++i;
            ++j;
        }
    }
    flushChanged();
}

void WorkloadTableModel::emitChanged(int first, int last) {
    Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

}  // namespace scaledeck::ui
