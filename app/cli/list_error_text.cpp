#include "cli/list_error_text.h"

namespace scaledeck::cli {

std::string ListErrorText::subject(const ResourceKindInfo& kind, const ClusterTarget& target) {
    std::string text(kind.plural);
    if (!kind.namespaced)
        return text;
    if (target.namespaceName.empty())
        return text + " in all namespaces";
    return text + " in namespace " + target.namespaceName;
}

std::string ListErrorText::describe(const base::Error& error, const ResourceKindInfo& kind,
                                    const ClusterTarget& target, bool selectorGiven) {
    const kube::ResolvedContext& context = target.context;
    const std::string what = subject(kind, target);
    const std::string user = "user \"" + context.userName + "\"";
    const std::string where = "context \"" + context.contextName + "\" (" + context.server + ")";
    switch (error.kind) {
        case base::ErrorKind::Unauthorized:
            return "cannot list " + what + ": " + where + " rejected the credentials of " + user +
                   ": " + error.message + "; renew them in " + target.kubeconfigLabel +
                   " or choose another --context";
        case base::ErrorKind::Forbidden: {
            std::string advice =
                "ask a cluster admin for list access to " + std::string(kind.plural);
            if (kind.namespaced && target.namespaceName.empty())
                advice += ", or list one namespace with -n NAMESPACE";
            return "cannot list " + what + ": " + user + " is not allowed to: " + error.message +
                   "; " + advice;
        }
        case base::ErrorKind::Network:
        case base::ErrorKind::Timeout:
            return "cannot list " + what + ": the API server of " + where +
                   " did not answer: " + error.message +
                   "; check that the cluster is running and that the server address in " +
                   target.kubeconfigLabel + " is right";
        case base::ErrorKind::Invalid:
            if (error.httpStatus == 400 && selectorGiven)
                return "cannot list " + what +
                       ": the server rejected the request: " + error.message +
                       "; check the -l selector";
            break;
        case base::ErrorKind::NotFound:
            if (error.httpStatus == 404)
                return "cannot list " + what + ": the server of " + where + " does not serve " +
                       std::string(kind.plural) +
                       (kind.group.empty() ? std::string() : "." + std::string(kind.group)) + ": " +
                       error.message + "; check that it is a Kubernetes API server";
            break;
        case base::ErrorKind::ApprovalRequired:
            return "cannot sign in as " + user + ": " + error.message +
                   "; rerun with --approve-exec to approve the command";
        default:
            break;
    }
    if (error.httpStatus == 0 && !context.userName.empty() &&
        (error.kind == base::ErrorKind::Invalid || error.kind == base::ErrorKind::Unsupported ||
         error.kind == base::ErrorKind::Internal)) {
        // Credential problems (an exec plugin that failed, an unreadable token file) surface
        // before any request is sent.
        return "cannot list " + what + " as " + user + ": " + error.message;
    }
    return "cannot list " + what + " from " + where + ": " + error.message;
}

}  // namespace scaledeck::cli
