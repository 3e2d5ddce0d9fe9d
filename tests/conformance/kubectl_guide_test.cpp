// The GL-006 scaling guide's kubectl commands, run with the real kubectl against scaledeck-sim
// over HTTPS. Each test asserts on what kubectl printed and on the cluster state afterwards.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include "support/sim_instance.h"

using nlohmann::json;
using scaledeck::test::SimInstance;

namespace {

const std::string kNs = "greenlang";
const std::string kDeploy = "gl-006-heatreclaim";
const std::string kHpa = "gl-006-heatreclaim-hpa";
const std::string kDeployPath = "/apis/apps/v1/namespaces/greenlang/deployments/gl-006-heatreclaim";
const std::string kHpaPath = "/apis/autoscaling/v2/namespaces/greenlang/horizontalpodautoscalers/gl-006-heatreclaim-hpa";
const std::string kPodsPath = "/api/v1/namespaces/greenlang/pods?labelSelector=app%3Dgl-006-heatreclaim";

class KubectlGuide : public ::testing::Test {
protected:
    void SetUp() override { sim = SimInstance::start(); }

    // Polls until pred holds (the simulator reconciles asynchronously within ~100 ms).
    template <typename Pred>
    bool eventually(Pred pred, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            if (pred()) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return pred();
    }

    std::vector<json> activePods() {
        std::vector<json> out;
        const auto list = sim->get(kPodsPath);
        for (const auto& p : list["items"]) {
            if (!p["metadata"].contains("deletionTimestamp")) out.push_back(p);
        }
        return out;
    }

    static bool ready(const json& pod) {
        for (const auto& c : pod["status"].value("conditions", json::array())) {
            if (c["type"] == "Ready") return c["status"] == "True";
        }
        return false;
    }

    std::unique_ptr<SimInstance> sim;
};

TEST_F(KubectlGuide, ScaleDeploymentCreatesPodsThatBecomeReady) {
    auto r = sim->kubectl({"scale", "deployment", kDeploy, "--replicas=5", "-n", kNs});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out, "deployment.apps/gl-006-heatreclaim scaled\n");
    EXPECT_EQ(sim->get(kDeployPath)["spec"]["replicas"], 5);
    ASSERT_TRUE(eventually([&] { return activePods().size() == 5; }));
    sim->advance(12);
    int readyCount = 0;
    for (const auto& p : activePods()) readyCount += ready(p) ? 1 : 0;
    EXPECT_EQ(readyCount, 5);
    const auto d = sim->get(kDeployPath);
    EXPECT_EQ(d["status"]["readyReplicas"], 5);
}

