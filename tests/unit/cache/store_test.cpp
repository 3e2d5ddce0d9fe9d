// Store: keys, the four indexes (namespace, label, owner, node) through adds, label and node
// changes and deletes, duplicates by resourceVersion, replace() as an exact difference that
// keeps unchanged rows, concurrent readers during writes, and the memory estimate.
#include "cache/store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "unit/cache/cache_rows.h"

using scaledeck::cache::DeltaType;
using scaledeck::cache::StoreIndex;
using scaledeck::cache::testing::pod;
using scaledeck::cache::testing::PodSpec;
using scaledeck::kube::objects::PodRow;
using Store = scaledeck::cache::Store<PodRow>;

namespace {

std::set<std::string> names(const std::vector<Store::RowPtr>& rows) {
    std::set<std::string> out;
    for (const auto& row : rows)
        out.insert(row->meta.name);
    return out;
}

PodSpec spec(std::string ns, std::string name, std::string rv, std::string app, std::string owner,
             std::string node) {
    return PodSpec{std::move(ns),    std::move(name), std::move(rv), {{"app", std::move(app)}},
                   std::move(owner), std::move(node)};
}

TEST(Store, UpsertAddsThenModifiesAndIgnoresTheSameVersion) {
    Store store;
    auto added = store.upsert(pod("p", "1"));
    ASSERT_TRUE(added);
    EXPECT_EQ(added->type, DeltaType::Added);
    EXPECT_FALSE(store.upsert(pod("p", "1"))) << "same resourceVersion: a duplicate";
    auto modified = store.upsert(pod("p", "2"));
    ASSERT_TRUE(modified);
    EXPECT_EQ(modified->type, DeltaType::Modified);
    EXPECT_EQ(store.size(), 1u);
    ASSERT_TRUE(store.get("greenlang/p"));
    EXPECT_EQ(store.get("greenlang/p")->meta.resourceVersion, "2");
    EXPECT_FALSE(store.get("greenlang/q"));
}

TEST(Store, RemoveCarriesTheLastStateAndIgnoresUnknownKeys) {
    Store store;
    (void)store.upsert(pod("p", "1"));
    EXPECT_FALSE(store.remove(pod("q", "5")));
    auto removed = store.remove(pod("p", "7"));
    ASSERT_TRUE(removed);
    EXPECT_EQ(removed->type, DeltaType::Deleted);
    EXPECT_EQ(removed->row->meta.resourceVersion, "7");
    EXPECT_EQ(store.size(), 0u);
    EXPECT_FALSE(store.remove(pod("p", "8")));
}

TEST(Store, RowsHandedOutStayValidAndUnchanged) {
    Store store;
    (void)store.upsert(pod("p", "1"));
    const Store::RowPtr held = store.get("greenlang/p");
    (void)store.upsert(pod("p", "2"));
    (void)store.remove(pod("p", "3"));
    EXPECT_EQ(held->meta.resourceVersion, "1");
}

TEST(Store, IndexesFollowAddsChangesAndDeletes) {
    Store store;
    (void)store.upsert(pod(spec("ns1", "a", "1", "web", "rs-1", "node-1")));
    (void)store.upsert(pod(spec("ns1", "b", "1", "web", "rs-1", "node-2")));
    (void)store.upsert(pod(spec("ns2", "c", "1", "db", "rs-2", "node-1")));
    (void)store.upsert(pod(spec("ns2", "d", "1", "db", "", "")));

    EXPECT_EQ(names(store.byNamespace("ns1")), (std::set<std::string>{"a", "b"}));
    EXPECT_EQ(names(store.byNamespace("ns2")), (std::set<std::string>{"c", "d"}));
    EXPECT_EQ(names(store.byLabel("app", "web")), (std::set<std::string>{"a", "b"}));
    EXPECT_EQ(names(store.byIndex(StoreIndex::Label, "app=db")), (std::set<std::string>{"c", "d"}));
    EXPECT_EQ(names(store.byOwner("rs-1")), (std::set<std::string>{"a", "b"}));
    EXPECT_EQ(names(store.byOwner("rs-2")), (std::set<std::string>{"c"}));
    EXPECT_EQ(names(store.byNode("node-1")), (std::set<std::string>{"a", "c"}));
    EXPECT_EQ(store.indexValues(StoreIndex::Node), (std::vector<std::string>{"node-1", "node-2"}));
    EXPECT_TRUE(store.byNamespace("nope").empty());

    // b is relabelled, rescheduled and adopted elsewhere: every index moves it.
    (void)store.upsert(pod(spec("ns1", "b", "2", "db", "rs-2", "node-3")));
    EXPECT_EQ(names(store.byLabel("app", "web")), (std::set<std::string>{"a"}));
    EXPECT_EQ(names(store.byLabel("app", "db")), (std::set<std::string>{"b", "c", "d"}));
    EXPECT_EQ(names(store.byOwner("rs-1")), (std::set<std::string>{"a"}));
    EXPECT_EQ(names(store.byNode("node-2")), (std::set<std::string>{}));
    EXPECT_EQ(names(store.byNode("node-3")), (std::set<std::string>{"b"}));
    EXPECT_EQ(store.indexValues(StoreIndex::Node), (std::vector<std::string>{"node-1", "node-3"}));

    // A status-only update keeps the postings and hands out the new row through them.
    (void)store.upsert(pod(spec("ns1", "a", "3", "web", "rs-1", "node-1")));
    ASSERT_EQ(store.byLabel("app", "web").size(), 1u);
    EXPECT_EQ(store.byLabel("app", "web")[0]->meta.resourceVersion, "3");

    (void)store.remove(pod(spec("ns1", "a", "4", "web", "rs-1", "node-1")));
    EXPECT_TRUE(store.byLabel("app", "web").empty());
    EXPECT_TRUE(store.byOwner("rs-1").empty());
    EXPECT_EQ(store.indexValues(StoreIndex::Label), (std::vector<std::string>{"app=db"}))
        << "empty postings are dropped";
    EXPECT_EQ(store.indexValues(StoreIndex::Namespace), (std::vector<std::string>{"ns1", "ns2"}));
}

TEST(Store, FreedSlotsAreReusedWithoutMixingUpIndexes) {
    Store store;
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < 10; ++i) {
            (void)store.upsert(pod(spec("ns", "p" + std::to_string(i), std::to_string(round),
                                        i % 2 ? "odd" : "even", "", "n" + std::to_string(i % 3))));
        }
        for (int i = 0; i < 10; i += 3)
            (void)store.remove(pod("p" + std::to_string(i)));
    }
    std::size_t total = 0;
    for (const auto& node : store.indexValues(StoreIndex::Node))
        total += store.byNode(node).size();
    EXPECT_EQ(total, store.size());
    for (const auto& row : store.byLabel("app", "odd"))
        EXPECT_EQ(row->meta.labels.get("app"), "odd");
}

