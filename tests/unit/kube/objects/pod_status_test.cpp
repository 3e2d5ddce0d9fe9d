// Table-driven checks of the STATUS / READY / RESTARTS columns against kubectl's printPod rules,
// decoded from pod JSON (so the decoder's handling of each state is covered too).
#include "kube/objects/pod_status.h"

#include <gtest/gtest.h>

#include <string>

#include "kube/objects/object_decoder.h"
#include "pod_json.h"

namespace scaledeck::kube::objects {
namespace {

using testing::podJson;
using testing::podSpec;

struct StatusCase {
    const char* name;
    std::string spec;
    std::string status;
    std::string metadataExtra;
    std::string expectedStatus;
    int ready;
    int total;
    int restarts;
};

const std::string kOneContainer = R"([{"name":"web","image":"web:1"}])";
const std::string kTwoContainers =
    R"([{"name":"web","image":"web:1"},{"name":"sidecar","image":"s:1"}])";
const std::string kTwoInits = R"([{"name":"migrate","image":"m:1"},{"name":"seed","image":"s:1"}])";

std::string running(const char* name, bool ready = true, int restarts = 0) {
    return std::string(R"({"name":")") + name + R"(","ready":)" + (ready ? "true" : "false") +
           R"(,"restartCount":)" + std::to_string(restarts) +
           R"(,"started":true,"state":{"running":{"startedAt":"2026-11-28T10:00:05Z"}}})";
}

std::string waiting(const char* name, const char* reason, int restarts = 0,
                    const char* lastFinished = nullptr) {
    std::string s = std::string(R"({"name":")") + name + R"(","ready":false,"restartCount":)" +
                    std::to_string(restarts) + R"(,"state":{"waiting":{"reason":")" + reason +
                    R"(","message":"back-off 5m0s restarting failed container"}})";
    if (lastFinished != nullptr) {
        s += std::string(
                 R"(,"lastState":{"terminated":{"exitCode":1,"reason":"Error","finishedAt":")") +
             lastFinished + R"("}})";
    }
    return s + "}";
}

std::string terminated(const char* name, int exitCode, const char* reason, int signal = 0) {
    std::string s = std::string(R"({"name":")") + name +
                    R"(","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":)" +
                    std::to_string(exitCode);
    if (reason != nullptr)
        s += std::string(R"(,"reason":")") + reason + R"(")";
    if (signal != 0)
        s += R"(,"signal":)" + std::to_string(signal);
    return s + R"(,"finishedAt":"2026-11-28T10:03:00Z"}}})";
}

