// Deployment, ReplicaSet and StatefulSet rows from the simulator, and selectors and strategies
// in the shapes kubectl and Helm charts produce.
#include <gtest/gtest.h>

#include "kube/objects/object_decoder.h"
#include "object_fixtures.h"

namespace scaledeck::kube::objects {
namespace {

using testing::readFixture;

TEST(WorkloadDecoder, DeploymentFromSimulator) {
    const auto page = decodeList<DeploymentRow>(readFixture("deployment_list.json"));
    ASSERT_TRUE(page.ok()) << page.error().message;
    ASSERT_EQ(page->items.size(), 1u);
    const DeploymentRow& d = page->items[0];
    EXPECT_EQ(d.meta.name, "gl-006-heatreclaim");
    EXPECT_EQ(d.replicas, 30);
    EXPECT_EQ(d.selector.toString(), "app=gl-006-heatreclaim");
    EXPECT_EQ(d.strategy, DeploymentStrategyType::RollingUpdate);
    EXPECT_EQ(d.maxSurge, IntOrPercent::percent(25));
    EXPECT_EQ(d.maxUnavailable, IntOrPercent::percent(25));
    EXPECT_EQ(d.revision, 1);
    EXPECT_FALSE(d.paused);
    ASSERT_EQ(d.podTemplate.containers.size(), 2u);
    EXPECT_EQ(d.podTemplate.containers[0].name.view(), "gl-006-heatreclaim");
    EXPECT_EQ(d.podTemplate.containers[0].image.view(), "greenlang/gl-006-heatreclaim:1.0.0");
    EXPECT_EQ(d.podTemplate.containers[0].resources.cpuRequestMilli, 500);
    EXPECT_EQ(d.podTemplate.containers[0].resources.memoryLimitBytes, 1LL << 30);
    EXPECT_EQ(d.podTemplate.annotations.get("prometheus.io/port"), "9090");
    EXPECT_EQ(d.podTemplate.labels.get("app"), "gl-006-heatreclaim");
    EXPECT_GE(d.meta.generation, 1);
    EXPECT_GT(d.status.observedGeneration, 0);
    ASSERT_EQ(d.status.conditions.size(), 2u);
    const Condition* available = findCondition(d.status.conditions, "Available");
    ASSERT_NE(available, nullptr);
    EXPECT_EQ(available->status, ConditionStatus::False);
    EXPECT_EQ(available->reason.view(), "MinimumReplicasUnavailable");
    EXPECT_EQ(available->message.view(), "Deployment does not have minimum availability.");
    const Condition* progressing = findCondition(d.status.conditions, "Progressing");
    ASSERT_NE(progressing, nullptr);
    EXPECT_EQ(progressing->message.view(),
              "ReplicaSet \"gl-006-heatreclaim-m5mct52d7q\" is progressing.");
    EXPECT_EQ(d.status.unavailableReplicas, 28);
    EXPECT_EQ(d.status.readyReplicas, 2);
    EXPECT_FALSE(d.isRolledOut());
}

TEST(WorkloadDecoder, DeploymentRolloutState) {
    const std::string json = R"({"kind":"Deployment","metadata":{"name":"web","generation":4,
        "annotations":{"deployment.kubernetes.io/revision":"7"}},
      "spec":{"replicas":5,"paused":true,"minReadySeconds":10,"selector":{"matchLabels":{"app":"web"},
        "matchExpressions":[{"key":"tier","operator":"In","values":["frontend","edge"]},{"key":"canary","operator":"DoesNotExist"}]},
        "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1,"maxUnavailable":0}},
        "template":{"metadata":{"creationTimestamp":null,"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-11-28T15:51:53Z"}},
          "spec":{"initContainers":[{"name":"proxy","image":"envoy","restartPolicy":"Always","resources":{"requests":{"cpu":"100m"}}}],
                  "containers":[{"name":"web","image":"web:2","resources":{}}]}}},
      "status":{"observedGeneration":4,"replicas":6,"updatedReplicas":5,"readyReplicas":5,"availableReplicas":5,"unavailableReplicas":1}})";
    const auto d = decodeObject<DeploymentRow>(json);
    ASSERT_TRUE(d.ok()) << d.error().message;
    EXPECT_EQ(d->revision, 7);
    EXPECT_TRUE(d->paused);
    EXPECT_EQ(d->minReadySeconds, 10);
    EXPECT_EQ(d->maxSurge, IntOrPercent::count(1));
    EXPECT_EQ(d->maxUnavailable, IntOrPercent::count(0));
    EXPECT_EQ(d->selector.toString(), "app=web,!canary,tier in (edge,frontend)");
    ASSERT_EQ(d->podTemplate.initContainers.size(), 1u);
    EXPECT_TRUE(d->podTemplate.initContainers[0].restartable);
    EXPECT_FALSE(d->podTemplate.containers[0].resources.cpuRequestMilli.has_value());
    EXPECT_EQ(d->podTemplate.annotations.get("kubectl.kubernetes.io/restartedAt"),
              "2026-11-28T15:51:53Z");
    EXPECT_EQ(d->status.unavailableReplicas, 1);
    EXPECT_FALSE(d->isRolledOut());  // an old replica is still terminating
    DeploymentRow done = *d;
    done.status.replicas = 5;
    EXPECT_TRUE(done.isRolledOut());
}

