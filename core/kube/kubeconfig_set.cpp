#include "kube/kubeconfig_set.h"

#include <algorithm>
#include <cstdlib>

#include "base/base64.h"
#include "kube/local_file.h"
#include "kube/token_file_credential_source.h"

namespace scaledeck::kube {

namespace {

std::string inQuotes(const std::string& s) {
    return "\"" + s + "\"";
}

base::Error invalid(const std::string& path, const std::string& what) {
    return base::Error::invalid(Kubeconfig::displayPath(path) + ": " + what);
}

base::Error unsupported(const std::string& path, const std::string& what) {
    return base::Error{base::ErrorKind::Unsupported, Kubeconfig::displayPath(path) + ": " + what, 0,
                       false};
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
        auto content = readLocalFile(resolveAgainst(origin, path));
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

std::vector<std::string> splitList(const std::string& list) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= list.size()) {
        const std::size_t colon = list.find(':', start);
        std::string item =
            list.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
        if (!item.empty() && std::find(out.begin(), out.end(), item) == out.end())
            out.push_back(std::move(item));
        if (colon == std::string::npos)
            break;
        start = colon + 1;
    }
    return out;
}

std::string joinDisplay(const std::vector<std::string>& paths, const std::string& sep) {
    std::string out;
    for (const auto& p : paths) {
        if (!out.empty())
            out += sep;
        out += Kubeconfig::displayPath(p);
    }
    return out;
}

// The exec plugin kubectl users are told to install in place of each removed auth-provider.
std::string authProviderReplacement(const std::string& provider) {
    if (provider == "gcp") {
        return "install gke-gcloud-auth-plugin (gcloud components install "
               "gke-gcloud-auth-plugin) and run `gcloud container clusters get-credentials` "
               "again, which writes an exec entry";
    }
    if (provider == "azure") {
        return "install kubelogin (github.com/Azure/kubelogin) and run `kubelogin "
               "convert-kubeconfig`, which turns this entry into an exec entry";
    }
    if (provider == "oidc") {
        return "install kubelogin (github.com/int128/kubelogin, `kubectl oidc-login`) and "
               "replace this entry with an exec entry that runs `kubectl oidc-login get-token`";
    }
    return "replace it with the exec credential plugin your provider documents";
}

// kubectl's validation accepts exactly these proxy schemes.
std::optional<std::string> proxyError(const std::string& url) {
    const std::size_t sep = url.find("://");
    if (sep == std::string::npos || sep == 0) {
        return "proxy-url " + inQuotes(url) +
               " is not a URL; write it as http://host:port, https://host:port or "
               "socks5://host:port";
    }
    std::string scheme = url.substr(0, sep);
    std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (scheme != "http" && scheme != "https" && scheme != "socks5") {
        return "proxy-url " + inQuotes(url) + " uses the scheme " + inQuotes(scheme) +
               "; only http://, https:// and socks5:// proxies are supported";
    }
    if (url.size() == sep + 3)
        return "proxy-url " + inQuotes(url) + " has no host";
    return std::nullopt;
}

}  // namespace

std::vector<std::string> KubeconfigSet::candidatePaths(const LoadOptions& options) {
    if (!options.explicitPath.empty())
        return {options.explicitPath};
    std::string variable;
    if (options.kubeconfigVariable) {
        variable = *options.kubeconfigVariable;
    } else if (const char* env = std::getenv("KUBECONFIG")) {
        variable = env;
    }
    std::vector<std::string> paths = splitList(variable);
    if (!paths.empty())
        return paths;
    std::string home;
    if (options.home) {
        home = *options.home;
    } else if (const char* env = std::getenv("HOME")) {
        home = env;
    }
    return {home + "/.kube/config"};
}