TEST(Store, ReplaceReturnsTheExactDifferenceAndKeepsUnchangedRows) {
    Store store;
    (void)store.upsert(pod("same", "1"));
    (void)store.upsert(pod("changed", "1"));
    (void)store.upsert(pod("vanished", "1"));
    const Store::RowPtr before = store.get("greenlang/same");

    const auto diff = store.replace({pod("same", "1"), pod("changed", "2"), pod("new", "3")});
    std::set<std::string> seen;
    for (const auto& delta : diff) {
        const char* type = delta.type == DeltaType::Added      ? "Added"
                           : delta.type == DeltaType::Modified ? "Modified"
                                                               : "Deleted";
        seen.insert(delta.row->meta.name + ":" + type);
    }
    EXPECT_EQ(seen, (std::set<std::string>{"changed:Modified", "new:Added", "vanished:Deleted"}));
    EXPECT_EQ(store.size(), 3u);
    EXPECT_EQ(store.get("greenlang/same"), before) << "an unchanged row is the very same row";
    EXPECT_FALSE(store.contains("greenlang/vanished"));
    EXPECT_EQ(store.byNamespace("greenlang").size(), 3u);
}

TEST(Store, ReplaceOfAnEmptyStoreIsAllAdded) {
    Store store;
    const auto diff = store.replace({pod("a"), pod("b"), pod("a", "9")});
    ASSERT_EQ(diff.size(), 2u) << "a key listed twice keeps its first row";
    for (const auto& delta : diff)
        EXPECT_EQ(delta.type, DeltaType::Added);
    EXPECT_EQ(store.get("greenlang/a")->meta.resourceVersion, "1");
}

TEST(Store, ReadersOnOtherThreadsSeeConsistentRowsWhileItIsWritten) {
    Store store;
    std::atomic<bool> done{false};
    std::atomic<int> problems{0};
    std::thread reader([&] {
        while (!done.load()) {
            for (const auto& row : store.byLabel("app", "web")) {
                if (row->meta.labels.get("app") != "web")
                    ++problems;
            }
            const std::size_t size = store.size();
            if (size > 200)
                ++problems;
            (void)store.list();
        }
    });
    for (int round = 0; round < 50; ++round) {
        for (int i = 0; i < 100; ++i) {
            (void)store.upsert(pod(spec("ns", "p" + std::to_string(i), std::to_string(round),
                                        round % 2 ? "web" : "db", "", "")));
        }
        if (round % 10 == 0) {
            std::vector<Store::RowPtr> rows;
            for (int i = 0; i < 100; ++i)
                rows.push_back(pod(spec("ns", "q" + std::to_string(i), "1", "web", "", "")));
            (void)store.replace(rows);
        }
    }
    done = true;
    reader.join();
    EXPECT_EQ(problems.load(), 0);
}

TEST(Store, MemoryUseCountsRowsAndOverhead) {
    Store store;
    EXPECT_EQ(store.memoryUse().rowBytes, 0u);
    for (int i = 0; i < 100; ++i)
        (void)store.upsert(pod(
            spec("ns", "pod-with-a-long-name-" + std::to_string(i), "1", "web", "rs-1", "node-1")));
    const auto use = store.memoryUse();
    EXPECT_EQ(use.rows, 100u);
    EXPECT_GE(use.rowBytes, 100 * sizeof(PodRow));
    // Slot, control block, key entry and four postings: more than nothing, far less than a row.
    EXPECT_GT(use.overheadBytes, 100u * 64);
    EXPECT_LT(use.overheadBytes, 100u * 400);
}

}  // namespace
