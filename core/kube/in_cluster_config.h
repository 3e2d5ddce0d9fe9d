// InClusterConfig: the connection a pod gets from its service account, as client-go's
// InClusterConfig builds it: the API server from KUBERNETES_SERVICE_HOST and
// KUBERNETES_SERVICE_PORT, the CA from /var/run/secrets/kubernetes.io/serviceaccount/ca.crt,
// the namespace from POD_NAMESPACE or the `namespace` file there (else "default"), and the
// bearer token from the `token` file, re-read as the kubelet rotates it
// (TokenFileCredentialSource). The root folder is injectable so tests can fake the mount.
// Plain values; no Qt types; never throws.
#pragma once

#include <string>

#include "base/result.h"
#include "kube/resolved_context.h"

namespace scaledeck::kube {

class InClusterConfig {
public:
    static constexpr const char* kContextName = "in-cluster";
    static constexpr const char* kServiceAccountDir =
        "var/run/secrets/kubernetes.io/serviceaccount";

    struct Environment {
        std::string serviceHost;   // KUBERNETES_SERVICE_HOST
        std::string servicePort;   // KUBERNETES_SERVICE_PORT
        std::string podNamespace;  // POD_NAMESPACE
        std::string root = "/";    // where the service-account mount lives

        // The variables of this process, with root "/".
        static Environment fromProcess();
    };

    // Whether this looks like a pod: both variables set and a token file present (kubectl's test).
    static bool possible(const Environment& env);

    // The in-cluster context. Errors name the missing variable or the unreadable file.
    static base::Result<ResolvedContext> resolve(const Environment& env);

    // The service-account folder under env.root.
    static std::string serviceAccountDir(const Environment& env);
};

}  // namespace scaledeck::kube
