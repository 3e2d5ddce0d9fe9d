// The GL-006 HPA end to end on a manual clock: raise the load, the HPA scales up with the real
// controller's event wording; drop it, and it scales down only after the 5-minute
// stabilization window.
#include <gtest/gtest.h>

#include <regex>
#include <thread>

#include "support/sim_instance.h"

using nlohmann::json;
using scaledeck::test::SimInstance;

namespace {

const std::string kDeployPath = "/apis/apps/v1/namespaces/greenlang/deployments/gl-006-heatreclaim";

int replicas(const SimInstance& sim) { return sim.get(kDeployPath)["spec"]["replicas"]; }

std::vector<std::string> rescaleMessages(const SimInstance& sim) {
    std::vector<std::string> out;
    const auto events = sim.get("/api/v1/namespaces/greenlang/events?fieldSelector=reason%3DSuccessfulRescale");
    for (const auto& e : events["items"]) {
        out.push_back(e["message"]);
    }
    return out;
}

void setLoad(const SimInstance& sim, double rps) {
    json body = {{"kind", "Deployment"}, {"namespace", "greenlang"}, {"name", "gl-006-heatreclaim"},
                 {"rate", {{"type", "constant"}, {"rps", rps}}}};
    auto r = sim.request("PUT", "/sim/v1/load", body.dump());
    ASSERT_EQ(r.status, 200) << r.body;
}

TEST(HpaEndToEnd, ScalesUpUnderLoadAndDownAfterStabilization) {
    auto sim = SimInstance::start();
    setLoad(*sim, 0.05);
    sim->advance(120);
    ASSERT_EQ(replicas(*sim), 3);
    const auto quietEvents = rescaleMessages(*sim).size();

    setLoad(*sim, 6.0);
    for (int i = 0; i < 12; ++i) sim->advance(15);  // three minutes of heavy load
    const int peak = replicas(*sim);
    EXPECT_GT(peak, 3);
    EXPECT_LE(peak, 10);
    const auto messages = rescaleMessages(*sim);
    ASSERT_GT(messages.size(), quietEvents);
    const std::regex upFormat(
        "New size: [0-9]+; reason: (cpu|memory) resource utilization \\(percentage of request\\) above target");
    EXPECT_TRUE(std::regex_match(messages.back(), upFormat)) << messages.back();

    setLoad(*sim, 0.05);
    for (int i = 0; i < 8; ++i) sim->advance(15);  // two minutes: still inside the window
    EXPECT_EQ(replicas(*sim), peak) << "scale-down must wait for the 5-minute stabilization window";
    for (int i = 0; i < 20; ++i) sim->advance(15);  // five more minutes
    EXPECT_EQ(replicas(*sim), 3);
    const auto after = rescaleMessages(*sim);
    bool sawDown = false;
    for (const auto& m : after) sawDown = sawDown || m == "New size: 3; reason: All metrics below target";
    EXPECT_TRUE(sawDown);

    const auto hpa = sim->get("/apis/autoscaling/v2/namespaces/greenlang/horizontalpodautoscalers/gl-006-heatreclaim-hpa");
    EXPECT_EQ(hpa["status"]["desiredReplicas"], 3);
    EXPECT_TRUE(hpa["status"].contains("lastScaleTime"));
}

}  // namespace
