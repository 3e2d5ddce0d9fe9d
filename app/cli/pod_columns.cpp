#include "cli/pod_columns.h"

#include "base/human_duration.h"

namespace scaledeck::cli {

std::vector<std::string> PodColumns::headers() {
    return {"NAME", "READY", "STATUS", "RESTARTS", "AGE"};
}

std::vector<std::string> PodColumns::cells(const Row& row, base::UnixMillis now) {
    std::string restarts = std::to_string(row.restarts);
    if (row.restarts != 0 && row.lastRestartTime)
        restarts += " (" + base::humanAge(row.lastRestartTime, now) + " ago)";
    return {row.meta.name,
            std::to_string(row.readyContainers) + "/" + std::to_string(row.totalContainers),
            row.status.str(), std::move(restarts), base::humanAge(row.meta.creationTimestamp, now)};
}

}  // namespace scaledeck::cli
