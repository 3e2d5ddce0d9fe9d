#include "sim/scenario.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "sim/access_control.h"
#include "sim/load_model.h"
#include "sim/operation_mix.h"

using nlohmann::json;
using scaledeck::sim::AccessControl;
using scaledeck::sim::LoadModel;
using scaledeck::sim::OperationMix;
using scaledeck::sim::Scenario;

namespace {

const std::string kBundledInTree =
    std::string(SCALEDECK_SOURCE_DIR) + "/resources/scenarios/gl-006.yaml";
constexpr double kMi = 1024.0 * 1024.0;
constexpr double kGi = 1024.0 * kMi;

const Scenario& gl006() {
    static const Scenario scenario = [] {
        auto s = scaledeck::sim::loadScenarioFile(kBundledInTree);
        if (!s.ok()) {
            ADD_FAILURE() << s.error().message;
            return Scenario{};
        }
        return std::move(s).value();
    }();
    return scenario;
}

const json* find(const Scenario& s, const std::string& kind, const std::string& ns,
                 const std::string& name) {
    for (const auto& o : s.objects) {
        if (o["kind"] == kind && o["metadata"]["name"] == name &&
            o["metadata"].value("namespace", "") == ns) {
            return &o;
        }
    }
    return nullptr;
}

double quantity(const json& v) {
    const auto q = OperationMix::parseQuantity(v);
    EXPECT_TRUE(q.has_value()) << v.dump();
    return q.value_or(0);
}

struct Requests {
    double cpu = 0;
    double memory = 0;
};

Requests podRequests(const json& podSpec) {
    Requests r;
    for (const auto& c : podSpec["containers"]) {
        const auto requests = c["resources"].value("requests", json::object());
        if (requests.contains("cpu"))
            r.cpu += quantity(requests["cpu"]);
        if (requests.contains("memory"))
            r.memory += quantity(requests["memory"]);
    }
    return r;
}

// First-fit decreasing onto the nodes' allocatable CPU and memory, as a scheduler would manage
// at best: true when every pod finds a node.
bool fits(const Scenario& s, std::vector<Requests> pods) {
    std::vector<Requests> free;
    for (const auto& o : s.objects) {
        if (o["kind"] != "Node")
            continue;
        free.push_back({quantity(o["status"]["allocatable"]["cpu"]),
                        quantity(o["status"]["allocatable"]["memory"])});
    }
    std::sort(pods.begin(), pods.end(),
              [](const Requests& a, const Requests& b) { return a.cpu > b.cpu; });
    for (const auto& p : pods) {
        auto node = std::find_if(free.begin(), free.end(), [&](const Requests& n) {
            return n.cpu + 1e-9 >= p.cpu && n.memory + 1e-9 >= p.memory;
        });
        if (node == free.end())
            return false;
        node->cpu -= p.cpu;
        node->memory -= p.memory;
    }
    return true;
}

// Every pod of the scenario's other workloads, at their scenario replica counts.
std::vector<Requests> otherPods(const Scenario& s) {
    std::vector<Requests> pods;
    for (const auto& o : s.objects) {
        if (o["kind"] != "Deployment" && o["kind"] != "StatefulSet")
            continue;
        if (o["metadata"]["name"] == "gl-006-heatreclaim")
            continue;
        const auto r = podRequests(o["spec"]["template"]["spec"]);
        for (int i = 0; i < o["spec"]["replicas"].get<int>(); ++i)
            pods.push_back(r);
    }
    return pods;
}

TEST(Gl006Scenario, BundledPathFindsTheSourceTreeOrTheEnvironment) {
    const char* saved = std::getenv("SCALEDECK_SCENARIO_DIR");
    const std::string savedValue = saved ? saved : "";
    unsetenv("SCALEDECK_SCENARIO_DIR");
    EXPECT_EQ(std::filesystem::path(scaledeck::sim::bundledScenarioPath()),
              std::filesystem::path(kBundledInTree).lexically_normal());
    setenv("SCALEDECK_SCENARIO_DIR", "/opt/elsewhere", 1);
    EXPECT_EQ(scaledeck::sim::bundledScenarioPath(), "/opt/elsewhere/gl-006.yaml");
    if (saved) {
        setenv("SCALEDECK_SCENARIO_DIR", savedValue.c_str(), 1);
    } else {
        unsetenv("SCALEDECK_SCENARIO_DIR");
    }
}

TEST(Gl006Scenario, DeploymentIsTheGuidesProductionSetup) {
    const Scenario& s = gl006();
    EXPECT_EQ(s.name, "GL-006 HeatRecoveryMaximizer (production)");
    EXPECT_FALSE(s.description.empty());
    const json* d = find(s, "Deployment", "greenlang", "gl-006-heatreclaim");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ((*d)["apiVersion"], "apps/v1");
    EXPECT_EQ((*d)["spec"]["replicas"], 3);
    EXPECT_EQ((*d)["spec"]["selector"]["matchLabels"], json({{"app", "gl-006-heatreclaim"}}));
    EXPECT_EQ((*d)["spec"]["template"]["metadata"]["labels"]["app"], "gl-006-heatreclaim");
    const auto& containers = (*d)["spec"]["template"]["spec"]["containers"];
    ASSERT_EQ(containers.size(), 2u);
    const auto& main = containers[0];
    EXPECT_EQ(main["name"], "gl-006-heatreclaim");
    EXPECT_EQ(main["image"], "greenlang/gl-006-heatreclaim:1.0.0");
    EXPECT_DOUBLE_EQ(quantity(main["resources"]["requests"]["cpu"]), 0.5);
    EXPECT_DOUBLE_EQ(quantity(main["resources"]["requests"]["memory"]), 512 * kMi);
    EXPECT_DOUBLE_EQ(quantity(main["resources"]["limits"]["cpu"]), 1.0);
    EXPECT_DOUBLE_EQ(quantity(main["resources"]["limits"]["memory"]), 1 * kGi);
    std::vector<int> ports;
    for (const auto& p : main["ports"])
        ports.push_back(p["containerPort"]);
    EXPECT_EQ(ports, (std::vector<int>{8080, 9090}));
    EXPECT_EQ(main["envFrom"][0]["configMapRef"]["name"], "gl-006-heatreclaim-config");
    // The sidecar has its own, smaller requests.
    const auto& sidecar = containers[1];
    EXPECT_EQ(sidecar["name"], "metrics-exporter");
    EXPECT_LT(quantity(sidecar["resources"]["requests"]["cpu"]), 0.5);
    EXPECT_GT(quantity(sidecar["resources"]["requests"]["cpu"]), 0);

    const json* svc = find(s, "Service", "greenlang", "gl-006-heatreclaim");
    ASSERT_NE(svc, nullptr);
    EXPECT_EQ((*svc)["spec"]["selector"]["app"], "gl-006-heatreclaim");
}

TEST(Gl006Scenario, HpaIsGuideSection32Verbatim) {
    const json* hpa =
        find(gl006(), "HorizontalPodAutoscaler", "greenlang", "gl-006-heatreclaim-hpa");
    ASSERT_NE(hpa, nullptr);
    EXPECT_EQ((*hpa)["apiVersion"], "autoscaling/v2");
    const json expectedSpec = json::parse(R"({
        "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment",
                           "name": "gl-006-heatreclaim"},
        "minReplicas": 3,
        "maxReplicas": 10,
        "metrics": [
            {"type": "Resource", "resource": {"name": "cpu",
                "target": {"type": "Utilization", "averageUtilization": 70}}},
            {"type": "Resource", "resource": {"name": "memory",
                "target": {"type": "Utilization", "averageUtilization": 80}}}
        ]})");
    EXPECT_EQ((*hpa)["spec"], expectedSpec);  // in particular: no behavior
}

