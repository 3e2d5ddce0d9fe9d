#include "ui/models/pod_table_model.h"

#include <QApplication>
#include <QIcon>
#include <QStyle>

#include "base/human_duration.h"
#include "base/quantity.h"
#include "ui/models/pod_requests.h"
#include "ui/models/table_roles.h"
#include "ui/plain_text.h"

namespace scaledeck::ui {

using kube::objects::PodPhase;
using kube::objects::PodRow;

namespace {

QString qs(std::string_view text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

// A restart within this long still deserves a second look at the RESTARTS column.
constexpr base::UnixMillis kRecentRestartMillis = 60LL * 60 * 1000;

bool isCrashing(std::string_view status) {
    // kubectl statuses that mean the pod cannot run, rather than has not started yet.
    for (const std::string_view bad :
         {"CrashLoopBackOff", "Error", "OOMKilled", "ImagePullBackOff", "ErrImagePull",
          "InvalidImageName", "CreateContainerConfigError", "CreateContainerError", "Evicted",
          "Unknown", "NodeLost", "ContainerStatusUnknown", "Failed"}) {
        if (status.find(bad) != std::string_view::npos)
            return true;
    }
    return false;
}

Severity severityOf(const PodRow& pod) {
    if (!PodTableModel::isProblem(pod))
        return Severity::None;
    return pod.phase == PodPhase::Failed || isCrashing(pod.status.view()) ? Severity::Error
                                                                          : Severity::Warning;
}

QString requestText(bool set, const std::string& human) {
    return set ? QString::fromStdString(human) : QStringLiteral("not set");
}

}  // namespace

PodTableModel::PodTableModel(QObject* parent) : KeyedRowModel(parent) {}

bool PodTableModel::isProblem(const PodRow& pod) {
    // A finished Job pod is not a problem; everything short of "Running and ready" is.
    if (pod.phase == PodPhase::Succeeded && pod.status.view() == "Completed")
        return false;
    return pod.status.view() != "Running" || pod.readyContainers < pod.totalContainers ||
           pod.meta.deletionTimestamp.has_value();
}

void PodTableModel::rowEntered(const PodRow& row) {
    if (isProblem(row))
        ++m_problems;
}

void PodTableModel::rowLeft(const PodRow& row) {
    if (isProblem(row))
        --m_problems;
}

void PodTableModel::refreshTimes() {
    emitColumnsChanged(RestartsColumn, AgeColumn);
}

bool PodTableModel::setNodeStates(QHash<QString, QString> troubledNodes) {
    if (troubledNodes == m_troubledNodes)
        return false;
    m_troubledNodes = std::move(troubledNodes);
    emitColumnsChanged(NodeColumn, NodeColumn);
    return true;
}

QString PodTableModel::troubledNodeState(const PodRow& pod) const {
    if (m_troubledNodes.isEmpty() || pod.nodeName.empty())
        return {};
    return m_troubledNodes.value(qs(pod.nodeName.view()));
}

int PodTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString PodTableModel::restartsText(const PodRow& pod) const {
    if (pod.restarts > 0 && pod.lastRestartTime) {
        return QStringLiteral("%1 (%2 ago)")
            .arg(QString::number(pod.restarts),
                 QString::fromStdString(base::humanAge(pod.lastRestartTime, m_clock())));
    }
    return QString::number(pod.restarts);
}

QVariant PodTableModel::display(const PodRow& pod, int column) const {
    switch (column) {
        case NameColumn:
            return QString::fromStdString(pod.meta.name);
        case StatusColumn:
            return qs(pod.status.view());
        case ReadyColumn:
            return QStringLiteral("%1/%2").arg(pod.readyContainers).arg(pod.totalContainers);
        case RestartsColumn:
            return restartsText(pod);
        case NodeColumn: {
            if (pod.nodeName.empty())
                return QStringLiteral("<none>");
            const QString state = troubledNodeState(pod);
            return state.isEmpty() ? qs(pod.nodeName.view())
                                   : qs(pod.nodeName.view()) + QStringLiteral(" · ") + state;
        }
        case AgeColumn:
            return QString::fromStdString(base::humanAge(pod.meta.creationTimestamp, m_clock()));
        case CpuRequestColumn: {
            const PodRequests r = podRequests(pod);
            return requestText(r.cpuSet, base::humanCpu(r.cpuMilli));
        }
        case MemoryRequestColumn: {
            const PodRequests r = podRequests(pod);
            return requestText(r.memorySet, base::humanBytes(r.memoryBytes));
        }
        case NamespaceColumn:
            return qs(pod.meta.namespaceName.view());
        default:
            return {};
    }
}

bool PodTableModel::hasTextSortKey(int column) const {
    return column == NameColumn || column == StatusColumn || column == NodeColumn ||
           column == NamespaceColumn;
}

std::string_view PodTableModel::sortText(const PodRow& pod, int column) const {
    switch (column) {
        case NameColumn:
            return pod.meta.name;
        case StatusColumn:
            return pod.status.view();
        case NodeColumn:
            // The node's name alone: its state (setNodeStates) does not move the row.
            return pod.nodeName.view();
        case NamespaceColumn:
            return pod.meta.namespaceName.view();
        default:
            return {};
    }
}

QVariant PodTableModel::sortKey(const PodRow& pod, int column) const {
    switch (column) {
        case ReadyColumn:
            // Fewest ready first when ascending: what is missing matters most.
            return static_cast<qint64>(pod.readyContainers) * 1000 -
                   static_cast<qint64>(pod.totalContainers);
        case RestartsColumn:
            return static_cast<qint64>(pod.restarts);
        case AgeColumn:
            // Youngest first when ascending, like a growing age.
            return -static_cast<qint64>(pod.meta.creationTimestamp);
        case CpuRequestColumn: {
            const PodRequests r = podRequests(pod);
            return r.cpuSet ? static_cast<qint64>(r.cpuMilli) : qint64{-1};
        }
        case MemoryRequestColumn: {
            const PodRequests r = podRequests(pod);
            return r.memorySet ? static_cast<qint64>(r.memoryBytes) : qint64{-1};
        }
        default:  // Name, Status and Node have sortText()
            return display(pod, column);
    }
}

QString PodTableModel::tooltip(const PodRow& pod, int column) const {
    QStringList lines;
    switch (column) {
        case StatusColumn:
        case ReadyColumn:
            lines << QStringLiteral("Status: %1 (phase %2)")
                         .arg(qs(pod.status.view()), QString::fromLatin1(toString(pod.phase)));
            if (!pod.statusReason.empty() || !pod.statusMessage.empty())
                lines << qs(pod.statusReason.view()) + QStringLiteral(": ") +
                             qs(pod.statusMessage.view());
            if (!pod.scheduled.isTrue() && !pod.scheduled.reason.empty())
                lines << QStringLiteral("Not scheduled: ") + qs(pod.scheduled.reason.view()) +
                             QStringLiteral(" — ") + qs(pod.scheduled.message.view());
            if (!pod.ready.isTrue() && !pod.ready.reason.empty())
                lines << QStringLiteral("Not ready: ") + qs(pod.ready.reason.view()) +
                             QStringLiteral(" — ") + qs(pod.ready.message.view());
            for (const auto& c : pod.containers) {
                if (!c.stateReason.empty())
                    lines << QStringLiteral("container %1: %2")
                                 .arg(qs(c.name.view()), qs(c.stateReason.view()));
            }
            break;
        case RestartsColumn:
            lines << QStringLiteral("%1 restarts").arg(pod.restarts);
            for (const auto& c : pod.containers) {
                if (c.restartCount > 0 || !c.lastTerminationReason.empty()) {
                    lines << QStringLiteral("container %1: %2 restarts, last terminated: %3")
                                 .arg(qs(c.name.view()), QString::number(c.restartCount),
                                      c.lastTerminationReason.empty()
                                          ? QStringLiteral("-")
                                          : qs(c.lastTerminationReason.view()));
                }
            }
            break;
        case CpuRequestColumn:
        case MemoryRequestColumn:
            lines << QStringLiteral("Requests per container (limits):");
            for (const auto& c : pod.containers) {
                const auto& r = c.resources;
                const auto cpu = [](const std::optional<std::int64_t>& v) {
                    return v ? QString::fromStdString(base::Quantity::formatMilliDecimal(*v))
                             : QStringLiteral("-");
                };
                const auto mem = [](const std::optional<std::int64_t>& v) {
                    return v ? QString::fromStdString(base::Quantity::formatBytesBinary(*v))
                             : QStringLiteral("-");
                };
                lines << QStringLiteral("%1%2: cpu %3 (%4), memory %5 (%6)")
                             .arg(qs(c.name.view()), c.init ? QStringLiteral(" [init]") : QString(),
                                  cpu(r.cpuRequestMilli), cpu(r.cpuLimitMilli),
                                  mem(r.memoryRequestBytes), mem(r.memoryLimitBytes));
            }
            break;
        case NodeColumn:
            if (const QString state = troubledNodeState(pod); !state.isEmpty()) {
                lines << QStringLiteral("node %1 is %2: the pod's own status may be stale")
                             .arg(qs(pod.nodeName.view()), state);
                break;
            }
            [[fallthrough]];
        default:
            lines << QString::fromStdString(cache::objectKey(pod));
            if (!pod.nodeName.empty())
                lines << QStringLiteral("node: ") + qs(pod.nodeName.view());
            if (!pod.podIP.empty())
                lines << QStringLiteral("IP: ") + QString::fromStdString(pod.podIP);
            lines << QStringLiteral("QoS: ") + QString::fromLatin1(toString(pod.qosClass));
            if (pod.meta.creationTimestamp != 0)
                lines << QStringLiteral("created ") + QString::fromStdString(base::formatRfc3339(
                                                          pod.meta.creationTimestamp));
            break;
    }
    return plainTooltip(lines.join(QLatin1Char('\n')));
}

QVariant PodTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PodRow& pod = *rowAt(index.row());
    const int column = index.column();
    switch (role) {
        case Qt::DisplayRole:
            return display(pod, column);
        case SortRole:
            if (const NaturalSortKey* key = naturalSortKeyAt(index.row(), column))
                return QVariant::fromValue(*key);
            return sortKey(pod, column);
        case Qt::ToolTipRole:
            return tooltip(pod, column);
        case ObjectKeyRole:
            return QString::fromStdString(keyAt(index.row()));
        case ProblemRole:
            return isProblem(pod);
        case FilterTextRole:
            return QString::fromStdString(pod.meta.name) + QLatin1Char('\n') +
                   qs(pod.nodeName.view()) + QLatin1Char('\n') + qs(pod.status.view()) +
                   QLatin1Char('\n') + qs(pod.meta.namespaceName.view());
        case SeverityRole:
            if (column == StatusColumn || column == ReadyColumn)
                return static_cast<int>(severityOf(pod));
            if (column == RestartsColumn && pod.lastRestartTime &&
                m_clock() - *pod.lastRestartTime < kRecentRestartMillis)
                return static_cast<int>(Severity::Warning);
            if (column == NodeColumn && !troubledNodeState(pod).isEmpty())
                return static_cast<int>(Severity::Warning);
            return static_cast<int>(Severity::None);
        case Qt::DecorationRole:
            // Colour is never the only signal: a pod in trouble carries an icon by its status.
            if (column == StatusColumn) {
                switch (severityOf(pod)) {
                    case Severity::Error:
                        return QApplication::style()->standardIcon(QStyle::SP_MessageBoxCritical);
                    case Severity::Warning:
                        return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
                    default:
                        break;
                }
            }
            if (column == NodeColumn && !troubledNodeState(pod).isEmpty())
                return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
            return {};
        case Qt::TextAlignmentRole:
            if (column == RestartsColumn || column == CpuRequestColumn ||
                column == MemoryRequestColumn || column == AgeColumn)
                return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
            return {};
        default:
            return {};
    }
}

QVariant PodTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return KeyedRowModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole) {
        switch (section) {
            case StatusColumn:
                return tr("kubectl's STATUS column");
            case RestartsColumn:
                return tr("Container restarts, and how long ago the last one was");
            case CpuRequestColumn:
            case MemoryRequestColumn:
                return tr(
                    "What the pod asks the scheduler for (containers plus sidecars, or "
                    "the largest init container)");
            default:
                return {};
        }
    }
    if (role != Qt::DisplayRole)
        return KeyedRowModel::headerData(section, orientation, role);
    switch (section) {
        case NameColumn:
            return tr("Name");
        case NamespaceColumn:
            return tr("Namespace");
        case StatusColumn:
            return tr("Status");
        case ReadyColumn:
            return tr("Ready");
        case RestartsColumn:
            return tr("Restarts");
        case NodeColumn:
            return tr("Node");
        case AgeColumn:
            return tr("Age");
        case CpuRequestColumn:
            return tr("CPU request");
        case MemoryRequestColumn:
            return tr("Memory request");
        default:
            return {};
    }
}

}  // namespace scaledeck::ui
