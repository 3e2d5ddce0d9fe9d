#include "sim/object_store.h"

#include <gtest/gtest.h>

#include "sim/resource_registry.h"

using nlohmann::json;
using scaledeck::sim::ApiError;
using scaledeck::sim::ObjectPtr;
using scaledeck::sim::ObjectStore;
using scaledeck::sim::ResourceRegistry;
using scaledeck::sim::StoreEvent;

namespace {

const auto& cm() { return *ResourceRegistry::instance().find("", "v1", "configmaps"); }

json configMap(const std::string& name, const std::string& value) {
    return {{"apiVersion", "v1"}, {"kind", "ConfigMap"},
            {"metadata", {{"name", name}, {"namespace", "shop"}, {"labels", {{"app", "web"}}}}},
            {"data", {{"k", value}}}};
}

ObjectPtr ok(const scaledeck::sim::ApiResult<ObjectPtr>& r) {
    EXPECT_TRUE(std::holds_alternative<ObjectPtr>(r));
    return std::get<ObjectPtr>(r);
}

class ObjectStoreTest : public ::testing::Test {
protected:
    ObjectStore store{[] { return 1795881113000LL; }, 7, 4};
    std::unique_lock<std::mutex> lock = store.lock();
};

TEST_F(ObjectStoreTest, EveryWriteBumpsTheGlobalResourceVersion) {
    const auto start = store.currentResourceVersion();
    auto a = ok(store.create(cm(), configMap("a", "1")));
    auto b = ok(store.create(cm(), configMap("b", "1")));
    EXPECT_EQ(a->resourceVersion, start + 1);
    EXPECT_EQ(b->resourceVersion, start + 2);
    EXPECT_EQ(store.currentResourceVersion(), start + 2);
    const auto parsed = a->parse();
    EXPECT_EQ(parsed["metadata"]["resourceVersion"], std::to_string(start + 1));
    EXPECT_EQ(parsed["metadata"]["creationTimestamp"], "2026-11-28T15:51:53Z");
    EXPECT_EQ(parsed["metadata"]["uid"].get<std::string>().size(), 36u);
    EXPECT_EQ(a->labels.size(), 1u);
}

TEST_F(ObjectStoreTest, NoOpUpdateKeepsVersionAndEmitsNothing) {
    auto a = ok(store.create(cm(), configMap("a", "1")));
    int events = 0;
    store.addListener([&](const StoreEvent&) { ++events; });
    auto same = ok(store.update(cm(), a->parse(), true));
    EXPECT_EQ(same->resourceVersion, a->resourceVersion);
    EXPECT_EQ(events, 0);
    auto changed = ok(store.update(cm(), configMap("a", "2"), true));
    EXPECT_GT(changed->resourceVersion, a->resourceVersion);
    EXPECT_EQ(events, 1);
}

TEST_F(ObjectStoreTest, StaleResourceVersionConflicts) {
    auto a = ok(store.create(cm(), configMap("a", "1")));
    auto stale = configMap("a", "2");
    stale["metadata"]["resourceVersion"] = "1";
    auto r = store.update(cm(), stale, true);
    ASSERT_TRUE(std::holds_alternative<ApiError>(r));
    EXPECT_EQ(std::get<ApiError>(r).code, 409);
    EXPECT_EQ(store.get("core/configmaps", "shop", "a")->resourceVersion, a->resourceVersion);
}

TEST_F(ObjectStoreTest, CreateTwiceIsAlreadyExists) {
    ok(store.create(cm(), configMap("a", "1")));
    auto r = store.create(cm(), configMap("a", "1"));
    ASSERT_TRUE(std::holds_alternative<ApiError>(r));
    EXPECT_EQ(std::get<ApiError>(r).message, "configmaps \"a\" already exists");
}

TEST_F(ObjectStoreTest, DryRunChangesNothing) {
    const auto start = store.currentResourceVersion();
    ok(store.create(cm(), configMap("a", "1"), true));
    EXPECT_EQ(store.currentResourceVersion(), start);
    EXPECT_EQ(store.get("core/configmaps", "shop", "a"), nullptr);
}

TEST_F(ObjectStoreTest, HistoryIsBoundedAndCompacts) {
    const auto start = store.currentResourceVersion();
    for (int i = 0; i < 6; ++i) ok(store.create(cm(), configMap("c" + std::to_string(i), "1")));
    // Limit 4: the first two events are gone.
    EXPECT_EQ(store.oldestWatchableVersion(), start + 2);
    EXPECT_EQ(store.eventsSince(start + 2).size(), 4u);
    const auto evs = store.eventsSince(start + 4);
    ASSERT_EQ(evs.size(), 2u);
    EXPECT_EQ(evs[0].resourceVersion, start + 5);
}

TEST_F(ObjectStoreTest, DeleteEmitsFinalStateWithNewVersion) {
    auto a = ok(store.create(cm(), configMap("a", "1")));
    auto gone = ok(store.remove(cm(), "shop", "a"));
    EXPECT_GT(gone->resourceVersion, a->resourceVersion);
    EXPECT_EQ(store.get("core/configmaps", "shop", "a"), nullptr);
    const auto evs = store.eventsSince(a->resourceVersion);
    ASSERT_EQ(evs.size(), 1u);
    EXPECT_EQ(evs[0].type, StoreEvent::Type::Deleted);
}

TEST_F(ObjectStoreTest, ListIsOrderedAndPages) {
    for (const char* n : {"c", "a", "b"}) ok(store.create(cm(), configMap(n, "1")));
    auto all = store.list("core/configmaps", "shop");
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0]->name, "a");
    EXPECT_EQ(all[2]->name, "c");
    auto page = store.list("core/configmaps", "shop", "shop/a", 1);
    ASSERT_EQ(page.size(), 1u);
    EXPECT_EQ(page[0]->name, "b");
    EXPECT_TRUE(store.list("core/configmaps", "other").empty());
}

}  // namespace