TEST(Gl006Scenario, PdbConfigMapAndDatabases) {
    const Scenario& s = gl006();
    const json* pdb = find(s, "PodDisruptionBudget", "greenlang", "gl-006-heatreclaim-pdb");
    ASSERT_NE(pdb, nullptr);
    EXPECT_EQ((*pdb)["apiVersion"], "policy/v1");
    EXPECT_EQ((*pdb)["spec"]["minAvailable"], 2);
    EXPECT_EQ((*pdb)["spec"]["selector"]["matchLabels"], json({{"app", "gl-006-heatreclaim"}}));

    const json* cm = find(s, "ConfigMap", "greenlang", "gl-006-heatreclaim-config");
    ASSERT_NE(cm, nullptr);
    EXPECT_EQ((*cm)["data"]["DATABASE_POOL_SIZE"], json("10"));  // strings, as the guide edits them
    EXPECT_EQ((*cm)["data"]["DATABASE_MAX_OVERFLOW"], json("20"));
    for (const auto& [key, value] : (*cm)["data"].items())
        EXPECT_TRUE(value.is_string()) << key;

    const json* redis = find(s, "StatefulSet", "greenlang", "redis");
    ASSERT_NE(redis, nullptr);
    EXPECT_EQ((*redis)["spec"]["replicas"], 3);
    EXPECT_EQ((*redis)["spec"]["serviceName"], "redis");
    EXPECT_EQ((*redis)["spec"]["selector"]["matchLabels"]["app"], "redis");
    const auto& redisContainer = (*redis)["spec"]["template"]["spec"]["containers"][0];
    EXPECT_EQ(redisContainer["name"], "redis");
    EXPECT_DOUBLE_EQ(quantity(redisContainer["resources"]["requests"]["cpu"]), 0.25);
    EXPECT_DOUBLE_EQ(quantity(redisContainer["resources"]["requests"]["memory"]), 1 * kGi);
    EXPECT_DOUBLE_EQ(quantity(redisContainer["resources"]["limits"]["memory"]), 1 * kGi);

    const json* postgres = find(s, "StatefulSet", "greenlang", "postgresql");
    ASSERT_NE(postgres, nullptr);
    EXPECT_EQ((*postgres)["spec"]["replicas"], 1);
    EXPECT_EQ((*postgres)["spec"]["template"]["metadata"]["labels"]["app"], "postgresql");
    EXPECT_NE(find(s, "Service", "greenlang", "redis"), nullptr);
    EXPECT_NE(find(s, "Service", "greenlang", "postgresql"), nullptr);
}

