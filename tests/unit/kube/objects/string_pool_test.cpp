// StringPool and InternedString: sharing, reference counting, collection, and concurrent use.
#include "kube/objects/string_pool.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "kube/objects/label_map.h"

namespace scaledeck::kube::objects {
namespace {

TEST(StringPool, InternsOneCopyPerText) {
    StringPool pool;
    const InternedString a = pool.intern("greenlang");
    const InternedString b = pool.intern(std::string("green") + "lang");
    EXPECT_EQ(a, b);
    EXPECT_EQ(a.view().data(), b.view().data());
    EXPECT_EQ(a.view(), "greenlang");
    EXPECT_EQ(pool.stats().strings, 1u);
    EXPECT_NE(pool.intern("kube-system"), a);
}

TEST(StringPool, EmptyTextIsTheNullHandle) {
    StringPool pool;
    const InternedString empty = pool.intern("");
    EXPECT_TRUE(empty.empty());
    EXPECT_EQ(empty.view(), "");
    EXPECT_EQ(empty, InternedString());
    EXPECT_EQ(pool.stats().strings, 0u);
}

TEST(StringPool, CollectFreesOnlyUnreferencedTexts) {
    StringPool pool;
    InternedString kept = pool.intern("kept");
    {
        InternedString temp = pool.intern("temporary");
        InternedString copy = temp;
        InternedString moved = std::move(copy);
        EXPECT_EQ(pool.collect(), 0u);
        EXPECT_EQ(moved.view(), "temporary");
    }
    EXPECT_EQ(pool.collect(), 1u);
    EXPECT_EQ(pool.stats().strings, 1u);
    EXPECT_EQ(kept.view(), "kept");
    kept = InternedString();
    EXPECT_EQ(pool.collect(), 1u);
    EXPECT_EQ(pool.stats().strings, 0u);
}

TEST(StringPool, CopiesAcrossThreadsAndConcurrentInterning) {
    StringPool pool;
    constexpr int kThreads = 8;
    constexpr int kRounds = 2000;
    std::vector<std::thread> threads;
    std::vector<std::vector<InternedString>> held(kThreads);
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kRounds; ++i) {
                InternedString s = pool.intern("label-" + std::to_string(i % 97));
                if (i % 3 == 0)
                    held[t].push_back(s);
                if (i % 500 == 0)
                    pool.collect();
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    pool.collect();
    EXPECT_EQ(pool.stats().strings, 97u);
    for (const auto& list : held) {
        for (const auto& s : list)
            EXPECT_EQ(s.view().substr(0, 6), "label-");
    }
}

TEST(LabelMap, SortsAndKeepsTheLastDuplicate) {
    StringPool pool;
    const LabelMap map = LabelMap::fromEntries({{pool.intern("b"), pool.intern("2")},
                                                {pool.intern("a"), pool.intern("1")},
                                                {pool.intern("b"), pool.intern("3")}});
    ASSERT_EQ(map.size(), 2u);
    EXPECT_EQ(map.entries()[0].first.view(), "a");
    EXPECT_EQ(map.get("b"), "3");
    EXPECT_FALSE(map.get("c").has_value());
    EXPECT_TRUE(map.contains("a"));
}

}  // namespace
}  // namespace scaledeck::kube::objects
