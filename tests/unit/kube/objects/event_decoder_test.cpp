// EventRow decoding from both API groups: the simulator serves the same events as core v1 and
// events.k8s.io/v1, so both lists must decode to the same rows; plus the series/eventTime shapes
// of events written by the new API.
#include <gtest/gtest.h>

#include "kube/objects/object_decoder.h"
#include "object_fixtures.h"

namespace scaledeck::kube::objects {
namespace {

using testing::readFixture;

TEST(EventDecoder, CoreV1FromSimulator) {
    const auto page = decodeList<EventRow>(readFixture("event_list_core_v1.json"));
    ASSERT_TRUE(page.ok()) << page.error().message;
    ASSERT_EQ(page->items.size(), 16u);
    const EventRow& rescale = page->items[2];
    EXPECT_EQ(rescale.api, EventApi::CoreV1);
    EXPECT_EQ(rescale.reason.view(), "SuccessfulRescale");
    EXPECT_EQ(rescale.type.view(), "Normal");
    EXPECT_EQ(rescale.message,
              "New size: 10; reason: Current number of replicas above Spec.MaxReplicas");
    EXPECT_EQ(rescale.regarding.kind.view(), "HorizontalPodAutoscaler");
    EXPECT_EQ(rescale.regarding.name.view(), "gl-006-heatreclaim-hpa");
    EXPECT_EQ(rescale.regarding.namespaceName.view(), "greenlang");
    EXPECT_EQ(rescale.regarding.uid.view(), "df508714-297d-4ed4-8bb3-86597e8b2f26");
    EXPECT_EQ(rescale.source.view(), "horizontal-pod-autoscaler");
    EXPECT_EQ(rescale.reportingController.view(), "horizontal-pod-autoscaler");
    EXPECT_EQ(rescale.effectiveCount(), 1);
    EXPECT_EQ(base::formatRfc3339(rescale.lastSeen()), "2026-11-29T09:06:36Z");

    const EventRow& repeated = page->items[0];
    EXPECT_EQ(repeated.type.view(), "Warning");
    EXPECT_EQ(repeated.count, 2);
    EXPECT_EQ(base::formatRfc3339(repeated.firstSeen()), "2026-11-29T09:05:36Z");
    EXPECT_EQ(base::formatRfc3339(repeated.lastSeen()), "2026-11-29T09:05:51Z");

    const EventRow& unschedulable = page->items[8];
    EXPECT_EQ(unschedulable.reason.view(), "FailedScheduling");
    EXPECT_EQ(unschedulable.source.view(), "default-scheduler");
    EXPECT_EQ(unschedulable.regarding.kind.view(), "Pod");
}

TEST(EventDecoder, BothApiGroupsDecodeToTheSameRows) {
    const auto core = decodeList<EventRow>(readFixture("event_list_core_v1.json"));
    const auto events = decodeList<EventRow>(readFixture("event_list_events_v1.json"));
    ASSERT_TRUE(core.ok()) << core.error().message;
    ASSERT_TRUE(events.ok()) << events.error().message;
    ASSERT_EQ(core->items.size(), events->items.size());
    for (std::size_t i = 0; i < core->items.size(); ++i) {
        const EventRow& a = core->items[i];
        const EventRow& b = events->items[i];
        EXPECT_EQ(b.api, EventApi::EventsV1);
        EXPECT_EQ(a.meta, b.meta);
        EXPECT_EQ(a.reason, b.reason);
        EXPECT_EQ(a.type, b.type);
        EXPECT_EQ(a.message, b.message);
        EXPECT_EQ(a.regarding, b.regarding);
        EXPECT_EQ(a.effectiveCount(), b.effectiveCount());
        EXPECT_EQ(a.firstSeen(), b.firstSeen());
        EXPECT_EQ(a.lastSeen(), b.lastSeen());
        EXPECT_EQ(a.source, b.source);
    }
}

TEST(EventDecoder, EventsV1WithSeriesAndEventTime) {
    const auto ev = decodeObject<EventRow>(R"({"apiVersion":"events.k8s.io/v1","kind":"Event",
        "metadata":{"name":"web.1","namespace":"shop"},
        "eventTime":"2026-11-28T10:00:00.123456Z","reportingController":"kubelet","reportingInstance":"node-1",
        "action":"Pulling","reason":"BackOff","type":"Warning","note":"Back-off restarting failed container",
        "regarding":{"kind":"Pod","name":"web-1","namespace":"shop","fieldPath":"spec.containers{web}"},
        "series":{"count":7,"lastObservedTime":"2026-11-28T10:09:00.000000Z"}})");
    ASSERT_TRUE(ev.ok()) << ev.error().message;
    EXPECT_EQ(ev->api, EventApi::EventsV1);
    EXPECT_EQ(ev->effectiveCount(), 7);
    EXPECT_EQ(ev->firstSeen(), *base::parseRfc3339("2026-11-28T10:00:00.123Z"));
    EXPECT_EQ(base::formatRfc3339(ev->lastSeen()), "2026-11-28T10:09:00Z");
    EXPECT_EQ(ev->source.view(), "kubelet");
    EXPECT_EQ(ev->reportingInstance.view(), "node-1");
    EXPECT_EQ(ev->action.view(), "Pulling");
    EXPECT_EQ(ev->regarding.fieldPath.view(), "spec.containers{web}");
    EXPECT_FALSE(ev->firstTimestamp.has_value());
}

TEST(EventDecoder, CoreV1SingletonWithoutCountCountsOne) {
    const auto ev = decodeObject<EventRow>(R"({"kind":"Event","metadata":{"name":"x"},
        "involvedObject":{"kind":"Deployment","name":"web"},"reason":"ScalingReplicaSet",
        "message":"Scaled up replica set web-5d4f8 to 5","firstTimestamp":null,"lastTimestamp":null,
        "eventTime":"2026-11-28T10:00:00.000000Z","reportingComponent":"deployment-controller"})");
    ASSERT_TRUE(ev.ok()) << ev.error().message;
    EXPECT_EQ(ev->api, EventApi::CoreV1);
    EXPECT_EQ(ev->effectiveCount(), 1);
    EXPECT_EQ(base::formatRfc3339(ev->lastSeen()), "2026-11-28T10:00:00Z");
    EXPECT_EQ(ev->source.view(), "deployment-controller");
}

}  // namespace
}  // namespace scaledeck::kube::objects