TEST(WorkloadDecoder, ReplicaSetFromSimulator) {
    const auto page = decodeList<ReplicaSetRow>(readFixture("replica_set_list.json"));
    ASSERT_TRUE(page.ok()) << page.error().message;
    ASSERT_EQ(page->items.size(), 1u);
    const ReplicaSetRow& rs = page->items[0];
    EXPECT_EQ(rs.revision, 1);
    EXPECT_EQ(rs.selector.matchLabels.get("pod-template-hash"), "m5mct52d7q");
    const OwnerReference* owner = rs.meta.controllerRef();
    ASSERT_NE(owner, nullptr);
    EXPECT_EQ(owner->kind.view(), "Deployment");
    EXPECT_EQ(owner->name.view(), "gl-006-heatreclaim");
    EXPECT_EQ(rs.status.fullyLabeledReplicas, rs.status.replicas);
}

TEST(WorkloadDecoder, StatefulSetsFromSimulator) {
    const auto page = decodeList<StatefulSetRow>(readFixture("stateful_set_list.json"));
    ASSERT_TRUE(page.ok()) << page.error().message;
    ASSERT_EQ(page->items.size(), 2u);
    const StatefulSetRow& redis = page->items[1];
    EXPECT_EQ(redis.meta.name, "redis");
    EXPECT_EQ(redis.replicas, 3);
    EXPECT_EQ(redis.serviceName.view(), "redis");
    EXPECT_EQ(redis.podManagementPolicy, PodManagementPolicy::OrderedReady);
    EXPECT_EQ(redis.updateStrategy, StatefulSetUpdateStrategy::RollingUpdate);
    EXPECT_EQ(redis.partition, 0);
    // redis-2 runs on the node the capture made NotReady.
    EXPECT_EQ(redis.status.replicas, 3);
    EXPECT_EQ(redis.status.readyReplicas, 2);
    EXPECT_EQ(redis.status.availableReplicas, 2);
    EXPECT_EQ(redis.status.currentReplicas, 3);
    EXPECT_EQ(redis.currentRevision, "redis-5xvrrsrt5c");
    EXPECT_EQ(redis.updateRevision, "redis-5xvrrsrt5c");
    ASSERT_EQ(redis.podTemplate.containers.size(), 1u);
    EXPECT_FALSE(redis.podTemplate.containers[0].resources.cpuLimitMilli.has_value());
    EXPECT_EQ(redis.podTemplate.containers[0].resources.cpuRequestMilli, 250);
    EXPECT_EQ(redis.podTemplate.containers[0].resources.memoryLimitBytes, 1LL << 30);
}

TEST(WorkloadDecoder, RejectsUnknownSelectorOperator) {
    const auto d = decodeObject<DeploymentRow>(
        R"({"kind":"Deployment","spec":{"selector":{"matchExpressions":[{"key":"a","operator":"Near"}]}}})");
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.error().message,
              "Deployment: spec.selector.matchExpressions[0].operator: unknown selector operator "
              "\"Near\"");
}

TEST(WorkloadDecoder, MaxSurgeMustBeIntOrPercent) {
    const auto d = decodeObject<DeploymentRow>(
        R"({"spec":{"strategy":{"rollingUpdate":{"maxSurge":"two"}}}})");
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.error().kind, base::ErrorKind::Parse);
    EXPECT_NE(d.error().message.find("spec.strategy.rollingUpdate.maxSurge"), std::string::npos)
        << d.error().message;
}

}  // namespace
}  // namespace scaledeck::kube::objects