TEST_F(KubectlGuide, ScaleStatefulSetCreatesPodsInOrdinalOrder) {
    const std::string stsPath = "/apis/apps/v1/namespaces/greenlang/statefulsets/redis";
    const int start = sim->get(stsPath)["spec"]["replicas"];
    ASSERT_LT(start, 5);
    auto r = sim->kubectl({"scale", "statefulset", "redis", "-n", kNs, "--replicas=6"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out, "statefulset.apps/redis scaled\n");
    EXPECT_EQ(sim->get(stsPath)["spec"]["replicas"], 6);
    const auto podStatus = [&](int ordinal) {
        return sim->request("GET", "/api/v1/namespaces/greenlang/pods/redis-" + std::to_string(ordinal)).status;
    };
    // OrderedReady: the next ordinal appears, the one after waits until it is Ready.
    ASSERT_TRUE(eventually([&] { return podStatus(start) == 200; }));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_EQ(podStatus(start + 1), 404);
    for (int i = 0; i < 10; ++i) sim->advance(12);
    ASSERT_TRUE(eventually([&] { return podStatus(5) == 200; }));
    sim->advance(12);
    ASSERT_TRUE(eventually([&] { return sim->get(stsPath)["status"].value("readyReplicas", 0) == 6; }));
}

TEST_F(KubectlGuide, GetPodsByLabelPrintsServerSideTable) {
    auto r = sim->kubectl({"get", "pods", "-n", kNs, "-l", "app=gl-006-heatreclaim"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    std::istringstream lines(r.out);
    std::string header;
    std::getline(lines, header);
    EXPECT_TRUE(std::regex_search(header, std::regex("^NAME +READY +STATUS +RESTARTS +AGE$"))) << header;
    int rows = 0;
    for (std::string line; std::getline(lines, line);) {
        EXPECT_TRUE(std::regex_search(line, std::regex("^gl-006-heatreclaim-[a-z0-9]+-[a-z0-9]{5} +2/2 +Running +0 +[0-9]+s"))) << line;
        ++rows;
    }
    EXPECT_EQ(rows, static_cast<int>(activePods().size()));
    EXPECT_EQ(rows, 3);
}

TEST_F(KubectlGuide, WatchPodsShowsNewPodsAfterScale) {
    auto watch = sim->kubectlBackground({"get", "pods", "-n", kNs, "-l", "app=gl-006-heatreclaim", "-w"});
    ASSERT_TRUE(watch->waitForOutput("Running", std::chrono::seconds(20))) << watch->out();
    const auto before = activePods();
    auto r = sim->kubectl({"scale", "deployment", kDeploy, "--replicas=4", "-n", kNs});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    ASSERT_TRUE(eventually([&] { return activePods().size() == 4; }));
    std::string newPod;
    for (const auto& p : activePods()) {
        bool old = false;
        for (const auto& b : before) old = old || b["metadata"]["name"] == p["metadata"]["name"];
        if (!old) newPod = p["metadata"]["name"];
    }
    ASSERT_FALSE(newPod.empty());
    EXPECT_TRUE(watch->waitForOutput(newPod, std::chrono::seconds(10))) << watch->out();
    sim->advance(12);
    // The watch shows the new pod again once it is Running and Ready.
    EXPECT_TRUE(eventually([&] {
        watch->waitForOutput("\n" + newPod, std::chrono::milliseconds(100));
        return std::regex_search(watch->out(), std::regex(newPod + " +2/2 +Running"));
    })) << watch->out();
    // Only one header: every event arrived as a Table row.
    EXPECT_EQ(watch->out().rfind("NAME"), 0u) << watch->out();
}

TEST_F(KubectlGuide, GetDeploymentShowsReadyAndAvailable) {
    auto r = sim->kubectl({"get", "deployment", kDeploy, "-n", kNs});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(std::regex_search(r.out, std::regex("NAME +READY +UP-TO-DATE +AVAILABLE +AGE\n"))) << r.out;
    EXPECT_TRUE(std::regex_search(r.out, std::regex("gl-006-heatreclaim +3/3 +3 +3 +[0-9]+s"))) << r.out;
}

TEST_F(KubectlGuide, GetHpaAsYamlIsAutoscalingV2WithoutBehavior) {
    auto r = sim->kubectl({"get", "hpa", kHpa, "-n", kNs, "-o", "yaml"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    for (const char* s : {"apiVersion: autoscaling/v2", "kind: HorizontalPodAutoscaler", "minReplicas: 3",
                          "maxReplicas: 10", "averageUtilization: 70", "averageUtilization: 80",
                          "name: gl-006-heatreclaim", "currentReplicas: 3", "type: AbleToScale",
                          "type: ScalingActive", "type: ScalingLimited"}) {
        EXPECT_NE(r.out.find(s), std::string::npos) << s << "\n" << r.out;
    }
    EXPECT_EQ(r.out.find("behavior:"), std::string::npos);
}

TEST_F(KubectlGuide, PatchHpaMinMaxAndRejectInvalid) {
    const std::string patch = R"({"spec":{"minReplicas":5,"maxReplicas":15}})";
    auto r = sim->kubectl({"patch", "hpa", kHpa, "-n", kNs, "-p", patch});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out, "horizontalpodautoscaler.autoscaling/gl-006-heatreclaim-hpa patched\n");
    auto hpa = sim->get(kHpaPath);
    EXPECT_EQ(hpa["spec"]["minReplicas"], 5);
    EXPECT_EQ(hpa["spec"]["maxReplicas"], 15);
    EXPECT_EQ(hpa["spec"]["metrics"].size(), 2u);

    r = sim->kubectl({"patch", "hpa", kHpa, "-n", kNs, "-p", patch});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out, "horizontalpodautoscaler.autoscaling/gl-006-heatreclaim-hpa patched (no change)\n");
    EXPECT_EQ(sim->get(kHpaPath)["metadata"]["resourceVersion"], hpa["metadata"]["resourceVersion"]);

    r = sim->kubectl({"patch", "hpa", kHpa, "-n", kNs, "-p", R"({"spec":{"minReplicas":12,"maxReplicas":4}})"});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.err.find("is invalid"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("spec.maxReplicas"), std::string::npos) << r.err;
    auto after = sim->get(kHpaPath);
    EXPECT_EQ(after["spec"]["minReplicas"], 5);
    EXPECT_EQ(after["spec"]["maxReplicas"], 15);
}

TEST_F(KubectlGuide, PatchDeploymentResourcesMergesContainersByName) {
    const auto before = sim->get(kDeployPath);
    const std::string patch = R"({"spec":{"template":{"spec":{"containers":[{"name":"gl-006-heatreclaim",
        "resources":{"requests":{"cpu":"1000m","memory":"1Gi"},"limits":{"cpu":"2000m","memory":"2Gi"}}}]}}}})";
    auto r = sim->kubectl({"patch", "deployment", kDeploy, "-n", kNs, "-p", patch});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out, "deployment.apps/gl-006-heatreclaim patched\n");
    const auto after = sim->get(kDeployPath);
    const auto& containers = after["spec"]["template"]["spec"]["containers"];
    ASSERT_EQ(containers.size(), before["spec"]["template"]["spec"]["containers"].size());
    for (std::size_t i = 0; i < containers.size(); ++i) {
        const auto& was = before["spec"]["template"]["spec"]["containers"][i];
        const auto& now = containers[i];
        EXPECT_EQ(now["name"], was["name"]);
        EXPECT_EQ(now["image"], was["image"]);
        if (now["name"] == kDeploy) {
            EXPECT_EQ(now["resources"]["requests"]["cpu"], "1");  // canonicalised like the API server
            EXPECT_EQ(now["resources"]["requests"]["memory"], "1Gi");
            EXPECT_EQ(now["resources"]["limits"]["cpu"], "2");
            EXPECT_EQ(now["resources"]["limits"]["memory"], "2Gi");
            EXPECT_EQ(now.value("env", json::array()), was.value("env", json::array()));
            EXPECT_EQ(now.value("ports", json::array()), was.value("ports", json::array()));
        } else {
            EXPECT_EQ(now, was);  // the other container is untouched
        }
    }
    EXPECT_EQ(after["metadata"]["generation"], before["metadata"]["generation"].get<int>() + 1);
    // A changed template rolls out through a new ReplicaSet.
    ASSERT_TRUE(eventually([&] {
        return sim->get("/apis/apps/v1/namespaces/greenlang/replicasets?labelSelector=app%3Dgl-006-heatreclaim")["items"].size() == 2;
    }));
    auto described = sim->kubectl({"describe", "deployment", kDeploy, "-n", kNs});
    ASSERT_EQ(described.exitCode, 0) << described.err;
    EXPECT_TRUE(std::regex_search(described.out, std::regex("Limits:\n +cpu: +2\n +memory: +2Gi"))) << described.out;
}

