// HpaReconciler: the simulator's JSON adapter around the planning HPA model. Fixtures are the
// objects the simulator stores (v2 HPA, v1 Scale, v1 Pods, metrics.k8s.io PodMetrics); the
// expected numbers are worked out by hand in the comments.
#include "sim/hpa_reconciler.h"

#include <gtest/gtest.h>

namespace scaledeck::sim {
namespace {

using nlohmann::json;

const base::UnixMillis kT0 = *base::parseRfc3339("2026-03-02T10:00:00Z");

json gl006Hpa() {
    return json::parse(R"({
      "apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
      "metadata": {"name": "gl-006-heatreclaim-hpa", "namespace": "greenlang", "uid": "uid-gl006"},
      "spec": {
        "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment",
        "name": "gl-006-heatreclaim"},
        "minReplicas": 3, "maxReplicas": 10,
        "metrics": [
          {"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization",
          "averageUtilization": 70}}},
          {"type": "Resource", "resource": {"name": "memory", "target": {"type": "Utilization",
          "averageUtilization": 80}}}
        ]
      }
    })");
}

json scaleOf(int specReplicas, int statusReplicas, const std::string& selector = "app=gl-006") {
    return {{"apiVersion", "autoscaling/v1"},
            {"kind", "Scale"},
            {"spec", {{"replicas", specReplicas}}},
            {"status", {{"replicas", statusReplicas}, {"selector", selector}}}};
}

// A running pod, ready for an hour, with one container "app" requesting 500m / 512Mi.
json pod(const std::string& name, base::UnixMillis now,
         const json& requests = json{{"cpu", "500m"}, {"memory", "512Mi"}}) {
    json container = {{"name", "app"}, {"image", "gl-006:1"}};
    if (!requests.is_null())
        container["resources"] = {{"requests", requests}};
    return {
        {"apiVersion", "v1"},
        {"kind", "Pod"},
        {"metadata", {{"name", name}, {"namespace", "greenlang"}, {"labels", {{"app", "gl-006"}}}}},
        {"spec", {{"containers", json::array({container})}}},
        {"status",
         {{"phase", "Running"},
          {"startTime", base::formatRfc3339(now - 3'600'000)},
          {"conditions",
           json::array({{{"type", "Ready"},
                         {"status", "True"},
                         {"lastTransitionTime", base::formatRfc3339(now - 3'500'000)}}})}}}};
}

