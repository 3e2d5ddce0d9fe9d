// PodRow decoding: lists and single objects captured from the simulator, quantities in every
// form Kubernetes accepts, field order, nulls, and the columns kubectl printed for the same list.
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "kube/objects/object_decoder.h"
#include "object_fixtures.h"
#include "pod_json.h"

namespace scaledeck::kube::objects {
namespace {

using testing::podJson;
using testing::podSpec;
using testing::readFixture;

const PodRow* findPod(const std::vector<PodRow>& pods, std::string_view name) {
    for (const auto& p : pods) {
        if (p.meta.name == name)
            return &p;
    }
    return nullptr;
}

TEST(PodDecoder, DecodesSteadyListFromSimulator) {
    const auto page = decodeList<PodRow>(readFixture("pod_list_steady.json"));
    ASSERT_TRUE(page.ok()) << page.error().message;
    EXPECT_EQ(page->resourceVersion, "1130");
    EXPECT_EQ(page->continueToken, "");
    EXPECT_FALSE(page->remainingItemCount.has_value());
    ASSERT_EQ(page->items.size(), 7u);

    const PodRow* pod = findPod(page->items, "gl-006-heatreclaim-m5mct52d7q-cdcrt");
    ASSERT_NE(pod, nullptr);
    EXPECT_EQ(pod->meta.namespaceName.view(), "greenlang");
    EXPECT_EQ(pod->meta.uid, "dddfd2a1-44b3-4f04-b446-6fa311f7a8f8");
    EXPECT_EQ(pod->meta.resourceVersion, "1089");
    EXPECT_EQ(pod->meta.generation, 2);
    EXPECT_EQ(base::formatRfc3339(pod->meta.creationTimestamp), "2026-11-29T09:05:21Z");
    EXPECT_FALSE(pod->meta.deletionTimestamp.has_value());
    EXPECT_EQ(pod->meta.labels.size(), 5u);
    EXPECT_EQ(pod->meta.labels.get("pod-template-hash"), "m5mct52d7q");
    EXPECT_EQ(pod->meta.labels.get("app.kubernetes.io/part-of"), "greenlang");
    ASSERT_EQ(pod->meta.ownerReferences.size(), 1u);
    const OwnerReference* owner = pod->meta.controllerRef();
    ASSERT_NE(owner, nullptr);
    EXPECT_EQ(owner->kind.view(), "ReplicaSet");
    EXPECT_EQ(owner->name.view(), "gl-006-heatreclaim-m5mct52d7q");
    EXPECT_EQ(owner->uid.view(), "02e9870d-249d-4b30-be91-6ed5ba8bd65b");
    EXPECT_TRUE(owner->blockOwnerDeletion);

    EXPECT_EQ(pod->phase, PodPhase::Running);
    EXPECT_EQ(pod->status.view(), "Running");
    EXPECT_EQ(pod->readyContainers, 2);
    EXPECT_EQ(pod->totalContainers, 2);
    EXPECT_EQ(pod->restarts, 0);
    EXPECT_EQ(pod->nodeName.view(), "gl-prod-worker-1");
    EXPECT_EQ(pod->podIP, "10.244.63.49");
    EXPECT_EQ(pod->qosClass, QosClass::Burstable);
    EXPECT_EQ(base::formatRfc3339(pod->startTime.value_or(0)), "2026-11-29T09:05:22Z");
    EXPECT_EQ(pod->ready.status, ConditionStatus::True);
    EXPECT_TRUE(pod->ready.reason.empty());
    EXPECT_EQ(pod->scheduled.status, ConditionStatus::True);

    ASSERT_EQ(pod->containers.size(), 2u);
    const PodContainer& app = pod->containers[0];
    EXPECT_EQ(app.name.view(), "gl-006-heatreclaim");
    EXPECT_EQ(app.resources.cpuRequestMilli, 500);
    EXPECT_EQ(app.resources.cpuLimitMilli, 1000);
    EXPECT_EQ(app.resources.memoryRequestBytes, 512LL * 1024 * 1024);
    EXPECT_EQ(app.resources.memoryLimitBytes, 1024LL * 1024 * 1024);
    EXPECT_TRUE(app.ready);
    EXPECT_EQ(app.state, ContainerState::Running);
    const PodContainer& exporter = pod->containers[1];
    EXPECT_EQ(exporter.name.view(), "metrics-exporter");
    EXPECT_EQ(exporter.resources.cpuRequestMilli, 50);
    EXPECT_EQ(exporter.resources.memoryLimitBytes, 128LL * 1024 * 1024);
}

TEST(PodDecoder, SharesRepeatedStringsAcrossPods) {
    const auto page = decodeList<PodRow>(readFixture("pod_list_steady.json"));
    ASSERT_TRUE(page.ok());
    const PodRow* a = findPod(page->items, "gl-006-heatreclaim-m5mct52d7q-cdcrt");
    const PodRow* b = findPod(page->items, "gl-006-heatreclaim-m5mct52d7q-d2gww");
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->meta.namespaceName.view().data(), b->meta.namespaceName.view().data());
    EXPECT_EQ(a->meta.labels.entries()[0].second.view().data(),
              b->meta.labels.entries()[0].second.view().data());
    EXPECT_EQ(a->meta.ownerReferences[0].uid.view().data(),
              b->meta.ownerReferences[0].uid.view().data());
}

// The simulator's server-side Table printer and kubectl printed these columns for the same
// resourceVersion as the JSON list.
TEST(PodDecoder, MatchesKubectlForAScaleUpInProgress) {
    const auto page = decodeList<PodRow>(readFixture("pod_list_scaling.json"));
    ASSERT_TRUE(page.ok()) << page.error().message;
    std::istringstream expected(readFixture("pod_list_scaling.kubectl.txt"));
    std::size_t checked = 0;
    for (std::string name, ready, status, restarts;
         expected >> name >> ready >> status >> restarts;) {
        const PodRow* pod = findPod(page->items, name);
        ASSERT_NE(pod, nullptr) << name;
        EXPECT_EQ(pod->status.view(), status) << name;
        EXPECT_EQ(std::to_string(pod->readyContainers) + "/" + std::to_string(pod->totalContainers),
                  ready)
            << name;
        EXPECT_EQ(std::to_string(pod->restarts), restarts) << name;
        ++checked;
    }
    EXPECT_EQ(checked, page->items.size());
    EXPECT_GE(checked, 30u);
}

TEST(PodDecoder, PendingPodKeepsTheSchedulersMessage) {
    const auto pod = decodeObject<PodRow>(readFixture("pod_pending_unschedulable.json"));
    ASSERT_TRUE(pod.ok()) << pod.error().message;
    EXPECT_EQ(pod->phase, PodPhase::Pending);
    EXPECT_EQ(pod->status.view(), "Pending");
    EXPECT_EQ(pod->readyContainers, 0);
    EXPECT_EQ(pod->totalContainers, 2);
    EXPECT_TRUE(pod->nodeName.empty());
    EXPECT_EQ(pod->scheduled.status, ConditionStatus::False);
    EXPECT_EQ(pod->scheduled.reason.view(), "Unschedulable");
    EXPECT_EQ(pod->scheduled.message.view(),
              "0/4 nodes are available: 4 Insufficient cpu. preemption: 0/4 nodes are available: "
              "4 No preemption victims found for incoming pod.");
    EXPECT_EQ(pod->ready.status, ConditionStatus::Absent);
}

TEST(PodDecoder, TerminatingPodFromSimulator) {
    const auto pod = decodeObject<PodRow>(readFixture("pod_terminating.json"));
    ASSERT_TRUE(pod.ok()) << pod.error().message;
    EXPECT_EQ(pod->status.view(), "Terminating");
    ASSERT_TRUE(pod->meta.deletionTimestamp.has_value());
    EXPECT_EQ(base::formatRfc3339(*pod->meta.deletionTimestamp), "2026-11-29T09:06:51Z");
    EXPECT_EQ(pod->readyContainers, 2);
}

TEST(PodDecoder, DecodesAPageWithContinueToken) {
    const auto page = decodeList<PodRow>(readFixture("pod_list_page.json"));
    ASSERT_TRUE(page.ok()) << page.error().message;
    EXPECT_EQ(page->items.size(), 2u);
    EXPECT_EQ(page->resourceVersion, "1130");
    EXPECT_EQ(page->continueToken,
              "313133307c677265656e6c616e672f676c2d3030362d686561747265636c61696d2d6d356d63743532"
              "6437712d6432677777");
    EXPECT_EQ(page->remainingItemCount, 5);
}

struct QuantityCase {
    const char* text;  // as it appears in JSON, quotes included when a string
    std::int64_t milliCpu;
    std::int64_t bytes;
};

TEST(PodDecoder, ParsesQuantitiesLikeTheApiServer) {
    const QuantityCase cases[] = {
        {R"("500m")", 500, 1},
        {R"("1.5")", 1500, 2},
        {R"("1e3")", 1000000, 1000},
        {R"("1G")", 1000000000000, 1000000000},
        {R"("100k")", 100000000, 100000},
        {R"("0.5Gi")", 536870912000, 536870912},
        {R"("512Mi")", 536870912000, 536870912},
        {R"("2")", 2000, 2},
        {"2", 2000, 2},
        {"0.25", 250, 1},
        {R"("100u")", 1, 1},
        {R"(" 250m ")", 250, 1},
        {R"("1Ki")", 1024000, 1024},
        {R"("1E3")", 1000000, 1000},
    };
    for (const auto& c : cases) {
        const std::string containers =
            std::string(R"([{"name":"web","resources":{"requests":{"cpu":)") + c.text +
            R"(,"memory":)" + c.text + "}}}]";
        const auto pod = decodeObject<PodRow>(podJson(podSpec(containers), "{}"));
        ASSERT_TRUE(pod.ok()) << c.text << ": " << pod.error().message;
        ASSERT_EQ(pod->containers.size(), 1u);
        EXPECT_EQ(pod->containers[0].resources.cpuRequestMilli, c.milliCpu) << c.text;
        EXPECT_EQ(pod->containers[0].resources.memoryRequestBytes, c.bytes) << c.text;
        EXPECT_FALSE(pod->containers[0].resources.cpuLimitMilli.has_value());
    }
}

TEST(PodDecoder, RejectsAnInvalidQuantityNamingTheField) {
    const auto pod = decodeObject<PodRow>(podJson(
        podSpec(R"([{"name":"web"},{"name":"side","resources":{"limits":{"memory":"lots"}}}])"),
        "{}"));
    ASSERT_FALSE(pod.ok());
    EXPECT_EQ(pod.error().kind, base::ErrorKind::Parse);
    EXPECT_NE(pod.error().message.find("Pod: spec.containers[1].resources.limits.memory: invalid "
                                       "quantity \"lots\""),
              std::string::npos)
        << pod.error().message;
}

TEST(PodDecoder, FieldOrderDoesNotMatter) {
    const std::string json =
        R"({"status":{"containerStatuses":[{"name":"web","ready":true,"restartCount":2,"state":{"running":{}}}],"phase":"Running"},)"
        R"("spec":{"containers":[{"resources":{"requests":{"cpu":"250m"}},"name":"web"}]},)"
        R"("metadata":{"namespace":"shop","name":"web-1"},"kind":"Pod","apiVersion":"v1"})";
    const auto pod = decodeObject<PodRow>(json);
    ASSERT_TRUE(pod.ok()) << pod.error().message;
    EXPECT_EQ(pod->meta.name, "web-1");
    EXPECT_EQ(pod->readyContainers, 1);
    EXPECT_EQ(pod->restarts, 2);
    ASSERT_EQ(pod->containers.size(), 1u);
    EXPECT_EQ(pod->containers[0].restartCount, 2);
    EXPECT_EQ(pod->containers[0].resources.cpuRequestMilli, 250);
}

TEST(PodDecoder, NullsAndMissingFieldsKeepDefaults) {
    const std::string json =
        R"({"kind":"Pod","metadata":{"name":"p","namespace":null,"labels":null,"ownerReferences":null,)"
        R"("creationTimestamp":null,"deletionTimestamp":null},"spec":{"nodeName":null,"containers":null},)"
        R"("status":{"phase":null,"podIP":null,"conditions":null,"startTime":null}})";
    const auto pod = decodeObject<PodRow>(json);
    ASSERT_TRUE(pod.ok()) << pod.error().message;
    EXPECT_EQ(pod->meta.name, "p");
    EXPECT_TRUE(pod->meta.namespaceName.empty());
    EXPECT_EQ(pod->meta.creationTimestamp, 0);
    EXPECT_FALSE(pod->meta.deletionTimestamp.has_value());
    EXPECT_TRUE(pod->containers.empty());
    EXPECT_EQ(pod->phase, PodPhase::Unset);
    EXPECT_FALSE(pod->startTime.has_value());
}

TEST(PodDecoder, SkipsUnknownFieldsOfAnyShape) {
    const std::string json =
        R"({"kind":"Pod","metadata":{"name":"p","managedFields":[{"manager":"kubectl","fieldsV1":{"f:spec":{"f:containers":{}}}}]},)"
        R"("spec":{"containers":[{"name":"web","env":[{"name":"A","value":"1"}],"futureField":[1,2,{"x":null}]}],)"
        R"("topologySpreadConstraints":[{"maxSkew":1}]},"status":{"hostIPs":[{"ip":"10.0.0.1"}],"phase":"Running"},"extra":true})";
    const auto pod = decodeObject<PodRow>(json);
    ASSERT_TRUE(pod.ok()) << pod.error().message;
    EXPECT_EQ(pod->containers.size(), 1u);
    EXPECT_EQ(pod->phase, PodPhase::Running);
}

TEST(PodDecoder, InitContainersComeFirstAndSidecarsAreMarked) {
    const auto pod = decodeObject<PodRow>(podJson(
        podSpec(
            R"([{"name":"web","resources":{"requests":{"cpu":"1"}}}])",
            R"([{"name":"migrate","resources":{"requests":{"cpu":"2"}}},{"name":"proxy","restartPolicy":"Always"}])"),
        R"({"phase":"Running","initContainerStatuses":[{"name":"migrate","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}},{"name":"proxy","ready":true,"started":true,"restartCount":0,"state":{"running":{}}}],)"
        R"("containerStatuses":[{"name":"web","ready":true,"restartCount":1,"lastState":{"terminated":{"exitCode":137,"reason":"OOMKilled","finishedAt":"2026-11-28T10:01:00Z"}},"state":{"running":{}}}]})"));
    ASSERT_TRUE(pod.ok()) << pod.error().message;
    ASSERT_EQ(pod->containers.size(), 3u);
    EXPECT_EQ(pod->containers[0].name.view(), "migrate");
    EXPECT_TRUE(pod->containers[0].init);
    EXPECT_EQ(pod->containers[0].state, ContainerState::Terminated);
    EXPECT_EQ(pod->containers[0].stateReason.view(), "Completed");
    EXPECT_EQ(pod->containers[1].name.view(), "proxy");
    EXPECT_TRUE(pod->containers[1].restartable);
    EXPECT_EQ(pod->containers[2].name.view(), "web");
    EXPECT_FALSE(pod->containers[2].init);
    EXPECT_EQ(pod->containers[2].lastTerminationReason.view(), "OOMKilled");
    EXPECT_EQ(pod->containers[2].resources.cpuRequestMilli, 1000);
    EXPECT_EQ(pod->totalContainers, 2);
    EXPECT_EQ(pod->readyContainers, 2);
    EXPECT_EQ(pod->restarts, 1);
}