TEST_F(KubectlGuide, DescribeDeploymentShowsReplicasAndNewReplicaSet) {
    auto r = sim->kubectl({"describe", "deployment", kDeploy, "-n", kNs});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(std::regex_search(r.out, std::regex("Name: +gl-006-heatreclaim\n"))) << r.out;
    EXPECT_NE(r.out.find("3 desired | 3 updated | 3 total | 3 available | 0 unavailable"), std::string::npos) << r.out;
    EXPECT_TRUE(std::regex_search(r.out, std::regex("NewReplicaSet: +gl-006-heatreclaim-[a-z0-9]+ \\(3/3 replicas created\\)"))) << r.out;
    EXPECT_TRUE(std::regex_search(r.out, std::regex("Limits:\n +cpu: +1\n +memory: +1Gi"))) << r.out;
    EXPECT_TRUE(std::regex_search(r.out, std::regex("Available +True +MinimumReplicasAvailable"))) << r.out;
}

TEST_F(KubectlGuide, DescribeHpaShowsMetricsAndConditions) {
    sim->advance(30);  // a few HPA syncs so current metrics exist
    auto r = sim->kubectl({"describe", "hpa", kHpa, "-n", kNs});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(std::regex_search(r.out, std::regex("Reference: +Deployment/gl-006-heatreclaim"))) << r.out;
    EXPECT_TRUE(std::regex_search(r.out, std::regex("resource cpu on pods +\\(as a percentage of request\\): +[0-9]+% \\([0-9]+m\\) / 70%"))) << r.out;
    EXPECT_TRUE(std::regex_search(r.out, std::regex("resource memory on pods +\\(as a percentage of request\\): +[0-9]+% \\([0-9]+m?\\) / 80%"))) << r.out;
    EXPECT_TRUE(std::regex_search(r.out, std::regex("Min replicas: +3"))) << r.out;
    EXPECT_TRUE(std::regex_search(r.out, std::regex("Max replicas: +10"))) << r.out;
    EXPECT_TRUE(std::regex_search(r.out, std::regex("AbleToScale +True"))) << r.out;
    EXPECT_TRUE(std::regex_search(r.out, std::regex("ScalingActive +True +ValidMetricFound"))) << r.out;
    EXPECT_EQ(r.out.find("Behavior:"), std::string::npos) << r.out;
}

