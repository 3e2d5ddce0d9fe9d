#include "cli/stateful_set_columns.h"

#include "base/human_duration.h"

namespace scaledeck::cli {

std::vector<std::string> StatefulSetColumns::headers() {
    return {"NAME", "READY", "AGE"};
}

std::vector<std::string> StatefulSetColumns::cells(const Row& row, base::UnixMillis now) {
    return {row.meta.name,
            std::to_string(row.status.readyReplicas) + "/" + std::to_string(row.replicas),
            base::humanAge(row.meta.creationTimestamp, now)};
}

}  // namespace scaledeck::cli
