#include "cli/event_columns.h"

#include <algorithm>
#include <cctype>

#include "base/human_duration.h"

namespace scaledeck::cli {

namespace {

// kubectl's printEvent, which differs from EventRow::lastSeen() in one case: a series without
// a last observation prints "<unknown>" rather than falling back to lastTimestamp.
std::optional<base::UnixMillis> lastSeen(const EventColumns::Row& row) {
    if (row.series)
        return row.series->lastObservedTime;
    if (row.lastTimestamp && *row.lastTimestamp != 0)
        return row.lastTimestamp;
    if (row.firstTimestamp && *row.firstTimestamp != 0)
        return row.firstTimestamp;
    return row.eventTime;
}

}  // namespace

std::vector<std::string> EventColumns::headers() {
    return {"LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"};
}

std::vector<std::string> EventColumns::cells(const Row& row, base::UnixMillis now) {
    std::string object(row.regarding.kind.view());
    std::transform(object.begin(), object.end(), object.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (!row.regarding.name.empty()) {
        object += '/';
        object += row.regarding.name.view();
    }
    return {base::humanAge(lastSeen(row), now), row.type.str(), row.reason.str(), std::move(object),
            row.message};
}

}  // namespace scaledeck::cli
