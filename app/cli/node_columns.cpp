#include "cli/node_columns.h"

#include "base/human_duration.h"

namespace scaledeck::cli {

std::vector<std::string> NodeColumns::headers() {
    return {"NAME", "STATUS", "ROLES", "AGE", "VERSION"};
}

std::vector<std::string> NodeColumns::cells(const Row& row, base::UnixMillis now) {
    using kube::objects::ConditionStatus;
    std::string status;
    switch (row.ready.status) {
        case ConditionStatus::True:
            status = "Ready";
            break;
        case ConditionStatus::False:
        case ConditionStatus::Unknown:
            status = "NotReady";
            break;
        case ConditionStatus::Absent:
            status = "Unknown";
            break;
    }
    if (row.unschedulable)
        status += ",SchedulingDisabled";
    std::string roles;
    for (const auto& role : row.roles) {
        if (!roles.empty())
            roles += ',';
        roles += role.view();
    }
    if (roles.empty())
        roles = "<none>";
    return {row.meta.name, std::move(status), std::move(roles),
            base::humanAge(row.meta.creationTimestamp, now), row.kubeletVersion.str()};
}

}  // namespace scaledeck::cli
