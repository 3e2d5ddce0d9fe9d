#include "kube/kubeconfig.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <regex>

#include "kube/kubeconfig_set.h"
#include "kube/local_file.h"

namespace scaledeck::kube {

namespace {

// Far deeper than any real extension; keeps a hostile file from exhausting the stack.
constexpr int kMaxJsonDepth = 64;

const char* const kExecExtensionName = "client.authentication.k8s.io/exec";

std::string inQuotes(const std::string& s) {
    return "\"" + s + "\"";
}

base::Error invalid(const std::string& path, const std::string& what) {
    return base::Error::invalid(Kubeconfig::displayPath(path) + ": " + what);
}

std::string jsonString(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out.push_back(static_cast<char>(c));
                }
        }
    }
    out += "\"";
    return out;
}

// A plain YAML scalar becomes what sigs.k8s.io/yaml (YAML 1.1) would make of it in JSON:
// null, a boolean, a number, or else a string. Quoted scalars are always strings.
std::string scalarToJson(const YAML::Node& node) {
    const std::string& s = node.Scalar();
    if (node.Tag() == "!")
        return jsonString(s);
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL")
        return "null";
    static const char* const kTrue[] = {"true", "True", "TRUE", "yes", "Yes",
                                        "YES",  "on",   "On",   "ON"};
    static const char* const kFalse[] = {"false", "False", "FALSE", "no", "No",
                                         "NO",    "off",   "Off",   "OFF"};
    for (const char* t : kTrue) {
        if (s == t)
            return "true";
    }
    for (const char* f : kFalse) {
        if (s == f)
            return "false";
    }
    static const std::regex kNumber(R"(-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?)");
    if (s.size() < 64 && std::regex_match(s, kNumber))
        return s;
    return jsonString(s);
}

std::optional<std::string> yamlToJson(const YAML::Node& node, int depth) {
    if (depth > kMaxJsonDepth)
        return std::nullopt;
    switch (node.Type()) {
        case YAML::NodeType::Undefined:
        case YAML::NodeType::Null:
            return std::string("null");
        case YAML::NodeType::Scalar:
            return scalarToJson(node);
        case YAML::NodeType::Sequence: {
            std::string out = "[";
            for (std::size_t i = 0; i < node.size(); ++i) {
                auto item = yamlToJson(node[i], depth + 1);
                if (!item)
                    return std::nullopt;
                if (i)
                    out += ",";
                out += *item;
            }
            return out + "]";
        }
        case YAML::NodeType::Map: {
            std::string out = "{";
            bool first = true;
            for (const auto& kv : node) {
                if (!kv.first.IsScalar())
                    return std::nullopt;  // JSON keys are strings
                auto value = yamlToJson(kv.second, depth + 1);
                if (!value)
                    return std::nullopt;
                if (!first)
                    out += ",";
                first = false;
                out += jsonString(kv.first.Scalar()) + ":" + *value;
            }
            return out + "}";
        }
    }
    return std::nullopt;
}

// Reads the fields of one kubeconfig entry; the first type mismatch becomes a message naming
// the file, the entry and the field.
class EntryReader {
public:
    EntryReader(const std::string& path, std::string entry, const YAML::Node& node,
                std::string prefix = {})
        : m_path(path), m_entry(std::move(entry)), m_node(node), m_prefix(std::move(prefix)) {}

    std::string string(const char* key) {
        const YAML::Node v = m_node[key];
        if (!v || v.IsNull())
            return {};
        if (!v.IsScalar()) {
            fail(field(key) + " must be a string");
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
            fail(field(key) + " must be true or false");
        }
        return out;
    }

