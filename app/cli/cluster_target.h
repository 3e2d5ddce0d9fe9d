// ClusterTarget: where a `get` goes — the context of the merged kubeconfig kubectl would use
// (--kubeconfig, else every file of $KUBECONFIG, else ~/.kube/config; --context, else the
// current-context), resolved to a connection with credentials, and the namespace to list (-n,
// else the context's namespace, else "default"; empty with -A or for cluster-scoped types).
// An exec credential plugin runs only once approved (ExecApprovals, shared with the desktop
// app): without approval resolve() fails with ErrorKind::ApprovalRequired and a message that
// shows the command and says to rerun with --approve-exec, which records the approval. Error
// messages name the file and the entry and say what to do; they never contain a credential.
// Runs no plugin and no network call itself.
#pragma once

#include <memory>
#include <string>

#include "base/result.h"
#include "cli/cli_options.h"
#include "cli/resource_kind.h"
#include "kube/exec_approvals.h"
#include "kube/kubeconfig_set.h"
#include "kube/resolved_context.h"

namespace scaledeck::cli {

struct ClusterTarget {
    kube::ResolvedContext context;
    std::string namespaceName;    // empty: every namespace
    std::string kubeconfigLabel;  // "~/.kube/config", "a:b": for messages

    // What the process would otherwise read from its environment; tests replace it.
    struct Environment {
        // $KUBECONFIG, $HOME, in-cluster detection (explicitPath comes from --kubeconfig).
        kube::KubeconfigSet::LoadOptions files;
        // Where exec plugin approvals are read and recorded (null: the user's store).
        std::shared_ptr<kube::ExecApprovals> approvals;
    };

    static base::Result<ClusterTarget> resolve(const CliOptions& options, ResourceKind kind,
                                               const Environment& environment = {});
};

}  // namespace scaledeck::cli
