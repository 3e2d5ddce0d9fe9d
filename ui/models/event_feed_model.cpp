#include "ui/models/event_feed_model.h"

#include <QApplication>
#include <QIcon>
#include <QStyle>
#include <algorithm>

#include "base/human_duration.h"
#include "ui/models/table_roles.h"
#include "ui/plain_text.h"

namespace scaledeck::ui {

using kube::objects::EventRow;

namespace {

QString qs(std::string_view text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QString objectText(const EventRow& event) {
    return qs(event.regarding.kind.view()) + QLatin1Char('/') + qs(event.regarding.name.view());
}

QString timeText(std::optional<base::UnixMillis> t) {
    return t ? QString::fromStdString(base::formatRfc3339(*t)) : QStringLiteral("-");
}

}  // namespace

EventFeedModel::EventFeedModel(QObject* parent, int capacity)
    : QAbstractTableModel(parent), m_capacity(std::max(1, capacity)) {}

bool EventFeedModel::isWarning(const EventRow& event) {
    return event.type.view() == "Warning";
}

bool EventFeedModel::isRescale(const EventRow& event) {
    return event.reason.view() == "SuccessfulRescale";
}

bool EventFeedModel::before(const Entry& a, const Entry& b) {
    const base::UnixMillis ta = a.row->lastSeen();
    const base::UnixMillis tb = b.row->lastSeen();
    if (ta != tb)
        return ta > tb;
    return a.key < b.key;
}

int EventFeedModel::positionOf(const Entry& entry) const {
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), entry, before);
    if (it == m_rows.end() || it->key != entry.key)
        return -1;
    return static_cast<int>(it - m_rows.begin());
}

void EventFeedModel::account(const Entry& entry, int sign) {
    if (isWarning(*entry.row))
        m_warnings += sign;
}

void EventFeedModel::applyBatch(const cache::DeltaBatch<EventRow>& batch) {
    // Latest state per key; nullptr means deleted.
    std::unordered_map<std::string, RowPtr> latest;
    latest.reserve(batch.deltas.size());
    for (const auto& delta : batch.deltas) {
        if (!delta.row)
            continue;
        latest[cache::objectKey(*delta.row)] =
            delta.type == cache::DeltaType::Deleted ? nullptr : delta.row;
    }

    std::vector<int> removed;
    std::vector<int> modified;
    std::vector<Entry> added;
    if (batch.replace) {
        for (std::size_t row = 0; row < m_rows.size(); ++row) {
            if (!latest.contains(m_rows[row].key))
                removed.push_back(static_cast<int>(row));
        }
    }
    for (auto& [key, state] : latest) {
        const auto shown = m_shown.find(key);
        if (shown == m_shown.end()) {
            if (state)
                added.push_back({std::move(state), key});
            continue;
        }
        const int row = positionOf({shown->second, key});
        if (row < 0)
            continue;  // cannot happen: m_shown mirrors m_rows
        if (state && state->lastSeen() == shown->second->lastSeen()) {
            if (state != shown->second)
                modified.push_back(row);
            account(m_rows[static_cast<std::size_t>(row)], -1);
            m_rows[static_cast<std::size_t>(row)].row = state;
            account(m_rows[static_cast<std::size_t>(row)], +1);
            shown->second = std::move(state);
            continue;
        }
        // Deleted, or moved in time: leave now, come back at the new place.
        removed.push_back(row);
        if (state)
            added.push_back({std::move(state), key});
    }

    std::sort(modified.begin(), modified.end());
    for (std::size_t i = 0; i < modified.size();) {
        std::size_t j = i;
        while (j + 1 < modified.size() && modified[j + 1] == modified[j] + 1)
            ++j;
        Q_EMIT dataChanged(index(modified[i], 0), index(modified[j], ColumnCount - 1));
        i = j + 1;
    }
    removeRows(removed);
    insertSorted(added);

    // Keep only the newest `capacity`.
    if (static_cast<int>(m_rows.size()) > m_capacity) {
        beginRemoveRows({}, m_capacity, static_cast<int>(m_rows.size()) - 1);
        for (std::size_t row = static_cast<std::size_t>(m_capacity); row < m_rows.size(); ++row) {
            account(m_rows[row], -1);
            m_shown.erase(m_rows[row].key);
        }
        m_rows.resize(static_cast<std::size_t>(m_capacity));
        endRemoveRows();
    }
    Q_EMIT countsChanged();
}

void EventFeedModel::removeRows(std::vector<int>& rows) {
    if (rows.empty())
        return;
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    // Last block first, so earlier row numbers stay valid; the feed is bounded, so block by
    // block stays cheap.
    std::size_t end = rows.size();
    while (end > 0) {
        std::size_t begin = end - 1;
        while (begin > 0 && rows[begin - 1] + 1 == rows[begin])
            --begin;
        const int first = rows[begin];
        const int last = rows[end - 1];
        beginRemoveRows({}, first, last);
        for (int row = first; row <= last; ++row) {
            account(m_rows[static_cast<std::size_t>(row)], -1);
            m_shown.erase(m_rows[static_cast<std::size_t>(row)].key);
        }
        m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
        endRemoveRows();
        end = begin;
    }
}