TEST_F(KubectlGuide, RolloutRestartReplacesEveryPod) {
    const auto before = activePods();
    auto r = sim->kubectl({"rollout", "restart", "deployment", kDeploy, "-n", kNs});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out, "deployment.apps/gl-006-heatreclaim restarted\n");
    for (int i = 0; i < 12; ++i) {
        sim->advance(5);
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
    }
    ASSERT_TRUE(eventually([&] {
        auto now = activePods();
        if (now.size() != before.size()) return false;
        for (const auto& p : now) {
            if (!ready(p)) return false;
            for (const auto& b : before) {
                if (b["metadata"]["name"] == p["metadata"]["name"]) return false;
            }
        }
        return true;
    }));
    auto rses = sim->get("/apis/apps/v1/namespaces/greenlang/replicasets?labelSelector=app%3Dgl-006-heatreclaim")["items"];
    ASSERT_EQ(rses.size(), 2u);
    int scaledToZero = 0;
    for (const auto& rs : rses) scaledToZero += rs["spec"]["replicas"] == 0 ? 1 : 0;
    EXPECT_EQ(scaledToZero, 1);
    auto status = sim->kubectl({"rollout", "status", "deployment", kDeploy, "-n", kNs, "--timeout=20s"});
    EXPECT_EQ(status.exitCode, 0) << status.err;
    EXPECT_NE(status.out.find("successfully rolled out"), std::string::npos) << status.out;
}

TEST_F(KubectlGuide, EditConfigMapWithNonInteractiveEditor) {
    const std::string editor = sim->dir() + "/editor.sh";
    std::ofstream(editor) << "#!/bin/sh\nsed -i -e 's/DATABASE_POOL_SIZE: \"10\"/DATABASE_POOL_SIZE: \"20\"/' "
                             "-e 's/DATABASE_MAX_OVERFLOW: \"20\"/DATABASE_MAX_OVERFLOW: \"40\"/' \"$1\"\n";
    std::filesystem::permissions(editor, std::filesystem::perms::owner_all);
    auto r = sim->kubectl({"edit", "configmap", "gl-006-heatreclaim-config", "-n", kNs}, {}, {{"EDITOR", editor}});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out, "configmap/gl-006-heatreclaim-config edited\n");
    const auto cm = sim->get("/api/v1/namespaces/greenlang/configmaps/gl-006-heatreclaim-config");
    EXPECT_EQ(cm["data"]["DATABASE_POOL_SIZE"], "20");
    EXPECT_EQ(cm["data"]["DATABASE_MAX_OVERFLOW"], "40");

    // The operator may scale but not edit ConfigMaps.
    const std::string operatorEditor = sim->dir() + "/operator-editor.sh";
    std::ofstream(operatorEditor) << "#!/bin/sh\nsed -i -e 's/DATABASE_POOL_SIZE: \"20\"/DATABASE_POOL_SIZE: \"30\"/' \"$1\"\n";
    std::filesystem::permissions(operatorEditor, std::filesystem::perms::owner_all);
    r = sim->kubectl({"--context", "scaledeck-demo-operator", "edit", "configmap", "gl-006-heatreclaim-config", "-n", kNs},
                     {}, {{"EDITOR", operatorEditor}});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.err.find("forbidden"), std::string::npos) << r.err;
    EXPECT_EQ(sim->get("/api/v1/namespaces/greenlang/configmaps/gl-006-heatreclaim-config")["data"]["DATABASE_POOL_SIZE"], "20");
    r = sim->kubectl({"--context", "scaledeck-demo-operator", "scale", "deployment", kDeploy, "-n", kNs, "--replicas=4"});
    EXPECT_EQ(r.exitCode, 0) << r.err;
}