base::Result<KubeconfigSet> KubeconfigSet::load(const LoadOptions& options) {
    KubeconfigSet set;
    set.m_searched = candidatePaths(options);
    const bool explicitPath = !options.explicitPath.empty();
    for (const auto& path : set.m_searched) {
        auto file = Kubeconfig::loadFile(path);
        if (!file.ok()) {
            // kubectl skips missing files of $KUBECONFIG and a missing ~/.kube/config, but not a
            // missing --kubeconfig.
            if (file.error().kind == base::ErrorKind::NotFound && !explicitPath)
                continue;
            return file.error();
        }
        set.m_files.push_back(std::move(file).value());
    }
    if (!explicitPath && set.contextNames().empty()) {
        const InClusterConfig::Environment env =
            options.inCluster ? *options.inCluster : InClusterConfig::Environment::fromProcess();
        if (InClusterConfig::possible(env))
            set.m_inCluster = env;
    }
    return set;
}

KubeconfigSet KubeconfigSet::fromFiles(std::vector<Kubeconfig> files) {
    KubeconfigSet set;
    for (const auto& f : files)
        set.m_searched.push_back(f.path());
    set.m_files = std::move(files);
    return set;
}

std::string KubeconfigSet::displayName() const {
    if (m_inCluster)
        return "in-cluster service account";
    if (!m_files.empty()) {
        std::vector<std::string> paths;
        for (const auto& f : m_files)
            paths.push_back(f.path());
        return joinDisplay(paths, ":");
    }
    return joinDisplay(m_searched, ":");
}

std::string KubeconfigSet::filesLabel() const {
    if (m_files.size() == 1)
        return Kubeconfig::displayPath(m_files.front().path());
    if (!m_files.empty()) {
        std::vector<std::string> paths;
        for (const auto& f : m_files)
            paths.push_back(f.path());
        return joinDisplay(paths, ", ");
    }
    return joinDisplay(m_searched, ", ");
}

std::string KubeconfigSet::currentContext() const {
    for (const auto& f : m_files) {
        if (!f.currentContext().empty())
            return f.currentContext();
    }
    return m_inCluster ? InClusterConfig::kContextName : std::string();
}

std::vector<std::string> KubeconfigSet::contextNames() const {
    std::vector<std::string> names;
    for (const auto& f : m_files) {
        for (const auto& c : f.contexts()) {
            if (std::find(names.begin(), names.end(), c.name) == names.end())
                names.push_back(c.name);
        }
    }
    if (m_inCluster && names.empty())
        names.push_back(InClusterConfig::kContextName);
    return names;
}

const Kubeconfig::Context* KubeconfigSet::findContext(const std::string& name) const {
    for (const auto& f : m_files) {
        if (const auto* c = f.findContext(name))
            return c;
    }
    return nullptr;
}

const Kubeconfig::Cluster* KubeconfigSet::findCluster(const std::string& name) const {
    for (const auto& f : m_files) {
        if (const auto* c = f.findCluster(name))
            return c;
    }
    return nullptr;
}

const Kubeconfig::User* KubeconfigSet::findUser(const std::string& name) const {
    for (const auto& f : m_files) {
        if (const auto* u = f.findUser(name))
            return u;
    }
    return nullptr;
}

