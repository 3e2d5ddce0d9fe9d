// ResolvedContext: everything needed to talk to one cluster as one user, with every indirection
// of the kubeconfig already followed (files read, base64 decoded, namespace defaulted). It is
// what Kubeconfig::resolve() produces and what the REST client consumes. Credentials are not
// stored here but behind a CredentialSource, because token files rotate and exec plugins expire:
// the client asks the source on each request.
// Copies share the source; never log, print or persist this struct.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kube/credential_source.h"
#include "kube/exec_approval_request.h"

namespace scaledeck::kube {

struct ResolvedContext {
    std::string contextName;
    std::string clusterName;
    std::string userName;
    std::string namespaceName = "default";  // the context's namespace, or "default"
    std::string sourcePath;                 // the kubeconfig file the context came from

    std::string server;                   // https://host:port, no trailing slash
    std::string certificateAuthorityPem;  // empty: the system's trusted roots
    bool insecureSkipTlsVerify = false;
    std::string tlsServerName;  // empty: the host of `server`
    std::string proxyUrl;       // http://, https:// or socks5://; empty: no proxy

    // Never null after resolve(); a static source when the kubeconfig holds the secrets.
    std::shared_ptr<CredentialSource> credentials;

    // Things the user should see next to the connection (e.g. TLS verification disabled).
    std::vector<std::string> warnings;

    // Set when the user runs an exec credential plugin: the command the user must approve
    // (ExecApprovals) before credentials->refresh() runs it; refresh() fails with
    // ErrorKind::ApprovalRequired until then.
    std::optional<ExecApprovalRequest> execApproval;
};

}  // namespace scaledeck::kube
