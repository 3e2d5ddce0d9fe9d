// ListErrorText: the one line scaledeck-cli prints when a list fails — what was being listed,
// from where, what the server or the network said, and what the user can do about it (renew
// credentials, ask for access, check the server address, fix the selector). The base::Error's
// message is already free of credentials (ApiError never sees them); nothing here adds any.
// Pure function.
#pragma once

#include <string>

#include "base/result.h"
#include "cli/cluster_target.h"
#include "cli/resource_kind.h"

namespace scaledeck::cli {

class ListErrorText final {
public:
    // "pods in namespace greenlang", "pods in all namespaces", "nodes".
    static std::string subject(const ResourceKindInfo& kind, const ClusterTarget& target);
    static std::string describe(const base::Error& error, const ResourceKindInfo& kind,
                                const ClusterTarget& target, bool selectorGiven);
};

}  // namespace scaledeck::cli
