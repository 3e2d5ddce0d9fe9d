#include "kube/in_cluster_config.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>

#include "kube/kubeconfig.h"
#include "kube/local_file.h"
#include "kube/token_file_credential_source.h"

namespace scaledeck::kube {

namespace {

namespace fs = std::filesystem;

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? std::string(v) : std::string();
}

std::string trimmed(std::string t) {
    const auto notSpace = [](unsigned char c) { return !std::isspace(c); };
    t.erase(std::find_if(t.rbegin(), t.rend(), notSpace).base(), t.end());
    t.erase(t.begin(), std::find_if(t.begin(), t.end(), notSpace));
    return t;
}

}  // namespace

InClusterConfig::Environment InClusterConfig::Environment::fromProcess() {
    Environment e;
    e.serviceHost = env("KUBERNETES_SERVICE_HOST");
    e.servicePort = env("KUBERNETES_SERVICE_PORT");
    e.podNamespace = env("POD_NAMESPACE");
    return e;
}

std::string InClusterConfig::serviceAccountDir(const Environment& env) {
    return (fs::path(env.root.empty() ? "/" : env.root) / kServiceAccountDir)
        .lexically_normal()
        .string();
}

bool InClusterConfig::possible(const Environment& env) {
    std::error_code ec;
    return !env.serviceHost.empty() && !env.servicePort.empty() &&
           fs::is_regular_file(serviceAccountDir(env) + "/token", ec);
}

base::Result<ResolvedContext> InClusterConfig::resolve(const Environment& env) {
    if (env.serviceHost.empty() || env.servicePort.empty()) {
        return base::Error::invalid(
            "not running in a Kubernetes pod: KUBERNETES_SERVICE_HOST and "
            "KUBERNETES_SERVICE_PORT must both be set for the in-cluster configuration");
    }
    const std::string dir = serviceAccountDir(env);
    const std::string where = "in-cluster service account (" + dir + ")";
    ResolvedContext out;
    out.contextName = kContextName;
    out.clusterName = kContextName;
    out.userName = "serviceaccount";
    out.sourcePath = dir;
    // An IPv6 service address needs brackets in a URL, as net.JoinHostPort writes it.
    const bool ipv6 = env.serviceHost.find(':') != std::string::npos;
    out.server =
        "https://" + (ipv6 ? "[" + env.serviceHost + "]" : env.serviceHost) + ":" + env.servicePort;

    auto ca = readLocalFile(dir + "/ca.crt");
    if (!ca.ok())
        return base::Error::invalid(where + ": ca.crt: " + ca.error().message);
    if (ca->find("-----BEGIN CERTIFICATE") == std::string::npos)
        return base::Error::invalid(where + ": ca.crt does not hold a PEM certificate");
    out.certificateAuthorityPem = std::move(ca).value();

    if (!env.podNamespace.empty()) {
        out.namespaceName = env.podNamespace;
    } else if (auto ns = readLocalFile(dir + "/namespace"); ns.ok() && !trimmed(*ns).empty()) {
        out.namespaceName = trimmed(*ns);
    }

    auto token = TokenFileCredentialSource::open(dir + "/token", where, "token");
    if (!token.ok())
        return token.error();
    out.credentials = std::move(token).value();
    return out;
}

}  // namespace scaledeck::kube
