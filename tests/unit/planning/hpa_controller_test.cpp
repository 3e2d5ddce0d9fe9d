// The HPA controller model against hpa-controller.md §B.9 (V9-V16), §B.5 partial failure and
// the §B.7 conditions. Each scenario drives the controller sync by sync, feeding back the
// replica count it decided, like the simulator does. Expected sequences are copied from the
// doc; the loads used as fixtures are chosen so that the metric asks for what the doc says
// ("keeps asking for 20"), and each test checks that premise too.
#include "planning/hpa_controller.h"

#include <gtest/gtest.h>

#include <functional>

#include "hpa_fixtures.h"

namespace scaledeck::planning {
namespace {

using testing::cpuSpec;
using testing::cpuUtilization;
using testing::evenLoad;
using testing::inputsFor;
using testing::kNow;
using testing::PodRow;
using testing::PodState;

constexpr const char* kCpuName = "cpu resource utilization (percentage of request)";

// One HPA driven over time; the target's replicas follow every rescale decision.
struct HpaRun {
    HpaController controller;
    HpaSpec spec;
    HpaStatus status;
    std::int32_t replicas = 0;

    HpaDecision sync(const HpaInputs& in, base::UnixMillis t) {
        HpaDecision d = controller.reconcile("shop/web", spec, status, in, t);
        status = d.status;
        if (d.rescale)
            replicas = d.desiredReplicas;
        return d;
    }
};

HpaBehavior defaultBehaviorExplicit() {
    HpaBehavior b;
    b.scaleUp = ScalingRules{0, SelectPolicy::Max,
                             std::vector<ScalingPolicy>{{ScalingPolicyType::Pods, 4, 15},
                                                        {ScalingPolicyType::Percent, 100, 15}}};
    b.scaleDown = ScalingRules{std::nullopt, SelectPolicy::Max,
                               std::vector<ScalingPolicy>{{ScalingPolicyType::Percent, 100, 15}}};
    return b;
}

void expectCondition(const HpaStatus& s, const std::string& type, const std::string& status,
                     const std::string& reason, const std::string& message) {
    const HpaCondition* c = findCondition(s.conditions, type);
    ASSERT_NE(c, nullptr) << type;
    EXPECT_EQ(c->status, status) << type;
    EXPECT_EQ(c->reason, reason) << type;
    EXPECT_EQ(c->message, message) << type;
}

// ---- V9 / V9b: rate limits, legacy path vs explicitly defaulted behavior ------------------

struct RateVector {
    const char* id;
    std::int32_t start;
    std::int32_t wants;
    bool behavior;
    std::vector<std::int32_t> sequence;  // replicas after each sync, 15.5 s apart
};

class HpaRateLimitVectors : public ::testing::TestWithParam<RateVector> {};

TEST_P(HpaRateLimitVectors, MatchesB9) {
    const auto& v = GetParam();
    HpaRun run;
    run.spec = cpuSpec(50, 1, 50);
    if (v.behavior)
        run.spec.behavior = defaultBehaviorExplicit();
    run.replicas = v.start;
    // Total load of 500m per wanted replica at a 50 % target of 1000m requests.
    const std::int64_t load = 500LL * v.wants;
    std::vector<std::int32_t> got;
    for (std::size_t i = 0; i < v.sequence.size() + 2; ++i) {
        const auto t = kNow + static_cast<base::UnixMillis>(i) * 15'500;
        const HpaDecision d = run.sync(evenLoad(run.replicas, load, t), t);
        ASSERT_EQ(d.metricProposal, v.wants) << v.id << " sync " << i << " (fixture premise)";
        got.push_back(run.replicas);
    }
    std::vector<std::int32_t> expected = v.sequence;
    expected.push_back(v.wants);
    expected.push_back(v.wants);
    EXPECT_EQ(got, expected) << v.id;
}

INSTANTIATE_TEST_SUITE_P(B9, HpaRateLimitVectors,
                         ::testing::Values(RateVector{"V9_legacy", 2, 20, false, {4, 8, 16, 20}},
                                           RateVector{"V9_behavior", 2, 20, true, {6, 12, 20}},
                                           RateVector{"V9b_legacy", 1, 30, false, {4, 8, 16, 30}},
                                           RateVector{
                                               "V9b_behavior", 1, 30, true, {5, 10, 20, 30}}),
                         [](const auto& info) { return std::string(info.param.id); });

TEST(HpaController, PresentButEmptyBehaviorGetsApiDefaults) {
    // Same as V9 behavior: an empty behavior object is defaulted to the explicit defaults.
    HpaRun run;
    run.spec = cpuSpec(50, 1, 50);
    run.spec.behavior = HpaBehavior{};
    run.replicas = 2;
    std::vector<std::int32_t> got;
    for (int i = 0; i < 3; ++i) {
        const auto t = kNow + i * 15'500;
        run.sync(evenLoad(run.replicas, 10'000, t), t);
        got.push_back(run.replicas);
    }
    EXPECT_EQ(got, (std::vector<std::int32_t>{6, 12, 20}));
}

TEST(HpaController, ScaleUpLimitConditionNamesTheBindingRule) {
    HpaRun legacy;
    legacy.spec = cpuSpec(50, 1, 50);
    legacy.replicas = 2;
    HpaDecision d = legacy.sync(evenLoad(2, 10'000, kNow), kNow);
    expectCondition(d.status, "ScalingLimited", "True", "ScaleUpLimit",
                    "the desired replica count is increasing faster than the maximum scale rate");
    EXPECT_EQ(d.limitedBy, "ScaleUpLimit");
    EXPECT_EQ(d.limitingPolicy, "max(2 x current, 4)");
    EXPECT_EQ(d.rateBound, 4);
    EXPECT_EQ(d.stabilized, 20);

    HpaRun behavior;
    behavior.spec = cpuSpec(50, 1, 50);
    behavior.spec.behavior = defaultBehaviorExplicit();
    behavior.replicas = 2;
    d = behavior.sync(evenLoad(2, 10'000, kNow), kNow);
    // 2 + 4 = 6 beats ceil(2 x 2) = 4 under selectPolicy Max.
    EXPECT_EQ(d.limitingPolicy, "Pods 4 / 15s");
    EXPECT_EQ(d.rateBound, 6);
    // Scale events are remembered only on the behavior path.
    ASSERT_NE(behavior.controller.history("shop/web"), nullptr);
    EXPECT_EQ(behavior.controller.history("shop/web")->scaleUpEvents.size(), 1u);
    EXPECT_EQ(behavior.controller.history("shop/web")->scaleUpEvents[0].change, 4);
    EXPECT_TRUE(legacy.controller.history("shop/web")->scaleUpEvents.empty());
}

// ---- V10: scale-down stabilization, both paths -----------------------------------------

TEST(HpaController, V10ScaleDownStabilizationBothPaths) {
    for (const bool behavior : {false, true}) {
        HpaRun run;
        run.spec = cpuSpec(50, 2, 20);
        if (behavior)
            run.spec.behavior = defaultBehaviorExplicit();
        run.replicas = 10;
        // t = 0: 10 pods at 50 % -> ratio 1 -> recommendation 10.
        run.sync(evenLoad(10, 5'000, kNow), kNow);
        ASSERT_EQ(run.replicas, 10);
        for (int s = 15; s <= 330; s += 15) {
            const auto t = kNow + s * 1000;
            // 10 pods at 14 % -> 0.28 -> ceil(2.8) = 3.
            const HpaDecision d = run.sync(evenLoad(run.replicas, 1'400, t), t);
            if (run.replicas == 10) {
                ASSERT_EQ(d.metricProposal, 3);
            }
            if (s < 300) {
                EXPECT_EQ(run.replicas, 10) << "behavior=" << behavior << " t=" << s;
                expectCondition(d.status, "AbleToScale", "True", "ScaleDownStabilized",
                                "recent recommendations were higher than current one, applying "
                                "the highest recent recommendation");
            } else if (s == 300) {
                // The boundary detail of §B.9: behavior drops a sample exactly 300 s old.
                EXPECT_EQ(run.replicas, behavior ? 3 : 10) << "behavior=" << behavior;
            } else {
                EXPECT_EQ(run.replicas, 3) << "behavior=" << behavior << " t=" << s;
            }
            if (d.rescale) {
                EXPECT_EQ(d.desiredReplicas, 3);
                ASSERT_EQ(d.events.size(), 1u);
                EXPECT_EQ(d.events[0].message, "New size: 3; reason: All metrics below target");
            }
        }
    }
}

// ---- V11: custom scale-down policies --------------------------------------------------

struct PolicyVector {
    const char* id;
    std::vector<ScalingPolicy> policies;
    SelectPolicy select;
    std::vector<std::int32_t> sequence;  // replicas after syncs at 0, 15.5, 31, ... 124 s
};

class HpaScaleDownPolicyVectors : public ::testing::TestWithParam<PolicyVector> {};

TEST_P(HpaScaleDownPolicyVectors, MatchesB9) {
    const auto& v = GetParam();
    HpaRun run;
    run.spec = cpuSpec(50, 1, 20);
    HpaBehavior b;
    b.scaleDown = ScalingRules{0, v.select, v.policies};
    run.spec.behavior = b;
    run.replicas = 10;
    std::vector<std::int32_t> got;
    for (std::size_t i = 0; i < v.sequence.size(); ++i) {
        const auto t = kNow + static_cast<base::UnixMillis>(i) * 15'500;
        // 900m spread over the pods asks for 2 at any size from 2 to 10.
        const HpaDecision d = run.sync(evenLoad(run.replicas, 900, t), t);
        ASSERT_EQ(d.metricProposal, 2) << v.id << " sync " << i << " (fixture premise)";
        got.push_back(run.replicas);
    }
    EXPECT_EQ(got, v.sequence) << v.id;
}

INSTANTIATE_TEST_SUITE_P(B9, HpaScaleDownPolicyVectors,
                         ::testing::Values(PolicyVector{"V11_percent10_per_minute",
                                                        {{ScalingPolicyType::Percent, 10, 60}},
                                                        SelectPolicy::Max,
                                                        {9, 9, 9, 9, 8, 8, 8, 8, 7}},
                                           PolicyVector{"V11_pods1_percent50_max",
                                                        {{ScalingPolicyType::Pods, 1, 60},
                                                         {ScalingPolicyType::Percent, 50, 60}},
                                                        SelectPolicy::Max,
                                                        {5, 5, 5, 5, 2, 2, 2, 2, 2}},
                                           PolicyVector{"V11_pods1_percent50_min",
                                                        {{ScalingPolicyType::Pods, 1, 60},
                                                         {ScalingPolicyType::Percent, 50, 60}},
                                                        SelectPolicy::Min,
                                                        {9, 9, 9, 9, 8, 8, 8, 8, 7}}),
                         [](const auto& info) { return std::string(info.param.id); });

TEST(HpaController, V11ScaleDownLimitCondition) {
    HpaRun run;
    run.spec = cpuSpec(50, 1, 20);
    HpaBehavior b;
    b.scaleDown = ScalingRules{0, SelectPolicy::Max,
                               std::vector<ScalingPolicy>{{ScalingPolicyType::Percent, 10, 60}}};
    run.spec.behavior = b;
    run.replicas = 10;
    run.sync(evenLoad(10, 900, kNow), kNow);
    const HpaDecision d = run.sync(evenLoad(run.replicas, 900, kNow + 15'500), kNow + 15'500);
    EXPECT_FALSE(d.rescale);
    expectCondition(d.status, "ScalingLimited", "True", "ScaleDownLimit",
                    "the desired replica count is decreasing faster than the maximum scale rate");
    EXPECT_EQ(d.limitingPolicy, "Percent 10 / 60s");
}

// ---- V12: scale-up stabilization window ---------------------------------------------------

TEST(HpaController, V12ScaleUpStabilizationWindow) {
    HpaRun run;
    run.spec = cpuSpec(50, 1, 20);
    HpaBehavior b;
    b.scaleUp = ScalingRules{60, std::nullopt, std::nullopt};
    run.spec.behavior = b;
    run.replicas = 4;
    // The last minute of recommendations is 4 (4 pods at exactly 50 %).
    for (int s = -60; s <= 0; s += 15) {
        const auto t = kNow + s * 1000;
        run.sync(evenLoad(4, 2'000, t), t);
    }
    ASSERT_EQ(run.replicas, 4);
    // Loads that ask for 8, 5, 8, 8, 8, 8.
    const std::vector<std::int64_t> loads = {4000, 2500, 4000, 4000, 4000, 4000};
    const std::vector<std::int32_t> proposals = {8, 5, 8, 8, 8, 8};
    const std::vector<std::int32_t> expected = {4, 4, 4, 5, 5, 8};
    std::vector<std::int32_t> got;
    for (std::size_t i = 0; i < loads.size(); ++i) {
        const auto t = kNow + static_cast<base::UnixMillis>(i + 1) * 15'000;
        const HpaDecision d = run.sync(evenLoad(run.replicas, loads[i], t), t);
        ASSERT_EQ(d.metricProposal, proposals[i]) << "sync " << i << " (fixture premise)";
        if (i == 0) {
            expectCondition(d.status, "AbleToScale", "True", "ScaleUpStabilized",
                            "recent recommendations were lower than current one, applying the "
                            "lowest recent recommendation");
        }
        got.push_back(run.replicas);
    }
    EXPECT_EQ(got, expected);
}

// ---- V13: bounds bypass metrics, stabilization and rate limits ---------------------------

TEST(HpaController, V13BoundsApplyImmediately) {
    struct Row {
        const char* id;
        std::int32_t current;
        std::int32_t min;
        std::int32_t max;
        bool behavior;
        std::int32_t expected;
        const char* reason;
    };
    const std::vector<Row> rows = {
        {"above max", 12, 1, 10, false, 10, "Current number of replicas above Spec.MaxReplicas"},
        {"below min", 1, 3, 10, false, 3, "Current number of replicas below Spec.MinReplicas"},
        {"below min, slow policy", 1, 3, 10, true, 3,
         "Current number of replicas below Spec.MinReplicas"},
    };
    for (const auto& r : rows) {
        HpaRun run;
        run.spec = cpuSpec(50, r.min, r.max);
        if (r.behavior) {
            HpaBehavior b;
            b.scaleUp = ScalingRules{600, SelectPolicy::Max,
                                     std::vector<ScalingPolicy>{{ScalingPolicyType::Pods, 1, 600}}};
            run.spec.behavior = b;
        }
        run.replicas = r.current;
        // No pods at all: metrics would fail, but they are not even looked at.
        const HpaDecision d = run.sync(inputsFor(r.current, {}, kNow), kNow);
        EXPECT_TRUE(d.rescale) << r.id;
        EXPECT_EQ(d.desiredReplicas, r.expected) << r.id;
        ASSERT_EQ(d.events.size(), 1u) << r.id;
        EXPECT_EQ(d.events[0].type, "Normal");
        EXPECT_EQ(d.events[0].reason, "SuccessfulRescale");
        EXPECT_EQ(d.events[0].message,
                  "New size: " + std::to_string(r.expected) + "; reason: " + r.reason)
            << r.id;
        EXPECT_TRUE(d.currentMetrics.empty()) << r.id;
        ASSERT_EQ(d.status.conditions.size(), 1u) << r.id;
        expectCondition(d.status, "AbleToScale", "True", "SucceededRescale",
                        "the HPA controller was able to update the target scale to " +
                            std::to_string(r.expected));
        EXPECT_EQ(d.status.lastScaleTime, kNow);
    }
}

// ---- V14: a fresh HPA cannot scale down for one window ----------------------------------

TEST(HpaController, V14FreshHpaHoldsForFiveMinutes) {
    HpaRun run;
    run.spec = cpuSpec(50, 1, 10);
    run.replicas = 6;
    for (int s = 0; s <= 330; s += 15) {
        const auto t = kNow + s * 1000;
        // 900m over 6 pods: 15 % -> 0.3 -> ceil(1.8) = 2.
        const HpaDecision d = run.sync(evenLoad(run.replicas, 900, t), t);
        if (s <= 300) {
            ASSERT_EQ(d.metricProposal, 2);
            EXPECT_EQ(run.replicas, 6) << "t=" << s;
        } else {
            EXPECT_EQ(run.replicas, 2) << "t=" << s;
        }
    }
}

// ---- V15: manual scale of an HPA-managed Deployment --------------------------------------

// `ready` old pods at `oldUsage`, plus `fresh` pods created at `freshStart` that are Pending or
// (ready since freshStart + 5 s) using `freshUsage`. cpu requests 200m.
HpaInputs v15World(std::int32_t specReplicas, int ready, std::int64_t oldUsage, int fresh,
                   bool freshPending, std::int64_t freshUsage, base::UnixMillis freshStart,
                   base::UnixMillis now) {
    HpaInputs in = inputsFor(specReplicas,
                             std::vector<PodRow>(static_cast<std::size_t>(ready),
                                                 PodRow{200, oldUsage, PodState::Ready}),
                             now);
    for (int i = 0; i < fresh; ++i) {
        PodInfo pod;
        pod.name = "fresh-" + std::to_string(i);
        pod.containers.push_back({"app", {{"cpu", 200}}});
        if (freshPending) {
            pod.phase = PodPhase::Pending;
        } else {
            pod.startTime = freshStart;
            pod.ready = PodReadyCondition{ConditionStatus::True, freshStart + 5'000};
            in.podMetrics.push_back(
                {pod.name, now - 1'000, 15'000, {{"app", {{"cpu", freshUsage}}}}});
        }
        in.pods.push_back(pod);
    }
    return in;
}

TEST(HpaController, V15ManualScaleHeldWhileNewPodsPendThenReverted) {
    HpaRun run;
    run.spec = cpuSpec(60, 1, 10);
    run.replicas = 3;
    // Steady: 3 x 110m of 200m = 55 % against 60 % -> within tolerance -> 3.
    for (int s = 0; s < 600; s += 15) {
        const auto t = kNow + s * 1000;
        const HpaDecision d = run.sync(v15World(3, 3, 110, 0, false, 0, 0, t), t);
        ASSERT_EQ(d.metricProposal, 3);
        ASSERT_EQ(run.replicas, 3);
    }
    // The operator scales to 5; the two new pods are Pending: proposal = current = 5.
    const base::UnixMillis scaledAt = kNow + 600'000;
    run.replicas = 5;
    for (int s = 600; s <= 615; s += 15) {
        const auto t = kNow + s * 1000;
        const HpaDecision d = run.sync(v15World(5, 3, 110, 2, true, 0, scaledAt, t), t);
        EXPECT_EQ(d.metricProposal, 5) << "t=" << s;
        EXPECT_FALSE(d.rescale);
        EXPECT_EQ(run.replicas, 5);
    }
    // All 5 ready at 66m: 33 % -> 0.55 -> ceil(2.75) = 3, held by the "5"s until they age out.
    for (int s = 630; s <= 960; s += 15) {
        if (s == 915)
            continue;  // exact 300 s boundary of the last "5": not asserted
        const auto t = kNow + s * 1000;
        const HpaDecision d = run.sync(v15World(5, 3, 66, 2, false, 66, scaledAt, t), t);
        if (s < 915) {
            ASSERT_EQ(d.metricProposal, 3) << "t=" << s;
            EXPECT_EQ(run.replicas, 5) << "t=" << s;
        } else {
            EXPECT_EQ(run.replicas, 3) << "t=" << s;
        }
    }
}

TEST(HpaController, V15LowLoadRevertsManualScaleAtNextSync) {
    HpaRun run;
    run.spec = cpuSpec(60, 1, 10);
    run.replicas = 3;
    // 3 x 90m = 45 % -> 0.75 -> ceil(2.25) = 3: every recommendation of the window is 3.
    for (int s = 0; s < 600; s += 15) {
        const auto t = kNow + s * 1000;
        run.sync(v15World(3, 3, 90, 0, false, 0, 0, t), t);
        ASSERT_EQ(run.replicas, 3);
    }
    run.replicas = 5;
    const auto t = kNow + 600'000;
    const HpaDecision d = run.sync(v15World(5, 3, 90, 2, true, 0, t, t), t);
    EXPECT_EQ(d.metricProposal, 3);
    EXPECT_TRUE(d.rescale);
    EXPECT_EQ(run.replicas, 3);
    ASSERT_EQ(d.events.size(), 1u);
    EXPECT_EQ(d.events[0].message, "New size: 3; reason: All metrics below target");
}

// ---- V16: several metrics, the max wins ---------------------------------------------------

TEST(HpaController, V16MaxOfMetricsAndItsReason) {
    HpaRun run;
    run.spec.minReplicas = 1;
    run.spec.maxReplicas = 10;
    run.spec.metrics = {cpuUtilization(70), cpuUtilization(60, "memory")};
    run.replicas = 4;
    HpaInputs in;
    in.namespaceName = "shop";
    in.scale = ScaleInfo{4, 4, "app=web", {}};
    for (int i = 0; i < 4; ++i) {
        PodInfo pod;
        pod.name = "web-" + std::to_string(i);
        pod.startTime = kNow - 3'600'000;
        pod.ready = PodReadyCondition{ConditionStatus::True, kNow - 3'500'000};
        pod.containers.push_back({"app", {{"cpu", 500}, {"memory", 1000}}});
        in.pods.push_back(pod);
        in.podMetrics.push_back(
            {pod.name, kNow - 1000, 15000, {{"app", {{"cpu", 400}, {"memory", 900}}}}});
    }
    const HpaDecision d = run.sync(in, kNow);
    ASSERT_EQ(d.metrics.size(), 2u);
    EXPECT_EQ(d.metrics[0].proposal, 5);  // 80 % / 70 % = 1.143 -> ceil(4.57)
    EXPECT_EQ(d.metrics[1].proposal, 6);  // 90 % / 60 % = 1.5 -> 6
    EXPECT_EQ(d.metricProposal, 6);
    EXPECT_EQ(d.desiredReplicas, 6);
    ASSERT_EQ(d.events.size(), 1u);
    EXPECT_EQ(d.events[0].message,
              "New size: 6; reason: memory resource utilization (percentage of request) above "
              "target");
    expectCondition(d.status, "ScalingActive", "True", "ValidMetricFound",
                    "the HPA was able to successfully calculate a replica count from memory "
                    "resource utilization (percentage of request)");
    ASSERT_EQ(d.currentMetrics.size(), 2u);
    ASSERT_TRUE(d.currentMetrics[0] && d.currentMetrics[1]);
    EXPECT_EQ(d.currentMetrics[0]->current.averageUtilization, 80);
    EXPECT_EQ(d.currentMetrics[0]->current.averageValueMilli, 400);
    EXPECT_EQ(d.currentMetrics[1]->current.averageUtilization, 90);
    EXPECT_EQ(d.currentMetrics[1]->current.averageValueMilli, 900);
}

// ---- §B.7 conditions ----------------------------------------------------------------------

TEST(HpaController, SteadyStateConditionsInOrderWithStableTransitionTimes) {
    HpaRun run;
    run.spec = cpuSpec(50, 1, 10);
    run.replicas = 4;
    HpaDecision d = run.sync(evenLoad(4, 2'000, kNow), kNow);
    EXPECT_FALSE(d.rescale);
    EXPECT_TRUE(d.events.empty());
    EXPECT_EQ(d.status.currentReplicas, 4);
    EXPECT_EQ(d.status.desiredReplicas, 4);
    EXPECT_FALSE(d.status.lastScaleTime.has_value());
    ASSERT_EQ(d.status.conditions.size(), 3u);
    EXPECT_EQ(d.status.conditions[0].type, "AbleToScale");
    EXPECT_EQ(d.status.conditions[1].type, "ScalingActive");
    EXPECT_EQ(d.status.conditions[2].type, "ScalingLimited");
    expectCondition(d.status, "AbleToScale", "True", "ReadyForNewScale",
                    "recommended size matches current size");
    expectCondition(
        d.status, "ScalingActive", "True", "ValidMetricFound",
        std::string("the HPA was able to successfully calculate a replica count from ") + kCpuName);
    expectCondition(d.status, "ScalingLimited", "False", "DesiredWithinRange",
                    "the desired count is within the acceptable range");
    for (const auto& c : d.status.conditions)
        EXPECT_EQ(c.lastTransitionTime, kNow);

    // A later sync with the same outcome keeps every lastTransitionTime.
    d = run.sync(evenLoad(4, 2'000, kNow + 15'000), kNow + 15'000);
    for (const auto& c : d.status.conditions)
        EXPECT_EQ(c.lastTransitionTime, kNow);

    // The target disappears: AbleToScale flips, the others stay as they were.
    HpaInputs gone;
    gone.scaleError = "deployments.apps \"web\" not found";
    d = run.sync(gone, kNow + 30'000);
    EXPECT_FALSE(d.metricsUpdated);
    EXPECT_EQ(d.path, DecisionPath::FailedGetScale);
    expectCondition(d.status, "AbleToScale", "False", "FailedGetScale",
                    "the HPA controller was unable to get the target's current scale: "
                    "deployments.apps \"web\" not found");
    EXPECT_EQ(findCondition(d.status.conditions, "AbleToScale")->lastTransitionTime, kNow + 30'000);
    EXPECT_EQ(findCondition(d.status.conditions, "ScalingActive")->lastTransitionTime, kNow);
    EXPECT_EQ(d.status.desiredReplicas, 4);
    ASSERT_EQ(d.events.size(), 1u);
    EXPECT_EQ(d.events[0].type, "Warning");
    EXPECT_EQ(d.events[0].reason, "FailedGetScale");
    EXPECT_EQ(d.events[0].message, "deployments.apps \"web\" not found");

    // It comes back: AbleToScale flips again.
    d = run.sync(evenLoad(4, 2'000, kNow + 45'000), kNow + 45'000);
    EXPECT_EQ(findCondition(d.status.conditions, "AbleToScale")->lastTransitionTime, kNow + 45'000);
    EXPECT_EQ(d.status.conditions[0].type, "AbleToScale");
}

TEST(HpaController, LimitReasonsTooManyAndTooFew) {
    // Legacy: 8 -> wants 20; 2 x 8 = 16 exceeds max 10, so max binds: TooManyReplicas.
    HpaRun many;
    many.spec = cpuSpec(50, 1, 10);
    many.replicas = 8;
    HpaDecision d = many.sync(evenLoad(8, 10'000, kNow), kNow);
    EXPECT_EQ(d.desiredReplicas, 10);
    expectCondition(d.status, "ScalingLimited", "True", "TooManyReplicas",
                    "the desired replica count is more than the maximum replica count");

    // Behavior with no scale-down window: 5 pods at 1 % ask for 1; 100 %/15 s allows 0, so
    // minReplicas 3 binds: TooFewReplicas.
    HpaRun few;
    few.spec = cpuSpec(50, 3, 10);
    HpaBehavior b;
    b.scaleDown = ScalingRules{0, std::nullopt, std::nullopt};
    few.spec.behavior = b;
    few.replicas = 5;
    d = few.sync(evenLoad(5, 50, kNow), kNow);
    EXPECT_EQ(d.metricProposal, 1);
    EXPECT_EQ(d.desiredReplicas, 3);
    expectCondition(d.status, "ScalingLimited", "True", "TooFewReplicas",
                    "the desired replica count is less than the minimum replica count");
}

TEST(HpaController, ZeroReplicasDisablesScaling) {
    HpaRun run;
    run.spec = cpuSpec(50, 1, 10);
    run.replicas = 0;
    const HpaDecision d = run.sync(inputsFor(0, {}, kNow), kNow);
    EXPECT_FALSE(d.rescale);
    EXPECT_EQ(d.desiredReplicas, 0);
    EXPECT_EQ(d.path, DecisionPath::ScalingDisabled);
    expectCondition(d.status, "ScalingActive", "False", "ScalingDisabled",
                    "scaling is disabled since the replica count of the target is zero");
}

TEST(HpaController, SelectorProblems) {
    struct Row {
        const char* name;
        std::function<void(HpaInputs&)> mutate;
        std::vector<std::pair<std::string, std::string>> events;
        std::string conditionReason;
        std::string conditionMessage;
    };
    const std::vector<Row> rows = {
        {"empty selector",
         [](HpaInputs& in) { in.scale->selector.clear(); },
         {{"SelectorRequired", "selector is required"},
          {"FailedComputeMetricsReplicas", "selector is required"}},
         "InvalidSelector",
         "the HPA target's scale is missing a selector"},
        {"unparsable selector",
         [](HpaInputs& in) { in.scale->selectorError = "unable to parse requirement"; },
         {{"InvalidSelector",
           "couldn't convert selector into a corresponding internal selector object: unable to "
           "parse requirement"},
          {"FailedComputeMetricsReplicas",
           "couldn't convert selector into a corresponding internal selector object: unable to "
           "parse requirement"}},
         "InvalidSelector",
         "couldn't convert selector into a corresponding internal selector object: unable to "
         "parse requirement"},
        {"ambiguous",
         [](HpaInputs& in) {
             in.hpasSelectingPods = {"shop/other", "shop/web"};
         },
         {{"AmbiguousSelector",
           "pods by selector app=web are controlled by multiple HPAs: [shop/other shop/web]"},
          {"FailedComputeMetricsReplicas",
           "pods by selector app=web are controlled by multiple HPAs: [shop/other shop/web]"}},
         "AmbiguousSelector",
         "pods by selector app=web are controlled by multiple HPAs: [shop/other shop/web]"},
    };
    for (const auto& r : rows) {
        HpaRun run;
        run.spec = cpuSpec(50, 1, 10);
        run.status.desiredReplicas = 7;
        run.replicas = 4;
        HpaInputs in = evenLoad(4, 2'000, kNow);
        r.mutate(in);
        const HpaDecision d = run.sync(in, kNow);
        EXPECT_FALSE(d.rescale) << r.name;
        EXPECT_EQ(d.status.desiredReplicas, 7) << r.name << ": desired is left as it was";
        EXPECT_EQ(d.status.currentReplicas, 4) << r.name;
        ASSERT_EQ(d.events.size(), r.events.size()) << r.name;
        for (std::size_t i = 0; i < r.events.size(); ++i) {
            EXPECT_EQ(d.events[i].type, "Warning");
            EXPECT_EQ(d.events[i].reason, r.events[i].first) << r.name;
            EXPECT_EQ(d.events[i].message, r.events[i].second) << r.name;
        }
        expectCondition(d.status, "ScalingActive", "False", r.conditionReason, r.conditionMessage);
    }
}

// ---- §B.5 partial failure -------------------------------------------------------------------

MetricSpec podsMetric(const std::string& name, std::int64_t averageMilli) {
    MetricSpec m;
    m.type = MetricSourceType::Pods;
    m.metric.name = name;
    m.target.type = MetricTargetType::AverageValue;
    m.target.averageValueMilli = averageMilli;
    return m;
}

constexpr const char* kNoCustomApi =
    "unable to fetch metrics from custom metrics API: no custom metrics API "
    "(custom.metrics.k8s.io) registered";

TEST(HpaController, PartialFailureStillScalesUpOrHolds) {
    struct Row {
        const char* name;
        std::int64_t load;  // over 4 pods of 1000m at a 50 % target
        std::int32_t expected;
        bool rescale;
    };
    const std::vector<Row> rows = {
        {"scale up", 4'000, 8, true},  // 100 % -> 2.0 -> 8
        {"hold", 2'000, 4, false},     // 50 % -> 1.0 -> 4
    };
    for (const auto& r : rows) {
        HpaRun run;
        run.spec = cpuSpec(50, 1, 20);
        run.spec.metrics.push_back(podsMetric("rps", 10'000));
        run.replicas = 4;
        HpaInputs in = evenLoad(4, r.load, kNow);
        in.customMetrics[1].error = kNoCustomApi;
        const HpaDecision d = run.sync(in, kNow);
        EXPECT_EQ(d.rescale, r.rescale) << r.name;
        EXPECT_EQ(d.desiredReplicas, r.expected) << r.name;
        expectCondition(d.status, "ScalingActive", "True", "ValidMetricFound",
                        std::string("the HPA was able to successfully calculate a replica count "
                                    "from ") +
                            kCpuName);
        ASSERT_FALSE(d.events.empty()) << r.name;
        EXPECT_EQ(d.events[0].type, "Warning");
        EXPECT_EQ(d.events[0].reason, "FailedGetPodsMetric");
        EXPECT_EQ(d.events[0].message, std::string("unable to get metric rps: ") + kNoCustomApi);
        for (const auto& e : d.events)
            EXPECT_NE(e.reason, "FailedComputeMetricsReplicas");
        ASSERT_EQ(d.currentMetrics.size(), 2u);
        EXPECT_TRUE(d.currentMetrics[0].has_value());
        EXPECT_FALSE(d.currentMetrics[1].has_value());
    }
}

TEST(HpaController, PartialFailureRefusesScaleDown) {
    HpaRun run;
    run.spec = cpuSpec(50, 1, 20);
    run.spec.metrics.push_back(podsMetric("rps", 10'000));
    run.status.desiredReplicas = 4;
    run.replicas = 4;
    HpaInputs in = evenLoad(4, 400, kNow);  // 10 % -> wants 1
    in.customMetrics[1].error = kNoCustomApi;
    const HpaDecision d = run.sync(in, kNow);
    EXPECT_FALSE(d.rescale);
    EXPECT_EQ(d.path, DecisionPath::MetricsFailed);
    EXPECT_EQ(d.status.desiredReplicas, 4);
    expectCondition(d.status, "ScalingActive", "False", "FailedGetPodsMetric",
                    std::string("the HPA was unable to compute the replica count: unable to get "
                                "metric rps: ") +
                        kNoCustomApi);
    ASSERT_EQ(d.events.size(), 2u);
    EXPECT_EQ(d.events[1].reason, "FailedComputeMetricsReplicas");
    EXPECT_EQ(d.events[1].message,
              std::string("invalid metrics (1 invalid out of 2), first error is: failed to get "
                          "pods metric value: unable to get metric rps: ") +
                  kNoCustomApi);
    ASSERT_EQ(d.currentMetrics.size(), 2u);
    ASSERT_TRUE(d.currentMetrics[0].has_value());
    EXPECT_EQ(d.currentMetrics[0]->current.averageUtilization, 10);
}

TEST(HpaController, AllMetricsFailing) {
    HpaRun run;
    run.spec = cpuSpec(50, 1, 20);
    run.status.desiredReplicas = 3;
    run.replicas = 3;
    // Pods exist but metrics-server has nothing yet.
    const HpaDecision d = run.sync(
        inputsFor(3, std::vector<PodRow>(3, PodRow{500, std::nullopt, PodState::Ready}), kNow),
        kNow);
    const std::string inner =
        "failed to get cpu utilization: unable to get metrics for resource cpu: no metrics "
        "returned from resource metrics API";
    EXPECT_FALSE(d.rescale);
    EXPECT_EQ(d.status.desiredReplicas, 3);
    expectCondition(d.status, "ScalingActive", "False", "FailedGetResourceMetric",
                    "the HPA was unable to compute the replica count: " + inner);
    ASSERT_EQ(d.events.size(), 2u);
    EXPECT_EQ(d.events[0].reason, "FailedGetResourceMetric");
    EXPECT_EQ(d.events[0].message, inner);
    EXPECT_EQ(d.events[1].reason, "FailedComputeMetricsReplicas");
    EXPECT_EQ(d.events[1].message,
              "invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource "
              "metric value: " +
                  inner);
    // Conditions created so far: AbleToScale and ScalingActive only.
    ASSERT_EQ(d.status.conditions.size(), 2u);
}

TEST(HpaController, ForgetDropsHistory) {
    HpaRun run;
    run.spec = cpuSpec(50, 1, 10);
    run.replicas = 4;
    run.sync(evenLoad(4, 2'000, kNow), kNow);
    ASSERT_NE(run.controller.history("shop/web"), nullptr);
    EXPECT_EQ(run.controller.history("shop/web")->recommendations.size(), 2u);  // seed + proposal
    run.controller.forget("shop/web");
    EXPECT_EQ(run.controller.history("shop/web"), nullptr);
}

}  // namespace
}  // namespace scaledeck::planning