TEST(PodDecoder, ReadyConditionKeepsReasonOnlyWhenNotTrue) {
    const auto pod = decodeObject<PodRow>(podJson(
        podSpec(R"([{"name":"web"}])"),
        R"({"phase":"Running","conditions":[{"type":"Ready","status":"False","reason":"ContainersNotReady","message":"containers with unready status: [web]","lastTransitionTime":"2026-11-28T10:02:00Z"}]})"));
    ASSERT_TRUE(pod.ok());
    EXPECT_EQ(pod->ready.status, ConditionStatus::False);
    EXPECT_EQ(pod->ready.reason.view(), "ContainersNotReady");
    EXPECT_EQ(pod->ready.message.view(), "containers with unready status: [web]");
    EXPECT_EQ(base::formatRfc3339(pod->ready.lastTransitionTime.value_or(0)),
              "2026-11-28T10:02:00Z");
}

TEST(PodDecoder, EvictedPodKeepsReasonAndMessage) {
    const auto pod = decodeObject<PodRow>(podJson(
        podSpec(R"([{"name":"web"}])"),
        R"({"phase":"Failed","reason":"Evicted","message":"The node was low on resource: memory."})"));
    ASSERT_TRUE(pod.ok());
    EXPECT_EQ(pod->phase, PodPhase::Failed);
    EXPECT_EQ(pod->status.view(), "Evicted");
    EXPECT_EQ(pod->statusReason.view(), "Evicted");
    EXPECT_EQ(pod->statusMessage.view(), "The node was low on resource: memory.");
}

TEST(PodDecoder, ReusedDecoderGivesIdenticalRows) {
    ObjectDecoder decoder;
    const std::string json = readFixture("pod_list_steady.json");
    const auto first = decoder.decodeList<PodRow>(json);
    const auto second = decoder.decodeList<PodRow>(json);
    ASSERT_TRUE(first.ok() && second.ok());
    EXPECT_EQ(first->items, second->items);
}

TEST(PodDecoder, DecodesInPlaceWhenTheBufferIsPadded) {
    std::string json = readFixture("pod_list_steady.json");
    json.reserve(json.size() + kJsonPadding);
    const JsonBytes bytes(json.data(), json.size(), json.capacity());
    const auto page = decodeList<PodRow>(bytes);
    ASSERT_TRUE(page.ok()) << page.error().message;
    EXPECT_EQ(page->items.size(), 7u);
}

}  // namespace
}  // namespace scaledeck::kube::objects
