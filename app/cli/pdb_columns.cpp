#include "cli/pdb_columns.h"

#include "base/human_duration.h"

namespace scaledeck::cli {

std::vector<std::string> PdbColumns::headers() {
    return {"NAME", "MIN AVAILABLE", "MAX UNAVAILABLE", "ALLOWED DISRUPTIONS", "AGE"};
}

std::vector<std::string> PdbColumns::cells(const Row& row, base::UnixMillis now) {
    return {row.meta.name, row.minAvailable.toString(), row.maxUnavailable.toString(),
            std::to_string(row.disruptionsAllowed),
            base::humanAge(row.meta.creationTimestamp, now)};
}

}  // namespace scaledeck::cli
