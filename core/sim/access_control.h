// AccessControl: who is calling and what they may do. Bearer tokens and client certificates
// (CN = user, O = groups, signed by the simulator's CA) map to the scenario's users; each
// user's RBAC rules answer both real requests (403 with the API server's exact wording) and
// SelfSubjectAccessReviews, so a console's preflight and the server can never disagree.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/scenario.h"

namespace scaledeck::sim {

struct ResourceAttributes {
    std::string verb;  // get, list, watch, create, update, patch, delete
    std::string group;
    std::string resource;  // plural
    std::string subresource;
    std::string namespaceName;  // empty: cluster scope
    std::string name;
};

class AccessControl {
public:
    explicit AccessControl(std::vector<SimUser> users);

    const SimUser* userForToken(const std::string& token) const;
    const SimUser* userForCertificate(const std::string& commonName) const;
    const SimUser* user(const std::string& name) const;
    const std::vector<SimUser>& users() const { return m_users; }

    bool allowed(const SimUser& user, const ResourceAttributes& a) const;
    // `deployments.apps "web" is forbidden: User "u" cannot patch resource "deployments/scale"
    // in API group "apps" in the namespace "shop"`
    static std::string forbiddenMessage(const SimUser& user, const ResourceAttributes& a,
                                        const std::string& qualifiedResource);

private:
    std::vector<SimUser> m_users;
};

}  // namespace scaledeck::sim
