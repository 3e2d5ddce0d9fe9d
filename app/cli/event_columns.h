// EventColumns: the columns of `kubectl get events` — LAST SEEN TYPE REASON OBJECT MESSAGE.
// LAST SEEN follows kubectl: the series' last observation when there is a series, else
// lastTimestamp, else firstTimestamp, else eventTime; OBJECT is "<kind in lower case>/<name>".
#pragma once

#include <string>
#include <vector>

#include "base/time_format.h"
#include "cli/columns_of.h"
#include "kube/objects/event_row.h"

namespace scaledeck::cli {

class EventColumns final {
public:
    using Row = kube::objects::EventRow;

    static std::vector<std::string> headers();
    static std::vector<std::string> cells(const Row& row, base::UnixMillis now);
};

template <>
struct ColumnsOf<kube::objects::EventRow> {
    using type = EventColumns;
};

}  // namespace scaledeck::cli
