// HpaRow decoding: the simulator's HPA, all five metric source types with the three target
// types, current metrics paired with spec metrics (including unknown ones), and behavior.
#include <gtest/gtest.h>

#include "kube/objects/object_decoder.h"
#include "object_fixtures.h"

namespace scaledeck::kube::objects {
namespace {

using testing::readFixture;

// kubectl's TARGETS cell for one metric, built from the row the way a screen would.
std::string targetText(const HpaMetric& m) {
    const auto print = [](const MetricAmount& a) {
        return a.percent ? std::to_string(*a.percent) + "%" : a.quantity->toString();
    };
    const auto current = m.currentAmount();
    return (current ? print(*current) : std::string("<unknown>")) + "/" + print(m.targetAmount());
}

TEST(HpaDecoder, DecodesSimulatorHpa) {
    const auto page = decodeList<HpaRow>(readFixture("hpa_list.json"));
    ASSERT_TRUE(page.ok()) << page.error().message;
    ASSERT_EQ(page->items.size(), 1u);
    const HpaRow& hpa = page->items[0];
    EXPECT_EQ(hpa.meta.name, "gl-006-heatreclaim-hpa");
    EXPECT_EQ(hpa.scaleTargetRef.kind.view(), "Deployment");
    EXPECT_EQ(hpa.scaleTargetRef.name.view(), "gl-006-heatreclaim");
    EXPECT_EQ(hpa.scaleTargetRef.apiVersion.view(), "apps/v1");
    EXPECT_EQ(hpa.minReplicas, 30);
    EXPECT_EQ(hpa.maxReplicas, 40);
    EXPECT_FALSE(hpa.behavior.has_value());
    EXPECT_EQ(hpa.currentReplicas, 10);
    ASSERT_EQ(hpa.metrics.size(), 2u);
    EXPECT_EQ(hpa.metrics[0].type, MetricSourceType::Resource);
    EXPECT_EQ(hpa.metrics[0].resourceName.view(), "cpu");
    EXPECT_EQ(hpa.metrics[0].target.type, MetricTargetType::Utilization);
    // `kubectl get hpa` printed "cpu: 17%/70%, memory: 25%/80%" for this object.
    EXPECT_EQ(targetText(hpa.metrics[0]), "17%/70%");
    EXPECT_EQ(targetText(hpa.metrics[1]), "25%/80%");
    ASSERT_TRUE(hpa.metrics[1].current.has_value());
    EXPECT_EQ(hpa.metrics[1].current->averageValue->toString(), "153607091300m");
    EXPECT_EQ(hpa.metrics[1].current->averageValue->value(), 153607092);
    EXPECT_EQ(hpa.conditions.size(), 3u);
    const Condition* limited = findCondition(hpa.conditions, "ScalingLimited");
    ASSERT_NE(limited, nullptr);
    EXPECT_FALSE(limited->reason.empty());
}

TEST(HpaDecoder, SingleObjectMatchesList) {
    const auto one = decodeObject<HpaRow>(readFixture("hpa_single.json"));
    const auto page = decodeList<HpaRow>(readFixture("hpa_list.json"));
    ASSERT_TRUE(one.ok()) << one.error().message;
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(one->meta.uid, page->items[0].meta.uid);
    EXPECT_EQ(one->metrics.size(), 2u);
}

const char* const kAllMetricTypes =
    R"({"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler",
  "metadata":{"name":"web","namespace":"shop","uid":"u-1","resourceVersion":"9"},
  "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},
    "minReplicas":2,"maxReplicas":20,
    "metrics":[
      {"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":60}}},
      {"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"300Mi"}}},
      {"type":"ContainerResource","containerResource":{"name":"cpu","container":"app","target":{"type":"Utilization","averageUtilization":70}}},
      {"type":"Pods","pods":{"metric":{"name":"packets-per-second"},"target":{"type":"AverageValue","averageValue":"1k"}}},
      {"type":"Object","object":{"metric":{"name":"requests-per-second"},"describedObject":{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","name":"main-route"},"target":{"type":"Value","value":"10k"}}},
      {"type":"External","external":{"metric":{"name":"queue_messages_ready","selector":{"matchLabels":{"queue":"worker_tasks"}}},"target":{"type":"AverageValue","averageValue":"30"}}}
    ],
    "behavior":{"scaleUp":{"stabilizationWindowSeconds":0,"selectPolicy":"Max","policies":[{"type":"Percent","value":100,"periodSeconds":15},{"type":"Pods","value":4,"periodSeconds":15}]},
                "scaleDown":{"stabilizationWindowSeconds":300,"policies":[{"type":"Percent","value":10,"periodSeconds":60}]}}},
  "status":{"observedGeneration":3,"currentReplicas":4,"desiredReplicas":6,"lastScaleTime":"2026-11-28T10:00:00Z",
    "currentMetrics":[
      {"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":85,"averageValue":"425m"}}},
      {"type":""},
      {"type":"Pods","pods":{"metric":{"name":"packets-per-second"},"current":{"averageValue":"1200"}}},
      {"type":"External","external":{"metric":{"name":"queue_messages_ready"},"current":{"averageValue":"42","value":"168"}}},
      {"type":"Object","object":{"metric":{"name":"requests-per-second"},"describedObject":{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","name":"main-route"},"current":{"value":"12k"}}}
    ],
    "conditions":[{"type":"AbleToScale","status":"True","reason":"SucceededRescale","message":"the HPA controller was able to update the target scale to 6","lastTransitionTime":"2026-11-28T10:00:00Z"},
                  {"type":"ScalingActive","status":"False","reason":"FailedGetResourceMetric","message":"the HPA was unable to compute the replica count: failed to get memory utilization"}]}})";

TEST(HpaDecoder, AllFiveMetricTypesWithCurrentValues) {
    const auto hpa = decodeObject<HpaRow>(kAllMetricTypes);
    ASSERT_TRUE(hpa.ok()) << hpa.error().message;
    ASSERT_EQ(hpa->metrics.size(), 6u);
    const auto& m = hpa->metrics;
    EXPECT_EQ(m[0].type, MetricSourceType::Resource);
    EXPECT_EQ(targetText(m[0]), "85%/60%");
    // Memory failed (empty status at its index): current is unknown, never the target.
    EXPECT_EQ(m[1].target.type, MetricTargetType::AverageValue);
    EXPECT_FALSE(m[1].current.has_value());
    EXPECT_EQ(targetText(m[1]), "<unknown>/300Mi");
    EXPECT_EQ(m[1].target.averageValue->value(), 300LL << 20);
    EXPECT_EQ(m[2].type, MetricSourceType::ContainerResource);
    EXPECT_EQ(m[2].containerName.view(), "app");
    EXPECT_FALSE(m[2].current.has_value());
    EXPECT_EQ(targetText(m[2]), "<unknown>/70%");
    EXPECT_EQ(m[3].type, MetricSourceType::Pods);
    EXPECT_EQ(m[3].metricName.view(), "packets-per-second");
    EXPECT_EQ(targetText(m[3]), "1200/1k");
    EXPECT_EQ(m[4].type, MetricSourceType::Object);
    EXPECT_EQ(m[4].describedObject.kind.view(), "Ingress");
    EXPECT_EQ(m[4].describedObject.name.view(), "main-route");
    EXPECT_EQ(m[4].target.type, MetricTargetType::Value);
    EXPECT_EQ(targetText(m[4]), "12k/10k");  // matched out of order, by identity
    EXPECT_EQ(m[5].type, MetricSourceType::External);
    ASSERT_TRUE(m[5].metricSelector.has_value());
    EXPECT_EQ(m[5].metricSelector->toString(), "queue=worker_tasks");
    EXPECT_EQ(targetText(m[5]), "42/30");
    EXPECT_EQ(m[5].current->value->toString(), "168");
    EXPECT_FALSE(m[3].metricSelector.has_value());

    EXPECT_EQ(hpa->observedGeneration, 3);
    EXPECT_EQ(hpa->currentReplicas, 4);
    EXPECT_EQ(hpa->desiredReplicas, 6);
    EXPECT_EQ(base::formatRfc3339(hpa->lastScaleTime.value_or(0)), "2026-11-28T10:00:00Z");
    const Condition* active = findCondition(hpa->conditions, "ScalingActive");
    ASSERT_NE(active, nullptr);
    EXPECT_EQ(active->status, ConditionStatus::False);
    EXPECT_EQ(active->reason.view(), "FailedGetResourceMetric");
    EXPECT_FALSE(active->lastTransitionTime.has_value());
}

TEST(HpaDecoder, BehaviorKeepsUnsetFieldsUnset) {
    const auto hpa = decodeObject<HpaRow>(kAllMetricTypes);
    ASSERT_TRUE(hpa.ok());
    ASSERT_TRUE(hpa->behavior.has_value());
    ASSERT_TRUE(hpa->behavior->scaleUp.has_value());
    const ScalingRules& up = *hpa->behavior->scaleUp;
    EXPECT_EQ(up.stabilizationWindowSeconds, 0);
    EXPECT_EQ(up.selectPolicy, SelectPolicy::Max);
    ASSERT_TRUE(up.policies.has_value());
    ASSERT_EQ(up.policies->size(), 2u);
    EXPECT_EQ((*up.policies)[0].type, ScalingPolicyType::Percent);
    EXPECT_EQ((*up.policies)[0].value, 100);
    EXPECT_EQ((*up.policies)[1].type, ScalingPolicyType::Pods);
    EXPECT_EQ((*up.policies)[1].periodSeconds, 15);
    const ScalingRules& down = *hpa->behavior->scaleDown;
    EXPECT_EQ(down.stabilizationWindowSeconds, 300);
    EXPECT_FALSE(down.selectPolicy.has_value());
    ASSERT_EQ(down.policies->size(), 1u);

    const auto partial = decodeObject<HpaRow>(
        R"({"spec":{"maxReplicas":3,"behavior":{"scaleDown":{"selectPolicy":"Disabled"}}}})");
    ASSERT_TRUE(partial.ok()) << partial.error().message;
    ASSERT_TRUE(partial->behavior.has_value());
    EXPECT_FALSE(partial->behavior->scaleUp.has_value());
    EXPECT_EQ(partial->behavior->scaleDown->selectPolicy, SelectPolicy::Disabled);
    EXPECT_FALSE(partial->behavior->scaleDown->policies.has_value());
    EXPECT_FALSE(partial->minReplicas.has_value());
}

TEST(HpaDecoder, NoStatusMeansEveryCurrentIsUnknown) {
    const auto hpa = decodeObject<HpaRow>(
        R"({"spec":{"maxReplicas":5,"metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":50}}}]}})");
    ASSERT_TRUE(hpa.ok());
    ASSERT_EQ(hpa->metrics.size(), 1u);
    EXPECT_FALSE(hpa->metrics[0].currentAmount().has_value());
    EXPECT_EQ(targetText(hpa->metrics[0]), "<unknown>/50%");
}

TEST(HpaDecoder, CurrentWithoutTheTargetsUnitIsUnknown) {
    // Status reports only an average value while the target is a utilization.
    const auto hpa = decodeObject<HpaRow>(
        R"({"spec":{"metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":50}}}]},
            "status":{"currentMetrics":[{"type":"Resource","resource":{"name":"cpu","current":{"averageValue":"120m"}}}]}})");
    ASSERT_TRUE(hpa.ok());
    EXPECT_TRUE(hpa->metrics[0].current.has_value());
    EXPECT_FALSE(hpa->metrics[0].currentAmount().has_value());
}

TEST(HpaDecoder, RejectsUtilizationThatIsNotAnInteger) {
    const auto hpa = decodeObject<HpaRow>(
        R"({"spec":{"metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":"50%"}}}]}})");
    ASSERT_FALSE(hpa.ok());
    EXPECT_EQ(hpa.error().message,
              "HorizontalPodAutoscaler: spec.metrics[0].resource.target.averageUtilization: "
              "expected an integer, got string");
}

}  // namespace
}  // namespace scaledeck::kube::objects
