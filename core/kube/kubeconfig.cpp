#include "kube/kubeconfig.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "base/base64.h"

namespace scaledeck::kube {

namespace {

namespace fs = std::filesystem;

std::string inQuotes(const std::string& s) {
    return "\"" + s + "\"";
}

base::Error invalid(const std::string& path, const std::string& what) {
    return base::Error::invalid(Kubeconfig::displayPath(path) + ": " + what);
}

base::Result<std::string> readWholeFile(const std::string& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        return base::Error::invalid(Kubeconfig::displayPath(path) + " is a directory, not a file");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        const int err = errno;
        base::Error e = base::Error::invalid(Kubeconfig::displayPath(path) +
                                             ": cannot read: " + std::strerror(err));
        if (err == ENOENT)
            e.kind = base::ErrorKind::NotFound;
        return e;
    }
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// Paths inside a kubeconfig are relative to the directory of the file that holds them.
std::string resolvePath(const std::string& origin, const std::string& path) {
    const fs::path p(path);
    if (p.is_absolute())
        return path;
    return (fs::path(origin).parent_path() / p).lexically_normal().string();
}

// Go's base64 decoder (what kubectl uses) skips line breaks, so wrapped data is accepted too.
base::Result<std::string> decodeData(const std::string& data) {
    std::string compact;
    compact.reserve(data.size());
    for (char c : data) {
        if (c != '\n' && c != '\r' && c != ' ' && c != '\t')
            compact.push_back(c);
    }
    return base::base64Decode(compact);
}

// Reads one field of a kubeconfig entry; every type mismatch becomes a message naming the entry.
class EntryReader {
public:
    EntryReader(const std::string& path, std::string entry, const YAML::Node& node)
        : m_path(path), m_entry(std::move(entry)), m_node(node) {}

    std::string string(const char* key) {
        const YAML::Node v = m_node[key];
        if (!v || v.IsNull())
            return {};
        if (!v.IsScalar()) {
            fail(std::string(key) + " must be a string");
            return {};
        }
        return v.Scalar();
    }

    bool boolean(const char* key) {
        const YAML::Node v = m_node[key];
        if (!v || v.IsNull())
            return false;
        bool out = false;
        if (!v.IsScalar() || !YAML::convert<bool>::decode(v, out)) {
            fail(std::string(key) + " must be true or false");
        }
        return out;
    }

    bool has(const char* key) const {
        const YAML::Node v = m_node[key];
        return v && !v.IsNull();
    }

    const std::optional<base::Error>& error() const { return m_error; }

private:
    void fail(const std::string& what) {
        if (!m_error)
            m_error = invalid(m_path, m_entry + ": " + what);
    }