std::string status(const char* phase, const std::string& containerStatuses,
                   const std::string& extra = "") {
    return std::string(R"({"phase":")") + phase + R"(","containerStatuses":[)" + containerStatuses +
           "]" + extra + "}";
}

const std::string kReadyTrue =
    R"(,"conditions":[{"type":"Initialized","status":"True"},{"type":"Ready","status":"True"}])";
const std::string kReadyFalse =
    R"(,"conditions":[{"type":"Initialized","status":"True"},{"type":"Ready","status":"False"}])";
const std::string kDeleting = R"(,"deletionTimestamp":"2026-11-28T10:05:00Z")";

std::vector<StatusCase> cases() {
    return {
        {"Running", podSpec(kTwoContainers),
         status("Running", running("web") + "," + running("sidecar"), kReadyTrue), "", "Running", 2,
         2, 0},
        {"RunningNotReady", podSpec(kOneContainer),
         status("Running", running("web", false), kReadyFalse), "", "Running", 0, 1, 0},
        {"ContainerCreating", podSpec(kOneContainer),
         status("Pending", waiting("web", "ContainerCreating")), "", "ContainerCreating", 0, 1, 0},
        {"CrashLoopBackOff", podSpec(kOneContainer),
         status("Running", waiting("web", "CrashLoopBackOff", 5, "2026-11-28T10:04:00Z")), "",
         "CrashLoopBackOff", 0, 1, 5},
        {"ImagePullBackOff", podSpec(kOneContainer),
         status("Pending", waiting("web", "ImagePullBackOff")), "", "ImagePullBackOff", 0, 1, 0},
        {"FirstContainerWithReasonWins", podSpec(kTwoContainers),
         status("Running",
                waiting("web", "CrashLoopBackOff") + "," + waiting("sidecar", "ImagePullBackOff")),
         "", "CrashLoopBackOff", 0, 2, 0},
        {"OOMKilled", podSpec(kOneContainer),
         status("Running", terminated("web", 137, "OOMKilled")), "", "OOMKilled", 0, 1, 0},
        {"ExitCodeWithoutReason", podSpec(kOneContainer),
         status("Failed", terminated("web", 2, nullptr)), "", "ExitCode:2", 0, 1, 0},
        {"SignalWithoutReason", podSpec(kOneContainer),
         status("Failed", terminated("web", 137, nullptr, 9)), "", "Signal:9", 0, 1, 0},
        {"Completed", podSpec(kOneContainer),
         status("Succeeded", terminated("web", 0, "Completed")), "", "Completed", 0, 1, 0},
        {"CompletedButOtherRunningReady", podSpec(kTwoContainers),
         status("Running", terminated("web", 0, "Completed") + "," + running("sidecar"),
                kReadyTrue),
         "", "Running", 1, 2, 0},
        {"CompletedButOtherRunningNotReady", podSpec(kTwoContainers),
         status("Running", terminated("web", 0, "Completed") + "," + running("sidecar"),
                kReadyFalse),
         "", "NotReady", 1, 2, 0},
        {"Error", podSpec(kOneContainer), status("Failed", terminated("web", 1, "Error")), "",
         "Error", 0, 1, 0},
        {"InitWaitingPodInitializing", podSpec(kOneContainer, kTwoInits),
         R"({"phase":"Pending","initContainerStatuses":[{"name":"migrate","ready":false,"restartCount":0,"state":{"waiting":{"reason":"PodInitializing"}}},{"name":"seed","ready":false,"restartCount":0,"state":{"waiting":{"reason":"PodInitializing"}}}],"containerStatuses":[{"name":"web","ready":false,"restartCount":0,"state":{"waiting":{"reason":"PodInitializing"}}}]})",
         "", "Init:0/2", 0, 1, 0},
        {"InitOneOfTwo", podSpec(kOneContainer, kTwoInits),
         R"({"phase":"Pending","initContainerStatuses":[{"name":"migrate","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}},{"name":"seed","ready":false,"restartCount":0,"state":{"running":{"startedAt":"2026-11-28T10:00:05Z"}}}],"containerStatuses":[{"name":"web","ready":false,"restartCount":0,"state":{"waiting":{"reason":"PodInitializing"}}}]})",
         "", "Init:1/2", 0, 1, 0},
        {"InitCrashLoopBackOff", podSpec(kOneContainer, kTwoInits),
         R"({"phase":"Pending","initContainerStatuses":[{"name":"migrate","ready":false,"restartCount":3,"lastState":{"terminated":{"exitCode":1,"finishedAt":"2026-11-28T10:02:00Z"}},"state":{"waiting":{"reason":"CrashLoopBackOff"}}},{"name":"seed","ready":false,"restartCount":0,"state":{"waiting":{"reason":"PodInitializing"}}}],"containerStatuses":[{"name":"web","ready":false,"restartCount":0,"state":{"waiting":{"reason":"PodInitializing"}}}]})",
         "", "Init:CrashLoopBackOff", 0, 1, 3},
        {"InitError", podSpec(kOneContainer, kTwoInits),
         R"({"phase":"Pending","initContainerStatuses":[{"name":"migrate","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":1,"reason":"Error"}}}]})",
         "", "Init:Error", 0, 1, 0},
        {"InitExitCode", podSpec(kOneContainer, kTwoInits),
         R"({"phase":"Pending","initContainerStatuses":[{"name":"migrate","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":3}}}]})",
         "", "Init:ExitCode:3", 0, 1, 0},
        {"InitSignal", podSpec(kOneContainer, kTwoInits),
         R"({"phase":"Pending","initContainerStatuses":[{"name":"migrate","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":137,"signal":9}}}]})",
         "", "Init:Signal:9", 0, 1, 0},
        {"SidecarStartedCountsAsReady",
         podSpec(kOneContainer, R"([{"name":"proxy","image":"p:1","restartPolicy":"Always"}])"),
         R"({"phase":"Running","conditions":[{"type":"Initialized","status":"True"},{"type":"Ready","status":"True"}],"initContainerStatuses":[{"name":"proxy","ready":true,"started":true,"restartCount":3,"state":{"running":{}}}],"containerStatuses":[)" +
             running("web", true, 1) + "]}",
         "", "Running", 2, 2, 4},
        {"Terminating", podSpec(kOneContainer), status("Running", running("web"), kReadyTrue),
         kDeleting, "Terminating", 1, 1, 0},
        {"DeletedSucceededStaysCompleted", podSpec(kOneContainer),
         status("Succeeded", terminated("web", 0, "Completed")), kDeleting, "Completed", 0, 1, 0},
        {"NodeLostKeepsReasonOverRunningContainer", podSpec(kOneContainer),
         R"({"phase":"Running","reason":"NodeLost","containerStatuses":[)" + running("web") + "]}",
         "", "NodeLost", 1, 1, 0},
        {"NodeLostWithoutContainers", podSpec(kOneContainer),
         R"({"phase":"Unknown","reason":"NodeLost"})", "", "NodeLost", 0, 1, 0},
        {"NodeLostDeletingIsUnknown", podSpec(kOneContainer),
         R"({"phase":"Unknown","reason":"NodeLost"})", kDeleting, "Unknown", 0, 1, 0},
        {"Evicted", podSpec(kOneContainer),
         R"({"phase":"Failed","reason":"Evicted","message":"The node was low on resource: memory. Threshold quantity: 100Mi, available: 92Mi."})",
         "", "Evicted", 0, 1, 0},
        {"EvictedContainerStatusUnknown", podSpec(kOneContainer),
         R"({"phase":"Failed","reason":"Evicted","containerStatuses":[)" +
             terminated("web", 137, "ContainerStatusUnknown") + "]}",
         "", "ContainerStatusUnknown", 0, 1, 0},
        {"PendingUnschedulable", podSpec(kTwoContainers),
         R"({"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"Unschedulable","message":"0/4 nodes are available: 4 Insufficient cpu."}],"qosClass":"Burstable"})",
         "", "Pending", 0, 2, 0},
        {"SchedulingGated", podSpec(kOneContainer),
         R"({"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"SchedulingGated","message":"Scheduling is blocked due to non-empty scheduling gates"}]})",
         "", "SchedulingGated", 0, 1, 0},
        {"NoStatusAtAll", podSpec(kOneContainer), "{}", "", "", 0, 1, 0},
    };
}

