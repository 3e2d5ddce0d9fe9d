// RowJson: the documented -o json schema for each kind — field names, units (millicores,
// bytes, seconds), null for absent values, and the pod's effective requests and limits.
#include "cli/row_json.h"

#include <gtest/gtest.h>

#include <string>

#include "base/time_format.h"
#include "kube/objects/object_decoder.h"
#include "unit/kube/objects/object_fixtures.h"

namespace scaledeck::cli {
namespace {

using kube::objects::decodeList;
using kube::objects::testing::readFixture;
using nlohmann::json;

base::UnixMillis at(const char* rfc3339) {
    return base::parseRfc3339(rfc3339).value();
}
const base::UnixMillis kNow = at("2026-11-29T09:10:21Z");

TEST(CliRowJson, DocumentEnvelope) {
    const json doc = RowJson::document("PodList");
    EXPECT_EQ(doc["apiVersion"], "scaledeck.io/cli/v1");
    EXPECT_EQ(doc["kind"], "PodList");
    EXPECT_TRUE(doc["items"].is_array());
}

TEST(CliRowJson, Pods) {
    const auto page = decodeList<kube::objects::PodRow>(readFixture("pod_list_steady.json"));
    ASSERT_TRUE(page.ok()) << page.error().message;
    const json web = RowJson::item(page->items[0], kNow);
    EXPECT_EQ(web["namespace"], "greenlang");
    EXPECT_EQ(web["name"], "gl-006-heatreclaim-m5mct52d7q-cdcrt");
    EXPECT_EQ(web["created"], "2026-11-29T09:05:21Z");
    EXPECT_EQ(web["age_seconds"], 300);
    EXPECT_EQ(web["status"], "Running");
    EXPECT_EQ(web["phase"], "Running");
    EXPECT_EQ(web["node"], "gl-prod-worker-1");
    EXPECT_EQ(web["ip"], "10.244.63.49");
    EXPECT_EQ(web["qos_class"], "Burstable");
    EXPECT_EQ(web["restarts"], 0);
    EXPECT_TRUE(web["last_restart_seconds_ago"].is_null());
    EXPECT_EQ(web["ready"], std::to_string(web["ready_containers"].get<int>()) + "/2");
    EXPECT_EQ(web["total_containers"], 2);
    EXPECT_EQ(web["cpu_request_millis"], 550);
    EXPECT_EQ(web["memory_request_bytes"], 576LL << 20);
    EXPECT_EQ(web["cpu_limit_millis"], 1100);
    EXPECT_EQ(web["memory_limit_bytes"], 1152LL << 20);
    ASSERT_EQ(web["containers"].size(), 2u);
    EXPECT_EQ(web["containers"][1]["name"], "metrics-exporter");
    EXPECT_EQ(web["containers"][1]["cpu_request_millis"], 50);

    const json redis = RowJson::item(page->items[4], kNow);
    EXPECT_EQ(redis["name"], "redis-0");
    EXPECT_EQ(redis["cpu_request_millis"], 250);
    EXPECT_TRUE(redis["cpu_limit_millis"].is_null()) << "no CPU limit: unbounded";
    EXPECT_EQ(redis["memory_limit_bytes"], 1LL << 30);
}

TEST(CliRowJson, PodRequestsCountInitContainersAndSidecarsLikeTheScheduler) {
    kube::objects::PodRow pod;
    pod.meta.name = "p";
    kube::objects::PodContainer sidecar;
    sidecar.init = true;
    sidecar.restartable = true;
    sidecar.resources.cpuRequestMilli = 100;
    sidecar.resources.memoryRequestBytes = 10;
    kube::objects::PodContainer init;
    init.init = true;
    init.resources.cpuRequestMilli = 1000;
    init.resources.memoryRequestBytes = 5;
    kube::objects::PodContainer app;
    app.resources.cpuRequestMilli = 200;
    app.resources.memoryRequestBytes = 100;
    pod.containers = {sidecar, init, app};
    const json item = RowJson::item(pod, kNow);
    EXPECT_EQ(item["cpu_request_millis"], 1100) << "the init container plus the sidecar before it";
    EXPECT_EQ(item["memory_request_bytes"], 110) << "the app container plus the sidecar";
    EXPECT_TRUE(item["cpu_limit_millis"].is_null());
    EXPECT_TRUE(item["created"].is_null());
    EXPECT_TRUE(item["age_seconds"].is_null());
    EXPECT_FALSE(item.contains("namespace"));
}

TEST(CliRowJson, Nodes) {
    const auto page = decodeList<kube::objects::NodeRow>(readFixture("node_list.json"));
    ASSERT_TRUE(page.ok()) << page.error().message;
    const json node = RowJson::item(page->items[1], kNow);
    EXPECT_FALSE(node.contains("namespace"));
    EXPECT_EQ(node["name"], "gl-prod-worker-2");
    EXPECT_EQ(node["status"], "NotReady");
    EXPECT_TRUE(node["ready"].is_null()) << "Ready is Unknown";
    EXPECT_EQ(node["roles"], json::array({"worker"}));
    EXPECT_EQ(node["version"], "v1.32.4");
    EXPECT_EQ(node["cpu_capacity_millis"], 4000);
    EXPECT_EQ(RowJson::item(page->items[0], kNow)["ready"], true);
}

TEST(CliRowJson, WorkloadsHpaEventsAndPdb) {
    const auto deployments =
        decodeList<kube::objects::DeploymentRow>(readFixture("deployment_list.json"));
    ASSERT_TRUE(deployments.ok());
    const json deployment = RowJson::item(deployments->items[0], kNow);
    EXPECT_EQ(deployment["replicas"], 30);
    EXPECT_EQ(deployment["ready_replicas"], 2);
    EXPECT_EQ(deployment["selector"], "app=gl-006-heatreclaim");

    const auto sets =
        decodeList<kube::objects::StatefulSetRow>(readFixture("stateful_set_list.json"));
    ASSERT_TRUE(sets.ok());
    const json redis = RowJson::item(sets->items[1], kNow);
    EXPECT_EQ(redis["replicas"], 3);
    EXPECT_EQ(redis["ready_replicas"], 2);

    const auto hpas = decodeList<kube::objects::HpaRow>(readFixture("hpa_list.json"));
    ASSERT_TRUE(hpas.ok());
    const json hpa = RowJson::item(hpas->items[0], kNow);
    EXPECT_EQ(hpa["reference"]["kind"], "Deployment");
    EXPECT_EQ(hpa["reference"]["name"], "gl-006-heatreclaim");
    EXPECT_EQ(hpa["min_replicas"], 30);
    EXPECT_EQ(hpa["max_replicas"], 40);
    EXPECT_EQ(hpa["current_replicas"], 10);
    EXPECT_EQ(hpa["desired_replicas"], 4);
    EXPECT_EQ(hpa["targets"], "cpu: 17%/70%, memory: 25%/80%");
    EXPECT_EQ(hpa["last_scale_seconds_ago"], 210);
    ASSERT_EQ(hpa["metrics"].size(), 2u);
    EXPECT_EQ(hpa["metrics"][0]["resource"], "cpu");
    EXPECT_EQ(hpa["metrics"][0]["target_utilization_percent"], 70);
    EXPECT_EQ(hpa["metrics"][0]["current_utilization_percent"], 17);
    EXPECT_EQ(hpa["metrics"][0]["target_type"], "Utilization");

    const auto events = decodeList<kube::objects::EventRow>(readFixture("event_list_core_v1.json"));
    ASSERT_TRUE(events.ok());
    const json event = RowJson::item(events->items[0], kNow);
    EXPECT_EQ(event["type"], "Warning");
    EXPECT_EQ(event["object"], "horizontalpodautoscaler/gl-006-heatreclaim-hpa");
    EXPECT_EQ(event["count"], 2);
    EXPECT_EQ(event["last_seen"], "2026-11-29T09:05:51Z");
    EXPECT_EQ(event["last_seen_seconds_ago"], 270);

    const auto pdbs = decodeList<kube::objects::PdbRow>(readFixture("pdb_list.json"));
    ASSERT_TRUE(pdbs.ok());
    const json pdb = RowJson::item(pdbs->items[0], kNow);
    EXPECT_EQ(pdb["min_available"], "2");
    EXPECT_TRUE(pdb["max_unavailable"].is_null());
    EXPECT_EQ(pdb["allowed_disruptions"], 0);
}

}  // namespace
}  // namespace scaledeck::cli