    std::vector<std::string> strings(const char* key) {
        std::vector<std::string> out;
        const YAML::Node v = m_node[key];
        if (!v || v.IsNull())
            return out;
        if (!v.IsSequence()) {
            fail(field(key) + " must be a list of strings");
            return out;
        }
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (!v[i].IsScalar()) {
                fail(field(key) + "[" + std::to_string(i) + "] must be a string");
                return out;
            }
            out.push_back(v[i].Scalar());
        }
        return out;
    }

    std::vector<ExecEnvVar> envList(const char* key) {
        std::vector<ExecEnvVar> out;
        const YAML::Node v = m_node[key];
        if (!v || v.IsNull())
            return out;
        if (!v.IsSequence()) {
            fail(field(key) + " must be a list of {name, value} maps");
            return out;
        }
        for (std::size_t i = 0; i < v.size(); ++i) {
            const std::string where = field(key) + "[" + std::to_string(i) + "]";
            if (!v[i].IsMap()) {
                fail(where + " must be a map with name and value");
                return out;
            }
            EntryReader item(m_path, m_entry, v[i], where + ".");
            ExecEnvVar var{item.string("name"), item.string("value")};
            if (item.error()) {
                fail(*item.error());
                return out;
            }
            if (var.name.empty()) {
                fail(where + " has no name");
                return out;
            }
            out.push_back(std::move(var));
        }
        return out;
    }

    std::optional<ExecConfig> exec(const char* key) {
        const YAML::Node v = m_node[key];
        if (!v || v.IsNull())
            return std::nullopt;
        if (!v.IsMap()) {
            fail(field(key) + " must be a map");
            return std::nullopt;
        }
        EntryReader r(m_path, m_entry, v, field(key) + ".");
        ExecConfig exec;
        exec.apiVersion = r.string("apiVersion");
        exec.command = r.string("command");
        exec.args = r.strings("args");
        exec.env = r.envList("env");
        exec.interactiveMode = r.string("interactiveMode");
        exec.provideClusterInfo = r.boolean("provideClusterInfo");
        exec.installHint = r.string("installHint");
        if (r.error())
            fail(*r.error());
        return exec;
    }

    // The name of an auth-provider entry (`{name: gcp, config: {...}}`).
    std::string authProviderName(const char* key) {
        const YAML::Node v = m_node[key];
        if (!v || v.IsNull())
            return {};
        if (!v.IsMap()) {
            fail(field(key) + " must be a map");
            return {};
        }
        EntryReader r(m_path, m_entry, v, field(key) + ".");
        std::string name = r.string("name");
        if (r.error())
            fail(*r.error());
        return name;
    }

    // The `client.authentication.k8s.io/exec` entry of a cluster's extensions, as JSON.
    std::string execExtension(const char* key) {
        const YAML::Node v = m_node[key];
        if (!v || v.IsNull())
            return {};
        if (!v.IsSequence()) {
            fail(field(key) + " must be a list of {name, extension} maps");
            return {};
        }
        for (std::size_t i = 0; i < v.size(); ++i) {
            const YAML::Node item = v[i];
            if (!item.IsMap()) {
                fail(field(key) + "[" + std::to_string(i) + "] must be a map");
                return {};
            }
            const YAML::Node name = item["name"];
            if (!name || !name.IsScalar() || name.Scalar() != kExecExtensionName)
                continue;
            auto json = yamlToJson(item["extension"], 0);
            if (!json) {
                fail(field(key) + "[" + std::to_string(i) +
                     "].extension cannot be turned into JSON (non-string keys or too deep)");
                return {};
            }
            return *json;
        }
        return {};
    }

    bool has(const char* key) const {
        const YAML::Node v = m_node[key];
        return v && !v.IsNull();
    }

    const std::optional<base::Error>& error() const { return m_error; }

private:
    std::string field(const char* key) const { return m_prefix + key; }

    void fail(const std::string& what) {
        if (!m_error)
            m_error = invalid(m_path, m_entry + ": " + what);
    }
    void fail(const base::Error& nested) {
        if (!m_error)
            m_error = nested;
    }

    const std::string& m_path;
    std::string m_entry;
    const YAML::Node m_node;
    std::string m_prefix;
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

}  // namespace

base::Result<Kubeconfig> Kubeconfig::loadFile(const std::string& path) {
    auto text = readLocalFile(path);
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
                                   c.proxyUrl = r.string("proxy-url");
                                   c.execExtensionJson = r.execExtension("extensions");
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
                              u.exec = r.exec("exec");
                              u.hasAuthProvider = r.has("auth-provider");
                              u.authProviderName = r.authProviderName("auth-provider");
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
    return KubeconfigSet::fromFiles({*this}).resolve(contextName);
}

}  // namespace scaledeck::kube
