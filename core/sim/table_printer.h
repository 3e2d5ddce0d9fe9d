// TablePrinter: the server-side `meta.k8s.io/v1` Table rendering kubectl asks for with
// `Accept: application/json;as=Table;...`. Columns, cell types and cell rules follow the real
// API server's printers (pkg/printers/internalversion) for the resources the simulator serves;
// any other resource gets the generic Name / Created At table, as on a real server. Wide
// (priority 1) columns are always emitted, kubectl hides them unless `-o wide`.
// Never throws: malformed objects render with empty or "<unknown>" cells. Thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/time_format.h"

namespace scaledeck::sim {

class TablePrinter {
public:
    // Column definitions for a resource given by its plural name ("pods", "deployments", ...).
    static nlohmann::json columnDefinitions(const std::string& resource);

    // One row: {"cells":[...],"object":{...}}; includeObject is "None" (no object),
    // "Metadata" (a PartialObjectMetadata, the default) or "Object" (the object itself).
    static nlohmann::json row(const std::string& resource, const nlohmann::json& object,
                              base::UnixMillis now, const std::string& includeObject = "Metadata");

    // A whole Table. resourceVersion and a non-empty continueToken go in metadata. Watches pass
    // withColumnDefinitions=false after their first event; kubectl then reuses its header.
    static nlohmann::json table(const std::string& resource,
                                const std::vector<const nlohmann::json*>& objects,
                                base::UnixMillis now, const std::string& resourceVersion,
                                const std::string& continueToken, const std::string& includeObject,
                                bool withColumnDefinitions = true);
};

}  // namespace scaledeck::sim
