#include "sim/kubeconfig_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "base/base64.h"

namespace scaledeck::sim {

namespace {

namespace fs = std::filesystem;

const KubeconfigUser* findUser(const KubeconfigSpec& spec, const std::string& name) {
    for (const auto& u : spec.users) {
        if (u.name == name)
            return &u;
    }
    return nullptr;
}

std::string mainUser(const KubeconfigSpec& spec) {
    if (!spec.defaultUser.empty() || spec.users.empty())
        return spec.defaultUser;
    return spec.users.front().name;
}

// sigs.k8s.io/yaml (what kubectl reads with) resolves plain scalars by YAML 1.1 rules, so a
// token such as "true", "0755" or "1e3" would arrive as a bool or a number and the file would
// not load. Such strings (and the empty one) are double-quoted; over-quoting is harmless.
bool looksLikeNonString(const std::string& s) {
    if (s.empty())
        return true;
    std::string lowered;
    for (char c : s)
        lowered.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    for (const char* word : {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"}) {
        if (lowered == word)
            return true;
    }
    const bool hasDigit =
        std::any_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
    const bool numberish = std::all_of(lowered.begin(), lowered.end(), [](char c) {
        return std::strchr("0123456789+-._:abcdefoxin", c) != nullptr;
    });
    return (hasDigit && numberish) || lowered == ".inf" || lowered == "-.inf" ||
           lowered == "+.inf" || lowered == ".nan";
}

void emitString(YAML::Emitter& out, const std::string& s) {
    if (looksLikeNonString(s))
        out << YAML::DoubleQuoted;
    out << s;
}

void emitContext(YAML::Emitter& out, const std::string& name, const KubeconfigSpec& spec,
                 const std::string& user) {
    out << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value;
    emitString(out, name);
    out << YAML::Key << "context" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "cluster" << YAML::Value;
    emitString(out, spec.clusterName);
    if (!user.empty()) {
        out << YAML::Key << "user" << YAML::Value;
        emitString(out, user);
    }
    if (!spec.defaultNamespace.empty()) {
        out << YAML::Key << "namespace" << YAML::Value;
        emitString(out, spec.defaultNamespace);
    }
    out << YAML::EndMap;
    out << YAML::EndMap;
}

std::string errnoText(int err) {
    return std::strerror(err);
}

base::Error writeError(const std::string& path, const std::string& what, int err) {
    return base::Error::internal("could not write the kubeconfig " + path + ": " + what + " (" +
                                 errnoText(err) + ")");
}

base::Status validate(const KubeconfigSpec& spec) {
    if (spec.server.empty())
        return base::Error::invalid("the kubeconfig needs a server URL");
    if (spec.clusterName.empty() || spec.contextName.empty())
        return base::Error::invalid("the kubeconfig needs a cluster name and a context name");
    for (const auto& u : spec.users) {
        if (u.name.empty())
            return base::Error::invalid("every kubeconfig user needs a name");
        if (u.clientCertificatePem.empty() != u.clientKeyPem.empty()) {
            return base::Error::invalid("kubeconfig user \"" + u.name +
                                        "\" needs both a client certificate and its key");
        }
    }
    if (!spec.defaultUser.empty() && !findUser(spec, spec.defaultUser)) {
        return base::Error::invalid("the default user \"" + spec.defaultUser +
                                    "\" is not one of the kubeconfig's users");
    }
    return {};
}

// Writes everything or reports why not; write(2) may accept fewer bytes than asked.
bool writeAll(int fd, const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

}  // namespace

std::string renderKubeconfig(const KubeconfigSpec& spec) {
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "apiVersion" << YAML::Value << "v1";
    out << YAML::Key << "kind" << YAML::Value << "Config";

    out << YAML::Key << "clusters" << YAML::Value << YAML::BeginSeq;
    out << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value;
    emitString(out, spec.clusterName);
    out << YAML::Key << "cluster" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "server" << YAML::Value;
    emitString(out, spec.server);
    if (spec.insecure) {
        out << YAML::Key << "insecure-skip-tls-verify" << YAML::Value << true;
    } else if (!spec.caPem.empty()) {
        out << YAML::Key << "certificate-authority-data" << YAML::Value
            << base::base64Encode(spec.caPem);
    }
    out << YAML::EndMap;
    out << YAML::EndMap;
    out << YAML::EndSeq;

    out << YAML::Key << "users" << YAML::Value << YAML::BeginSeq;
    for (const auto& u : spec.users) {
        out << YAML::BeginMap;
        out << YAML::Key << "name" << YAML::Value;
        emitString(out, u.name);
        out << YAML::Key << "user" << YAML::Value << YAML::BeginMap;
        if (!u.token.empty()) {
            out << YAML::Key << "token" << YAML::Value;
            emitString(out, u.token);
        }
        if (!u.clientCertificatePem.empty()) {
            out << YAML::Key << "client-certificate-data" << YAML::Value
                << base::base64Encode(u.clientCertificatePem);
        }
        if (!u.clientKeyPem.empty()) {
            out << YAML::Key << "client-key-data" << YAML::Value
                << base::base64Encode(u.clientKeyPem);
        }
        out << YAML::EndMap;
        out << YAML::EndMap;
    }
    out << YAML::EndSeq;

    out << YAML::Key << "contexts" << YAML::Value << YAML::BeginSeq;
    emitContext(out, spec.contextName, spec, mainUser(spec));
    for (const auto& u : spec.users)
        emitContext(out, spec.contextName + "-" + u.name, spec, u.name);
    out << YAML::EndSeq;

    out << YAML::Key << "current-context" << YAML::Value;
    emitString(out, spec.contextName);
    out << YAML::Key << "preferences" << YAML::Value << YAML::Flow << YAML::BeginMap
        << YAML::EndMap;
    out << YAML::EndMap;

    std::string text = out.c_str();
    text.push_back('\n');
    return text;
}

base::Status writeKubeconfig(const std::string& path, const KubeconfigSpec& spec) {
    if (auto st = validate(spec); !st.ok())
        return st;
    if (path.empty())
        return base::Error::invalid("the kubeconfig path is empty");

    const fs::path target(path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::exists(dir, ec)) {
        fs::create_directories(dir, ec);
        if (ec)
            return writeError(path, "cannot create " + dir.string(), ec.value());
        // Only directories made here are tightened; an existing one is the user's business.
        fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
    }

    const std::string text = renderKubeconfig(spec);
    std::string temp = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    const int fd = ::mkstemp(temp.data());
    if (fd < 0)
        return writeError(path, "cannot create a temporary file in " + dir.string(), errno);

    // The file holds tokens and private keys: 0600 whatever the umask says.
    const auto fail = [&](const std::string& what) {
        const int err = errno;
        ::close(fd);
        ::unlink(temp.c_str());
        return writeError(path, what, err);
    };
    if (::fchmod(fd, S_IRUSR | S_IWUSR) != 0)
        return fail("cannot restrict its permissions");
    if (!writeAll(fd, text))
        return fail("cannot write");
    if (::fsync(fd) != 0)
        return fail("cannot flush");
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(temp.c_str());
        return writeError(path, "cannot close", err);
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(temp.c_str());
        return writeError(path, "cannot move it into place", err);
    }
    return {};
}

}  // namespace scaledeck::sim
