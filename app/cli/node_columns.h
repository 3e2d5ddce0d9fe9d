// NodeColumns: the columns of `kubectl get nodes` — NAME STATUS ROLES AGE VERSION.
// STATUS is Ready, NotReady (the Ready condition is False or Unknown) or Unknown (the node
// reports no Ready condition), followed by ",SchedulingDisabled" when the node is cordoned;
// ROLES is "<none>" when no role label is set.
#pragma once

#include <string>
#include <vector>

#include "base/time_format.h"
#include "cli/columns_of.h"
#include "kube/objects/node_row.h"

namespace scaledeck::cli {

class NodeColumns final {
public:
    using Row = kube::objects::NodeRow;

    static std::vector<std::string> headers();
    static std::vector<std::string> cells(const Row& row, base::UnixMillis now);
};

template <>
struct ColumnsOf<kube::objects::NodeRow> {
    using type = NodeColumns;
};

}  // namespace scaledeck::cli
