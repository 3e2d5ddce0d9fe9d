// Kubeconfig: the clusters, users and contexts of one kubeconfig file, as kubectl reads them.
// Loading only checks the shape of the file (types of fields, names of entries); it reads no
// other file and runs nothing. Every entry remembers the file it came from, so KubeconfigSet can
// merge several files ($KUBECONFIG with colons, first definition wins) and still resolve
// relative paths against the folder of the file that wrote them.
// resolve() is kept for callers that only ever read one file; it is KubeconfigSet::resolve() on
// a set of this one file. The public API uses no Qt types (a fuzzer drives it). Never throws;
// values are immutable once loaded, so copies may cross threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "kube/exec_config.h"
#include "kube/resolved_context.h"

namespace scaledeck::kube {

class Kubeconfig {
public:
    struct Cluster {
        std::string name;
        std::string origin;  // the file that defined this entry
        std::string server;
        std::string certificateAuthorityData;  // still base64, as written
        std::string certificateAuthorityPath;  // as written (may be relative to origin)
        bool insecureSkipTlsVerify = false;
        std::string tlsServerName;
        std::string proxyUrl;
        // The `client.authentication.k8s.io/exec` extension as JSON text (empty: none); exec
        // plugins with provideClusterInfo receive it as spec.cluster.config.
        std::string execExtensionJson;
    };

    struct User {
        std::string name;
        std::string origin;
        std::string token;
        std::string tokenFile;
        std::string clientCertificateData;  // base64
        std::string clientCertificatePath;
        std::string clientKeyData;  // base64
        std::string clientKeyPath;
        std::optional<ExecConfig> exec;
        // Recognised so resolve() can name the replacement (auth-provider) or say plainly that
        // Kubernetes dropped it (basic auth).
        std::string authProviderName;  // empty: none
        bool hasAuthProvider = false;
        bool hasBasicAuth = false;
    };

    struct Context {
        std::string name;
        std::string origin;
        std::string cluster;
        std::string user;
        std::string namespaceName;  // empty: "default"
    };

    // Reads and parses one file. A missing file, unreadable file or malformed YAML is an error
    // whose message starts with the file's path (with the home directory shown as "~"); a
    // missing file is ErrorKind::NotFound.
    static base::Result<Kubeconfig> loadFile(const std::string& path);
    // Parses text as if it had been read from `path` (used for messages and relative paths).
    static base::Result<Kubeconfig> parse(std::string_view yaml, const std::string& path);

    // The file kubectl would read first: the first entry of $KUBECONFIG, else ~/.kube/config.
    // Returns the path even if the file does not exist. KubeconfigSet::load() reads them all.
    static std::string defaultPath();
    // `path` with the home directory written as "~", for messages.
    static std::string displayPath(const std::string& path);

    const std::string& path() const { return m_path; }
    const std::string& currentContext() const { return m_currentContext; }
    // Context names in the order the file lists them.
    std::vector<std::string> contextNames() const;

    const std::vector<Cluster>& clusters() const { return m_clusters; }
    const std::vector<User>& users() const { return m_users; }
    const std::vector<Context>& contexts() const { return m_contexts; }

    const Context* findContext(const std::string& name) const;
    const Cluster* findCluster(const std::string& name) const;
    const User* findUser(const std::string& name) const;

    // Follows a context (empty: current-context) to a usable connection description, with the
    // default credential options (the user's exec approvals, the login shell's PATH).
    base::Result<ResolvedContext> resolve(const std::string& contextName = {}) const;

private:
    std::string m_path;
    std::string m_currentContext;
    std::vector<Context> m_contexts;
    std::vector<Cluster> m_clusters;
    std::vector<User> m_users;
};

}  // namespace scaledeck::kube
