#include "sim/access_control.h"

#include <algorithm>

namespace scaledeck::sim {
namespace {

bool matches(const std::vector<std::string>& allowedValues, const std::string& value) {
    return std::any_of(allowedValues.begin(), allowedValues.end(),
                       [&](const std::string& v) { return v == "*" || v == value; });
}

}  // namespace

AccessControl::AccessControl(std::vector<SimUser> users) : m_users(std::move(users)) {}

const SimUser* AccessControl::userForToken(const std::string& token) const {
    if (token.empty()) return nullptr;
    for (const auto& u : m_users) {
        if (!u.token.empty() && u.token == token) return &u;
    }
    return nullptr;
}

const SimUser* AccessControl::userForCertificate(const std::string& commonName) const {
    for (const auto& u : m_users) {
        if (u.clientCertificate && u.name == commonName) return &u;
    }
    return nullptr;
}

const SimUser* AccessControl::user(const std::string& name) const {
    for (const auto& u : m_users) {
        if (u.name == name) return &u;
    }
    return nullptr;
}

bool AccessControl::allowed(const SimUser& user, const ResourceAttributes& a) const {
    if (std::find(user.groups.begin(), user.groups.end(), "system:masters") != user.groups.end()) {
        return true;
    }
    const std::string resource = a.subresource.empty() ? a.resource : a.resource + "/" + a.subresource;
    for (const auto& rule : user.rules) {
        if (!matches(rule.verbs, a.verb)) continue;
        if (!matches(rule.resources, resource)) continue;
        if (a.namespaceName.empty()) {
            // Cluster-scoped requests (and all-namespace lists) need a cluster-wide rule.
            if (!matches(rule.namespaces, "*")) continue;
        } else if (!matches(rule.namespaces, a.namespaceName)) {
            continue;
        }
        return true;
    }
    return false;
}

std::string AccessControl::forbiddenMessage(const SimUser& user, const ResourceAttributes& a,
                                            const std::string& qualifiedResource) {
    std::string subject = qualifiedResource;
    if (!a.name.empty()) subject += " \"" + a.name + "\"";
    const std::string resource = a.subresource.empty() ? a.resource : a.resource + "/" + a.subresource;
    std::string msg = subject + " is forbidden: User \"" + user.name + "\" cannot " + a.verb +
                      " resource \"" + resource + "\" in API group \"" + a.group + "\"";
    msg += a.namespaceName.empty() ? " at the cluster scope" : " in the namespace \"" + a.namespaceName + "\"";
    return msg;
}

}  // namespace scaledeck::sim
