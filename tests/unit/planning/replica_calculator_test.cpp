// Single-metric proposals (hpa-controller.md §B.3/§B.4). Expected numbers come from the B.9
// table and from hand computation written next to each row, never from the code under test.
#include "planning/replica_calculator.h"

#include <gtest/gtest.h>

#include "hpa_fixtures.h"

namespace scaledeck::planning {
namespace {

using testing::addPod;
using testing::inputsFor;
using testing::kNow;
using testing::PodRow;
using testing::PodState;

constexpr auto R = PodState::Ready;
constexpr auto U = PodState::Unready;
constexpr auto P = PodState::Pending;

struct UtilizationVector {
    const char* id;
    std::int32_t current;
    std::int32_t target;
    std::vector<PodRow> pods;
    std::int32_t utilization;
    std::int32_t proposal;
};

class ReplicaCalculatorVectors : public ::testing::TestWithParam<UtilizationVector> {};

TEST_P(ReplicaCalculatorVectors, MatchesB9) {
    const auto& v = GetParam();
    const ReplicaCalculator calc;
    const HpaInputs in = inputsFor(v.current, v.pods, kNow);
    auto p = calc.resourceUtilizationReplicas(v.current, v.target, "cpu", "", in, kNow);
    ASSERT_TRUE(p.ok()) << v.id << ": " << p.error().message;
    EXPECT_EQ(p->utilization, v.utilization) << v.id;
    EXPECT_EQ(p->replicas, v.proposal) << v.id;
}

INSTANTIATE_TEST_SUITE_P(
    B9, ReplicaCalculatorVectors,
    ::testing::Values(
        UtilizationVector{"V1", 3, 50, {{200, 180, R}, {200, 200, R}, {200, 220, R}}, 100, 6},
        UtilizationVector{"V2a", 4, 50, std::vector<PodRow>(4, PodRow{1000, 540, R}), 54, 4},
        UtilizationVector{"V2b", 4, 50, std::vector<PodRow>(4, PodRow{1000, 560, R}), 56, 5},
        UtilizationVector{"V3", 3, 50, {{1000, 499, R}, {1000, 500, R}, {1000, 500, R}}, 49, 3},
        UtilizationVector{"V4",
                          4,
                          50,
                          {{500, 100, R}, {500, 100, R}, {500, 100, R}, {500, std::nullopt, R}},
                          20,
                          4},
        UtilizationVector{"V4b", 3, 50, {{500, 100, R}, {500, 100, R}, {500, 100, R}}, 20, 2},
        UtilizationVector{"V5",
                          4,
                          50,
                          {{500, 500, R}, {500, 500, R}, {500, 500, R}, {500, std::nullopt, R}},
                          100,
                          6},
        UtilizationVector{"V6", 3, 30, {{2000, 600, U}, {2000, 1000, R}, {2000, 1400, R}}, 60, 4},
        UtilizationVector{
            "V7",
            5,
            50,
            {{1000, 100, R}, {1000, 300, R}, {1000, 500, R}, {1000, 250, U}, {1000, 250, U}},
            30,
            2},
        UtilizationVector{
            "V7b",
            4,
            50,
            {{1000, 900, R}, {1000, 900, R}, {1000, 900, R}, {1000, std::nullopt, P}},
            90,
            6},
        UtilizationVector{
            "V8",
            4,
            200,
            {{500, 400, R}, {500, 400, R}, {500, 400, R}, {500, std::nullopt, R}},
            80,
            3}),
    [](const auto& info) { return std::string(info.param.id); });

// The recomputed ratios of §B.3 step 7, as the "why" column of B.9 states them.
TEST(ReplicaCalculator, AdjustedRatiosOfTheConservativeRecompute) {
    const ReplicaCalculator calc;
    struct Row {
        const char* id;
        std::int32_t current;
        std::int32_t target;
        std::vector<PodRow> pods;
        double ratio;
        double adjusted;
    };
    const std::vector<Row> rows = {
        // 300/1500 = 20 % -> 0.4; missing pod assumed at 500 -> 800/2000 = 40 % -> 0.8
        {"V4",
         4,
         50,
         {{500, 100, R}, {500, 100, R}, {500, 100, R}, {500, std::nullopt, R}},
         0.4,
         0.8},
        // 100 % -> 2.0; missing pod at 0 -> 75 % -> 1.5
        {"V5",
         4,
         50,
         {{500, 500, R}, {500, 500, R}, {500, 500, R}, {500, std::nullopt, R}},
         2.0,
         1.5},
        // 60 % -> 2.0; unready pod at 0 -> 2400/6000 = 40 % -> 1.333
        {"V6", 3, 30, {{2000, 600, U}, {2000, 1000, R}, {2000, 1400, R}}, 2.0, 40.0 / 30.0},
        // 90 % -> 1.8; pending pod at 0 -> 2700/4000 = 67 % -> 1.34
        {"V7b",
         4,
         50,
         {{1000, 900, R}, {1000, 900, R}, {1000, 900, R}, {1000, std::nullopt, P}},
         1.8,
         1.34},
        // 80 % of 200 -> 0.4; missing pod at 200 % (1000) -> 2200/2000 = 110 % -> 0.55
        {"V8",
         4,
         200,
         {{500, 400, R}, {500, 400, R}, {500, 400, R}, {500, std::nullopt, R}},
         0.4,
         0.55},
    };
    for (const auto& r : rows) {
        auto p = calc.resourceUtilizationReplicas(r.current, r.target, "cpu", "",
                                                  inputsFor(r.current, r.pods, kNow), kNow);
        ASSERT_TRUE(p.ok()) << r.id;
        EXPECT_DOUBLE_EQ(p->ratio, r.ratio) << r.id;
        ASSERT_TRUE(p->adjustedRatio.has_value()) << r.id;
        EXPECT_NEAR(*p->adjustedRatio, r.adjusted, 1e-9) << r.id;
    }
}

TEST(ReplicaCalculator, RawAverageIsTheTruncatedMeanOfPodsWithMetrics) {
    const ReplicaCalculator calc;
    // V3: (499 + 500 + 500) / 3 = 499.67 -> 499
    auto p = calc.resourceUtilizationReplicas(
        3, 50, "cpu", "", inputsFor(3, {{1000, 499, R}, {1000, 500, R}, {1000, 500, R}}, kNow),
        kNow);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->usageMilli, 499);
    EXPECT_EQ(p->readyPods, 3);
}

TEST(ReplicaCalculator, ProposesCurrentNotPodCountWithinTolerance) {
    const ReplicaCalculator calc;
    // 3 pods measured at 54 % of a 50 % target, but scale.spec.replicas says 7.
    auto p = calc.resourceUtilizationReplicas(
        7, 50, "cpu", "", inputsFor(7, std::vector<PodRow>(3, PodRow{1000, 540, R}), kNow), kNow);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->replicas, 7);
}

