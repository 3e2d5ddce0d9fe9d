// DeltaCoalescer: the coalescing rules, table-driven (one row per sequence of changes to one
// object within an interval), plus first-touch order, independence of keys, replace batches
// edited by later changes, and a fresh interval after take().
#include "cache/delta_coalescer.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "unit/cache/cache_rows.h"

using scaledeck::cache::DeltaBatch;
using scaledeck::cache::DeltaCoalescer;
using scaledeck::cache::DeltaType;
using scaledeck::cache::testing::pod;
using scaledeck::kube::objects::PodRow;

namespace {

struct Rule {
    const char* name;
    std::vector<DeltaType> changes;     // to one pod, resourceVersions 1, 2, 3, …
    std::optional<DeltaType> expected;  // nullopt: the pod is not in the batch
};

class CoalescingRules : public ::testing::TestWithParam<Rule> {};

TEST_P(CoalescingRules, OneObjectOncePerBatchWithItsLatestState) {
    const Rule& rule = GetParam();
    DeltaCoalescer<PodRow> coalescer;
    int version = 0;
    for (DeltaType type : rule.changes)
        coalescer.add(type, pod("p", std::to_string(++version)));
    const DeltaBatch<PodRow> batch = coalescer.take();
    EXPECT_FALSE(batch.replace);
    if (!rule.expected) {
        EXPECT_TRUE(batch.deltas.empty());
        return;
    }
    ASSERT_EQ(batch.deltas.size(), 1u);
    EXPECT_EQ(batch.deltas[0].type, *rule.expected);
    EXPECT_EQ(batch.deltas[0].row->meta.resourceVersion, std::to_string(version))
        << "the latest state wins";
}

constexpr DeltaType A = DeltaType::Added;
constexpr DeltaType M = DeltaType::Modified;
constexpr DeltaType D = DeltaType::Deleted;

INSTANTIATE_TEST_SUITE_P(
    DeltaCoalescer, CoalescingRules,
    ::testing::Values(Rule{"Added", {A}, A}, Rule{"Modified", {M}, M}, Rule{"Deleted", {D}, D},
                      Rule{"AddedModified", {A, M}, A}, Rule{"AddedModifiedModified", {A, M, M}, A},
                      Rule{"AddedDeleted", {A, D}, std::nullopt},
                      Rule{"AddedModifiedDeleted", {A, M, D}, std::nullopt},
                      Rule{"ModifiedModified", {M, M}, M}, Rule{"ModifiedDeleted", {M, D}, D},
                      Rule{"DeletedAdded", {D, A}, M}, Rule{"DeletedAddedModified", {D, A, M}, M},
                      Rule{"DeletedAddedDeleted", {D, A, D}, D},
                      Rule{"AddedDeletedAdded", {A, D, A}, A},
                      Rule{"AddedDeletedModified", {A, D, M}, M}),
    [](const ::testing::TestParamInfo<Rule>& info) { return std::string(info.param.name); });

TEST(DeltaCoalescer, KeepsFirstTouchOrderAndKeysApart) {
    DeltaCoalescer<PodRow> coalescer;
    coalescer.add(DeltaType::Modified, pod("b", "1"));
    coalescer.add(DeltaType::Added, pod("a", "2"));
    coalescer.add(DeltaType::Modified, pod("b", "3"));
    coalescer.add(DeltaType::Deleted, pod("c", "4"));
    EXPECT_EQ(coalescer.size(), 3u);
    const auto batch = coalescer.take();
    ASSERT_EQ(batch.deltas.size(), 3u);
    EXPECT_EQ(batch.deltas[0].row->meta.name, "b");
    EXPECT_EQ(batch.deltas[0].row->meta.resourceVersion, "3");
    EXPECT_EQ(batch.deltas[1].row->meta.name, "a");
    EXPECT_EQ(batch.deltas[1].type, DeltaType::Added);
    EXPECT_EQ(batch.deltas[2].type, DeltaType::Deleted);
}

TEST(DeltaCoalescer, SameNameInAnotherNamespaceIsAnotherObject) {
    DeltaCoalescer<PodRow> coalescer;
    coalescer.add(DeltaType::Added, pod({"ns1", "p", "1", {}, {}, {}}));
    coalescer.add(DeltaType::Deleted, pod({"ns2", "p", "2", {}, {}, {}}));
    EXPECT_EQ(coalescer.take().deltas.size(), 2u);
}

TEST(DeltaCoalescer, TakeStartsAFreshInterval) {
    DeltaCoalescer<PodRow> coalescer;
    coalescer.add(DeltaType::Added, pod("p", "1"));
    EXPECT_EQ(coalescer.take().deltas.size(), 1u);
    EXPECT_TRUE(coalescer.empty());
    EXPECT_TRUE(coalescer.take().deltas.empty());
    // A delete in the next interval is a delete: the reader has the row from the last batch.
    coalescer.add(DeltaType::Deleted, pod("p", "2"));
    const auto batch = coalescer.take();
    ASSERT_EQ(batch.deltas.size(), 1u);
    EXPECT_EQ(batch.deltas[0].type, DeltaType::Deleted);
}

TEST(DeltaCoalescer, ReplaceDropsPendingDeltasAndLaterChangesEditTheSnapshot) {
    DeltaCoalescer<PodRow> coalescer;
    coalescer.add(DeltaType::Modified, pod("old", "1"));
    coalescer.replace({pod("a", "1"), pod("b", "1"), pod("c", "1")});
    EXPECT_TRUE(coalescer.isReplace());
    coalescer.add(DeltaType::Modified, pod("a", "2"));
    coalescer.add(DeltaType::Deleted, pod("b", "2"));
    coalescer.add(DeltaType::Added, pod("d", "2"));
    coalescer.add(DeltaType::Deleted, pod("zz", "2"));  // never in the snapshot
    const auto batch = coalescer.take();
    EXPECT_TRUE(batch.replace);
    std::vector<std::string> names;
    for (const auto& delta : batch.deltas) {
        EXPECT_EQ(delta.type, DeltaType::Added) << "a replace batch is all Added";
        names.push_back(delta.row->meta.name + "@" + delta.row->meta.resourceVersion);
    }
    EXPECT_EQ(names, (std::vector<std::string>{"a@2", "c@1", "d@2"}));
    EXPECT_FALSE(coalescer.take().replace) << "the next interval is incremental again";
}

TEST(DeltaCoalescer, AnEmptyReplaceIsStillABatch) {
    DeltaCoalescer<PodRow> coalescer;
    coalescer.replace({});
    EXPECT_FALSE(coalescer.empty());
    const auto batch = coalescer.take();
    EXPECT_TRUE(batch.replace);
    EXPECT_TRUE(batch.deltas.empty());
}

TEST(DeltaCoalescer, ABurstOfChangesToFewObjectsStaysSmall) {
    DeltaCoalescer<PodRow> coalescer;
    for (int i = 0; i < 2000; ++i)
        coalescer.add(DeltaType::Modified, pod("p" + std::to_string(i % 50), std::to_string(i)));
    const auto batch = coalescer.take();
    ASSERT_EQ(batch.deltas.size(), 50u);
    EXPECT_EQ(batch.deltas[0].row->meta.resourceVersion, "1950");
}

}  // namespace
