// PodColumns: the columns of `kubectl get pods` — NAME READY STATUS RESTARTS AGE.
// READY is ready/total containers; STATUS and RESTARTS are the values the decoder computed
// exactly like kubectl (pod_status.h); RESTARTS reads "5 (2m ago)" when the time of the last
// restart is known.
#pragma once

#include <string>
#include <vector>

#include "base/time_format.h"
#include "cli/columns_of.h"
#include "kube/objects/pod_row.h"

namespace scaledeck::cli {

class PodColumns final {
public:
    using Row = kube::objects::PodRow;

    static std::vector<std::string> headers();
    static std::vector<std::string> cells(const Row& row, base::UnixMillis now);
};

template <>
struct ColumnsOf<kube::objects::PodRow> {
    using type = PodColumns;
};

}  // namespace scaledeck::cli
