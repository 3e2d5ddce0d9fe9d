// WATCH lines: the simulator's pod stream (ADDED / MODIFIED / DELETED), bookmarks, the 410
// ERROR event that forces a relist, and unusual but legal field orders.
#include <gtest/gtest.h>

#include "kube/objects/object_decoder.h"
#include "object_fixtures.h"

namespace scaledeck::kube::objects {
namespace {

using testing::readFixture;
using testing::readLines;

TEST(WatchEvent, DecodesSimulatorPodStream) {
    const auto lines = readLines("pod_watch.ndjson");
    ASSERT_EQ(lines.size(), 14u);
    ObjectDecoder decoder;
    int added = 0;
    int deleted = 0;
    for (const auto& line : lines) {
        const auto event = decoder.decodeWatchEvent<PodRow>(line);
        ASSERT_TRUE(event.ok()) << event.error().message;
        EXPECT_FALSE(event->object.meta.name.empty());
        EXPECT_EQ(event->resourceVersion, event->object.meta.resourceVersion);
        EXPECT_FALSE(event->resourceVersion.empty());
        added += event->type == WatchEventType::Added ? 1 : 0;
        deleted += event->type == WatchEventType::Deleted ? 1 : 0;
        if (event->type == WatchEventType::Deleted) {
            EXPECT_TRUE(event->object.meta.deletionTimestamp.has_value());
        }
    }
    EXPECT_EQ(added, 12);
    EXPECT_EQ(deleted, 2);
}

TEST(WatchEvent, ExpiredResourceVersionFromSimulatorIsGone) {
    const auto lines = readLines("pod_watch_expired.ndjson");
    ASSERT_EQ(lines.size(), 1u);
    const auto event = decodeWatchEvent<PodRow>(lines[0]);
    ASSERT_TRUE(event.ok()) << event.error().message;
    EXPECT_EQ(event->type, WatchEventType::Error);
    EXPECT_EQ(event->status.code, 410);
    EXPECT_EQ(event->status.reason, "Expired");
    const base::Error error = event->status.toError();
    EXPECT_EQ(error.kind, base::ErrorKind::Gone);
    EXPECT_EQ(error.httpStatus, 410);
    EXPECT_EQ(error.message, "too old resource version: 1 (1673)");
}

TEST(WatchEvent, GoneByReasonWithoutCode) {
    const auto event = decodeWatchEvent<DeploymentRow>(
        R"({"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Gone","message":"The resourceVersion for the provided watch is too old."}})");
    ASSERT_TRUE(event.ok());
    EXPECT_EQ(event->status.toError().kind, base::ErrorKind::Gone);
}

TEST(WatchEvent, OtherErrorsKeepTheirKind) {
    const auto event = decodeWatchEvent<PodRow>(
        R"({"type":"ERROR","object":{"kind":"Status","status":"Failure","reason":"InternalError","message":"etcdserver: request timed out","code":500}})");
    ASSERT_TRUE(event.ok());
    const base::Error error = event->status.toError();
    EXPECT_EQ(error.kind, base::ErrorKind::Internal);
    EXPECT_TRUE(error.retriable);
    EXPECT_EQ(error.message, "etcdserver: request timed out");
}

TEST(WatchEvent, BookmarkCarriesOnlyTheResourceVersion) {
    const auto event = decodeWatchEvent<PodRow>(
        R"({"type":"BOOKMARK","object":{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"12746","annotations":{"k8s.io/initial-events-end":"true"}}}})");
    ASSERT_TRUE(event.ok()) << event.error().message;
    EXPECT_EQ(event->type, WatchEventType::Bookmark);
    EXPECT_EQ(event->resourceVersion, "12746");
    EXPECT_TRUE(event->object.meta.name.empty());
}

TEST(WatchEvent, ObjectBeforeTypeIsStillDecoded) {
    const auto event = decodeWatchEvent<HpaRow>(
        R"({"object":{"kind":"HorizontalPodAutoscaler","metadata":{"name":"web","resourceVersion":"77"},"spec":{"maxReplicas":9}},"type":"MODIFIED"})");
    ASSERT_TRUE(event.ok()) << event.error().message;
    EXPECT_EQ(event->type, WatchEventType::Modified);
    EXPECT_EQ(event->object.meta.name, "web");
    EXPECT_EQ(event->object.maxReplicas, 9);
    EXPECT_EQ(event->resourceVersion, "77");

    const auto error = decodeWatchEvent<PodRow>(
        R"({"object":{"kind":"Status","code":410,"reason":"Expired","message":"too old"},"type":"ERROR"})");
    ASSERT_TRUE(error.ok()) << error.error().message;
    EXPECT_EQ(error->status.toError().kind, base::ErrorKind::Gone);
}

TEST(WatchEvent, EveryRowTypeDecodesItsOwnKind) {
    EXPECT_TRUE(decodeWatchEvent<NodeRow>(
                    R"({"type":"ADDED","object":{"kind":"Node","metadata":{"name":"n"}}})")
                    .ok());
    EXPECT_TRUE(
        decodeWatchEvent<ReplicaSetRow>(R"({"type":"ADDED","object":{"kind":"ReplicaSet"}})").ok());
    EXPECT_TRUE(
        decodeWatchEvent<StatefulSetRow>(R"({"type":"ADDED","object":{"kind":"StatefulSet"}})")
            .ok());
    EXPECT_TRUE(decodeWatchEvent<EventRow>(R"({"type":"ADDED","object":{"kind":"Event"}})").ok());
    EXPECT_TRUE(
        decodeWatchEvent<PdbRow>(R"({"type":"DELETED","object":{"kind":"PodDisruptionBudget"}})")
            .ok());
    EXPECT_TRUE(
        decodeWatchEvent<ConfigMapRow>(R"({"type":"MODIFIED","object":{"kind":"ConfigMap"}})")
            .ok());
}

struct BadLine {
    const char* name;
    const char* line;
    const char* message;
};

TEST(WatchEvent, MalformedLinesAreParseErrors) {
    const BadLine cases[] = {
        {"unknown type", R"({"type":"CHANGED","object":{}})",
         "Pod watch event: type: unknown watch event type \"CHANGED\""},
        {"missing type", R"({"object":{"kind":"Pod"}})", "Pod watch event: type: missing"},
        {"missing object", R"({"type":"ADDED"})", "Pod watch event: object: missing"},
        {"wrong kind", R"({"type":"ADDED","object":{"kind":"Node"}})",
         "Pod watch event: object.kind: expected Pod, got \"Node\""},
        {"status as object", R"({"type":"ADDED","object":{"kind":"Status","code":500}})",
         "Pod watch event: object: expected Pod, got a Status"},
        {"truncated", R"({"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"p")",
         "Pod watch event: "},
        {"not json", "HTTP/1.1 500 Internal Server Error", "Pod watch event: "},
        {"array", "[1,2]", "Pod watch event: expected a JSON object, got array"},
        {"null", "null", "Pod watch event: expected a JSON object, got null"},
        {"empty", "", "Pod watch event: empty document"},
        {"two objects", R"({"type":"ADDED","object":{}} {"type":"ADDED","object":{}})",
         "Pod watch event: unexpected content after the JSON document"},
    };
    for (const auto& c : cases) {
        const auto event = decodeWatchEvent<PodRow>(std::string_view(c.line));
        ASSERT_FALSE(event.ok()) << c.name;
        EXPECT_EQ(event.error().kind, base::ErrorKind::Parse) << c.name;
        EXPECT_EQ(event.error().message.rfind(c.message, 0), 0u)
            << c.name << ": " << event.error().message;
    }
}

}  // namespace
}  // namespace scaledeck::kube::objects
