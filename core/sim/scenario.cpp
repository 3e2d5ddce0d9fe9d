#include "sim/scenario.h"

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <system_error>
#include <utility>

#include "sim/load_model.h"
#include "sim/resource_registry.h"

#ifndef SCALEDECK_RESOURCES_DIR
#define SCALEDECK_RESOURCES_DIR "resources"
#endif

namespace scaledeck::sim {
namespace {

constexpr int kMaxYamlDepth = 128;
constexpr double kMaxDelaySeconds = 86400;
// Namespaces every real cluster has; a scenario gets them even when it does not list them.
const char* const kBuiltInNamespaces[] = {"default", "kube-system", "kube-public",
                                          "kube-node-lease"};

// ---- YAML to JSON --------------------------------------------------------------------------

class YamlConverter {
public:
    explicit YamlConverter(std::string source) : m_source(std::move(source)) {}

    base::Result<nlohmann::json> convert(const YAML::Node& node) {
        nlohmann::json out = value(node, 0);
        if (m_error)
            return *m_error;
        return out;
    }

private:
    void fail(const YAML::Mark& mark, const std::string& message) {
        if (m_error)
            return;
        std::string where = m_source;
        if (!mark.is_null()) {
            where += ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
        }
        m_error = base::Error::parse(where + ": " + message);
    }

    nlohmann::json value(const YAML::Node& node, int depth) {
        if (m_error)
            return nullptr;
        if (depth > kMaxYamlDepth) {
            fail(node.Mark(), "bad YAML: nested more than " + std::to_string(kMaxYamlDepth) +
                                  " levels deep (a recursive alias?)");
            return nullptr;
        }
        switch (node.Type()) {
            case YAML::NodeType::Undefined:
            case YAML::NodeType::Null:
                return nullptr;
            case YAML::NodeType::Scalar:
                return scalar(node);
            case YAML::NodeType::Sequence: {
                nlohmann::json out = nlohmann::json::array();
                for (const auto& item : node)
                    out.push_back(value(item, depth + 1));
                return out;
            }
            case YAML::NodeType::Map:
                return map(node, depth);
        }
        return nullptr;
    }

    nlohmann::json map(const YAML::Node& node, int depth) {
        nlohmann::json out = nlohmann::json::object();
        std::vector<YAML::Node> merges;
        for (auto it = node.begin(); it != node.end(); ++it) {
            // Copies: the iterator hands out a temporary pair, references would dangle.
            const YAML::Node key = it->first;
            const YAML::Node item = it->second;
            if (!key.IsScalar()) {
                fail(key.Mark(),
                     "bad YAML: a mapping key must be a plain value, not a list or "
                     "mapping");
                return nullptr;
            }
            const std::string name = key.Scalar();
            if (name == "<<" && key.Tag() == "?") {
                merges.push_back(item);
                continue;
            }
            if (out.contains(name)) {
                fail(key.Mark(), "bad YAML: duplicate key \"" + name + "\"");
                return nullptr;
            }
            out[name] = value(item, depth + 1);
        }
        // Merge keys (<<: *base) fill in only what the mapping does not set itself.
        for (const auto& merge : merges) {
            std::vector<YAML::Node> sources;
            if (merge.IsMap()) {
                sources.push_back(merge);
            } else if (merge.IsSequence()) {
                for (const auto& s : merge)
                    sources.push_back(s);
            } else {
                fail(merge.Mark(),
                     "bad YAML: a merge key (<<) needs a mapping or a list of "
                     "mappings");
                return nullptr;
            }
            for (const auto& source : sources) {
                if (!source.IsMap()) {
                    fail(source.Mark(),
                         "bad YAML: a merge key (<<) needs a mapping or a list "
                         "of mappings");
                    return nullptr;
                }
                nlohmann::json merged = map(source, depth + 1);
                if (m_error)
                    return nullptr;
                for (auto& [k, v] : merged.items()) {
                    if (!out.contains(k))
                        out[k] = v;
                }
            }
        }
        return out;
    }

