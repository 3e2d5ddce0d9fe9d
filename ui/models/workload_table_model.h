// WorkloadTableModel: the Deployments and StatefulSets of a namespace as a flat table (Kind,
// Name, Ready, Desired). setRows() applies a new snapshot in place: rows that vanished are
// removed, new ones inserted and changed ones reported with dataChanged, each as contiguous
// ranges, so a view keeps its selection and scroll position through every refresh; the model
// never resets. Names come from the cluster and are returned as plain text; tooltips are
// HTML-escaped. GUI thread only.
#pragma once

#include <QAbstractTableModel>
#include <QList>

#include "ui/models/workload_row.h"

namespace scaledeck::ui {

class WorkloadTableModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { KindColumn, NameColumn, ReadyColumn, DesiredColumn, ColumnCount };

    explicit WorkloadTableModel(QObject* parent = nullptr);

    // Replaces the contents with `rows` (any order; kept sorted by kind, namespace, name).
    void setRows(QList<WorkloadRow> rows);
    const QList<WorkloadRow>& rows() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void emitChanged(int first, int last);

    QList<WorkloadRow> m_rows;
};

}  // namespace scaledeck::ui