TEST(Gl006Scenario, NamespacesComeFirstAndEveryNamespacedObjectHasOne) {
    const Scenario& s = gl006();
    std::vector<std::string> namespaces;
    bool pastNamespaces = false;
    for (const auto& o : s.objects) {
        if (o["kind"] == "Namespace") {
            EXPECT_FALSE(pastNamespaces)
                << "Namespace after other objects: " << o["metadata"]["name"];
            namespaces.push_back(o["metadata"]["name"]);
            continue;
        }
        pastNamespaces = true;
        if (o["kind"] != "Node") {
            EXPECT_TRUE(o["metadata"].contains("namespace")) << o.dump();
        }
    }
    for (const char* ns :
         {"greenlang", "default", "kube-system", "kube-public", "kube-node-lease"}) {
        EXPECT_EQ(std::count(namespaces.begin(), namespaces.end(), ns), 1) << ns;
    }
    // The kubeconfig's default namespace comes from the first Deployment: GL-006's.
    for (const auto& o : s.objects) {
        if (o["kind"] != "Deployment")
            continue;
        EXPECT_EQ(o["metadata"]["name"], "gl-006-heatreclaim");
        break;
    }
    EXPECT_DOUBLE_EQ(s.timings.scheduleDelay, 1);
    EXPECT_DOUBLE_EQ(s.timings.startDelay, 4);
    EXPECT_DOUBLE_EQ(s.timings.readyDelay, 5);
    EXPECT_DOUBLE_EQ(s.timings.terminationDelay, 3);
}