    nlohmann::json scalar(const YAML::Node& node) {
        const std::string& tag = node.Tag();
        const std::string& text = node.Scalar();
        if (tag == "?")
            return plain(text);
        if (tag == "tag:yaml.org,2002:null")
            return nullptr;
        if (tag == "tag:yaml.org,2002:bool") {
            auto b = plainBool(text);
            if (!b)
                fail(node.Mark(), "bad YAML: \"" + text + "\" is not a boolean");
            return b.value_or(false);
        }
        if (tag == "tag:yaml.org,2002:int") {
            auto n = plainInteger(text);
            if (!n)
                fail(node.Mark(), "bad YAML: \"" + text + "\" is not an integer");
            return n.value_or(nlohmann::json(0));
        }
        if (tag == "tag:yaml.org,2002:float") {
            auto n = plainFloat(text);
            if (!n)
                n = plainInteger(text);
            if (!n)
                fail(node.Mark(), "bad YAML: \"" + text + "\" is not a number");
            return n.value_or(nlohmann::json(0.0));
        }
        // Quoted and block scalars ("!"), !!str and any application tag: the text itself.
        return text;
    }

    static std::optional<bool> plainBool(const std::string& t) {
        if (t == "true" || t == "True" || t == "TRUE")
            return true;
        if (t == "false" || t == "False" || t == "FALSE")
            return false;
        return std::nullopt;
    }

    static std::optional<nlohmann::json> plainInteger(const std::string& t) {
        static const std::regex decimal("[-+]?[0-9]+");
        static const std::regex octal("0o[0-7]+");
        static const std::regex hex("0x[0-9a-fA-F]+");
        if (std::regex_match(t, decimal)) {
            const std::string digits = t[0] == '+' ? t.substr(1) : t;
            std::int64_t v = 0;
            auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
            if (ec == std::errc() && end == digits.data() + digits.size())
                return nlohmann::json(v);
            std::uint64_t u = 0;
            auto [uend, uec] = std::from_chars(digits.data(), digits.data() + digits.size(), u);
            if (uec == std::errc() && uend == digits.data() + digits.size()) {
                return nlohmann::json(u);
            }
            return nlohmann::json(std::strtod(digits.c_str(), nullptr));
        }
        const bool isOctal = std::regex_match(t, octal);
        if (isOctal || std::regex_match(t, hex)) {
            std::uint64_t u = 0;
            auto [end, ec] =
                std::from_chars(t.data() + 2, t.data() + t.size(), u, isOctal ? 8 : 16);
            if (ec == std::errc() && end == t.data() + t.size()) {
                if (u <= static_cast<std::uint64_t>(INT64_MAX)) {
                    return nlohmann::json(static_cast<std::int64_t>(u));
                }
                return nlohmann::json(u);
            }
        }
        return std::nullopt;
    }

    static std::optional<nlohmann::json> plainFloat(const std::string& t) {
        static const std::regex number("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
        if (!std::regex_match(t, number))
            return std::nullopt;
        const double v = std::strtod(t.c_str(), nullptr);
        if (!std::isfinite(v))
            return std::nullopt;
        return nlohmann::json(v);
    }

    // YAML 1.2 core schema. Infinity and NaN have no JSON form, so .inf and .nan stay text.
    static nlohmann::json plain(const std::string& t) {
        if (t.empty() || t == "~" || t == "null" || t == "Null" || t == "NULL")
            return nullptr;
        if (auto b = plainBool(t))
            return *b;
        if (auto i = plainInteger(t))
            return *i;
        if (auto f = plainFloat(t))
            return *f;
        return t;
    }

    std::string m_source;
    std::optional<base::Error> m_error;
};

// ---- Scenario validation -------------------------------------------------------------------

class ScenarioReader {
public:
    explicit ScenarioReader(std::string source) : m_source(std::move(source)) {}

    base::Result<Scenario> read(const nlohmann::json& doc) {
        if (!doc.is_object()) {
            return fail("", "expected a mapping with name, users, objects and loads at the top");
        }
        for (const auto& [key, value] : doc.items()) {
            (void)value;
            if (key != "name" && key != "description" && key != "timings" && key != "users" &&
                key != "objects" && key != "loads") {
                return fail(key,
                            "unknown top-level field; known fields are name, description, "
                            "timings, users, objects, loads");
            }
        }
        Scenario s;
        if (auto st = readTexts(doc, s); !st.ok())
            return st.error();
        if (doc.contains("timings")) {
            if (auto st = readTimings(doc["timings"], s.timings); !st.ok())
                return st.error();
        }
        if (auto st = readUsers(doc.value("users", nlohmann::json()), s.users); !st.ok()) {
            return st.error();
        }
        if (auto st = readObjects(doc.value("objects", nlohmann::json::array()), s.objects);
            !st.ok()) {
            return st.error();
        }
        if (doc.contains("loads")) {
            if (auto st = readLoads(doc["loads"], s.objects, s.loads); !st.ok())
                return st.error();
        }
        return s;
    }

private:
    base::Error fail(const std::string& where, const std::string& message) const {
        return base::Error::invalid(m_source + ": " + (where.empty() ? "" : where + ": ") +
                                    message);
    }