json podMetrics(const std::string& name, base::UnixMillis now, const json& usage,
                const std::string& window = "15s") {
    return {{"metadata", {{"name", name}, {"namespace", "greenlang"}}},
            {"timestamp", base::formatRfc3339(now - 2'000)},
            {"window", window},
            {"containers", json::array({{{"name", "app"}, {"usage", usage}}})}};
}

HpaSyncInput gl006Input(const json& hpa, int replicas, const json& usage, base::UnixMillis now) {
    HpaSyncInput in;
    in.hpa = hpa;
    in.scale = scaleOf(replicas, replicas);
    in.now = now;
    for (int i = 0; i < replicas; ++i) {
        const std::string name = "gl-006-heatreclaim-7d9f-" + std::to_string(i);
        in.pods.push_back(pod(name, now));
        in.podMetrics.push_back(podMetrics(name, now, usage));
    }
    return in;
}

const json& condition(const json& status, const std::string& type) {
    for (const auto& c : status["conditions"]) {
        if (c["type"] == type)
            return c;
    }
    static const json kNone;
    return kNone;
}

TEST(HpaReconciler, Gl006HighCpuRescalesWithUpstreamWording) {
    HpaReconciler reconciler;
    // 3 pods at 900m of 500m: 2700/1500 = 180 % against 70 % -> 2.571 -> ceil(7.71) = 8;
    // memory 256Mi of 512Mi = 50 % -> 0.625 -> 2. Legacy cap max(2 x 3, 4) = 6.
    const HpaSyncResult r = reconciler.sync(
        gl006Input(gl006Hpa(), 3, {{"cpu", "900000000n"}, {"memory", "268435456"}}, kT0));
    ASSERT_TRUE(r.newReplicas.has_value());
    EXPECT_EQ(*r.newReplicas, 6);
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].type, "Normal");
    EXPECT_EQ(r.events[0].reason, "SuccessfulRescale");
    EXPECT_EQ(r.events[0].message,
              "New size: 6; reason: cpu resource utilization (percentage of request) above target");

    const json& s = r.status;
    EXPECT_EQ(s["currentReplicas"], 3);
    EXPECT_EQ(s["desiredReplicas"], 6);
    EXPECT_EQ(s["lastScaleTime"], "2026-03-02T10:00:00Z");
    EXPECT_EQ(s["currentMetrics"], json::parse(R"([
                {"type": "Resource", "resource": {"name": "cpu",
                "current": {"averageUtilization": 180, "averageValue": "900m"}}},
                {"type": "Resource", "resource": {"name": "memory",
                "current": {"averageUtilization": 50, "averageValue": "268435456"}}}
              ])"));
    ASSERT_EQ(s["conditions"].size(), 3u);
    EXPECT_EQ(s["conditions"][0]["type"], "AbleToScale");
    EXPECT_EQ(s["conditions"][1]["type"], "ScalingActive");
    EXPECT_EQ(s["conditions"][2]["type"], "ScalingLimited");
    EXPECT_EQ(s["conditions"][0],
              json({{"type", "AbleToScale"},
                    {"status", "True"},
                    {"lastTransitionTime", "2026-03-02T10:00:00Z"},
                    {"reason", "SucceededRescale"},
                    {"message", "the HPA controller was able to update the target scale to 6"}}));
    EXPECT_EQ(s["conditions"][1]["reason"], "ValidMetricFound");
    EXPECT_EQ(s["conditions"][1]["message"],
              "the HPA was able to successfully calculate a replica count from cpu resource "
              "utilization (percentage of request)");
    EXPECT_EQ(s["conditions"][2]["status"], "True");
    EXPECT_EQ(s["conditions"][2]["reason"], "ScaleUpLimit");

    const json& e = r.explanation;
    EXPECT_EQ(e["path"], "Legacy");
    EXPECT_EQ(e["proposal"], 8);
    EXPECT_EQ(e["stabilized"], 8);
    EXPECT_EQ(e["limitedBy"], "ScaleUpLimit");
    EXPECT_EQ(e["limitingPolicy"], "max(2 x current, 4)");
    ASSERT_EQ(e["metrics"].size(), 2u);
    EXPECT_EQ(e["metrics"][0]["proposal"], 8);
    EXPECT_NEAR(e["metrics"][0]["ratio"].get<double>(), 180.0 / 70.0, 1e-12);
    EXPECT_EQ(e["metrics"][1]["proposal"], 2);
}

TEST(HpaReconciler, LastTransitionTimeKeptUnlessStatusFlips) {
    HpaReconciler reconciler;
    json hpa = gl006Hpa();
    // 3 x 450m of 500m = 90 % against 70 % -> 1.286 -> ceil(3.86) = 4, within the 2x cap.
    HpaSyncResult r =
        reconciler.sync(gl006Input(hpa, 3, {{"cpu", "450m"}, {"memory", "256Mi"}}, kT0));
    ASSERT_EQ(r.newReplicas, 4);
    EXPECT_EQ(condition(r.status, "ScalingLimited")["status"], "False");
    hpa["status"] = r.status;

    // 15 s later at 4 replicas, 350m each: 70 % -> ratio 1 -> hold at 4 (memory asks for 3).
    const base::UnixMillis t1 = kT0 + 15'000;
    r = reconciler.sync(gl006Input(hpa, 4, {{"cpu", "350m"}, {"memory", "256Mi"}}, t1));
    EXPECT_FALSE(r.newReplicas.has_value());
    EXPECT_TRUE(r.events.empty());
    EXPECT_EQ(condition(r.status, "AbleToScale")["reason"], "ReadyForNewScale");
    for (const auto& c : r.status["conditions"]) {
        EXPECT_EQ(c["lastTransitionTime"], "2026-03-02T10:00:00Z") << c["type"];
    }
    EXPECT_EQ(r.status["lastScaleTime"], "2026-03-02T10:00:00Z");
    EXPECT_EQ(r.status["desiredReplicas"], 4);

    // The same again: nothing at all changes, so the simulator writes no status.
    hpa["status"] = r.status;
    const HpaSyncResult again =
        reconciler.sync(gl006Input(hpa, 4, {{"cpu", "350m"}, {"memory", "256Mi"}}, t1 + 15'000));
    EXPECT_EQ(again.status, r.status);

    // A spike: 400 % -> 5.71 -> 23, capped at 2 x 4 = 8. ScalingLimited flips to True.
    const base::UnixMillis t2 = kT0 + 45'000;
    r = reconciler.sync(gl006Input(hpa, 4, {{"cpu", "2"}, {"memory", "256Mi"}}, t2));
    EXPECT_EQ(r.newReplicas, 8);
    EXPECT_EQ(condition(r.status, "ScalingLimited")["reason"], "ScaleUpLimit");
    EXPECT_EQ(condition(r.status, "ScalingLimited")["lastTransitionTime"], "2026-03-02T10:00:45Z");
    EXPECT_EQ(condition(r.status, "AbleToScale")["lastTransitionTime"], "2026-03-02T10:00:00Z");
    EXPECT_EQ(condition(r.status, "ScalingActive")["lastTransitionTime"], "2026-03-02T10:00:00Z");
    EXPECT_EQ(r.status["lastScaleTime"], "2026-03-02T10:00:45Z");
}

TEST(HpaReconciler, MissingScaleTarget) {
    HpaReconciler reconciler;
    json hpa = gl006Hpa();
    hpa["status"] = {{"currentReplicas", 3}, {"desiredReplicas", 3}, {"currentMetrics", nullptr}};
    HpaSyncInput in;
    in.hpa = hpa;
    in.scaleError = "deployments.apps \"gl-006-heatreclaim\" not found";
    in.now = kT0;
    const HpaSyncResult r = reconciler.sync(in);
    EXPECT_FALSE(r.newReplicas.has_value());
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].type, "Warning");
    EXPECT_EQ(r.events[0].reason, "FailedGetScale");
    EXPECT_EQ(r.events[0].message, "deployments.apps \"gl-006-heatreclaim\" not found");
    EXPECT_EQ(r.status["currentReplicas"], 3);
    EXPECT_EQ(r.status["desiredReplicas"], 3);
    ASSERT_EQ(r.status["conditions"].size(), 1u);
    EXPECT_EQ(r.status["conditions"][0],
              json({{"type", "AbleToScale"},
                    {"status", "False"},
                    {"lastTransitionTime", "2026-03-02T10:00:00Z"},
                    {"reason", "FailedGetScale"},
                    {"message",
                     "the HPA controller was unable to get the target's current scale: "
                     "deployments.apps \"gl-006-heatreclaim\" not found"}}));
}