    const std::string& m_path;
    std::string m_entry;
    const YAML::Node m_node;
    std::optional<base::Error> m_error;
};

// Walks `clusters:`, `users:` or `contexts:`: a list of {name, <body>} maps.
template <typename Entry, typename Fill>
std::optional<base::Error> readEntries(const YAML::Node& root, const std::string& path,
                                       const char* listKey, const char* bodyKey,
                                       const char* singular, std::vector<Entry>& out, Fill fill) {
    const YAML::Node list = root[listKey];
    if (!list || list.IsNull())
        return std::nullopt;
    if (!list.IsSequence())
        return invalid(path, std::string(listKey) + " must be a list");
    for (std::size_t i = 0; i < list.size(); ++i) {
        const YAML::Node item = list[i];
        const std::string where = std::string(listKey) + "[" + std::to_string(i) + "]";
        if (!item.IsMap())
            return invalid(path, where + " must be a map with name and " + bodyKey);
        const YAML::Node name = item["name"];
        if (!name || !name.IsScalar() || name.Scalar().empty()) {
            return invalid(path, where + " has no name");
        }
        const YAML::Node body = item[bodyKey];
        if (body && !body.IsNull() && !body.IsMap()) {
            return invalid(path, std::string(singular) + " " + inQuotes(name.Scalar()) + ": " +
                                     bodyKey + " must be a map");
        }
        // The first definition wins, as when kubectl merges files.
        const bool duplicate = std::any_of(out.begin(), out.end(),
                                           [&](const Entry& e) { return e.name == name.Scalar(); });
        if (duplicate)
            continue;
        Entry entry;
        entry.name = name.Scalar();
        entry.origin = path;
        EntryReader reader(path, std::string(singular) + " " + inQuotes(entry.name),
                           body ? body : YAML::Node(YAML::NodeType::Map));
        fill(reader, entry);
        if (reader.error())
            return *reader.error();
        out.push_back(std::move(entry));
    }
    return std::nullopt;
}

// Reads "<key>-data" (base64) or "<key>" (a file path), data first, as kubectl does.
base::Result<std::string> loadMaterial(const std::string& origin, const std::string& entry,
                                       const char* key, const std::string& data,
                                       const std::string& path) {
    if (!data.empty()) {
        auto decoded = decodeData(data);
        if (!decoded.ok()) {
            return invalid(origin, entry + ": " + key + "-data is not valid base64 (" +
                                       decoded.error().message + ")");
        }
        return std::move(decoded).value();
    }
    if (!path.empty()) {
        const std::string full = resolvePath(origin, path);
        auto content = readWholeFile(full);
        if (!content.ok()) {
            return invalid(
                origin, entry + ": " + key + " " + inQuotes(path) + ": " + content.error().message);
        }
        return std::move(content).value();
    }
    return std::string();
}

bool looksLikePem(const std::string& text, const char* what) {
    return text.find(std::string("-----BEGIN ") + what) != std::string::npos;
}

}  // namespace

base::Result<Kubeconfig> Kubeconfig::loadFile(const std::string& path) {
    auto text = readWholeFile(path);
    if (!text.ok())
        return text.error();
    return parse(*text, path);
}

base::Result<Kubeconfig> Kubeconfig::parse(std::string_view yaml, const std::string& path) {
    Kubeconfig config;
    config.m_path = path;
    try {
        const YAML::Node root = YAML::Load(std::string(yaml));
        if (!root || root.IsNull())
            return config;  // an empty file is an empty config
        if (!root.IsMap())
            return invalid(path, "not a kubeconfig (expected a YAML map)");

        if (const YAML::Node kind = root["kind"];
            kind && kind.IsScalar() && kind.Scalar() != "Config") {
            return invalid(path, "kind is " + inQuotes(kind.Scalar()) + ", expected \"Config\"");
        }
        if (const YAML::Node cc = root["current-context"]; cc && !cc.IsNull()) {
            if (!cc.IsScalar())
                return invalid(path, "current-context must be a string");
            config.m_currentContext = cc.Scalar();
        }

        auto err = readEntries(root, path, "clusters", "cluster", "cluster", config.m_clusters,
                               [](EntryReader& r, Cluster& c) {
                                   c.server = r.string("server");
                                   c.certificateAuthorityData =
                                       r.string("certificate-authority-data");
                                   c.certificateAuthorityPath = r.string("certificate-authority");
                                   c.insecureSkipTlsVerify = r.boolean("insecure-skip-tls-verify");
                                   c.tlsServerName = r.string("tls-server-name");
                               });
        if (err)
            return *err;
        err = readEntries(root, path, "users", "user", "user", config.m_users,
                          [](EntryReader& r, User& u) {
                              u.token = r.string("token");
                              u.tokenFile = r.string("tokenFile");
                              u.clientCertificateData = r.string("client-certificate-data");
                              u.clientCertificatePath = r.string("client-certificate");
                              u.clientKeyData = r.string("client-key-data");
                              u.clientKeyPath = r.string("client-key");
                              u.hasExec = r.has("exec");
                              u.hasAuthProvider = r.has("auth-provider");
                              u.hasBasicAuth = r.has("username") || r.has("password");
                          });
        if (err)
            return *err;
        err = readEntries(root, path, "contexts", "context", "context", config.m_contexts,
                          [](EntryReader& r, Context& c) {
                              c.cluster = r.string("cluster");
                              c.user = r.string("user");
                              c.namespaceName = r.string("namespace");
                          });
        if (err)
            return *err;
    } catch (const YAML::ParserException& e) {
        return base::Error::parse(displayPath(path) + ": invalid YAML at line " +
                                  std::to_string(e.mark.line + 1) + ", column " +
                                  std::to_string(e.mark.column + 1) + ": " + e.msg);
    } catch (const YAML::Exception& e) {
        return base::Error::parse(displayPath(path) + ": cannot read kubeconfig: " + e.msg);
    }
    return config;
}

std::string Kubeconfig::defaultPath() {
    if (const char* env = std::getenv("KUBECONFIG"); env && *env) {
        const std::string list(env);
        const std::string first = list.substr(0, list.find(':'));
        if (!first.empty())
            return first;
    }
    const char* home = std::getenv("HOME");
    return std::string(home ? home : "") + "/.kube/config";
}

std::string Kubeconfig::displayPath(const std::string& path) {
    const char* home = std::getenv("HOME");
    if (!home || !*home)
        return path;
    const std::string prefix = std::string(home) + "/";
    if (path.rfind(prefix, 0) == 0)
        return "~/" + path.substr(prefix.size());
    return path;
}

std::vector<std::string> Kubeconfig::contextNames() const {
    std::vector<std::string> names;
    names.reserve(m_contexts.size());
    for (const auto& c : m_contexts)
        names.push_back(c.name);
    return names;
}

const Kubeconfig::Context* Kubeconfig::findContext(const std::string& name) const {
    for (const auto& c : m_contexts) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

const Kubeconfig::Cluster* Kubeconfig::findCluster(const std::string& name) const {
    for (const auto& c : m_clusters) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

const Kubeconfig::User* Kubeconfig::findUser(const std::string& name) const {
    for (const auto& u : m_users) {
        if (u.name == name)
            return &u;
    }
    return nullptr;
}

base::Result<ResolvedContext> Kubeconfig::resolve(const std::string& contextName) const {
    const bool fromCurrent = contextName.empty();
    const std::string name = fromCurrent ? m_currentContext : contextName;
    if (name.empty()) {
        return invalid(m_path, "no current-context is set; choose one of its " +
                                   std::to_string(m_contexts.size()) + " contexts");
    }
    const Context* context = findContext(name);
    if (!context) {
        base::Error e = invalid(m_path, std::string(fromCurrent ? "current-context" : "context") +
                                            " " + inQuotes(name) + " is not defined");
        e.kind = base::ErrorKind::NotFound;
        return e;
    }
    const std::string contextLabel = "context " + inQuotes(name);
    if (context->cluster.empty())
        return invalid(context->origin, contextLabel + " names no cluster");
    const Cluster* cluster = findCluster(context->cluster);
    if (!cluster) {
        return invalid(context->origin, contextLabel + " names cluster " +
                                            inQuotes(context->cluster) + ", which is not defined");
    }
    const User* user = nullptr;
    if (!context->user.empty()) {
        user = findUser(context->user);
        if (!user) {
            return invalid(context->origin, contextLabel + " names user " +
                                                inQuotes(context->user) + ", which is not defined");
        }
    }

    ResolvedContext out;
    out.contextName = context->name;
    out.clusterName = cluster->name;
    out.userName = context->user;
    out.sourcePath = context->origin;
    if (!context->namespaceName.empty())
        out.namespaceName = context->namespaceName;

    const std::string clusterLabel = "cluster " + inQuotes(cluster->name);
    std::string server = cluster->server;
    if (server.empty())
        return invalid(cluster->origin, clusterLabel + " has no server");
    if (server.rfind("https://", 0) != 0 && server.rfind("http://", 0) != 0) {
        return invalid(cluster->origin, clusterLabel + ": server " + inQuotes(server) +
                                            " must start with https:// or http://");
    }
    while (server.size() > 8 && server.back() == '/')
        server.pop_back();
    out.server = server;
    out.insecureSkipTlsVerify = cluster->insecureSkipTlsVerify;
    out.tlsServerName = cluster->tlsServerName;

    auto ca = loadMaterial(cluster->origin, clusterLabel, "certificate-authority",
                           cluster->certificateAuthorityData, cluster->certificateAuthorityPath);
    if (!ca.ok())
        return ca.error();
    if (!ca->empty() && !looksLikePem(*ca, "CERTIFICATE")) {
        return invalid(cluster->origin,
                       clusterLabel + ": certificate-authority does not hold a PEM certificate");
    }
    if (!ca->empty() && out.insecureSkipTlsVerify) {
        // kubectl refuses this combination too: one of the two settings is a mistake.
        return invalid(cluster->origin, clusterLabel +
                                            ": certificate-authority and insecure-skip-tls-verify "
                                            "cannot both be set");
    }
    out.certificateAuthorityPem = std::move(ca).value();

    if (!user)
        return out;
    const std::string userLabel = "user " + inQuotes(user->name);
    if (user->hasExec) {
        return base::Error{base::ErrorKind::Unsupported,
                           displayPath(user->origin) + ": " + userLabel +
                               " uses an exec credential plugin, which ScaleDeck does not "
                               "support yet",
                           0, false};
    }
    if (user->hasAuthProvider) {
        return base::Error{base::ErrorKind::Unsupported,
                           displayPath(user->origin) + ": " + userLabel +
                               " uses an auth-provider, which ScaleDeck does not support",
                           0, false};
    }
    if (user->hasBasicAuth) {
        return base::Error{base::ErrorKind::Unsupported,
                           displayPath(user->origin) + ": " + userLabel +
                               " uses a username and password, which Kubernetes no longer "
                               "supports; use a token or a client certificate",
                           0, false};
    }
    Credentials credentials;
    credentials.token = user->token;
    if (credentials.token.empty() && !user->tokenFile.empty()) {
        auto token = loadMaterial(user->origin, userLabel, "tokenFile", {}, user->tokenFile);
        if (!token.ok())
            return token.error();
        std::string t = std::move(token).value();
        const auto notSpace = [](unsigned char c) { return !std::isspace(c); };
        t.erase(std::find_if(t.rbegin(), t.rend(), notSpace).base(), t.end());
        t.erase(t.begin(), std::find_if(t.begin(), t.end(), notSpace));
        credentials.token = std::move(t);
    }
    auto cert = loadMaterial(user->origin, userLabel, "client-certificate",
                             user->clientCertificateData, user->clientCertificatePath);
    if (!cert.ok())
        return cert.error();
    auto key = loadMaterial(user->origin, userLabel, "client-key", user->clientKeyData,
                            user->clientKeyPath);
    if (!key.ok())
        return key.error();
    if (cert->empty() != key->empty()) {
        return invalid(user->origin, userLabel + " has a client-" +
                                         (cert->empty() ? "key but no client-certificate"
                                                        : "certificate but no client-key"));
    }
    if (!cert->empty() && !looksLikePem(*cert, "CERTIFICATE")) {
        return invalid(user->origin,
                       userLabel + ": client-certificate does not hold a PEM certificate");
    }
    if (!key->empty() && !looksLikePem(*key, "")) {
        return invalid(user->origin, userLabel + ": client-key does not hold a PEM private key");
    }
    credentials.clientCertificatePem = std::move(cert).value();
    credentials.clientKeyPem = std::move(key).value();
    out.credentials = std::make_shared<StaticCredentialSource>(std::move(credentials));
    return out;
}

}  // namespace scaledeck::kube