TEST_F(KubectlGuide, TopPodsAndNodesReportUsage) {
    const auto pods = activePods();
    ASSERT_FALSE(pods.empty());
    const std::string pod = pods[0]["metadata"]["name"];
    auto a = sim->kubectl({"annotate", "pod", pod, "-n", kNs, "sim.scaledeck.io/cpu-usage=750m",
                           "sim.scaledeck.io/memory-usage=300Mi"});
    ASSERT_EQ(a.exitCode, 0) << a.err;
    sim->advance(16);  // next metrics scrape
    auto r = sim->kubectl({"top", "pods", "-n", kNs, "-l", "app=gl-006-heatreclaim"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(std::regex_search(r.out, std::regex("NAME +CPU\\(cores\\) +MEMORY\\(bytes\\)"))) << r.out;
    EXPECT_TRUE(std::regex_search(r.out, std::regex(pod + " +750m +300Mi"))) << r.out;
    int rows = 0;
    for (char c : r.out) rows += c == '\n';
    EXPECT_EQ(rows, static_cast<int>(pods.size()) + 1);

    r = sim->kubectl({"top", "nodes"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(std::regex_search(r.out, std::regex("NAME +CPU\\(cores\\) +CPU\\(%\\) +MEMORY\\(bytes\\) +MEMORY\\(%\\)"))) << r.out;
    const auto nodes = sim->get("/api/v1/nodes")["items"];
    for (const auto& n : nodes) {
        EXPECT_TRUE(std::regex_search(r.out, std::regex(n["metadata"]["name"].get<std::string>() + " +[0-9]+m +[0-9]+% +[0-9]+Mi +[0-9]+%"))) << r.out;
    }
}

TEST_F(KubectlGuide, GetPdbShowsAllowedDisruptions) {
    auto r = sim->kubectl({"get", "pdb", "gl-006-heatreclaim-pdb", "-n", kNs});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(std::regex_search(r.out, std::regex("NAME +MIN AVAILABLE +MAX UNAVAILABLE +ALLOWED DISRUPTIONS +AGE"))) << r.out;
    EXPECT_TRUE(std::regex_search(r.out, std::regex("gl-006-heatreclaim-pdb +2 +N/A +1 +"))) << r.out;
}

TEST_F(KubectlGuide, GetEventsBySuccessfulRescale) {
    // Drive every pod to 95 % of its cpu request: the HPA must scale up.
    for (const auto& p : activePods()) {
        auto a = sim->kubectl({"annotate", "pod", p["metadata"]["name"].get<std::string>(), "-n", kNs,
                               "sim.scaledeck.io/cpu-usage=950m", "--overwrite"});
        ASSERT_EQ(a.exitCode, 0) << a.err;
    }
    sim->advance(31);
    auto r = sim->kubectl({"get", "events", "-n", kNs, "--field-selector", "reason=SuccessfulRescale"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(std::regex_search(r.out, std::regex("LAST SEEN +TYPE +REASON +OBJECT +MESSAGE"))) << r.out;
    EXPECT_TRUE(std::regex_search(r.out, std::regex(
        "Normal +SuccessfulRescale +horizontalpodautoscaler/gl-006-heatreclaim-hpa +New size: [0-9]+; reason: cpu resource utilization \\(percentage of request\\) above target"))) << r.out;
    EXPECT_EQ(r.out.find("Scheduled"), std::string::npos) << "field selector must filter other reasons";
    EXPECT_GT(sim->get(kDeployPath)["spec"]["replicas"].get<int>(), 3);
}

TEST_F(KubectlGuide, WatchHpaPrintsChanges) {
    auto watch = sim->kubectlBackground({"get", "hpa", kHpa, "-n", kNs, "-w"});
    ASSERT_TRUE(watch->waitForOutput("gl-006-heatreclaim-hpa", std::chrono::seconds(20))) << watch->out();
    auto r = sim->kubectl({"patch", "hpa", kHpa, "-n", kNs, "-p", R"({"spec":{"maxReplicas":20}})"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(watch->waitForOutput(" 20 ", std::chrono::seconds(10))) << watch->out();
    EXPECT_TRUE(std::regex_search(watch->out(), std::regex("NAME +REFERENCE +TARGETS +MINPODS +MAXPODS +REPLICAS +AGE"))) << watch->out();
    EXPECT_TRUE(std::regex_search(watch->out(), std::regex("Deployment/gl-006-heatreclaim +cpu: [0-9]+%/70%, memory: [0-9]+%/80% +3 +20"))) << watch->out();
}

}  // namespace