TEST(HpaReconciler, CustomMetricsFailLikeAnUnregisteredApi) {
    HpaReconciler reconciler;
    json hpa = gl006Hpa();
    hpa["spec"]["metrics"] = json::parse(R"([
      {"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization",
      "averageUtilization": 70}}},
      {"type": "Pods", "pods": {"metric": {"name": "packets-per-second"},
      "target": {"type": "AverageValue", "averageValue": "1k"}}}
    ])");
    // cpu: 3 x 700m of 500m = 140 % -> 2.0 -> 6: a scale-up proceeds despite the failure.
    const HpaSyncResult r =
        reconciler.sync(gl006Input(hpa, 3, {{"cpu", "700m"}, {"memory", "100Mi"}}, kT0));
    EXPECT_EQ(r.newReplicas, 6);
    ASSERT_EQ(r.events.size(), 2u);
    EXPECT_EQ(r.events[0].type, "Warning");
    EXPECT_EQ(r.events[0].reason, "FailedGetPodsMetric");
    EXPECT_EQ(r.events[0].message,
              "unable to get metric packets-per-second: unable to fetch metrics from custom "
              "metrics API: no custom metrics API (custom.metrics.k8s.io) registered");
    EXPECT_EQ(r.events[1].reason, "SuccessfulRescale");
    ASSERT_EQ(r.status["currentMetrics"].size(), 2u);
    EXPECT_EQ(r.status["currentMetrics"][1], json({{"type", ""}}));
    EXPECT_EQ(condition(r.status, "ScalingActive")["status"], "True");
    EXPECT_FALSE(r.explanation["metrics"][1]["ok"].get<bool>());
}

TEST(HpaReconciler, OnlyExternalMetricMeansNoScaling) {
    HpaReconciler reconciler;
    json hpa = gl006Hpa();
    hpa["spec"]["metrics"] = json::parse(R"([
      {"type": "External", "external": {"metric": {"name": "queue"}, "target": {"type": "Value",
      "value": "30"}}}
    ])");
    hpa["status"] = {{"currentReplicas", 3}, {"desiredReplicas", 3}};
    const HpaSyncResult r =
        reconciler.sync(gl006Input(hpa, 3, {{"cpu", "100m"}, {"memory", "100Mi"}}, kT0));
    EXPECT_FALSE(r.newReplicas.has_value());
    const std::string inner =
        "unable to get external metric greenlang/queue/nil: unable to fetch metrics from external "
        "metrics API: the server could not find the requested resource (get "
        "queue.external.metrics.k8s.io)";
    ASSERT_EQ(r.events.size(), 2u);
    EXPECT_EQ(r.events[0].reason, "FailedGetExternalMetric");
    EXPECT_EQ(r.events[0].message, inner);
    EXPECT_EQ(r.events[1].reason, "FailedComputeMetricsReplicas");
    EXPECT_EQ(r.events[1].message,
              "invalid metrics (1 invalid out of 1), first error is: failed to get queue external "
              "metric value: failed to get external metric queue: " +
                  inner);
    const json& active = condition(r.status, "ScalingActive");
    EXPECT_EQ(active["status"], "False");
    EXPECT_EQ(active["reason"], "FailedGetExternalMetric");
    EXPECT_EQ(active["message"], "the HPA was unable to compute the replica count: " + inner);
    EXPECT_EQ(r.status["desiredReplicas"], 3);
    EXPECT_EQ(r.status["currentMetrics"], json::array({{{"type", ""}}}));
}