TEST(ReplicaCalculator, IgnoredPodsAreNeverCounted) {
    const ReplicaCalculator calc;
    // Deleting and Failed pods drop out: 2 x 1000/1000 -> 100 % of 50 -> ceil(2 x 2) = 4.
    auto p = calc.resourceUtilizationReplicas(4, 50, "cpu", "",
                                              inputsFor(4,
                                                        {{1000, 1000, R},
                                                         {1000, 1000, R},
                                                         {1000, 0, PodState::Deleting},
                                                         {1000, 0, PodState::Failed}},
                                                        kNow),
                                              kNow);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->ignoredPods, 2);
    EXPECT_EQ(p->utilization, 100);
    EXPECT_EQ(p->replicas, 4);
}

struct ErrorCase {
    const char* name;
    HpaInputs inputs;
    std::string message;
};

TEST(ReplicaCalculator, ErrorsUseUpstreamWording) {
    const ReplicaCalculator calc;
    std::vector<ErrorCase> cases;

    HpaInputs noPods = inputsFor(2, {}, kNow);
    noPods.podMetrics.push_back({"stray", kNow, 15000, {{"app", {{"cpu", 5}}}}});
    cases.push_back(
        {"no pods", noPods, "no pods returned by selector while calculating replica count"});

    HpaInputs noMetrics = inputsFor(2, {{500, std::nullopt, R}, {500, std::nullopt, R}}, kNow);
    cases.push_back({"no metrics", noMetrics,
                     "unable to get metrics for resource cpu: no metrics returned from resource "
                     "metrics API"});

    HpaInputs apiDown = inputsFor(1, {{500, 100, R}}, kNow);
    apiDown.resourceMetricsError = "the server is currently unable to handle the request";
    cases.push_back(
        {"api down", apiDown,
         "unable to get metrics for resource cpu: unable to fetch metrics from resource "
         "metrics API: the server is currently unable to handle the request"});

    HpaInputs allUnready = inputsFor(2, {{500, 100, U}, {500, 100, U}}, kNow);
    cases.push_back({"all unready", allUnready,
                     "did not receive metrics for targeted pods (pods might be unready)"});

    HpaInputs noRequest = inputsFor(2, {{500, 100, R}, {500, 100, R}}, kNow);
    noRequest.pods[1].containers[0].requestsMilli.clear();
    cases.push_back(
        {"missing request", noRequest, "missing request for cpu in container app of Pod web-1"});

    // Requests are read from every selected pod, an ignored one included (§B.4).
    HpaInputs ignoredNoRequest =
        inputsFor(2, {{500, 100, R}, {500, 100, PodState::Deleting}}, kNow);
    ignoredNoRequest.pods[1].containers[0].requestsMilli.clear();
    cases.push_back({"ignored pod missing request", ignoredNoRequest,
                     "missing request for cpu in container app of Pod web-1"});

    for (const auto& c : cases) {
        auto p = calc.resourceUtilizationReplicas(2, 50, "cpu", "", c.inputs, kNow);
        ASSERT_FALSE(p.ok()) << c.name;
        EXPECT_EQ(p.error().message, c.message) << c.name;
    }
}