TEST(Gl006Scenario, UsersMatchTheGuidesRoles) {
    const AccessControl access(gl006().users);
    const auto* admin = access.user("admin");
    const auto* viewer = access.user("viewer");
    const auto* op = access.user("operator");
    ASSERT_NE(admin, nullptr);
    ASSERT_NE(viewer, nullptr);
    ASSERT_NE(op, nullptr);
    EXPECT_TRUE(admin->simAdmin);
    EXPECT_TRUE(admin->clientCertificate);
    EXPECT_FALSE(viewer->simAdmin);
    for (const auto* u : {admin, viewer, op}) {
        EXPECT_FALSE(u->token.empty()) << u->name;
        EXPECT_EQ(access.userForToken(u->token), u);
    }
    struct Row {
        const scaledeck::sim::SimUser* user;
        scaledeck::sim::ResourceAttributes a;
        bool allowed;
    } rows[] = {
        {viewer, {"list", "", "pods", "", "greenlang", ""}, true},
        {viewer, {"watch", "autoscaling", "horizontalpodautoscalers", "", "greenlang", ""}, true},
        {viewer, {"list", "", "nodes", "", "", ""}, true},
        {viewer,
         {"patch", "apps", "deployments", "scale", "greenlang", "gl-006-heatreclaim"},
         false},
        {op, {"patch", "apps", "deployments", "scale", "greenlang", "gl-006-heatreclaim"}, true},
        {op, {"update", "apps", "statefulsets", "scale", "greenlang", "redis"}, true},
        {op,
         {"patch", "autoscaling", "horizontalpodautoscalers", "", "greenlang",
          "gl-006-heatreclaim-hpa"},
         true},
        {op, {"patch", "apps", "deployments", "", "greenlang", "gl-006-heatreclaim"}, true},
        {op, {"patch", "", "configmaps", "", "greenlang", "gl-006-heatreclaim-config"}, false},
        {op, {"update", "", "configmaps", "", "greenlang", "gl-006-heatreclaim-config"}, false},
        {op, {"patch", "apps", "deployments", "scale", "kube-system", "coredns"}, false},
        {op, {"delete", "", "pods", "", "greenlang", "x"}, false},
        {admin, {"delete", "", "configmaps", "", "greenlang", "x"}, true},
    };
    for (const auto& r : rows) {
        EXPECT_EQ(access.allowed(*r.user, r.a), r.allowed)
            << r.user->name << " " << r.a.verb << " " << r.a.resource << "/" << r.a.subresource
            << " in " << r.a.namespaceName;
    }
}

TEST(Gl006Scenario, NodesFitTenNormalReplicasButNotTwentyFiveIntensive) {
    const Scenario& s = gl006();
    const json* d = find(s, "Deployment", "greenlang", "gl-006-heatreclaim");
    ASSERT_NE(d, nullptr);
    int nodes = 0;
    for (const auto& o : s.objects) {
        if (o["kind"] != "Node")
            continue;
        ++nodes;
        EXPECT_TRUE(
            o["status"]["nodeInfo"]["kubeletVersion"].get<std::string>().starts_with("v1.32."));
        EXPECT_TRUE(o["metadata"]["labels"].contains("node-role.kubernetes.io/worker"));
        bool ready = false;
        for (const auto& c : o["status"]["conditions"])
            ready = ready || (c["type"] == "Ready" && c["status"] == "True");
        EXPECT_TRUE(ready);
    }
    EXPECT_EQ(nodes, 4);

    const auto tier = [&](const char* cpu, const char* memory, int replicas) {
        json spec = (*d)["spec"]["template"]["spec"];
        spec["containers"][0]["resources"]["requests"] = {{"cpu", cpu}, {"memory", memory}};
        std::vector<Requests> pods = otherPods(s);
        for (int i = 0; i < replicas; ++i)
            pods.push_back(podRequests(spec));
        return pods;
    };
    EXPECT_TRUE(fits(s, tier("500m", "512Mi", 3)));   // as deployed
    EXPECT_TRUE(fits(s, tier("500m", "512Mi", 10)));  // HPA maximum, Normal tier
    EXPECT_TRUE(fits(s, tier("500m", "512Mi", 13)));  // ... plus a 25 % rollout surge
    EXPECT_TRUE(fits(s, tier("1000m", "1Gi", 10)));   // Heavy tier
    EXPECT_FALSE(fits(s, tier("2000m", "2Gi", 25)));  // the >500k/day row of §8.3
    // Not even in total, whatever the packing.
    double cpu = 0;
    for (const auto& p : tier("2000m", "2Gi", 25))
        cpu += p.cpu;
    double allocatable = 0;
    for (const auto& o : s.objects) {
        if (o["kind"] == "Node")
            allocatable += quantity(o["status"]["allocatable"]["cpu"]);
    }
    EXPECT_GT(cpu, allocatable);
}