void EventFeedModel::insertSorted(std::vector<Entry>& entries) {
    if (entries.empty())
        return;
    std::sort(entries.begin(), entries.end(), before);
    // Anything beyond the newest `capacity` would fall off at once: do not even announce it.
    if (static_cast<int>(entries.size()) > m_capacity)
        entries.resize(static_cast<std::size_t>(m_capacity));
    if (static_cast<int>(m_rows.size()) >= m_capacity && !before(entries.front(), m_rows.back()))
        return;

    // Group the new entries by where they land; insert groups from the last place to the first
    // so the places still to fill keep their row numbers.
    std::vector<std::pair<std::size_t, std::size_t>> groups;  // [begin, end) into entries
    std::vector<int> places;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const int place = static_cast<int>(
            std::lower_bound(m_rows.begin(), m_rows.end(), entries[i], before) - m_rows.begin());
        if (!places.empty() && places.back() == place) {
            groups.back().second = i + 1;
        } else {
            places.push_back(place);
            groups.emplace_back(i, i + 1);
        }
    }
    for (std::size_t g = groups.size(); g-- > 0;) {
        const int place = places[g];
        const auto [begin, end] = groups[g];
        beginInsertRows({}, place, place + static_cast<int>(end - begin) - 1);
        for (std::size_t i = begin; i < end; ++i) {
            account(entries[i], +1);
            m_shown[entries[i].key] = entries[i].row;
        }
        m_rows.insert(m_rows.begin() + place, std::make_move_iterator(entries.begin() + begin),
                      std::make_move_iterator(entries.begin() + end));
        endInsertRows();
    }
}

void EventFeedModel::refreshTimes() {
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, LastSeenColumn), index(rowCount() - 1, LastSeenColumn));
}

const EventRow* EventFeedModel::rowAt(int row) const {
    return row >= 0 && row < rowCount() ? m_rows[static_cast<std::size_t>(row)].row.get() : nullptr;
}

int EventFeedModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int EventFeedModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventFeedModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry& entry = m_rows[static_cast<std::size_t>(index.row())];
    const EventRow& event = *entry.row;
    const int column = index.column();
    const bool warning = isWarning(event);
    const bool rescale = isRescale(event);
    switch (role) {
        case Qt::DisplayRole:
            switch (column) {
                case LastSeenColumn:
                    return QString::fromStdString(base::humanAge(event.lastSeen(), m_clock()));
                case TypeColumn:
                    return qs(event.type.view());
                case ReasonColumn:
                    return qs(event.reason.view());
                case ObjectColumn:
                    return objectText(event);
                case NamespaceColumn:
                    return qs(event.meta.namespaceName.view());
                case CountColumn:
                    return event.effectiveCount();
                case MessageColumn:
                    // One line per event; the tooltip keeps the original line breaks.
                    return QString::fromStdString(event.message).simplified();
                default:
                    return {};
            }
        case SortRole:
            switch (column) {
                case LastSeenColumn:
                    return -static_cast<qint64>(event.lastSeen());
                case CountColumn:
                    return static_cast<qint64>(event.effectiveCount());
                default:
                    return data(index, Qt::DisplayRole);
            }
        case Qt::ToolTipRole:
            return plainTooltip(
                QStringLiteral("%1 %2 on %3\n%4\n\nfirst seen %5\nlast seen %6\ncount %7\nfrom %8")
                    .arg(qs(event.type.view()), qs(event.reason.view()), objectText(event),
                         QString::fromStdString(event.message), timeText(event.firstSeen()),
                         timeText(event.lastSeen()), QString::number(event.effectiveCount()),
                         qs(event.source.empty() ? event.reportingController.view()
                                                 : event.source.view())));
        case ObjectKeyRole:
            return QString::fromStdString(entry.key);
        case ProblemRole:
            return warning;
        case FilterTextRole:
            return qs(event.reason.view()) + QLatin1Char('\n') + objectText(event) +
                   QLatin1Char('\n') + QString::fromStdString(event.message) + QLatin1Char('\n') +
                   qs(event.type.view());
        case SeverityRole:
            if (warning && (column == TypeColumn || column == ReasonColumn))
                return static_cast<int>(Severity::Warning);
            if (rescale && column == ReasonColumn)
                return static_cast<int>(Severity::Info);
            return static_cast<int>(Severity::None);
        case Qt::DecorationRole:
            if (warning && column == TypeColumn)
                return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
            if (rescale && column == ReasonColumn)
                return QApplication::style()->standardIcon(QStyle::SP_MessageBoxInformation);
            return {};
        case Qt::TextAlignmentRole:
            if (column == CountColumn || column == LastSeenColumn)
                return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
            return {};
        default:
            return {};
    }
}

QVariant EventFeedModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
        case LastSeenColumn:
            return tr("Last seen");
        case TypeColumn:
            return tr("Type");
        case ReasonColumn:
            return tr("Reason");
        case ObjectColumn:
            return tr("Object");
        case NamespaceColumn:
            return tr("Namespace");
        case CountColumn:
            return tr("Count");
        case MessageColumn:
            return tr("Message");
        default:
            return {};
    }
}

}  // namespace scaledeck::ui
