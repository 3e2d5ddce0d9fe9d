// Bad input of every kind gives the right error, never a crash: truncated and non-JSON bodies,
// wrong types (with the field named), Status bodies where a list or object was expected, and
// every fixture cut at every few bytes.
#include <gtest/gtest.h>

#include <tuple>

#include "kube/objects/object_decoder.h"
#include "object_fixtures.h"

namespace scaledeck::kube::objects {
namespace {

using testing::readFixture;

struct BadBody {
    const char* name;
    std::string body;
    base::ErrorKind kind;
    std::string message;  // exact, or a prefix when it ends with '*'
};

void expectError(const base::Error& error, const BadBody& c) {
    EXPECT_EQ(error.kind, c.kind) << c.name << ": " << error.message;
    if (!c.message.empty() && c.message.back() == '*') {
        EXPECT_EQ(error.message.rfind(c.message.substr(0, c.message.size() - 1), 0), 0u)
            << c.name << ": " << error.message;
    } else {
        EXPECT_EQ(error.message, c.message) << c.name;
    }
}

TEST(MalformedInput, ListBodies) {
    const std::string steady = readFixture("pod_list_steady.json");
    const BadBody cases[] = {
        {"truncated in the middle", steady.substr(0, steady.size() / 2), base::ErrorKind::Parse,
         "PodList: truncated or malformed JSON"},
        {"truncated at the end", steady.substr(0, steady.size() - 1), base::ErrorKind::Parse,
         "PodList: *"},
        {"not JSON", "<html><body>502 Bad Gateway</body></html>", base::ErrorKind::Parse,
         "PodList: *"},
        {"empty", "", base::ErrorKind::Parse, "PodList: empty document"},
        {"only whitespace", "  \n ", base::ErrorKind::Parse, "PodList: empty document"},
        {"scalar", "42", base::ErrorKind::Parse, "PodList: expected a JSON object*"},
        {"array", "[{}]", base::ErrorKind::Parse, "PodList: expected a JSON object, got array"},
        {"items not an array", R"({"kind":"PodList","items":{"a":1}})", base::ErrorKind::Parse,
         "PodList: items: expected an array, got object"},
        {"item not an object", R"({"kind":"PodList","items":[{},"pod"]})", base::ErrorKind::Parse,
         "PodList: items[1]: expected an object, got string"},
        {"wrong list kind", R"({"kind":"NodeList","items":[]})", base::ErrorKind::Parse,
         "PodList: kind: expected PodList, got \"NodeList\""},
        {"a Table", R"({"kind":"Table","apiVersion":"meta.k8s.io/v1","rows":[]})",
         base::ErrorKind::Parse, "PodList: kind: expected PodList, got \"Table\""},
        {"wrong type deep inside",
         R"({"kind":"PodList","items":[{"metadata":{"name":"a"}},{"status":{"containerStatuses":[{"restartCount":"3"}]}}]})",
         base::ErrorKind::Parse,
         "PodList: items[1].status.containerStatuses[0].restartCount: expected an integer, got "
         "string"},
        {"resourceVersion as number", R"({"kind":"PodList","metadata":{"resourceVersion":12}})",
         base::ErrorKind::Parse,
         "PodList: metadata.resourceVersion: expected a string, got number"},
        {"bad time", R"({"items":[{"metadata":{"creationTimestamp":"yesterday"}}]})",
         base::ErrorKind::Parse,
         "PodList: items[0].metadata.creationTimestamp: expected an RFC 3339 time, got "
         "\"yesterday\""},
        {"int32 overflow",
         R"({"items":[{"status":{"containerStatuses":[{"restartCount":4294967296}]}}]})",
         base::ErrorKind::Parse,
         "PodList: items[0].status.containerStatuses[0].restartCount: integer out of the 32-bit "
         "range"},
        {"float where an integer belongs", R"({"items":[{"metadata":{"generation":1.5}}]})",
         base::ErrorKind::Parse, "PodList: items[0].metadata.generation: expected an integer*"},
        {"bool as string", R"({"items":[{"status":{"containerStatuses":[{"ready":"true"}]}}]})",
         base::ErrorKind::Parse,
         "PodList: items[0].status.containerStatuses[0].ready: expected true or false, got string"},
        {"trailing garbage", R"({"kind":"PodList","items":[]}])", base::ErrorKind::Parse,
         "PodList: *"},
        {"forbidden as Status",
         R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
            "message":"pods is forbidden: User \"viewer\" cannot list resource \"pods\" in API group \"\" in the namespace \"kube-system\"",
            "reason":"Forbidden","details":{"kind":"pods"},"code":403})",
         base::ErrorKind::Forbidden,
         "pods is forbidden: User \"viewer\" cannot list resource \"pods\" in API group \"\" in "
         "the namespace \"kube-system\""},
        {"expired continue token",
         R"({"apiVersion":"v1","code":410,"kind":"Status","message":"The provided continue parameter is too old","metadata":{},"reason":"Expired","status":"Failure"})",
         base::ErrorKind::Gone, "The provided continue parameter is too old"},
    };
    for (const auto& c : cases) {
        const auto page = decodeList<PodRow>(c.body);
        ASSERT_FALSE(page.ok()) << c.name;
        expectError(page.error(), c);
    }
}