// §B.4 readiness rules for cpu, one row per branch.
TEST(ReplicaCalculator, GroupsPodsByReadinessRules) {
    const ReplicaCalculator calc;
    enum class Group { Ready, Unready, Missing, Ignored };
    struct Row {
        const char* name;
        PodInfo pod;
        bool hasSample;
        base::UnixMillis sampleAt;
        std::string resource;
        Group expected;
    };
    auto pod = [](std::optional<ConditionStatus> ready, base::UnixMillis transition,
                  std::optional<base::UnixMillis> start) {
        PodInfo p;
        p.name = "p";
        if (ready)
            p.ready = PodReadyCondition{*ready, transition};
        p.startTime = start;
        return p;
    };
    const auto T = ConditionStatus::True;
    const auto F = ConditionStatus::False;
    const base::UnixMillis minute = 60'000;
    PodInfo pending = pod(T, kNow - 10 * minute, kNow - 10 * minute);
    pending.phase = PodPhase::Pending;
    PodInfo deleting = pod(T, kNow - 10 * minute, kNow - 10 * minute);
    deleting.deleting = true;
    PodInfo failed = pod(T, kNow - 10 * minute, kNow - 10 * minute);
    failed.phase = PodPhase::Failed;
    PodInfo unknownReady = pod(ConditionStatus::Unknown, kNow - 2 * minute, kNow - 2 * minute);

    const std::vector<Row> rows = {
        {"deleting is ignored", deleting, true, kNow, "cpu", Group::Ignored},
        {"failed is ignored", failed, true, kNow, "cpu", Group::Ignored},
        {"pending is unready even for memory", pending, true, kNow, "memory", Group::Unready},
        {"no sample is missing", pod(T, kNow - 10 * minute, kNow - 10 * minute), false, 0, "cpu",
         Group::Missing},
        {"no Ready condition", pod(std::nullopt, 0, kNow - 10 * minute), true, kNow, "cpu",
         Group::Unready},
        {"no startTime", pod(T, kNow - 10 * minute, std::nullopt), true, kNow, "cpu",
         Group::Unready},
        {"young and not ready", pod(F, kNow - minute, kNow - 2 * minute), true, kNow, "cpu",
         Group::Unready},
        // Ready 10 s ago, 15 s window: the sample does not cover a full ready window yet.
        {"young, sample too early", pod(T, kNow - 10'000, kNow - 2 * minute), true, kNow - 1'000,
         "cpu", Group::Unready},
        {"young, full window since ready", pod(T, kNow - 20'000, kNow - 2 * minute), true,
         kNow - 1'000, "cpu", Group::Ready},
        {"young, Unknown readiness with a full window", unknownReady, true, kNow, "cpu",
         Group::Ready},
        // Past the 5 min period, unready since 10 s after start: never been ready.
        {"old, never ready", pod(F, kNow - 10 * minute + 10'000, kNow - 10 * minute), true, kNow,
         "cpu", Group::Unready},
        // Past the period, went unready long after starting: its sample is trusted.
        {"old, became unready later", pod(F, kNow - 2 * minute, kNow - 10 * minute), true, kNow,
         "cpu", Group::Ready},
        {"memory skips readiness", pod(F, kNow - minute, kNow - 2 * minute), true, kNow, "memory",
         Group::Ready},
    };
    for (const auto& r : rows) {
        std::map<std::string, PodMetricPoint> metrics;
        if (r.hasSample)
            metrics["p"] = {100, r.sampleAt, 15'000};
        const PodGroups g = calc.groupPods({r.pod}, metrics, r.resource, kNow);
        const Group got = g.readyCount == 1      ? Group::Ready
                          : g.unready.count("p") ? Group::Unready
                          : g.missing.count("p") ? Group::Missing
                                                 : Group::Ignored;
        EXPECT_EQ(static_cast<int>(got), static_cast<int>(r.expected)) << r.name;
    }
}

TEST(ReplicaCalculator, AverageValueTargetsAverageUsagePerPod) {
    const ReplicaCalculator calc;
    // 3 x 150 against 100 per pod -> 1.5 -> ceil(4.5) = 5.
    HpaInputs up;
    up.namespaceName = "shop";
    for (int i = 0; i < 3; ++i) {
        addPod(up, "m-" + std::to_string(i), {1000, 150, R}, kNow, "memory");
    }
    auto p = calc.resourceAverageValueReplicas(3, 100, "memory", "", up, kNow);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->usageMilli, 150);
    EXPECT_EQ(p->replicas, 5);

    // Scale-down with a missing pod: assumed exactly at target:
    // (50 + 50 + 100) / 3 = 66 -> 0.66 -> ceil(1.98) = 2.
    HpaInputs down;
    down.namespaceName = "shop";
    addPod(down, "m-0", {1000, 50, R}, kNow, "memory");
    addPod(down, "m-1", {1000, 50, R}, kNow, "memory");
    addPod(down, "m-2", {1000, std::nullopt, R}, kNow, "memory");
    p = calc.resourceAverageValueReplicas(3, 100, "memory", "", down, kNow);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->usageMilli, 50);
    EXPECT_EQ(p->replicas, 2);
}

TEST(ReplicaCalculator, ContainerResourceUsesOnlyTheNamedContainer) {
    const ReplicaCalculator calc;
    HpaInputs in;
    in.namespaceName = "shop";
    for (int i = 0; i < 2; ++i) {
        PodInfo pod;
        pod.name = "web-" + std::to_string(i);
        pod.startTime = kNow - 3'600'000;
        pod.ready = PodReadyCondition{ConditionStatus::True, kNow - 3'500'000};
        pod.containers = {{"web", {{"cpu", 500}}}, {"proxy", {{"cpu", 100}}}};
        in.pods.push_back(pod);
        in.podMetrics.push_back(
            {pod.name, kNow - 1000, 15000, {{"web", {{"cpu", 400}}}, {"proxy", {{"cpu", 100}}}}});
    }
    // web only: 800/1000 = 80 % of 50 -> 1.6 -> ceil(3.2) = 4 (the proxy would dilute it).
    auto p = calc.resourceUtilizationReplicas(2, 50, "cpu", "web", in, kNow);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->utilization, 80);
    EXPECT_EQ(p->replicas, 4);

    p = calc.resourceUtilizationReplicas(2, 50, "cpu", "sidecar", in, kNow);
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.error().message,
              "unable to get metrics for resource cpu: failed to get container metrics: container "
              "sidecar not present in metrics for pod shop/web-0");
}

TEST(ReplicaCalculator, PodsMetricUsesPlainAverage) {
    const ReplicaCalculator calc;
    const HpaInputs in = inputsFor(2, {{100, 1, R}, {100, 1, R}}, kNow);
    CustomMetricInput values;
    values.podValues = {{"web-0", 30000}, {"web-1", 50000}};
    // (30 + 50) / 2 = 40 per pod against 10 -> 4.0 -> ceil(8) = 8.
    auto p = calc.podsMetricReplicas(2, 10000, "rps", values, in.pods);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->usageMilli, 40000);
    EXPECT_EQ(p->replicas, 8);

    values = {};
    values.error =
        "unable to fetch metrics from custom metrics API: no custom metrics API "
        "(custom.metrics.k8s.io) registered";
    p = calc.podsMetricReplicas(2, 10000, "rps", values, in.pods);
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.error().message,
              "unable to get metric rps: unable to fetch metrics from custom metrics API: no "
              "custom metrics API (custom.metrics.k8s.io) registered");
}