    base::Status readTexts(const nlohmann::json& doc, Scenario& s) const {
        if (doc.contains("name")) {
            if (!doc["name"].is_string() || doc["name"].get<std::string>().empty()) {
                return fail("name", "expected a non-empty string");
            }
            s.name = doc["name"].get<std::string>();
        } else {
            s.name = std::filesystem::path(m_source).stem().string();
        }
        if (doc.contains("description")) {
            if (!doc["description"].is_string())
                return fail("description", "expected a string");
            s.description = doc["description"].get<std::string>();
        }
        return {};
    }

    base::Status readTimings(const nlohmann::json& t, LifecycleTimings& out) const {
        if (!t.is_object()) {
            return fail("timings",
                        "expected {scheduleDelay, startDelay, readyDelay, "
                        "terminationDelay} in seconds");
        }
        const std::pair<const char*, double*> fields[] = {
            {"scheduleDelay", &out.scheduleDelay},
            {"startDelay", &out.startDelay},
            {"readyDelay", &out.readyDelay},
            {"terminationDelay", &out.terminationDelay},
        };
        for (const auto& [key, value] : t.items()) {
            double* target = nullptr;
            for (const auto& [name, field] : fields) {
                if (key == name)
                    target = field;
            }
            if (!target) {
                return fail("timings." + key,
                            "unknown field; known fields are scheduleDelay, "
                            "startDelay, readyDelay, terminationDelay");
            }
            if (!value.is_number() || !(value.get<double>() >= 0) ||
                value.get<double>() > kMaxDelaySeconds) {
                return fail("timings." + key,
                            "expected seconds between 0 and 86400, got " + value.dump());
            }
            *target = value.get<double>();
        }
        return {};
    }

    base::Result<std::vector<std::string>> stringList(const nlohmann::json& v,
                                                      const std::string& where) const {
        if (!v.is_array())
            return fail(where, "expected a list of strings, got " + v.dump());
        std::vector<std::string> out;
        for (const auto& item : v) {
            if (!item.is_string() || item.get<std::string>().empty()) {
                return fail(where, "expected a list of non-empty strings, got " + item.dump());
            }
            out.push_back(item.get<std::string>());
        }
        return out;
    }