TEST(Gl006Scenario, LoadFollowsTheGuidesOperationTable) {
    const Scenario& s = gl006();
    ASSERT_EQ(s.loads.size(), 1u);
    const auto& load = s.loads[0];
    EXPECT_EQ(load.kind, "Deployment");
    EXPECT_EQ(load.namespaceName, "greenlang");
    EXPECT_EQ(load.name, "gl-006-heatreclaim");
    EXPECT_FALSE(load.spec.contains("name"));
    auto model = LoadModel::fromJson(load.spec);
    ASSERT_TRUE(model.ok()) << model.error().message;
    EXPECT_EQ(model->metricsPrefix(), "gl006");

    struct Row {
        const char* name;
        double cpu;
        double memoryMi;
        double seconds;
    } guide[] = {
        {"Stream Analysis", 0.05, 50, 0.5},  {"Pinch Analysis", 0.2, 100, 2},
        {"Network Synthesis", 0.5, 200, 30}, {"ROI Calculation", 0.1, 50, 0.5},
        {"Full Analysis", 0.8, 300, 60},
    };
    const auto& ops = model->mix().operations();
    ASSERT_EQ(ops.size(), std::size(guide));
    for (std::size_t i = 0; i < ops.size(); ++i) {
        EXPECT_EQ(ops[i].name, guide[i].name);
        EXPECT_DOUBLE_EQ(ops[i].cpuCores, guide[i].cpu) << guide[i].name;
        EXPECT_DOUBLE_EQ(ops[i].memoryBytes, guide[i].memoryMi * kMi) << guide[i].name;
        EXPECT_DOUBLE_EQ(ops[i].durationSeconds, guide[i].seconds) << guide[i].name;
        EXPECT_GT(ops[i].weight, 0) << guide[i].name;
    }
}

TEST(Gl006Scenario, LoadLeavesAnIdleClusterAloneAndGivesTheHpaWorkInBursts) {
    const Scenario& s = gl006();
    ASSERT_EQ(s.loads.size(), 1u);
    auto model = LoadModel::fromJson(s.loads[0].spec);
    ASSERT_TRUE(model.ok());
    const json* d = find(s, "Deployment", "greenlang", "gl-006-heatreclaim");
    ASSERT_NE(d, nullptr);
    const Requests pod = podRequests((*d)["spec"]["template"]["spec"]);
    const auto& sidecar =
        (*d)["spec"]["template"]["spec"]["containers"][1]["resources"]["requests"];
    // CPU utilisation the HPA sees with `replicas` pods sharing `rps` (the sidecar idles at
    // about 10 % of its request in the simulator).
    const auto utilisation = [&](double rps, int replicas) {
        const double work = rps * model->mix().averageWorkCoreSeconds() / replicas;
        return (work + model->idleCpuCores() + 0.1 * quantity(sidecar["cpu"])) / pod.cpu;
    };
    constexpr scaledeck::base::UnixMillis kMidnight = 1795824000000;
    constexpr scaledeck::base::UnixMillis kHour = 3600 * 1000;
    const double jitter = 1 + model->jitter();
    // Outside bursts, 3 replicas stay below the 70 % target at every hour of the day, so the
    // demo cluster and every test that starts it hold 3 replicas.
    for (int hour = 0; hour < 24; ++hour) {
        const double rps = model->requestsPerSecond(0, kMidnight + hour * kHour) * jitter;
        EXPECT_LT(utilisation(rps, 3), 0.70) << "hour " << hour;
    }
    // The first burst comes 7 minutes in: after any test's warm-up.
    EXPECT_DOUBLE_EQ(model->spikeMultiplier(419), 1.0);
    EXPECT_GT(model->spikeMultiplier(420), 1.0);
    EXPECT_GT(model->spikeMultiplier(420 + 1200), 1.0);
    // During a burst the HPA must scale up even at the quietest hour (beyond its 10 % tolerance),
    // and at the busiest hour 10 replicas are not too many.
    double quietest = 1e9;
    double busiest = 0;
    for (int hour = 0; hour < 24; ++hour) {
        const double rps = model->requestsPerSecond(420, kMidnight + hour * kHour) / jitter;
        quietest = std::min(quietest, rps);
        busiest = std::max(busiest, rps);
    }
    EXPECT_GT(utilisation(quietest, 3), 0.70 * 1.1);
    EXPECT_GT(utilisation(busiest, 10), 0.70);
    // After a burst, ten idle replicas must propose at most minReplicas on memory too:
    // ceil(10 x utilisation / 80 %) <= 3. The sidecar idles at about 35 % of its request.
    const double idleMemory = model->idleMemoryBytes() + 0.35 * 1.1 * quantity(sidecar["memory"]);
    EXPECT_LE(std::ceil(10 * (idleMemory / pod.memory) / 0.80), 3);
}

