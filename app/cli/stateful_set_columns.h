// StatefulSetColumns: the columns of `kubectl get statefulsets` — NAME READY AGE, READY
// being status.readyReplicas/spec.replicas.
#pragma once

#include <string>
#include <vector>

#include "base/time_format.h"
#include "cli/columns_of.h"
#include "kube/objects/stateful_set_row.h"

namespace scaledeck::cli {

class StatefulSetColumns final {
public:
    using Row = kube::objects::StatefulSetRow;

    static std::vector<std::string> headers();
    static std::vector<std::string> cells(const Row& row, base::UnixMillis now);
};

template <>
struct ColumnsOf<kube::objects::StatefulSetRow> {
    using type = StatefulSetColumns;
};

}  // namespace scaledeck::cli