base::Result<ResolvedContext> KubeconfigSet::resolve(const std::string& contextName) const {
    const bool fromCurrent = contextName.empty();
    const std::string name = fromCurrent ? currentContext() : contextName;
    const std::size_t contextCount = contextNames().size();
    if (name.empty()) {
        if (m_files.empty()) {
            base::Error e = base::Error::invalid(
                "no kubeconfig found (looked for " + filesLabel() +
                "); create one, point KUBECONFIG at one, or open one from the File menu");
            e.kind = base::ErrorKind::NotFound;
            return e;
        }
        if (m_files.size() == 1) {
            return invalid(m_files.front().path(), "no current-context is set; choose one of its " +
                                                       std::to_string(contextCount) + " contexts");
        }
        return base::Error::invalid("no current-context is set in " + filesLabel() +
                                    "; choose one of their " + std::to_string(contextCount) +
                                    " contexts");
    }
    const Kubeconfig::Context* context = findContext(name);
    if (!context && m_inCluster && name == InClusterConfig::kContextName)
        return InClusterConfig::resolve(*m_inCluster);
    if (!context) {
        base::Error e = base::Error::invalid(filesLabel() + ": " +
                                             (fromCurrent ? "current-context" : "context") + " " +
                                             inQuotes(name) + " is not defined");
        e.kind = base::ErrorKind::NotFound;
        return e;
    }
    const std::string contextLabel = "context " + inQuotes(name);
    if (context->cluster.empty())
        return invalid(context->origin, contextLabel + " names no cluster");
    const Kubeconfig::Cluster* cluster = findCluster(context->cluster);
    if (!cluster) {
        return invalid(context->origin, contextLabel + " names cluster " +
                                            inQuotes(context->cluster) + ", which is not defined");
    }
    const Kubeconfig::User* user = nullptr;
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
    if (!cluster->proxyUrl.empty()) {
        if (auto e = proxyError(cluster->proxyUrl))
            return invalid(cluster->origin, clusterLabel + ": " + *e);
        out.proxyUrl = cluster->proxyUrl;
    }

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
    if (out.insecureSkipTlsVerify) {
        out.warnings.push_back(
            Kubeconfig::displayPath(cluster->origin) + ": " + clusterLabel +
            " sets insecure-skip-tls-verify: the server's certificate is not checked, so "
            "anyone on the network path could pose as this cluster; add its "
            "certificate-authority instead");
    }

    if (!user) {
        out.credentials = std::make_shared<StaticCredentialSource>(Credentials{});
        return out;
    }
    const std::string userLabel = "user " + inQuotes(user->name);
    const std::string userWhere = Kubeconfig::displayPath(user->origin) + ": " + userLabel;
    if (user->hasAuthProvider) {
        const std::string provider = user->authProviderName.empty()
                                         ? std::string("an auth-provider")
                                         : "the auth-provider " + inQuotes(user->authProviderName);
        return unsupported(user->origin, userLabel + " uses " + provider +
                                             ", which Kubernetes removed from kubectl and "
                                             "ScaleDeck does not support; " +
                                             authProviderReplacement(user->authProviderName));
    }
    if (user->hasBasicAuth) {
        return unsupported(user->origin, userLabel +
                                             " uses a username and password, which Kubernetes "
                                             "no longer supports; use a token or a client "
                                             "certificate");
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
    Credentials base;
    base.clientCertificatePem = std::move(cert).value();
    base.clientKeyPem = std::move(key).value();

    if (user->exec) {
        if (!user->token.empty() || !user->tokenFile.empty()) {
            return invalid(user->origin,
                           userLabel + " has both an exec plugin and a token; remove one of them");
        }
        if (auto st = ExecCredentialSource::validate(*user->exec, userWhere); !st.ok())
            return st.error();
        ExecCredentialSource::Spec spec;
        spec.kubeconfigPath = user->origin;
        spec.userName = user->name;
        spec.exec = *user->exec;
        spec.cluster = {
            out.server,   out.certificateAuthorityPem, out.insecureSkipTlsVerify, out.tlsServerName,
            out.proxyUrl, cluster->execExtensionJson};
        spec.base = std::move(base);
        auto source = std::make_shared<ExecCredentialSource>(std::move(spec), m_execOptions);
        out.execApproval = source->approvalRequest();
        out.credentials = std::move(source);
        return out;
    }

    if (!user->tokenFile.empty()) {
        // kubectl prefers the file (it may rotate) and falls back to a token written beside it.
        auto source = TokenFileCredentialSource::open(resolveAgainst(user->origin, user->tokenFile),
                                                      userWhere, user->tokenFile, base);
        if (source.ok()) {
            out.credentials = std::move(source).value();
            return out;
        }
        if (user->token.empty())
            return source.error();
        out.warnings.push_back(source.error().message + "; using the token written beside it");
    }
    base.token = user->token;
    out.credentials = std::make_shared<StaticCredentialSource>(std::move(base));
    return out;
}

}  // namespace scaledeck::kube