// Quantity parsing (requests and usage) and DecimalSI milli rendering, through the status:
// one pod; averageValue is its usage, utilization floor(100 x usage / request).
TEST(HpaReconciler, ParsesQuantitiesAndRendersAverageValue) {
    struct Row {
        const char* usage;
        const char* request;
        const char* averageValue;
        int utilization;
    };
    const std::vector<Row> rows = {
        {"500m", "1", "500m", 50},
        {"1", "1", "1", 100},
        {"0.5", "1000m", "500m", 50},
        {"123456789n", "1", "124m", 12},  // MilliValue rounds up: 123.46m -> 124m
        {"1500u", "1", "2m", 0},          // 1.5m -> 2m
        {"1e3", "1", "1k", 100000},
        {"1.5k", "1", "1500", 150000},
        {"2000000", "1Gi", "2M", 0},           // 2e6 / 1073741824 = 0.19 %
        {"104857600", "1Gi", "104857600", 9},  // 100Mi / 1Gi = 9.77 %
        {"512Mi", "1Gi", "536870912", 50},
        {"1Gi", "1073741824", "1073741824", 100},
        {"0.25Ki", "1Ki", "256", 25},
    };
    for (const auto& row : rows) {
        HpaReconciler reconciler;
        json hpa = gl006Hpa();
        hpa["spec"]["minReplicas"] = 1;
        hpa["spec"]["metrics"] = json::array({hpa["spec"]["metrics"][0]});
        HpaSyncInput in;
        in.hpa = hpa;
        in.scale = scaleOf(1, 1);
        in.now = kT0;
        in.pods.push_back(pod("p", kT0, {{"cpu", row.request}}));
        in.podMetrics.push_back(podMetrics("p", kT0, {{"cpu", row.usage}}));
        const HpaSyncResult r = reconciler.sync(in);
        const json& current = r.status["currentMetrics"][0]["resource"]["current"];
        EXPECT_EQ(current["averageValue"], row.averageValue) << row.usage;
        EXPECT_EQ(current["averageUtilization"], row.utilization) << row.usage;
    }
}

