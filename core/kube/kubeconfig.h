// Kubeconfig: the clusters, users and contexts of one kubeconfig file, as kubectl reads them.
// Loading only checks the shape of the file; resolve() follows a context to its cluster and user,
// reads the files they name (relative paths are relative to the file that names them, as in
// kubectl), decodes base64 data and fails with a message that names the file and the entry.
// Every entry remembers the file it came from, so merging several files ($KUBECONFIG with
// colons, first definition wins) and exec credential plugins can be added without changing
// resolve(). Never throws; values are immutable once loaded, so copies may cross threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
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
        // Recognised so resolve() can say plainly that they are not supported yet.
        bool hasExec = false;
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
    // whose message starts with the file's path (with the home directory shown as "~").
    static base::Result<Kubeconfig> loadFile(const std::string& path);
    // Parses text as if it had been read from `path` (used for messages and relative paths).
    static base::Result<Kubeconfig> parse(std::string_view yaml, const std::string& path);

    // The file kubectl would read: the first entry of $KUBECONFIG, else ~/.kube/config.
    // Returns the path even if the file does not exist.
    static std::string defaultPath();
    // `path` with the home directory written as "~", for messages.
    static std::string displayPath(const std::string& path);

    const std::string& path() const { return m_path; }
    const std::string& currentContext() const { return m_currentContext; }
    // Context names in the order the file lists them.
    std::vector<std::string> contextNames() const;

    const Context* findContext(const std::string& name) const;
    const Cluster* findCluster(const std::string& name) const;
    const User* findUser(const std::string& name) const;

    // Follows a context (empty: current-context) to a usable connection description.
    base::Result<ResolvedContext> resolve(const std::string& contextName = {}) const;

private:
    std::string m_path;
    std::string m_currentContext;
    std::vector<Context> m_contexts;
    std::vector<Cluster> m_clusters;
    std::vector<User> m_users;
};

}  // namespace scaledeck::kube
