// NodeRow decoding from the simulator's node list (one node made NotReady), plus taints and
// role labels as real clusters set them.
#include <gtest/gtest.h>

#include <sstream>

#include "kube/objects/object_decoder.h"
#include "object_fixtures.h"

namespace scaledeck::kube::objects {
namespace {

using testing::readFixture;

const NodeRow* findNode(const std::vector<NodeRow>& nodes, std::string_view name) {
    for (const auto& n : nodes) {
        if (n.meta.name == name)
            return &n;
    }
    return nullptr;
}

TEST(NodeDecoder, DecodesSimulatorNodes) {
    const auto page = decodeList<NodeRow>(readFixture("node_list.json"));
    ASSERT_TRUE(page.ok()) << page.error().message;
    ASSERT_EQ(page->items.size(), 4u);
    const NodeRow* node = findNode(page->items, "gl-prod-worker-1");
    ASSERT_NE(node, nullptr);
    EXPECT_TRUE(node->meta.namespaceName.empty());
    EXPECT_EQ(node->ready.status, ConditionStatus::True);
    EXPECT_EQ(node->ready.reason.view(), "KubeletReady");
    EXPECT_FALSE(node->unschedulable);
    EXPECT_FALSE(node->memoryPressure);
    EXPECT_TRUE(node->taints.empty());
    EXPECT_EQ(node->capacity.cpuMilli, 4000);
    EXPECT_EQ(node->capacity.memoryBytes, 16777216LL * 1024);
    EXPECT_EQ(node->capacity.pods, 110);
    EXPECT_EQ(node->allocatable.cpuMilli, 3920);
    EXPECT_EQ(node->allocatable.memoryBytes, 15747072LL * 1024);
    EXPECT_EQ(node->kubeletVersion.view(), "v1.32.4");
    EXPECT_EQ(node->containerRuntimeVersion.view(), "containerd://1.7.22");
    EXPECT_EQ(node->osImage.view(), "Ubuntu 22.04.5 LTS");
    ASSERT_EQ(node->roles.size(), 1u);
    EXPECT_EQ(node->roles[0].view(), "worker");
    EXPECT_EQ(node->internalIP, "10.0.1.21");
    EXPECT_EQ(node->externalIP, "");
    EXPECT_EQ(node->meta.labels.get("topology.kubernetes.io/zone"), "eu-west-1a");
}

// kubectl printed STATUS, ROLES and VERSION for the same list.
TEST(NodeDecoder, MatchesKubectlColumns) {
    const auto page = decodeList<NodeRow>(readFixture("node_list.json"));
    ASSERT_TRUE(page.ok());
    std::istringstream expected(readFixture("node_list.kubectl.txt"));
    int checked = 0;
    for (std::string name, status, roles, version;
         expected >> name >> status >> roles >> version;) {
        const NodeRow* node = findNode(page->items, name);
        ASSERT_NE(node, nullptr) << name;
        std::string actual = node->ready.status == ConditionStatus::True ? "Ready" : "NotReady";
        if (node->unschedulable)
            actual += ",SchedulingDisabled";
        EXPECT_EQ(actual, status) << name;
        ASSERT_EQ(node->roles.size(), 1u);
        EXPECT_EQ(node->roles[0].view(), roles);
        EXPECT_EQ(node->kubeletVersion.view(), version);
        ++checked;
    }
    EXPECT_EQ(checked, 4);
    const NodeRow* notReady = findNode(page->items, "gl-prod-worker-2");
    ASSERT_NE(notReady, nullptr);
    EXPECT_EQ(notReady->ready.status, ConditionStatus::Unknown);
    EXPECT_EQ(notReady->ready.reason.view(), "NodeStatusUnknown");
    EXPECT_EQ(notReady->ready.message.view(), "Kubelet stopped posting node status.");
}

TEST(NodeDecoder, TaintsCordonRolesAndPressure) {
    const std::string json =
        R"({"apiVersion":"v1","kind":"Node","metadata":{"name":"cp-1","labels":{
        "node-role.kubernetes.io/control-plane":"","node-role.kubernetes.io/master":"",
        "kubernetes.io/role":"infra","node-role.kubernetes.io/":"ignored"}},
      "spec":{"unschedulable":true,"taints":[
        {"key":"node-role.kubernetes.io/control-plane","effect":"NoSchedule"},
        {"key":"node.kubernetes.io/unreachable","effect":"NoExecute","timeAdded":"2026-11-28T10:00:00Z"},
        {"key":"dedicated","value":"gpu","effect":"PreferNoSchedule"}]},
      "status":{"capacity":{"cpu":"8","memory":"32Gi","pods":"250"},
        "conditions":[{"type":"MemoryPressure","status":"True"},{"type":"DiskPressure","status":"False"},
                      {"type":"Ready","status":"False","reason":"KubeletNotReady","message":"PLEG is not healthy"}],
        "addresses":[{"type":"ExternalIP","address":"203.0.113.7"},{"type":"InternalIP","address":"10.0.0.5"},
                     {"type":"InternalIP","address":"10.0.0.6"}]}})";
    const auto node = decodeObject<NodeRow>(json);
    ASSERT_TRUE(node.ok()) << node.error().message;
    EXPECT_TRUE(node->unschedulable);
    ASSERT_EQ(node->taints.size(), 3u);
    EXPECT_EQ(node->taints[0].effect, TaintEffect::NoSchedule);
    EXPECT_EQ(node->taints[1].effect, TaintEffect::NoExecute);
    EXPECT_EQ(node->taints[2].value.view(), "gpu");
    EXPECT_EQ(node->taints[2].effect, TaintEffect::PreferNoSchedule);
    ASSERT_EQ(node->roles.size(), 3u);
    EXPECT_EQ(node->roles[0].view(), "control-plane");
    EXPECT_EQ(node->roles[1].view(), "infra");
    EXPECT_EQ(node->roles[2].view(), "master");
    EXPECT_TRUE(node->memoryPressure);
    EXPECT_FALSE(node->diskPressure);
    EXPECT_EQ(node->ready.status, ConditionStatus::False);
    EXPECT_EQ(node->ready.message.view(), "PLEG is not healthy");
    EXPECT_EQ(node->capacity.memoryBytes, 32LL << 30);
    EXPECT_EQ(node->allocatable.cpuMilli, 0);
    EXPECT_EQ(node->internalIP, "10.0.0.5");
    EXPECT_EQ(node->externalIP, "203.0.113.7");
}

}  // namespace
}  // namespace scaledeck::kube::objects
