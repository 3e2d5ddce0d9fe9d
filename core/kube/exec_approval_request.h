// ExecApprovalRequest: one exec credential plugin command waiting for the user's approval, with
// everything a dialog needs to show it: the kubeconfig file and user entry it comes from, the
// exact command, arguments and extra environment, and the fingerprint that ExecApprovals
// stores. A context that uses an exec plugin carries one in ResolvedContext::execApproval.
// Plain data; copies may cross threads. It holds no credentials, only the command that
// obtains them.
#pragma once

#include <string>
#include <vector>

#include "kube/exec_config.h"

namespace scaledeck::kube {

struct ExecApprovalRequest {
    std::string kubeconfigPath;  // absolute path of the file that defines the user entry
    std::string userName;        // the user entry in that file
    std::string command;         // as written in the kubeconfig
    std::vector<std::string> args;
    std::vector<ExecEnvVar> env;
    std::string fingerprint;  // ExecApprovals::fingerprint(command, args, env)

    // The command and its arguments, each quoted as a POSIX shell would need it:
    // `aws eks get-token --cluster-name 'my cluster'`.
    std::string commandLine() const;
    // A few lines for an approval dialog: which kubeconfig and user ask to run what, with which
    // environment, and why it matters.
    std::string describe() const;
};

}  // namespace scaledeck::kube
