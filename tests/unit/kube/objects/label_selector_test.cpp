// LabelSelector matching and kubectl's selector notation, table-driven.
#include "kube/objects/label_selector.h"

#include <gtest/gtest.h>

#include "kube/objects/string_pool.h"

namespace scaledeck::kube::objects {
namespace {

LabelMap labels(StringPool& pool, std::initializer_list<std::pair<const char*, const char*>> kv) {
    std::vector<LabelMap::Entry> entries;
    for (const auto& [k, v] : kv)
        entries.emplace_back(pool.intern(k), pool.intern(v));
    return LabelMap::fromEntries(std::move(entries));
}

LabelSelectorRequirement requirement(StringPool& pool, const char* key, SelectorOperator op,
                                     std::initializer_list<const char*> values = {}) {
    LabelSelectorRequirement r;
    r.key = pool.intern(key);
    r.op = op;
    for (const char* v : values)
        r.values.push_back(pool.intern(v));
    return r;
}

TEST(LabelSelector, MatchesLikeKubernetes) {
    StringPool pool;
    LabelSelector selector;
    selector.matchLabels = labels(pool, {{"app", "web"}});
    selector.matchExpressions = {
        requirement(pool, "tier", SelectorOperator::In, {"frontend", "edge"}),
        requirement(pool, "track", SelectorOperator::NotIn, {"canary"}),
        requirement(pool, "team", SelectorOperator::Exists),
        requirement(pool, "legacy", SelectorOperator::DoesNotExist),
    };
    struct Case {
        const char* name;
        LabelMap labels;
        bool matches;
    } cases[] = {
        {"all satisfied", labels(pool, {{"app", "web"}, {"tier", "edge"}, {"team", "a"}}), true},
        {"track other value",
         labels(pool, {{"app", "web"}, {"tier", "edge"}, {"team", "a"}, {"track", "stable"}}),
         true},
        {"wrong app", labels(pool, {{"app", "api"}, {"tier", "edge"}, {"team", "a"}}), false},
        {"tier not in set", labels(pool, {{"app", "web"}, {"tier", "db"}, {"team", "a"}}), false},
        {"tier missing", labels(pool, {{"app", "web"}, {"team", "a"}}), false},
        {"canary",
         labels(pool, {{"app", "web"}, {"tier", "edge"}, {"team", "a"}, {"track", "canary"}}),
         false},
        {"team missing", labels(pool, {{"app", "web"}, {"tier", "edge"}}), false},
        {"legacy present",
         labels(pool, {{"app", "web"}, {"tier", "edge"}, {"team", "a"}, {"legacy", ""}}), false},
    };
    for (const auto& c : cases)
        EXPECT_EQ(selector.matches(c.labels), c.matches) << c.name;
    EXPECT_EQ(selector.toString(),
              "app=web,!legacy,team,tier in (edge,frontend),track notin (canary)");
}

TEST(LabelSelector, EmptySelectsEverythingAndPrintsNone) {
    const LabelSelector empty;
    EXPECT_TRUE(empty.matches(LabelMap()));
    EXPECT_EQ(empty.toString(), "<none>");
}

}  // namespace
}  // namespace scaledeck::kube::objects
