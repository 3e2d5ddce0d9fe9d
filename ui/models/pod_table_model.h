// PodTableModel: the pods of the dashboard as `kubectl get pods` shows them, plus what a scaling
// decision needs: Name, Status (kubectl's STATUS, precomputed in PodRow), Ready "2/2", Restarts
// "5 (2m ago)", Node, Age ("3d4h"), and the pod's effective CPU and memory requests in human
// notation ("0.55 cores", "576 MiB"). Every column has a numeric or textual SortRole
// (TableRole; Name, Status and Node sort by a NaturalSortKey kept with the row), rows carry
// ProblemRole (anything but a Running pod with every container ready, or a Completed one) and
// FilterTextRole (name, node, status).
//
// A pod keeps reporting Running for minutes after its node stops answering, as kubectl shows
// it; setNodeStates() lets the Node column say so ("gl-prod-worker-2 · NotReady", with a warning
// icon) without changing the pod's own status or problem count.
//
// Fed by applyBatch(cache::DeltaBatch<PodRow>) on the GUI thread; never resets (see
// KeyedRowModel). Ages are computed against an injectable DisplayClock; refreshTimes() reports
// the age columns as changed, for a view that ticks. Cluster text is returned as plain
// DisplayRole text and escaped tooltips.
#pragma once

#include <QHash>
#include <QString>

#include "kube/objects/pod_row.h"
#include "ui/models/display_clock.h"
#include "ui/models/keyed_row_model.h"

namespace scaledeck::ui {

class PodTableModel final : public KeyedRowModel<kube::objects::PodRow> {
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        StatusColumn,
        ReadyColumn,
        RestartsColumn,
        NodeColumn,
        AgeColumn,
        CpuRequestColumn,
        MemoryRequestColumn,
        // Last, so the other columns keep their numbers; the page shows it first, and only
        // when all namespaces are shown.
        NamespaceColumn,
        ColumnCount
    };

    explicit PodTableModel(QObject* parent = nullptr);

    void setClock(DisplayClock clock) { m_clock = std::move(clock); }
    // Ages and "(2m ago)" grow with time: tell the views to repaint those columns.
    void refreshTimes();

    int problemCount() const { return m_problems; }

    // The nodes that are not plainly Ready, by name, with kubectl's STATUS for each
    // ("NotReady", "Ready,SchedulingDisabled"). Healthy nodes are simply absent.
    // True if anything changed (then the Node column was reported changed).
    bool setNodeStates(QHash<QString, QString> troubledNodes);

    // What "problem" means for the filter and the counts; public so a header can explain it.
    static bool isProblem(const kube::objects::PodRow& pod);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // The row or problem count may have changed (once per batch).
    void countsChanged();

private:
    void rowEntered(const kube::objects::PodRow& row) override;
    void rowLeft(const kube::objects::PodRow& row) override;
    void batchApplied() override { Q_EMIT countsChanged(); }

    bool hasTextSortKey(int column) const override;
    std::string_view sortText(const kube::objects::PodRow& pod, int column) const override;

    QVariant display(const kube::objects::PodRow& pod, int column) const;
    // The SortRole of the columns without a text sort key.
    QVariant sortKey(const kube::objects::PodRow& pod, int column) const;
    QString tooltip(const kube::objects::PodRow& pod, int column) const;
    QString restartsText(const kube::objects::PodRow& pod) const;

    QString troubledNodeState(const kube::objects::PodRow& pod) const;

    DisplayClock m_clock = systemDisplayClock();
    QHash<QString, QString> m_troubledNodes;
    int m_problems = 0;
};

}  // namespace scaledeck::ui