// ---- Parsing and errors -------------------------------------------------------------------

const char* const kMinimal = R"(name: minimal
users:
  - {name: admin, token: t-admin, simAdmin: true, rules: [{verbs: ["*"], resources: ["*"]}]}
  - {name: robot, clientCertificate: true}
objects:
  - {apiVersion: v1, kind: Namespace, metadata: {name: shop}}
  - {apiVersion: v1, kind: ConfigMap, metadata: {name: settings}, data: {A: "1"}}
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web, namespace: shop}
    spec:
      replicas: 1
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec: {containers: [{name: web, image: nginx}]}
loads:
  - namespace: shop
    name: web
    rate: 1
    mix: [{name: get, weight: 1, cpu: 10m, memory: 10Mi, durationSeconds: 0.1}]
)";

TEST(ScenarioParser, ReadsAMinimalScenario) {
    auto s = scaledeck::sim::parseScenarioYaml(kMinimal, "minimal.yaml");
    ASSERT_TRUE(s.ok()) << s.error().message;
    EXPECT_EQ(s->name, "minimal");
    ASSERT_EQ(s->users.size(), 2u);
    EXPECT_EQ(s->users[0].rules[0].namespaces, std::vector<std::string>{"*"});
    EXPECT_TRUE(s->users[1].clientCertificate);
    EXPECT_TRUE(s->users[1].token.empty());
    EXPECT_DOUBLE_EQ(s->timings.readyDelay, 5);  // defaults
    ASSERT_EQ(s->objects.size(), 7u);            // shop + 4 built-in namespaces + 2
    for (std::size_t i = 0; i < 5; ++i)
        EXPECT_EQ(s->objects[i]["kind"], "Namespace");
    EXPECT_EQ(s->objects[5]["metadata"]["namespace"], "default");  // defaulted
    EXPECT_EQ(s->objects[5]["data"]["A"], "1");
    EXPECT_EQ(s->objects[6]["kind"], "Deployment");
    ASSERT_EQ(s->loads.size(), 1u);
    EXPECT_EQ(s->loads[0].kind, "Deployment");
    EXPECT_EQ(s->loads[0].spec["rate"], json({{"type", "constant"}, {"rps", 1}}));
    // Without a name, the file names the scenario.
    std::string unnamed = kMinimal;
    unnamed.replace(0, unnamed.find('\n') + 1, "");
    auto t = scaledeck::sim::parseScenarioYaml(unnamed, "/some/dir/shop-demo.yaml");
    ASSERT_TRUE(t.ok()) << t.error().message;
    EXPECT_EQ(t->name, "shop-demo");
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos)
        text.replace(at, from.size(), to);
    return text;
}