    base::Status readRule(const nlohmann::json& r, const std::string& where, RbacRule& out) const {
        static const std::set<std::string> kVerbs = {
            "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "*"};
        if (!r.is_object())
            return fail(where, "expected {verbs, resources, namespaces}");
        for (const auto& [key, value] : r.items()) {
            (void)value;
            if (key != "verbs" && key != "resources" && key != "namespaces") {
                return fail(where + "." + key,
                            "unknown field; known fields are verbs, resources, namespaces");
            }
        }
        for (const char* key : {"verbs", "resources"}) {
            if (!r.contains(key) || !r[key].is_array() || r[key].empty()) {
                return fail(where + "." + key, "expected a non-empty list (\"*\" for all)");
            }
        }
        auto verbs = stringList(r["verbs"], where + ".verbs");
        if (!verbs.ok())
            return verbs.error();
        for (const auto& v : *verbs) {
            if (!kVerbs.count(v)) {
                return fail(where + ".verbs", "\"" + v +
                                                  "\" is not a Kubernetes verb (get, list, "
                                                  "watch, create, update, patch, delete, "
                                                  "deletecollection or *)");
            }
        }
        auto resources = stringList(r["resources"], where + ".resources");
        if (!resources.ok())
            return resources.error();
        out.verbs = *verbs;
        out.resources = *resources;
        // Like a ClusterRole bound cluster-wide, a rule without namespaces applies everywhere.
        out.namespaces = {"*"};
        if (r.contains("namespaces")) {
            auto namespaces = stringList(r["namespaces"], where + ".namespaces");
            if (!namespaces.ok())
                return namespaces.error();
            if (namespaces->empty()) {
                return fail(where + ".namespaces", "is empty; leave it out for every namespace");
            }
            out.namespaces = *namespaces;
        }
        return {};
    }

    base::Status readUsers(const nlohmann::json& users, std::vector<SimUser>& out) const {
        if (!users.is_array() || users.empty()) {
            return fail("users", "expected a non-empty list of users; nobody could log in");
        }
        std::set<std::string> names;
        std::map<std::string, std::string> tokens;
        bool haveAdmin = false;
        for (std::size_t i = 0; i < users.size(); ++i) {
            const std::string where = "users[" + std::to_string(i) + "]";
            const auto& u = users[i];
            if (!u.is_object())
                return fail(where, "expected a mapping with name and token");
            for (const auto& [key, value] : u.items()) {
                (void)value;
                if (key != "name" && key != "groups" && key != "token" &&
                    key != "clientCertificate" && key != "simAdmin" && key != "rules") {
                    return fail(where + "." + key,
                                "unknown field; known fields are name, groups, token, "
                                "clientCertificate, simAdmin, rules");
                }
            }
            SimUser user;
            if (!u.contains("name") || !u["name"].is_string() ||
                u["name"].get<std::string>().empty()) {
                return fail(where + ".name", "give the user a name");
            }
            user.name = u["name"].get<std::string>();
            if (!names.insert(user.name).second) {
                return fail(where + ".name", "\"" + user.name + "\" is used by another user");
            }
            if (u.contains("groups")) {
                auto groups = stringList(u["groups"], where + ".groups");
                if (!groups.ok())
                    return groups.error();
                user.groups = *groups;
            }
            if (u.contains("token")) {
                if (!u["token"].is_string()) {
                    return fail(where + ".token", "expected a string; quote it");
                }
                user.token = u["token"].get<std::string>();
                if (!user.token.empty()) {
                    auto [it, fresh] = tokens.emplace(user.token, user.name);
                    if (!fresh) {
                        return fail(where + ".token",
                                    "is also the token of \"" + it->second +
                                        "\"; every user needs a token of their own");
                    }
                }
            }
            for (const char* key : {"clientCertificate", "simAdmin"}) {
                if (u.contains(key) && !u[key].is_boolean()) {
                    return fail(where + "." + key, "expected true or false, got " + u[key].dump());
                }
            }
            user.clientCertificate = u.value("clientCertificate", false);
            user.simAdmin = u.value("simAdmin", false);
            if (user.token.empty() && !user.clientCertificate) {
                return fail(where,
                            "token and clientCertificate are both missing; give the user "
                            "a way to log in");
            }
            if (u.contains("rules")) {
                if (!u["rules"].is_array()) {
                    return fail(where + ".rules",
                                "expected a list of {verbs, resources, "
                                "namespaces}");
                }
                for (std::size_t r = 0; r < u["rules"].size(); ++r) {
                    RbacRule rule;
                    if (auto st = readRule(u["rules"][r],
                                           where + ".rules[" + std::to_string(r) + "]", rule);
                        !st.ok()) {
                        return st;
                    }
                    user.rules.push_back(std::move(rule));
                }
            }
            haveAdmin = haveAdmin || (user.simAdmin && !user.token.empty());
            out.push_back(std::move(user));
        }
        if (!haveAdmin) {
            return fail("users",
                        "no user has simAdmin: true and a token; the simulator's "
                        "kubeconfig and its /sim/v1 control API need one");
        }
        return {};
    }

    static std::string groupOf(const std::string& apiVersion) {
        const auto slash = apiVersion.find('/');
        return slash == std::string::npos ? "" : apiVersion.substr(0, slash);
    }

    static std::string versionOf(const std::string& apiVersion) {
        const auto slash = apiVersion.find('/');
        return slash == std::string::npos ? apiVersion : apiVersion.substr(slash + 1);
    }

    static const ResourceInfo* servedKind(const std::string& apiVersion, const std::string& kind) {
        const std::string group = groupOf(apiVersion);
        const std::string version = versionOf(apiVersion);
        for (const auto& r : ResourceRegistry::instance().all()) {
            if (r.group == group && r.version == version && r.kind == kind && !r.virtualResource) {
                return &r;
            }
        }
        return nullptr;
    }

    static std::string describeObject(const nlohmann::json& o) {
        std::string kind =
            o.contains("kind") && o["kind"].is_string() ? o["kind"].get<std::string>() : "?";
        std::string name = "?";
        std::string ns;
        if (o.contains("metadata") && o["metadata"].is_object()) {
            const auto& m = o["metadata"];
            if (m.contains("name") && m["name"].is_string())
                name = m["name"].get<std::string>();
            if (m.contains("namespace") && m["namespace"].is_string()) {
                ns = m["namespace"].get<std::string>() + "/";
            }
        }
        return kind + " " + ns + name;
    }

    base::Status readObjects(const nlohmann::json& objects,
                             std::vector<nlohmann::json>& out) const {
        if (!objects.is_array())
            return fail("objects", "expected a list of Kubernetes manifests");
        std::vector<nlohmann::json> namespaces;
        std::vector<nlohmann::json> others;
        std::set<std::string> declared;
        std::map<std::string, std::size_t> seen;  // identity -> index
        std::vector<std::pair<std::size_t, std::string>> namespaceUses;
        for (std::size_t i = 0; i < objects.size(); ++i) {
            nlohmann::json o = objects[i];
            std::string where = "objects[" + std::to_string(i) + "]";
            if (!o.is_object())
                return fail(where, "expected a Kubernetes manifest (a mapping)");
            where += " (" + describeObject(o) + ")";
            for (const char* key : {"apiVersion", "kind"}) {
                if (!o.contains(key) || !o[key].is_string() || o[key].get<std::string>().empty()) {
                    return fail(where, std::string(key) + " is missing");
                }
            }
            if (!o.contains("metadata") || !o["metadata"].is_object() ||
                !o["metadata"].contains("name") || !o["metadata"]["name"].is_string() ||
                o["metadata"]["name"].get<std::string>().empty()) {
                return fail(where, "metadata.name is missing");
            }
            const std::string apiVersion = o["apiVersion"].get<std::string>();
            const std::string kind = o["kind"].get<std::string>();
            const ResourceInfo* info = servedKind(apiVersion, kind);
            if (!info) {
                return fail(where, "apiVersion " + apiVersion + ", kind " + kind +
                                       " is not served by the simulator");
            }
            auto& meta = o["metadata"];
            const std::string name = meta["name"].get<std::string>();
            std::string ns;
            if (info->namespaced) {
                if (meta.contains("namespace") && (!meta["namespace"].is_string() ||
                                                   meta["namespace"].get<std::string>().empty())) {
                    return fail(where, "metadata.namespace must be a non-empty string");
                }
                if (!meta.contains("namespace"))
                    meta["namespace"] = "default";
                ns = meta["namespace"].get<std::string>();
                namespaceUses.emplace_back(i, ns);
            } else if (meta.contains("namespace")) {
                return fail(where, "a " + kind + " is cluster-scoped; remove metadata.namespace");
            }
            const std::string identity = info->storage + "/" + ns + "/" + name;
            if (auto [it, fresh] = seen.emplace(identity, i); !fresh) {
                return fail(where, "has the same kind, namespace and name as objects[" +
                                       std::to_string(it->second) + "]");
            }
            if (kind == "Namespace") {
                declared.insert(name);
                namespaces.push_back(std::move(o));
            } else {
                others.push_back(std::move(o));
            }
        }
        for (const char* builtIn : kBuiltInNamespaces) {
            if (declared.count(builtIn))
                continue;
            namespaces.push_back(
                {{"apiVersion", "v1"},
                 {"kind", "Namespace"},
                 {"metadata",
                  {{"name", builtIn}, {"labels", {{"kubernetes.io/metadata.name", builtIn}}}}}});
            declared.insert(builtIn);
        }
        for (const auto& [index, ns] : namespaceUses) {
            if (!declared.count(ns)) {
                return fail("objects[" + std::to_string(index) + "] (" +
                                describeObject(objects[index]) + ")",
                            "namespace \"" + ns +
                                "\" is not declared; add a Namespace object "
                                "named " +
                                ns);
            }
        }
        // Namespaces first, as a real cluster needs them before anything is created in them.
        out = std::move(namespaces);
        for (auto& o : others)
            out.push_back(std::move(o));
        return {};
    }

    base::Status readLoads(const nlohmann::json& loads, const std::vector<nlohmann::json>& objects,
                           std::vector<WorkloadLoad>& out) const {
        if (!loads.is_array())
            return fail("loads", "expected a list of workload loads");
        std::set<std::string> workloads;
        for (const auto& o : objects) {
            const std::string apiVersion = o["apiVersion"].get<std::string>();
            if (groupOf(apiVersion) != "apps")
                continue;
            workloads.insert(o["kind"].get<std::string>() + " " +
                             o["metadata"].value("namespace", "default") + "/" +
                             o["metadata"]["name"].get<std::string>());
        }
        std::set<std::string> loaded;
        for (std::size_t i = 0; i < loads.size(); ++i) {
            std::string where = "loads[" + std::to_string(i) + "]";
            const auto& l = loads[i];
            if (!l.is_object())
                return fail(where, "expected {kind, namespace, name, rate, mix}");
            WorkloadLoad load;
            for (const char* key : {"kind", "namespace", "name"}) {
                if (l.contains(key) && !l[key].is_string()) {
                    return fail(where + "." + key, "expected a string, got " + l[key].dump());
                }
            }
            load.kind = l.value("kind", "Deployment");
            load.namespaceName = l.value("namespace", "default");
            load.name = l.value("name", "");
            if (load.name.empty())
                return fail(where, "name is missing: which workload is loaded?");
            if (load.kind != "Deployment" && load.kind != "StatefulSet") {
                return fail(where + ".kind", "\"" + load.kind +
                                                 "\" cannot carry a load; use Deployment or "
                                                 "StatefulSet");
            }
            const std::string target = load.kind + " " + load.namespaceName + "/" + load.name;
            where += " (" + target + ")";
            if (!workloads.count(target)) {
                return fail(where, "no such workload among the objects");
            }
            if (!loaded.insert(target).second) {
                return fail(where, "the workload already has a load; give it one entry");
            }
            load.spec = nlohmann::json::object();
            for (const auto& [key, value] : l.items()) {
                if (key != "kind" && key != "namespace" && key != "name")
                    load.spec[key] = value;
            }
            auto model = LoadModel::fromJson(load.spec);
            if (!model.ok())
                return fail(where, model.error().message);
            load.spec = model->toJson();
            out.push_back(std::move(load));
        }
        return {};
    }

    std::string m_source;
};

}  // namespace

base::Result<nlohmann::json> yamlToJson(const std::string& yamlText,
                                        const std::string& sourceName) {
    std::vector<YAML::Node> docs;
    try {
        docs = YAML::LoadAll(yamlText);
    } catch (const YAML::Exception& e) {
        std::string where = sourceName;
        if (!e.mark.is_null()) {
            where +=
                ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1);
        }
        return base::Error::parse(where + ": bad YAML: " + e.msg);
    }
    if (docs.empty())
        return base::Error::parse(sourceName + ": the file has no YAML document");
    if (docs.size() > 1) {
        return base::Error::parse(sourceName + ": the file has " + std::to_string(docs.size()) +
                                  " YAML documents (separated by ---); expected one");
    }
    try {
        return YamlConverter(sourceName).convert(docs[0]);
    } catch (const std::exception& e) {
        return base::Error::parse(sourceName + ": bad YAML: " + e.what());
    }
}

base::Result<Scenario> parseScenarioYaml(const std::string& yamlText,
                                         const std::string& sourceName) {
    auto doc = yamlToJson(yamlText, sourceName);
    if (!doc.ok())
        return doc.error();
    try {
        return ScenarioReader(sourceName).read(*doc);
    } catch (const std::exception& e) {
        return base::Error::internal(sourceName + ": could not read the scenario: " + e.what());
    }
}

base::Result<Scenario> loadScenarioFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        const std::error_code ec(errno, std::generic_category());
        return base::Error{base::ErrorKind::NotFound,
                           path + ": cannot read the scenario file (" + ec.message() + ")", 0,
                           false};
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) {
        return base::Error::internal(path + ": reading the scenario file failed");
    }
    return parseScenarioYaml(text.str(), path);
}

std::string bundledScenarioPath() {
    constexpr const char* kFile = "gl-006.yaml";
    if (const char* dir = std::getenv("SCALEDECK_SCENARIO_DIR"); dir && *dir) {
        return (std::filesystem::path(dir) / kFile).string();
    }
    std::vector<std::filesystem::path> candidates;
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        candidates.push_back(exe.parent_path() / ".." / "share" / "scaledeck" / "scenarios" /
                             kFile);
    }
    candidates.push_back(std::filesystem::path(SCALEDECK_RESOURCES_DIR) / "scenarios" / kFile);
    for (const auto& c : candidates) {
        if (std::filesystem::is_regular_file(c, ec))
            return c.lexically_normal().string();
    }
    // Nothing found: name the source-tree location so the error says where it was expected.
    return candidates.back().lexically_normal().string();
}

}  // namespace scaledeck::sim
