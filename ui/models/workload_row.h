// WorkloadRow: one Deployment or StatefulSet as the workload list shows it. A plain value, cheap
// to copy across signals; rows are identified by (kind, namespace, name), which is also their
// order in the list.
#pragma once

#include <QString>
#include <tuple>

namespace scaledeck::ui {

struct WorkloadRow {
    QString kind;  // "Deployment" or "StatefulSet"
    QString namespaceName;
    QString name;
    int readyReplicas = 0;
    int desiredReplicas = 0;

    auto key() const { return std::tie(kind, namespaceName, name); }
    friend bool operator==(const WorkloadRow&, const WorkloadRow&) = default;
};

}  // namespace scaledeck::ui