TEST(ReplicaCalculator, ObjectAndExternalMetrics) {
    const ReplicaCalculator calc;
    const HpaInputs in = inputsFor(2, {{100, 1, R}, {100, 1, R}}, kNow);
    MetricSpec spec;
    spec.type = MetricSourceType::Object;
    spec.metric.name = "requests-per-second";
    spec.describedObject = {"networking.k8s.io/v1", "Ingress", "main"};

    struct Row {
        const char* name;
        std::int32_t current;
        std::int64_t value;
        std::int32_t expected;
    };
    // Value target 100: ratio = value / 100, times the 2 ready pods (or ceil(ratio) from zero).
    const std::vector<Row> valueRows = {
        {"3x", 2, 300, 6},
        {"within tolerance", 2, 105, 2},
        {"from zero replicas", 0, 300, 3},
    };
    for (const auto& r : valueRows) {
        CustomMetricInput v;
        v.valueMilli = r.value;
        auto p = calc.objectValueReplicas(r.current, 100, spec, "shop", v, in.pods);
        ASSERT_TRUE(p.ok()) << r.name;
        EXPECT_EQ(p->replicas, r.expected) << r.name;
    }

    // AverageValue 100 per pod, 4 status replicas, total 1000: ratio 2.5 -> ceil(10) = 10,
    // reported per pod as 1000 / 4 = 250.
    CustomMetricInput total;
    total.valueMilli = 1000;
    auto avg = calc.objectAverageValueReplicas(4, 100, spec, "shop", total);
    ASSERT_TRUE(avg.ok());
    EXPECT_EQ(avg->replicas, 10);
    EXPECT_EQ(avg->usageMilli, 250);

    CustomMetricInput failed;
    failed.error = "boom";
    auto bad = calc.objectValueReplicas(2, 100, spec, "shop", failed, in.pods);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().message,
              "unable to get metric requests-per-second: Ingress on shop main/boom");

    MetricSpec ext;
    ext.type = MetricSourceType::External;
    ext.metric.name = "queue_depth";
    ext.metric.selector = LabelSelector{{{"queue", "jobs"}}, {}};
    CustomMetricInput series;
    series.externalValuesMilli = {100, 200};
    // Value: sum 300 against 100 -> 3 x 2 ready pods = 6.
    auto e = calc.externalValueReplicas(2, 100, ext, "shop", series, in.pods);
    ASSERT_TRUE(e.ok());
    EXPECT_EQ(e->usageMilli, 300);
    EXPECT_EQ(e->replicas, 6);
    // AverageValue 50 per pod over 2 status replicas: 300 / 100 = 3 -> ceil(300 / 50) = 6.
    auto ea = calc.externalAverageValueReplicas(2, 50, ext, "shop", series);
    ASSERT_TRUE(ea.ok());
    EXPECT_EQ(ea->replicas, 6);
    EXPECT_EQ(ea->usageMilli, 150);

    CustomMetricInput down;
    down.error =
        "unable to fetch metrics from external metrics API: the server could not find "
        "the requested resource (get queue_depth.external.metrics.k8s.io)";
    auto ee = calc.externalValueReplicas(2, 100, ext, "shop", down, in.pods);
    ASSERT_FALSE(ee.ok());
    EXPECT_EQ(ee.error().message,
              "unable to get external metric shop/queue_depth/&LabelSelector{MatchLabels:map["
              "string]string{queue: jobs,},MatchExpressions:[]LabelSelectorRequirement{},}: "
              "unable to fetch metrics from external metrics API: the server could not find the "
              "requested resource (get queue_depth.external.metrics.k8s.io)");
}

}  // namespace
}  // namespace scaledeck::planning