TEST(ScenarioParser, ErrorsNameTheFileAndTheEntry) {
    const std::string users = "  - {name: robot, clientCertificate: true}\n";
    const std::string shopNs = "  - {apiVersion: v1, kind: Namespace, metadata: {name: shop}}\n";
    struct Row {
        const char* name;
        std::string yaml;
        std::string message;  // the whole message, or a prefix ending in "..."
    } rows[] = {
        {"user without credentials", replaced(kMinimal, users, users + "  - {name: bob}\n"),
         "s.yaml: users[2]: token and clientCertificate are both missing; give the user a way to "
         "log in"},
        {"token as a number", replaced(kMinimal, "token: t-admin", "token: 12345"),
         "s.yaml: users[0].token: expected a string; quote it"},
        {"shared token", replaced(kMinimal, users, users + "  - {name: bob, token: t-admin}\n"),
         "s.yaml: users[2].token: is also the token of \"admin\"; every user needs a token of "
         "their own"},
        {"duplicate user", replaced(kMinimal, users, users + "  - {name: robot, token: x}\n"),
         "s.yaml: users[2].name: \"robot\" is used by another user"},
        {"no admin", replaced(kMinimal, "simAdmin: true", "simAdmin: false"),
         "s.yaml: users: no user has simAdmin: true and a token..."},
        {"bad verb", replaced(kMinimal, "verbs: [\"*\"]", "verbs: [pach]"),
         "s.yaml: users[0].rules[0].verbs: \"pach\" is not a Kubernetes verb..."},
        {"simAdmin as text", replaced(kMinimal, "simAdmin: true", "simAdmin: \"yes\""),
         "s.yaml: users[0].simAdmin: expected true or false, got \"yes\""},
        {"unknown top-level field", std::string(kMinimal) + "object: []\n",
         "s.yaml: object: unknown top-level field..."},
        {"object without apiVersion",
         replaced(kMinimal, "{apiVersion: v1, kind: ConfigMap,", "{kind: ConfigMap,"),
         "s.yaml: objects[1] (ConfigMap settings): apiVersion is missing"},
        {"object without name",
         replaced(kMinimal, "metadata: {name: settings}", "metadata: {labels: {a: b}}"),
         "s.yaml: objects[1] (ConfigMap ?): metadata.name is missing"},
        {"kind not served", replaced(kMinimal, "kind: ConfigMap", "kind: Secret"),
         "s.yaml: objects[1] (Secret settings): apiVersion v1, kind Secret is not served by the "
         "simulator"},
        {"version not served",
         replaced(kMinimal, "apiVersion: apps/v1", "apiVersion: apps/v1beta1"),
         "s.yaml: objects[2] (Deployment shop/web): apiVersion apps/v1beta1, kind Deployment is "
         "not served by the simulator"},
        {"namespaced node",
         replaced(
             kMinimal, shopNs,
             shopNs + "  - {apiVersion: v1, kind: Node, metadata: {name: n1, namespace: shop}}\n"),
         "s.yaml: objects[1] (Node shop/n1): a Node is cluster-scoped; remove metadata.namespace"},
        {"undeclared namespace", replaced(kMinimal, shopNs, ""),
         "s.yaml: objects[1] (Deployment shop/web): namespace \"shop\" is not declared; add a "
         "Namespace object named shop"},
        {"duplicate object", replaced(kMinimal, shopNs, shopNs + shopNs),
         "s.yaml: objects[1] (Namespace shop): has the same kind, namespace and name as "
         "objects[0]"},
        {"load on a missing workload",
         replaced(kMinimal, "    name: web\n    rate", "    name: api\n    rate"),
         "s.yaml: loads[0] (Deployment shop/api): no such workload among the objects"},
        {"load with a bad rate", replaced(kMinimal, "rate: 1", "rate: {type: sine}"),
         "s.yaml: loads[0] (Deployment shop/web): rate.type: \"sine\" is not one of constant, "
         "ramp, daily"},
        {"load on a Service",
         replaced(kMinimal, "  - namespace: shop\n", "  - kind: Service\n    namespace: shop\n"),
         "s.yaml: loads[0].kind: \"Service\" cannot carry a load; use Deployment or StatefulSet"},
        {"negative timing", std::string(kMinimal) + "timings: {readyDelay: -1}\n",
         "s.yaml: timings.readyDelay: expected seconds between 0 and 86400, got -1"},
        {"no users", replaced(kMinimal, "users:\n", "people:\n"),
         "s.yaml: people: unknown top-level field..."},
        {"bad YAML", "name: x\nusers: [\n  {name: a\n", "s.yaml:..."},
        {"duplicate key", "name: a\nname: b\n", "s.yaml:2:1: bad YAML: duplicate key \"name\""},
        {"two documents", std::string(kMinimal) + "---\nname: other\n",
         "s.yaml: the file has 2 YAML documents (separated by ---); expected one"},
        {"not a mapping", "- a\n- b\n",
         "s.yaml: expected a mapping with name, users, objects and loads at the top"},
    };
    for (const auto& r : rows) {
        auto s = scaledeck::sim::parseScenarioYaml(r.yaml, "s.yaml");
        ASSERT_FALSE(s.ok()) << r.name;
        const std::string& m = s.error().message;
        if (r.message.size() > 3 && r.message.compare(r.message.size() - 3, 3, "...") == 0) {
            const std::string prefix = r.message.substr(0, r.message.size() - 3);
            EXPECT_EQ(m.substr(0, prefix.size()), prefix) << r.name << ": " << m;
        } else {
            EXPECT_EQ(m, r.message) << r.name;
        }
    }
}

