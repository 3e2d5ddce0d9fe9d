// ResolvedContext: everything needed to talk to one cluster as one user, with every indirection
// of the kubeconfig already followed (files read, base64 decoded, namespace defaulted). It is
// what Kubeconfig::resolve() produces and what ApiClient consumes, so a later merge of several
// kubeconfig files or an exec credential plugin only has to produce this value.
// The credentials inside are secrets: never log, print or persist this struct.
#pragma once

#include <string>

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

    std::string token;                 // bearer token; empty if none
    std::string clientCertificatePem;  // both set, or both empty
    std::string clientKeyPem;
};

}  // namespace scaledeck::kube