class PodStatusTest : public ::testing::TestWithParam<StatusCase> {};

TEST_P(PodStatusTest, MatchesKubectlColumns) {
    const StatusCase& c = GetParam();
    const auto pod = decodeObject<PodRow>(podJson(c.spec, c.status, c.metadataExtra));
    ASSERT_TRUE(pod.ok()) << pod.error().message;
    EXPECT_EQ(pod->status.view(), c.expectedStatus);
    EXPECT_EQ(pod->readyContainers, c.ready);
    EXPECT_EQ(pod->totalContainers, c.total);
    EXPECT_EQ(pod->restarts, c.restarts);
}

INSTANTIATE_TEST_SUITE_P(Kubectl, PodStatusTest, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<StatusCase>& info) {
                             return std::string(info.param.name);
                         });

TEST(PodStatus, LastRestartIsTheNewestTermination) {
    const std::string containers = R"([{"name":"a","image":"a"},{"name":"b","image":"b"}])";
    const std::string st = std::string(R"({"phase":"Running","containerStatuses":[)") +
                           waiting("a", "CrashLoopBackOff", 2, "2026-11-28T10:04:00Z") + "," +
                           waiting("b", "CrashLoopBackOff", 3, "2026-11-28T10:06:30Z") + "]}";
    const auto pod = decodeObject<PodRow>(podJson(podSpec(containers), st));
    ASSERT_TRUE(pod.ok()) << pod.error().message;
    EXPECT_EQ(pod->restarts, 5);
    ASSERT_TRUE(pod->lastRestartTime.has_value());
    EXPECT_EQ(base::formatRfc3339(*pod->lastRestartTime), "2026-11-28T10:06:30Z");
}

TEST(PodStatus, NoRestartsMeansNoRestartTime) {
    const auto pod = decodeObject<PodRow>(
        podJson(podSpec(kOneContainer), status("Running", running("web"), kReadyTrue)));
    ASSERT_TRUE(pod.ok());
    EXPECT_FALSE(pod->lastRestartTime.has_value());
}

TEST(PodStatus, ComputesFromFactsDirectly) {
    PodStatusFacts facts;
    facts.phase = "Running";
    facts.containerCount = 1;
    ContainerStatusFacts c;
    c.name = "web";
    c.waiting = true;
    c.waitingReason = "CrashLoopBackOff";
    c.restartCount = 7;
    c.lastTerminatedAt = 1000;
    facts.containerStatuses.push_back(c);
    const PodDisplayStatus s = computePodDisplayStatus(facts);
    EXPECT_EQ(s.status, "CrashLoopBackOff");
    EXPECT_EQ(s.restarts, 7);
    EXPECT_EQ(s.lastRestartTime, 1000);
    EXPECT_EQ(s.totalContainers, 1);
}

}  // namespace
}  // namespace scaledeck::kube::objects
