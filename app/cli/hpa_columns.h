// HpaColumns: the columns of `kubectl get hpa` — NAME REFERENCE TARGETS MINPODS MAXPODS
// REPLICAS AGE. TARGETS is formatHPAMetrics of kubectl 1.32: one entry per spec metric, "cpu:
// 45%/70%" for resource metrics ("<unknown>/70%" until the controller reports a value, "<auto>"
// for a missing utilization target), "current/target" for pods metrics, " (avg)" for averaged
// object and external targets, at most two entries then " + N more...", "<none>" without
// metrics. The current value is the one the decoder paired with the spec metric (hpa_metric.h).
#pragma once

#include <string>
#include <vector>

#include "base/time_format.h"
#include "cli/columns_of.h"
#include "kube/objects/hpa_row.h"

namespace scaledeck::cli {

class HpaColumns final {
public:
    using Row = kube::objects::HpaRow;

    static std::vector<std::string> headers();
    static std::vector<std::string> cells(const Row& row, base::UnixMillis now);
    // The TARGETS cell.
    static std::string targets(const Row& row);
};

template <>
struct ColumnsOf<kube::objects::HpaRow> {
    using type = HpaColumns;
};

}  // namespace scaledeck::cli
