// Watch semantics of scaledeck-sim over HTTPS: synthetic ADDED for resourceVersion 0, replay
// from a resourceVersion, selector transitions, 410 for compacted versions, timeoutSeconds.
#include <gtest/gtest.h>

#include <httplib.h>

#include <sstream>

#include "support/sim_instance.h"

using nlohmann::json;
using scaledeck::test::SimInstance;

namespace {

class SimWatch : public ::testing::Test {
protected:
    void SetUp() override { sim = SimInstance::start(); }
    std::vector<json> lines(const std::string& body) {
        std::vector<json> out;
        std::istringstream in(body);
        for (std::string line; std::getline(in, line);) {
            if (!line.empty()) out.push_back(json::parse(line));
        }
        return out;
    }
    std::unique_ptr<SimInstance> sim;
};

TEST_F(SimWatch, ResourceVersionZeroStartsWithSyntheticAdded) {
    auto r = sim->request("GET", "/api/v1/namespaces/greenlang/pods?watch=true&resourceVersion=0&timeoutSeconds=1");
    ASSERT_EQ(r.status, 200);
    const auto events = lines(r.body);
    const auto pods = sim->get("/api/v1/namespaces/greenlang/pods")["items"];
    ASSERT_EQ(events.size(), pods.size());
    for (const auto& e : events) EXPECT_EQ(e["type"], "ADDED");
}

TEST_F(SimWatch, ReplaysChangesAfterAResourceVersion) {
    const auto list = sim->get("/api/v1/namespaces/greenlang/configmaps");
    const std::string rv = list["metadata"]["resourceVersion"];
    auto p = sim->request("PATCH", "/api/v1/namespaces/greenlang/configmaps/gl-006-heatreclaim-config",
                          R"({"data":{"LOG_LEVEL":"debug"}})", "application/merge-patch+json");
    ASSERT_EQ(p.status, 200);
    auto r = sim->request("GET", "/api/v1/namespaces/greenlang/configmaps?watch=True&resourceVersion=" + rv +
                                     "&timeoutSeconds=1");
    const auto events = lines(r.body);
    ASSERT_EQ(events.size(), 1u) << r.body;
    EXPECT_EQ(events[0]["type"], "MODIFIED");
    EXPECT_EQ(events[0]["object"]["data"]["LOG_LEVEL"], "debug");
    EXPECT_EQ(events[0]["object"]["kind"], "ConfigMap");
}

TEST_F(SimWatch, LabelChangeOutOfSelectorIsDeleted) {
    const auto list = sim->get("/api/v1/namespaces/greenlang/pods?labelSelector=app%3Dgl-006-heatreclaim");
    const std::string rv = list["metadata"]["resourceVersion"];
    const std::string pod = list["items"][0]["metadata"]["name"];
    auto p = sim->request("PATCH", "/api/v1/namespaces/greenlang/pods/" + pod,
                          R"({"metadata":{"labels":{"app":"quarantined"}}})", "application/merge-patch+json");
    ASSERT_EQ(p.status, 200);
    auto r = sim->request("GET", "/api/v1/namespaces/greenlang/pods?watch=1&labelSelector=app%3Dgl-006-heatreclaim&resourceVersion=" +
                                     rv + "&timeoutSeconds=1");
    bool sawDelete = false;
    for (const auto& e : lines(r.body)) {
        if (e["type"] == "DELETED" && e["object"]["metadata"]["name"] == pod) sawDelete = true;
    }
    EXPECT_TRUE(sawDelete) << r.body;
}

TEST_F(SimWatch, CompactedResourceVersionGetsExpiredErrorEvent) {
    auto r = sim->request("GET", "/api/v1/namespaces/greenlang/pods?watch=true&resourceVersion=5");
    ASSERT_EQ(r.status, 200);
    const auto events = lines(r.body);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0]["type"], "ERROR");
    EXPECT_EQ(events[0]["object"]["code"], 410);
    EXPECT_EQ(events[0]["object"]["reason"], "Expired");
}

TEST_F(SimWatch, ExpireNextWatchFaultForces410) {
    ASSERT_EQ(sim->request("POST", "/sim/v1/watches/expire-next", "{}").status, 200);
    const std::string rv = sim->get("/api/v1/namespaces/greenlang/pods")["metadata"]["resourceVersion"];
    auto r = sim->request("GET", "/api/v1/namespaces/greenlang/pods?watch=true&resourceVersion=" + rv);
    const auto events = lines(r.body);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0]["object"]["code"], 410);
}

TEST_F(SimWatch, InjectedErrorsCarryRetryAfter) {
    ASSERT_EQ(sim->request("POST", "/sim/v1/faults",
                           R"({"pathPrefix":"/api/v1/nodes","errorRate":1,"errorStatus":429,"retryAfterSeconds":3,"count":2})")
                  .status,
              200);
    auto r = sim->request("GET", "/api/v1/nodes");
    EXPECT_EQ(r.status, 429);
    EXPECT_EQ(r.retryAfter, "3");
    EXPECT_EQ(sim->request("GET", "/api/v1/nodes").status, 429);
    EXPECT_EQ(sim->request("GET", "/api/v1/nodes").status, 200);  // the burst is over
    EXPECT_EQ(sim->request("GET", "/sim/v1/faults", {}, "application/json", "viewer").status, 403);
}

TEST_F(SimWatch, SimulatorExitsZeroOnSigterm) { EXPECT_EQ(sim->stop(), 0); }

}  // namespace
