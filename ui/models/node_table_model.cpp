#include "ui/models/node_table_model.h"

#include <QApplication>
#include <QIcon>
#include <QStyle>
#include <algorithm>

#include "base/quantity.h"
#include "ui/models/table_roles.h"
#include "ui/plain_text.h"

namespace scaledeck::ui {

using kube::objects::ConditionStatus;
using kube::objects::NodeRow;

namespace {

QString qs(std::string_view text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

// "1.55" from 1550 milli-CPU: the number of humanCpu() without its unit, so a pair reads
// "1.55 / 3.92 cores".
QString coresNumber(std::int64_t milli) {
    QString text = QString::number(milli / 1000);
    if (const std::int64_t frac = milli % 1000; frac != 0) {
        QString digits = QStringLiteral("%1").arg(frac, 3, 10, QLatin1Char('0'));
        while (digits.endsWith(QLatin1Char('0')))
            digits.chop(1);
        text += QLatin1Char('.') + digits;
    }
    return text;
}

// kubectl describe node: int64(float64(requested) / float64(allocatable) * 100).
std::int64_t percentOf(std::int64_t requested, std::int64_t allocatable) {
    if (allocatable <= 0)
        return 0;
    return static_cast<std::int64_t>(static_cast<double>(requested) /
                                     static_cast<double>(allocatable) * 100.0);
}

Severity severityOf(const NodeRow& node) {
    if (node.ready.status != ConditionStatus::True)
        return Severity::Error;
    if (node.unschedulable || node.memoryPressure || node.diskPressure || node.pidPressure ||
        node.networkUnavailable)
        return Severity::Warning;
    return Severity::None;
}

}  // namespace

NodeTableModel::NodeTableModel(QObject* parent) : KeyedRowModel(parent) {}

QString NodeTableModel::statusText(const NodeRow& node) {
    QString status;
    switch (node.ready.status) {
        case ConditionStatus::True:
            status = QStringLiteral("Ready");
            break;
        case ConditionStatus::False:
        case ConditionStatus::Unknown:
            status = QStringLiteral("NotReady");
            break;
        case ConditionStatus::Absent:
            status = QStringLiteral("Unknown");
            break;
    }
    if (node.unschedulable)
        status += QStringLiteral(",SchedulingDisabled");
    return status;
}

bool NodeTableModel::isProblem(const NodeRow& node) {
    return severityOf(node) != Severity::None;
}

QString NodeTableModel::troubleText(const NodeRow& node) {
    if (!isProblem(node))
        return {};
    QString text = statusText(node);
    const std::pair<bool, const char*> pressures[] = {
        {node.memoryPressure, "MemoryPressure"},
        {node.diskPressure, "DiskPressure"},
        {node.pidPressure, "PIDPressure"},
        {node.networkUnavailable, "NetworkUnavailable"}};
    for (const auto& [present, name] : pressures) {
        if (present)
            text += QLatin1Char(',') + QString::fromLatin1(name);
    }
    return text;
}

void NodeTableModel::rowEntered(const NodeRow& row) {
    if (isProblem(row))
        ++m_problems;
}

void NodeTableModel::rowLeft(const NodeRow& row) {
    if (isProblem(row))
        --m_problems;
}

void NodeTableModel::applyPods(const cache::DeltaBatch<kube::objects::PodRow>& batch) {
    const auto touched = m_sums.apply(batch);
    if (touched.empty() || rowCount() == 0)
        return;
    std::vector<int> rows;
    for (const std::string& node : touched) {
        if (const int row = rowOfKey(node); row >= 0)
            rows.push_back(row);
    }
    if (rows.empty())
        return;
    // One span: nodes are few (hundreds), and the sums of every touched node changed at once,
    // so a proxy sorted by usage must see them in one signal (rows it has not been told about
    // yet would mislead it when it moves the others).
    const auto [first, last] = std::minmax_element(rows.begin(), rows.end());
    Q_EMIT dataChanged(index(*first, CpuColumn), index(*last, PodsColumn));
}

void NodeTableModel::setPodScope(const QString& scope) {
    if (scope == m_podScope)
        return;
    m_podScope = scope;
    Q_EMIT headerDataChanged(Qt::Horizontal, CpuColumn, PodsColumn);
}

int NodeTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NodeTableModel::display(const NodeRow& node, int column) const {
    const auto sums = m_sums.totalsOf(node.meta.name);
    switch (column) {
        case NameColumn:
            return QString::fromStdString(node.meta.name);
        case StatusColumn:
            return statusText(node);
        case CpuColumn:
            return QStringLiteral("%1 / %2 cores (%3 %)")
                .arg(coresNumber(sums.cpuMilli), coresNumber(node.allocatable.cpuMilli),
                     QString::number(percentOf(sums.cpuMilli, node.allocatable.cpuMilli)));
        case MemoryColumn:
            return QStringLiteral("%1 / %2 (%3 %)")
                .arg(QString::fromStdString(base::humanBytes(sums.memoryBytes)),
                     QString::fromStdString(base::humanBytes(node.allocatable.memoryBytes)),
                     QString::number(percentOf(sums.memoryBytes, node.allocatable.memoryBytes)));
        case PodsColumn:
            return QStringLiteral("%1 / %2").arg(sums.pods).arg(node.allocatable.pods);
        default:
            return {};
    }
}

bool NodeTableModel::hasTextSortKey(int column) const {
    return column == NameColumn;
}

std::string_view NodeTableModel::sortText(const NodeRow& node, int column) const {
    return column == NameColumn ? std::string_view(node.meta.name) : std::string_view();
}

QVariant NodeTableModel::sortKey(const NodeRow& node, int column) const {
    const auto sums = m_sums.totalsOf(node.meta.name);
    // Bars sort by how full the node is, not by the absolute amount.
    const auto perMille = [](std::int64_t used, std::int64_t total) -> qint64 {
        return total > 0 ? static_cast<qint64>(used * 1000 / total) : qint64{-1};
    };
    switch (column) {
        case CpuColumn:
            return perMille(sums.cpuMilli, node.allocatable.cpuMilli);
        case MemoryColumn:
            return perMille(sums.memoryBytes, node.allocatable.memoryBytes);
        case PodsColumn:
            return static_cast<qint64>(sums.pods);
        case StatusColumn:
            // Worst first when descending.
            return static_cast<qint64>(severityOf(node));
        default:
            return display(node, column);
    }
}

QVariant NodeTableModel::fraction(const NodeRow& node, int column) const {
    const auto sums = m_sums.totalsOf(node.meta.name);
    const auto ratio = [](std::int64_t used, std::int64_t total) -> QVariant {
        if (total <= 0)
            return {};
        return static_cast<double>(used) / static_cast<double>(total);
    };
    switch (column) {
        case CpuColumn:
            return ratio(sums.cpuMilli, node.allocatable.cpuMilli);
        case MemoryColumn:
            return ratio(sums.memoryBytes, node.allocatable.memoryBytes);
        case PodsColumn:
            return ratio(sums.pods, node.allocatable.pods);
        default:
            return {};
    }
}

QString NodeTableModel::tooltip(const NodeRow& node, int column) const {
    QStringList lines;
    const auto scopeLine = [this] {
        return m_podScope.isEmpty()
                   ? QStringLiteral("Requested: pods of every namespace on this node")
                   : QStringLiteral("Requested: only pods of %1 (other namespaces not counted)")
                         .arg(m_podScope);
    };
    switch (column) {
        case CpuColumn:
        case MemoryColumn:
        case PodsColumn:
            lines << scopeLine();
            lines << QStringLiteral("Allocatable: %1, %2, %3 pods")
                         .arg(
                             QString::fromStdString(base::humanCpu(node.allocatable.cpuMilli)),
                             QString::fromStdString(base::humanBytes(node.allocatable.memoryBytes)),
                             QString::number(node.allocatable.pods));
            lines << QStringLiteral("Capacity: %1, %2, %3 pods")
                         .arg(QString::fromStdString(base::humanCpu(node.capacity.cpuMilli)),
                              QString::fromStdString(base::humanBytes(node.capacity.memoryBytes)),
                              QString::number(node.capacity.pods));
            break;
        default: {
            lines << QString::fromStdString(node.meta.name) + QStringLiteral(": ") +
                         statusText(node);
            if (!node.ready.reason.empty() || !node.ready.message.empty())
                lines << QStringLiteral("Ready=%1 %2: %3")
                             .arg(QString::fromLatin1(toString(node.ready.status)),
                                  qs(node.ready.reason.view()), qs(node.ready.message.view()));
            if (node.unschedulable)
                lines << QStringLiteral("cordoned: new pods are not scheduled here");
            if (node.memoryPressure)
                lines << QStringLiteral("MemoryPressure");
            if (node.diskPressure)
                lines << QStringLiteral("DiskPressure");
            if (node.pidPressure)
                lines << QStringLiteral("PIDPressure");
            if (node.networkUnavailable)
                lines << QStringLiteral("NetworkUnavailable");
            for (const auto& taint : node.taints) {
                lines << QStringLiteral("taint %1=%2:%3")
                             .arg(qs(taint.key.view()), qs(taint.value.view()),
                                  QString::fromLatin1(toString(taint.effect)));
            }
            QStringList roles;
            for (const auto& role : node.roles)
                roles << qs(role.view());
            lines << QStringLiteral("roles: ") + (roles.isEmpty() ? QStringLiteral("<none>")
                                                                  : roles.join(QLatin1Char(',')));
            if (!node.kubeletVersion.empty())
                lines << QStringLiteral("kubelet ") + qs(node.kubeletVersion.view());
            if (!node.internalIP.empty())
                lines << QStringLiteral("internal IP ") + QString::fromStdString(node.internalIP);
            break;
        }
    }
    return plainTooltip(lines.join(QLatin1Char('\n')));
}

QVariant NodeTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const NodeRow& node = *rowAt(index.row());
    const int column = index.column();
    switch (role) {
        case Qt::DisplayRole:
            return display(node, column);
        case SortRole:
            if (const NaturalSortKey* key = naturalSortKeyAt(index.row(), column))
                return QVariant::fromValue(*key);
            return sortKey(node, column);
        case BarFractionRole:
            return fraction(node, column);
        case Qt::ToolTipRole:
            return tooltip(node, column);
        case ObjectKeyRole:
            return QString::fromStdString(keyAt(index.row()));
        case ProblemRole:
            return isProblem(node);
        case FilterTextRole:
            return QString::fromStdString(node.meta.name) + QLatin1Char('\n') + statusText(node);
        case SeverityRole:
            return static_cast<int>(column == StatusColumn ? severityOf(node) : Severity::None);
        case Qt::DecorationRole:
            if (column == StatusColumn) {
                switch (severityOf(node)) {
                    case Severity::Error:
                        return QApplication::style()->standardIcon(QStyle::SP_MessageBoxCritical);
                    case Severity::Warning:
                        return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
                    default:
                        break;
                }
            }
            return {};
        default:
            return {};
    }
}

QVariant NodeTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return KeyedRowModel::headerData(section, orientation, role);
    const bool scoped = !m_podScope.isEmpty();
    if (role == Qt::ToolTipRole &&
        (section == CpuColumn || section == MemoryColumn || section == PodsColumn)) {
        return plainTooltip(scoped ? tr("Requested by the pods of %1 / allocatable on the node; "
                                        "pods of other namespaces are not counted")
                                         .arg(m_podScope)
                                   : tr("Requested by all pods on the node / allocatable"));
    }
    if (role != Qt::DisplayRole)
        return KeyedRowModel::headerData(section, orientation, role);
    switch (section) {
        case NameColumn:
            return tr("Name");
        case StatusColumn:
            return tr("Status");
        case CpuColumn:
            return scoped ? tr("CPU requested* / allocatable") : tr("CPU requested / allocatable");
        case MemoryColumn:
            return scoped ? tr("Memory requested* / allocatable")
                          : tr("Memory requested / allocatable");
        case PodsColumn:
            return scoped ? tr("Pods* / slots") : tr("Pods / slots");
        default:
            return {};
    }
}

}  // namespace scaledeck::ui
