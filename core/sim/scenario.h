// Scenario: everything a simulated cluster starts from, loaded from a YAML data file under
// resources/scenarios/. Objects are ordinary Kubernetes manifests; users carry the credentials
// and the simple RBAC the server enforces; loads drive per-workload request rates. Nothing here
// is specific to any one workload: GL-006 is just the bundled scenario file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.h"

namespace scaledeck::sim {

// One RBAC rule: the user may perform any of `verbs` on any of `resources` in any of
// `namespaces`. "*" matches everything. Resources may name a subresource ("deployments/scale").
// Verbs are Kubernetes verbs: get, list, watch, create, update, patch, delete.
// Cluster-scoped resources (nodes, namespaces) match when `namespaces` contains "*".
struct RbacRule {
    std::vector<std::string> verbs;
    std::vector<std::string> resources;
    std::vector<std::string> namespaces;
};

struct SimUser {
    std::string name;                 // "admin", "viewer", "operator"
    std::vector<std::string> groups;  // "system:masters", ...
    std::string token;                // bearer token; empty = no token login
    bool clientCertificate = false;   // the simulator issues a client certificate (CN=name)
    bool simAdmin = false;            // may use the /sim/v1 control API
    std::vector<RbacRule> rules;
};

// Pod lifecycle delays on the simulator's clock (seconds).
struct LifecycleTimings {
    double scheduleDelay = 1.0;     // created -> bound to a node (Pending with nodeName)
    double startDelay = 4.0;        // bound -> Running (containers started)
    double readyDelay = 5.0;        // Running -> Ready=True (readiness probe passes)
    double terminationDelay = 3.0;  // deletionTimestamp set -> object removed
};

// Load attached to one workload (a Deployment or StatefulSet). `spec` is the scenario's load
// block as JSON, interpreted by LoadModel (see load_model.h).
struct WorkloadLoad {
    std::string kind = "Deployment";
    std::string namespaceName;
    std::string name;
    nlohmann::json spec;
};

struct Scenario {
    std::string name;
    std::string description;
    std::vector<nlohmann::json> objects;  // namespaces, nodes, deployments, ... in creation order
    std::vector<SimUser> users;
    LifecycleTimings timings;
    std::vector<WorkloadLoad> loads;
};

// Loads a scenario; errors name the file and the entry that is wrong.
base::Result<Scenario> loadScenarioFile(const std::string& path);
base::Result<Scenario> parseScenarioYaml(const std::string& yamlText, const std::string& sourceName);

// The path of the bundled GL-006 scenario (installed or in the source tree).
std::string bundledScenarioPath();

// One YAML document as JSON, the way kubectl reads manifests: quoted scalars stay strings
// ("10" is the string "10"); plain scalars follow the YAML 1.2 core schema (10 -> integer,
// 0.5 -> number, true -> boolean, ~ -> null; 500m, 1Gi, yes stay strings); merge keys (<<)
// are applied; duplicate keys are errors. Errors read "<sourceName>:<line>:<column>: ...".
base::Result<nlohmann::json> yamlToJson(const std::string& yamlText,
                                        const std::string& sourceName);

}  // namespace scaledeck::sim
