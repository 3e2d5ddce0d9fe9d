// DeploymentColumns: the columns of `kubectl get deployments` — NAME READY UP-TO-DATE
// AVAILABLE AGE, READY being status.readyReplicas/spec.replicas.
#pragma once

#include <string>
#include <vector>

#include "base/time_format.h"
#include "cli/columns_of.h"
#include "kube/objects/deployment_row.h"

namespace scaledeck::cli {

class DeploymentColumns final {
public:
    using Row = kube::objects::DeploymentRow;

    static std::vector<std::string> headers();
    static std::vector<std::string> cells(const Row& row, base::UnixMillis now);
};

template <>
struct ColumnsOf<kube::objects::DeploymentRow> {
    using type = DeploymentColumns;
};

}  // namespace scaledeck::cli