TEST(ScenarioParser, BadYamlGivesLineAndColumn) {
    auto s = scaledeck::sim::parseScenarioYaml("name: x\nusers:\n  - {name: a\n", "gl-006.yaml");
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().kind, scaledeck::base::ErrorKind::Parse);
    EXPECT_TRUE(std::regex_match(s.error().message,
                                 std::regex("gl-006\\.yaml:[0-9]+:[0-9]+: bad YAML: .+")))
        << s.error().message;
}

TEST(ScenarioParser, MissingFileNamesThePath) {
    auto s = scaledeck::sim::loadScenarioFile("/nonexistent/dir/gl-006.yaml");
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().kind, scaledeck::base::ErrorKind::NotFound);
    EXPECT_EQ(s.error().message.rfind("/nonexistent/dir/gl-006.yaml: ", 0), 0u)
        << s.error().message;
}

TEST(YamlToJson, ScalarsAreReadLikeKubectlReadsManifests) {
    struct Row {
        const char* yaml;  // the value of key v
        const char* json;  // expected, as JSON text
    } rows[] = {
        {"10", "10"},
        {"\"10\"", "\"10\""},
        {"'10'", "\"10\""},
        {"-3", "-3"},
        {"+3", "3"},
        {"0.5", "0.5"},
        {"1.0", "1.0"},
        {"\"1.0\"", "\"1.0\""},
        {"1e3", "1000.0"},
        {"500m", "\"500m\""},
        {"1Gi", "\"1Gi\""},
        {"1000m", "\"1000m\""},
        {"true", "true"},
        {"False", "false"},
        {"\"true\"", "\"true\""},
        {"yes", "\"yes\""},
        {"on", "\"on\""},
        {"~", "null"},
        {"null", "null"},
        {"", "null"},
        {"\"\"", "\"\""},
        {"0x1F", "31"},
        {"0o17", "15"},
        {"12345678901234567890", "12345678901234567890"},
        {".inf", "\".inf\""},
        {"10:30", "\"10:30\""},
        {"2024-11-26", "\"2024-11-26\""},
        {"!!str 5", "\"5\""},
        {"!!int \"7\"", "7"},
        {"!!float 1", "1.0"},
        {"[1, \"2\", c, 0.5]", "[1,\"2\",\"c\",0.5]"},
        {"{a: 1, b: \"1\"}", "{\"a\":1,\"b\":\"1\"}"},
        {"|\n  a\n  b", "\"a\\nb\\n\""},
        {"redis://redis:6379/0", "\"redis://redis:6379/0\""},
    };
    for (const auto& r : rows) {
        const std::string doc = std::string("v: ") + r.yaml + "\n";
        auto j = scaledeck::sim::yamlToJson(doc, "t.yaml");
        ASSERT_TRUE(j.ok()) << r.yaml << ": " << j.error().message;
        EXPECT_EQ((*j)["v"].dump(), r.json) << r.yaml;
    }
}

TEST(YamlToJson, MergeKeysAndAliases) {
    auto j = scaledeck::sim::yamlToJson(
        "base: &b {x: 1, y: 2}\nv: {<<: *b, y: 3}\nw: *b\nlist: [{<<: [*b, {z: 4}]}]\n", "t.yaml");
    ASSERT_TRUE(j.ok()) << j.error().message;
    EXPECT_EQ((*j)["v"], json({{"x", 1}, {"y", 3}}));
    EXPECT_EQ((*j)["w"], json({{"x", 1}, {"y", 2}}));
    EXPECT_EQ((*j)["list"][0], json({{"x", 1}, {"y", 2}, {"z", 4}}));

    auto bad = scaledeck::sim::yamlToJson("a: 1\nb:\n  c: 1\n  c: 2\n", "t.yaml");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().message, "t.yaml:4:3: bad YAML: duplicate key \"c\"");
    auto notInt = scaledeck::sim::yamlToJson("a: !!int ten\n", "t.yaml");
    ASSERT_FALSE(notInt.ok());
    EXPECT_EQ(notInt.error().message, "t.yaml:1:4: bad YAML: \"ten\" is not an integer");
}

}  // namespace