TEST(HpaReconciler, MetricWindowFeedsCpuReadiness) {
    struct Row {
        const char* window;
        int unready;
    };
    // The young pod became ready 10 s ago and was sampled 2 s ago: a 15 s (or 1m0s) window
    // is not yet covered, a 5 s window is.
    const std::vector<Row> rows = {{"15s", 1}, {"1m0s", 1}, {"5s", 0}, {"5000ms", 0}};
    for (const auto& row : rows) {
        HpaReconciler reconciler;
        HpaSyncInput in = gl006Input(gl006Hpa(), 3, {{"cpu", "350m"}, {"memory", "100Mi"}}, kT0);
        json young = pod("young", kT0);
        young["status"]["startTime"] = base::formatRfc3339(kT0 - 60'000);
        young["status"]["conditions"][0]["lastTransitionTime"] = base::formatRfc3339(kT0 - 10'000);
        in.pods.push_back(young);
        in.podMetrics.push_back(
            podMetrics("young", kT0, {{"cpu", "350m"}, {"memory", "100Mi"}}, row.window));
        const HpaSyncResult r = reconciler.sync(in);
        EXPECT_EQ(r.explanation["metrics"][0]["unreadyPods"], row.unready) << row.window;
        // memory never applies readiness rules
        EXPECT_EQ(r.explanation["metrics"][1]["unreadyPods"], 0) << row.window;
    }
}

TEST(HpaReconciler, RequestsIncludeSidecarsAndMissingRequestsFail) {
    HpaReconciler reconciler;
    json hpa = gl006Hpa();
    hpa["spec"]["minReplicas"] = 1;
    hpa["spec"]["metrics"] = json::array({hpa["spec"]["metrics"][0]});
    HpaSyncInput in;
    in.hpa = hpa;
    in.scale = scaleOf(1, 1);
    in.now = kT0;
    json p = pod("p", kT0, {{"cpu", "400m"}});
    p["spec"]["initContainers"] = json::parse(R"([
      {"name": "proxy", "restartPolicy": "Always", "resources": {"requests": {"cpu": "100m"}}},
      {"name": "migrate"}
    ])");
    in.pods.push_back(p);
    json m = podMetrics("p", kT0, {{"cpu", "200m"}});
    m["containers"].push_back({{"name", "proxy"}, {"usage", {{"cpu", "50m"}}}});
    in.podMetrics.push_back(m);
    // (200 + 50) / (400 + 100) = 50 %; the one-shot init container without requests is ignored.
    HpaSyncResult r = reconciler.sync(in);
    EXPECT_EQ(r.status["currentMetrics"][0]["resource"]["current"]["averageUtilization"], 50);

    in.pods[0]["spec"]["containers"][0].erase("resources");
    r = reconciler.sync(in);
    ASSERT_FALSE(r.events.empty());
    EXPECT_EQ(r.events[0].reason, "FailedGetResourceMetric");
    EXPECT_EQ(r.events[0].message,
              "failed to get cpu utilization: missing request for cpu in container app of Pod p");
}

TEST(HpaReconciler, DeletingPodsAreIgnored) {
    HpaReconciler reconciler;
    HpaSyncInput in = gl006Input(gl006Hpa(), 3, {{"cpu", "350m"}, {"memory", "100Mi"}}, kT0);
    in.pods[2]["metadata"]["deletionTimestamp"] = base::formatRfc3339(kT0 - 1000);
    const HpaSyncResult r = reconciler.sync(in);
    EXPECT_EQ(r.explanation["metrics"][0]["ignoredPods"], 1);
    EXPECT_EQ(r.explanation["metrics"][0]["readyPods"], 2);
}

TEST(HpaReconciler, BehaviorFromJsonAndForget) {
    HpaReconciler reconciler;
    json hpa = gl006Hpa();
    hpa["spec"]["behavior"] = json::parse(
        R"({"scaleUp": {"policies": [{"type": "Pods", "value": 1, "periodSeconds": 60}]}})");
    // Wants 8 (see the GL-006 test); one pod per minute allowed: 3 -> 4.
    HpaSyncResult r =
        reconciler.sync(gl006Input(hpa, 3, {{"cpu", "900m"}, {"memory", "100Mi"}}, kT0));
    EXPECT_EQ(r.newReplicas, 4);
    EXPECT_EQ(r.explanation["path"], "Behavior");
    EXPECT_EQ(r.explanation["limitingPolicy"], "Pods 1 / 60s");

    // History is per uid: 400 s later at 4 replicas and low load (10 % -> ratio 0.14 -> 1,
    // min 3), the old recommendations have expired and it drops to 3 ...
    hpa["spec"].erase("behavior");
    const auto later = kT0 + 400'000;
    r = reconciler.sync(gl006Input(hpa, 4, {{"cpu", "50m"}, {"memory", "100Mi"}}, later));
    EXPECT_EQ(r.newReplicas, 3);
    // ... while a forgotten HPA starts over, seeded with the current size, and holds.
    HpaReconciler fresh;
    fresh.sync(gl006Input(hpa, 4, {{"cpu", "350m"}, {"memory", "100Mi"}}, kT0));
    fresh.forget("uid-gl006");
    r = fresh.sync(gl006Input(hpa, 4, {{"cpu", "50m"}, {"memory", "100Mi"}}, later));
    EXPECT_FALSE(r.newReplicas.has_value());
}

TEST(HpaReconciler, MalformedInputNeverThrows) {
    HpaReconciler reconciler;
    HpaSyncInput in;
    in.hpa = json::parse(
        R"({"metadata": {"uid": "x"}, "spec": {"metrics": "nope"},
            "status": {"desiredReplicas": 2}})");
    in.scale = json::parse(R"({"spec": {"replicas": "three"}, "status": 5})");
    in.pods = {json("not a pod"), json::array()};
    in.podMetrics = {json(42)};
    in.now = kT0;
    HpaSyncResult r;
    EXPECT_NO_THROW(r = reconciler.sync(in));
    EXPECT_TRUE(r.status.is_object());
    EXPECT_TRUE(r.status.contains("desiredReplicas"));
}

}  // namespace
}  // namespace scaledeck::sim
