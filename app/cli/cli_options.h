// CliOptions: the command line of scaledeck-cli, parsed the way kubectl's flag library reads
// it, so that a kubectl command line works after swapping the program name:
//   scaledeck-cli get <type> [-n NS | -A] [-l SELECTOR] [-o table|json|name]
//                 [--kubeconfig FILE] [--context NAME] [--approve-exec]
// Flags may come before or after `get` and the type; values follow as the next argument or
// joined (`-nNS`, `-n=NS`, `--namespace=NS`); `--` ends the flags. -A wins over -n, as in
// kubectl. parse() fails only for usage errors (exit code 2): an unknown flag, a missing value,
// an unsupported output format, no command, or more than one type. The type is kept as typed:
// resolving it (ResourceKinds::find) is the command's job, because an unknown type is a failure
// like kubectl's "doesn't have a resource type", not a usage error. Plain value; no Qt.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "base/result.h"

namespace scaledeck::cli {

enum class OutputFormat { Table, Json, Name };

struct CliOptions {
    bool help = false;                         // -h/--help: print usage() and exit 0
    std::string resourceType;                  // as typed: "po", "deployments.apps"
    std::optional<std::string> namespaceName;  // -n; unset: the context's namespace
    bool allNamespaces = false;                // -A
    std::string labelSelector;                 // -l, passed to the server verbatim
    OutputFormat output = OutputFormat::Table;
    std::string kubeconfig;  // --kubeconfig; empty: $KUBECONFIG, else ~/.kube/config
    std::string context;     // --context; empty: the current-context
    bool approveExec = false;

    // `args` excludes the program name.
    static base::Result<CliOptions> parse(std::span<const std::string> args);
    static std::string usage();
};

}  // namespace scaledeck::cli