TEST(MalformedInput, SingleObjectBodies) {
    const BadBody cases[] = {
        {"not found as Status",
         R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"deployments.apps \"nope\" not found","reason":"NotFound","details":{"name":"nope","group":"apps","kind":"deployments"},"code":404})",
         base::ErrorKind::NotFound, "deployments.apps \"nope\" not found"},
        {"wrong kind", R"({"kind":"StatefulSet","metadata":{"name":"redis"}})",
         base::ErrorKind::Parse, "Deployment: kind: expected Deployment, got \"StatefulSet\""},
        {"replicas as string", R"({"kind":"Deployment","spec":{"replicas":"3"}})",
         base::ErrorKind::Parse, "Deployment: spec.replicas: expected an integer, got string"},
        {"labels as array", R"({"metadata":{"labels":["a"]}})", base::ErrorKind::Parse,
         "Deployment: metadata.labels: expected an object, got array"},
        {"label value not a string", R"({"metadata":{"labels":{"tier":1}}})",
         base::ErrorKind::Parse, "Deployment: metadata.labels.tier: expected a string, got number"},
        {"unclosed string", R"({"metadata":{"name":"web)", base::ErrorKind::Parse, "Deployment: *"},
        {"bad literal", R"({"spec":{"paused":tru}})", base::ErrorKind::Parse, "Deployment: *"},
    };
    for (const auto& c : cases) {
        const auto row = decodeObject<DeploymentRow>(c.body);
        ASSERT_FALSE(row.ok()) << c.name;
        expectError(row.error(), c);
    }
}

TEST(MalformedInput, ConflictAndTooManyRequestsStatuses) {
    const auto conflict = decodeObject<HpaRow>(
        R"({"kind":"Status","status":"Failure","message":"Operation cannot be fulfilled","reason":"Conflict","code":409})");
    ASSERT_FALSE(conflict.ok());
    EXPECT_EQ(conflict.error().kind, base::ErrorKind::Conflict);
    EXPECT_TRUE(conflict.error().retriable);
    const auto throttled = decodeList<NodeRow>(
        R"({"kind":"Status","status":"Failure","message":"Too many requests, please try again later.","reason":"TooManyRequests","code":429})");
    ASSERT_FALSE(throttled.ok());
    EXPECT_EQ(throttled.error().kind, base::ErrorKind::TooManyRequests);
    EXPECT_EQ(throttled.error().httpStatus, 429);
}

// Every prefix of real bodies, for every row type: an error or a row, never a crash. ASan and
// UBSan builds make this a memory-safety check too.
template <class Row>
void decodeEveryPrefix(const std::string& body, std::size_t step) {
    ObjectDecoder decoder;
    for (std::size_t n = 0; n < body.size(); n += step) {
        const std::string_view prefix(body.data(), n);
        const auto list = decoder.decodeList<Row>(prefix);
        EXPECT_FALSE(list.ok()) << n;
        (void)decoder.decodeObject<Row>(prefix);
        (void)decoder.decodeWatchEvent<Row>(prefix);
    }
}

TEST(MalformedInput, EveryPrefixOfEveryFixtureFailsCleanly) {
    const std::string pods = readFixture("pod_list_steady.json");
    decodeEveryPrefix<PodRow>(pods, 7);
    decodeEveryPrefix<NodeRow>(readFixture("node_list.json"), 5);
    decodeEveryPrefix<DeploymentRow>(readFixture("deployment_list.json"), 3);
    decodeEveryPrefix<ReplicaSetRow>(readFixture("replica_set_list.json"), 3);
    decodeEveryPrefix<StatefulSetRow>(readFixture("stateful_set_list.json"), 3);
    decodeEveryPrefix<HpaRow>(readFixture("hpa_list.json"), 1);
    decodeEveryPrefix<EventRow>(readFixture("event_list_events_v1.json"), 11);
    decodeEveryPrefix<PdbRow>(readFixture("pdb_list.json"), 1);
    decodeEveryPrefix<ConfigMapRow>(readFixture("config_map_list.json"), 1);
}

// Any list decoded as another kind is either rejected by kind or decoded without crashing.
TEST(MalformedInput, CrossKindBodiesNeverCrash) {
    const std::vector<std::string> bodies = {
        readFixture("pod_list_steady.json"),    readFixture("node_list.json"),
        readFixture("deployment_list.json"),    readFixture("hpa_list.json"),
        readFixture("event_list_core_v1.json"), readFixture("pdb_list.json"),
    };
    for (const auto& body : bodies) {
        std::apply([&](auto... rows) { ((void)decodeList<decltype(rows)>(body), ...); },
                   DecodableRows{});
    }
}

}  // namespace
}  // namespace scaledeck::kube::objects
