#include "cli/deployment_columns.h"

#include "base/human_duration.h"

namespace scaledeck::cli {

std::vector<std::string> DeploymentColumns::headers() {
    return {"NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"};
}

std::vector<std::string> DeploymentColumns::cells(const Row& row, base::UnixMillis now) {
    return {row.meta.name,
            std::to_string(row.status.readyReplicas) + "/" + std::to_string(row.replicas),
            std::to_string(row.status.updatedReplicas),
            std::to_string(row.status.availableReplicas),
            base::humanAge(row.meta.creationTimestamp, now)};
}

}  // namespace scaledeck::cli
