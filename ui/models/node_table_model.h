// NodeTableModel: the cluster's nodes with what the pods on them request: Name, Status as
// `kubectl get nodes` prints it (Ready, NotReady, Unknown, with ",SchedulingDisabled" when
// cordoned), CPU and memory requested against allocatable ("1.55 / 3.92 cores (39 %)", with the
// fraction in BarFractionRole for UsageBarDelegate), and pods on the node against its pod slots.
// Percentages truncate like `kubectl describe node`.
//
// Nodes arrive with applyBatch(DeltaBatch<NodeRow>), pods with applyPods(DeltaBatch<PodRow>);
// either reports only the rows that changed (never a reset, see KeyedRowModel). The request sums
// are only as complete as the pod feed: setPodScope() names what it covers ("namespace
// greenlang" or empty for every namespace) so the header and tooltips can say so. GUI thread.
#pragma once

#include <QString>

#include "kube/objects/node_row.h"
#include "kube/objects/pod_row.h"
#include "ui/models/keyed_row_model.h"
#include "ui/models/node_request_sums.h"

namespace scaledeck::ui {

class NodeTableModel final : public KeyedRowModel<kube::objects::NodeRow> {
    Q_OBJECT

public:
    enum Column { NameColumn, StatusColumn, CpuColumn, MemoryColumn, PodsColumn, ColumnCount };

    explicit NodeTableModel(QObject* parent = nullptr);

    // Pod deltas for the request sums (any namespace; pods on unknown nodes are kept for when
    // their node arrives).
    void applyPods(const cache::DeltaBatch<kube::objects::PodRow>& batch);
    // Empty: the pod feed covers every namespace. Otherwise a phrase such as
    // "namespace greenlang", shown in the headers and tooltips.
    void setPodScope(const QString& scope);
    const QString& podScope() const { return m_podScope; }

    int problemCount() const { return m_problems; }
    NodeRequestSums::Totals requestedOn(const std::string& nodeName) const {
        return m_sums.totalsOf(nodeName);
    }

    // kubectl's STATUS column for a node.
    static QString statusText(const kube::objects::NodeRow& node);
    static bool isProblem(const kube::objects::NodeRow& node);
    // What is wrong with a node, in words: its STATUS plus any pressure it reports
    // ("NotReady", "Ready,MemoryPressure"); empty for a healthy node.
    static QString troubleText(const kube::objects::NodeRow& node);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void countsChanged();

private:
    void rowEntered(const kube::objects::NodeRow& row) override;
    void rowLeft(const kube::objects::NodeRow& row) override;
    void batchApplied() override { Q_EMIT countsChanged(); }

    // Name sorts by a NaturalSortKey kept with the row.
    bool hasTextSortKey(int column) const override;
    std::string_view sortText(const kube::objects::NodeRow& node, int column) const override;

    QVariant display(const kube::objects::NodeRow& node, int column) const;
    // The SortRole of the columns without a text sort key.
    QVariant sortKey(const kube::objects::NodeRow& node, int column) const;
    QVariant fraction(const kube::objects::NodeRow& node, int column) const;
    QString tooltip(const kube::objects::NodeRow& node, int column) const;

    NodeRequestSums m_sums;
    QString m_podScope;
    int m_problems = 0;
};

}  // namespace scaledeck::ui
