// PdbRow and ConfigMapRow decoding: the simulator's objects, percent bounds, null vs empty
// selectors.
#include <gtest/gtest.h>

#include "kube/objects/object_decoder.h"
#include "object_fixtures.h"

namespace scaledeck::kube::objects {
namespace {

using testing::readFixture;

TEST(PdbDecoder, DecodesSimulatorPdb) {
    const auto page = decodeList<PdbRow>(readFixture("pdb_list.json"));
    ASSERT_TRUE(page.ok()) << page.error().message;
    ASSERT_EQ(page->items.size(), 1u);
    const PdbRow& pdb = page->items[0];
    EXPECT_EQ(pdb.meta.name, "gl-006-heatreclaim-pdb");
    EXPECT_EQ(pdb.minAvailable, IntOrPercent::count(2));
    EXPECT_FALSE(pdb.maxUnavailable.isSet());
    EXPECT_EQ(pdb.maxUnavailable.toString(), "N/A");
    ASSERT_TRUE(pdb.selector.has_value());
    EXPECT_EQ(pdb.selector->toString(), "app=gl-006-heatreclaim");
    EXPECT_GT(pdb.expectedPods, 0);
    EXPECT_EQ(pdb.desiredHealthy, 2);
    EXPECT_EQ(pdb.observedGeneration, 1);
    EXPECT_NE(findCondition(pdb.conditions, "DisruptionAllowed"), nullptr);
}

TEST(PdbDecoder, PercentBoundsAndSelectors) {
    const auto pdb = decodeObject<PdbRow>(R"({"apiVersion":"policy/v1","kind":"PodDisruptionBudget",
        "metadata":{"name":"web","namespace":"shop"},
        "spec":{"maxUnavailable":"25%","selector":{},"unhealthyPodEvictionPolicy":"AlwaysAllow"},
        "status":{"currentHealthy":8,"desiredHealthy":6,"disruptionsAllowed":2,"expectedPods":8}})");
    ASSERT_TRUE(pdb.ok()) << pdb.error().message;
    EXPECT_EQ(pdb->maxUnavailable, IntOrPercent::percent(25));
    EXPECT_EQ(pdb->maxUnavailable.toString(), "25%");
    EXPECT_FALSE(pdb->minAvailable.isSet());
    ASSERT_TRUE(pdb->selector.has_value());  // {} selects every pod of the namespace
    EXPECT_TRUE(pdb->selector->empty());
    EXPECT_TRUE(pdb->selector->matches(LabelMap()));
    EXPECT_EQ(pdb->unhealthyPodEvictionPolicy.view(), "AlwaysAllow");
    EXPECT_EQ(pdb->disruptionsAllowed, 2);

    const auto minPercent =
        decodeObject<PdbRow>(R"({"spec":{"minAvailable":"100%","selector":null}})");
    ASSERT_TRUE(minPercent.ok()) << minPercent.error().message;
    EXPECT_EQ(minPercent->minAvailable, IntOrPercent::percent(100));
    EXPECT_FALSE(minPercent->selector.has_value());  // null selects nothing
}

TEST(PdbDecoder, RejectsANonPercentString) {
    const auto pdb = decodeObject<PdbRow>(R"({"spec":{"minAvailable":"2"}})");
    ASSERT_FALSE(pdb.ok());
    EXPECT_EQ(pdb.error().message,
              "PodDisruptionBudget: spec.minAvailable: expected an integer or a percentage like "
              "\"25%\", got \"2\"");
}

TEST(ConfigMapDecoder, DecodesSimulatorConfigMap) {
    const auto page = decodeList<ConfigMapRow>(readFixture("config_map_list.json"));
    ASSERT_TRUE(page.ok()) << page.error().message;
    ASSERT_EQ(page->items.size(), 1u);
    const ConfigMapRow& cm = page->items[0];
    EXPECT_EQ(cm.meta.name, "gl-006-heatreclaim-config");
    EXPECT_EQ(cm.data.size(), 11u);
    EXPECT_EQ(cm.value("WORKER_CONCURRENCY"), "4");
    EXPECT_EQ(cm.value("LOG_LEVEL"), "INFO");
    EXPECT_FALSE(cm.value("MISSING").has_value());
    for (std::size_t i = 1; i < cm.data.size(); ++i)
        EXPECT_LT(cm.data[i - 1].first, cm.data[i].first);
}

TEST(ConfigMapDecoder, BinaryDataKeysAndImmutable) {
    const auto cm = decodeObject<ConfigMapRow>(
        R"({"kind":"ConfigMap","metadata":{"name":"c"},"immutable":true,
            "data":{"b":"2","a":"1","a":"3"},"binaryData":{"cert.der":"AAEC"}})");
    ASSERT_TRUE(cm.ok()) << cm.error().message;
    EXPECT_TRUE(cm->immutable);
    ASSERT_EQ(cm->data.size(), 2u);
    EXPECT_EQ(cm->data[0], (std::pair<std::string, std::string>("a", "3")));  // last wins
    EXPECT_EQ(cm->data[1].first, "b");
    ASSERT_EQ(cm->binaryDataKeys.size(), 1u);
    EXPECT_EQ(cm->binaryDataKeys[0], "cert.der");
}

TEST(ConfigMapDecoder, RejectsANonStringValue) {
    const auto cm = decodeObject<ConfigMapRow>(R"({"data":{"WORKERS":4}})");
    ASSERT_FALSE(cm.ok());
    EXPECT_EQ(cm.error().message, "ConfigMap: data.WORKERS: expected a string, got number");
}

}  // namespace
}  // namespace scaledeck::kube::objects
