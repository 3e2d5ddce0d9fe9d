// GetCommand: `scaledeck-cli get <type>` from parsed options to printed output — resolve the
// type and the cluster target (ClusterTarget), list every object of the type in pages into a
// store (cache::listOnce: the informers' ApiClient, ListPager and simdjson decoder, no watch),
// order the rows as the API server orders a list (by namespace/name, etcd's key order), and
// print them (RowPrinter) with one write.
// run() returns the exit code: 0 on success (an empty list prints kubectl's "No resources
// found" to `err`, except as JSON), 1 on any failure, after one line on `err` saying what failed
// and what to do. Needs a QCoreApplication; blocks in a local event loop, so run it from main(),
// never from a GUI thread.
#pragma once

#include <cstdio>

#include "cli/cli_options.h"
#include "cli/cluster_target.h"

namespace scaledeck::cli {

struct ResourceKindInfo;

class GetCommand final {
public:
    explicit GetCommand(CliOptions options, ClusterTarget::Environment environment = {});

    int run(std::FILE* out, std::FILE* err);

private:
    template <class Row>
    int listAndPrint(const ClusterTarget& target, const ResourceKindInfo& kind, std::FILE* out,
                     std::FILE* err);

    CliOptions m_options;
    ClusterTarget::Environment m_environment;
};

}  // namespace scaledeck::cli
