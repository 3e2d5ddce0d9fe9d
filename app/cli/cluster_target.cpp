#include "cli/cluster_target.h"

#include <vector>

#include "kube/kubeconfig.h"

namespace scaledeck::cli {

namespace {

std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (const auto& name : names) {
        if (!text.empty())
            text += ", ";
        text += name;
    }
    return text;
}

// KubeconfigSet's messages are written for the desktop app; say what to do on a command line.
base::Error contextError(base::Error error, const kube::KubeconfigSet& set,
                         const CliOptions& options) {
    const std::vector<std::string> names = set.contextNames();
    if (set.files().empty() && names.empty() && !set.usesInCluster()) {
        error.message = "no kubeconfig found (looked for " + set.displayName() +
                        "); pass --kubeconfig FILE or point KUBECONFIG at one";
        return error;
    }
    if (names.empty()) {
        error.message =
            set.displayName() + " defines no context; add one, or pass --kubeconfig FILE";
        return error;
    }
    if (error.kind == base::ErrorKind::NotFound || options.context.empty()) {
        error.message += "; pass --context with one of: " + joined(names);
        return error;
    }
    return error;
}

base::Status checkExecApproval(const kube::ResolvedContext& context, const CliOptions& options,
                               const std::shared_ptr<kube::ExecApprovals>& approvals) {
    if (!context.execApproval)
        return {};
    const kube::ExecApprovalRequest& request = *context.execApproval;
    if (approvals->isApproved(request))
        return {};
    if (options.approveExec) {
        if (auto approved = approvals->approve(request); !approved.ok())
            return approved.error();
        return {};
    }
    // Show the command (never the values of its environment: they may be secrets).
    std::string environment;
    for (const auto& var : request.env)
        environment += (environment.empty() ? " with " : ", ") + var.name;
    if (!environment.empty())
        environment += " set";
    return base::Error{base::ErrorKind::ApprovalRequired,
                       kube::Kubeconfig::displayPath(request.kubeconfigPath) + ": user \"" +
                           request.userName + "\" signs in by running `" + request.commandLine() +
                           "`" + environment +
                           "; ScaleDeck runs such a command only once approved: check it, then "
                           "rerun with --approve-exec to approve it (recorded in " +
                           kube::Kubeconfig::displayPath(approvals->storePath()) + ")",
                       0, false};
}

}  // namespace

base::Result<ClusterTarget> ClusterTarget::resolve(const CliOptions& options, ResourceKind kind,
                                                   const Environment& environment) {
    kube::KubeconfigSet::LoadOptions load = environment.files;
    load.explicitPath = options.kubeconfig;
    std::shared_ptr<kube::ExecApprovals> approvals = environment.approvals;
    auto set = kube::KubeconfigSet::load(load);
    if (!set.ok())
        return set.error();
    if (!approvals)
        approvals = set->execOptions().approvals ? set->execOptions().approvals
                                                 : kube::ExecApprovals::shared();
    if (set->execOptions().approvals != approvals) {
        auto exec = set->execOptions();
        exec.approvals = approvals;
        set->setExecOptions(std::move(exec));
    }
    auto context = set->resolve(options.context);
    if (!context.ok())
        return contextError(context.error(), *set, options);
    if (auto approved = checkExecApproval(*context, options, approvals); !approved.ok())
        return approved.error();

    ClusterTarget target;
    target.kubeconfigLabel = set->displayName();
    target.context = std::move(context).value();
    if (ResourceKinds::info(kind).namespaced && !options.allNamespaces)
        target.namespaceName = options.namespaceName.value_or(target.context.namespaceName);
    if (ResourceKinds::info(kind).namespaced && !options.allNamespaces &&
        target.namespaceName.empty())
        target.namespaceName = "default";
    return target;
}

}  // namespace scaledeck::cli
