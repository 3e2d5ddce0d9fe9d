// ObservedStore: listeners get the first list as a replace batch, then each change once, in
// order; a relist reaches them as the exact difference; a late subscriber starts from a
// snapshot of the store; duplicates and deletes of unknown objects reach nobody; unsubscribing
// stops deliveries.
#include "cache/observed_store.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "unit/cache/cache_rows.h"

using scaledeck::cache::Delta;
using scaledeck::cache::DeltaListener;
using scaledeck::cache::DeltaType;
using scaledeck::cache::ObservedStore;
using scaledeck::cache::testing::pod;
using scaledeck::kube::objects::PodRow;

namespace {

class Recorder final : public DeltaListener<PodRow> {
public:
    void onDeltas(std::span<const Delta<PodRow>> deltas, bool replace) override {
        std::string line = replace ? "replace:" : "";
        for (const auto& delta : deltas) {
            const char* type = delta.type == DeltaType::Added      ? "+"
                               : delta.type == DeltaType::Modified ? "~"
                                                                   : "-";
            line += type + delta.row->meta.name + "@" + delta.row->meta.resourceVersion + " ";
        }
        calls.push_back(line);
    }
    std::vector<std::string> calls;
};

TEST(ObservedStore, ListenersGetTheFirstListAsReplaceThenEachChange) {
    ObservedStore<PodRow> observed;
    auto recorder = std::make_shared<Recorder>();
    (void)observed.subscribe(recorder);
    EXPECT_TRUE(recorder->calls.empty()) << "nothing to show before the first list";
    EXPECT_FALSE(observed.hasSynced());

    observed.replace({pod("a", "1"), pod("b", "1")});
    EXPECT_TRUE(observed.hasSynced());
    EXPECT_TRUE(observed.apply(DeltaType::Modified, pod("a", "2")));
    EXPECT_FALSE(observed.apply(DeltaType::Modified, pod("a", "2"))) << "duplicate";
    EXPECT_FALSE(observed.apply(DeltaType::Deleted, pod("zz", "3"))) << "unknown";
    EXPECT_TRUE(observed.apply(DeltaType::Added, pod("c", "4")));
    EXPECT_TRUE(observed.apply(DeltaType::Deleted, pod("b", "5")));
    // A relist: a vanished, c changed, d new.
    EXPECT_EQ(observed.replace({pod("c", "6"), pod("d", "6")}), 3u);
    EXPECT_EQ(observed.replace({pod("c", "6"), pod("d", "6")}), 0u) << "nothing changed";

    EXPECT_EQ(recorder->calls, (std::vector<std::string>{"replace:+a@1 +b@1 ", "~a@2 ", "+c@4 ",
                                                         "-b@5 ", "~c@6 +d@6 -a@2 "}));
}

TEST(ObservedStore, AnEmptyFirstListIsStillAReplace) {
    ObservedStore<PodRow> observed;
    auto recorder = std::make_shared<Recorder>();
    (void)observed.subscribe(recorder);
    observed.replace({});
    EXPECT_EQ(recorder->calls, (std::vector<std::string>{"replace:"}));
}

TEST(ObservedStore, ALateSubscriberStartsFromASnapshot) {
    ObservedStore<PodRow> observed;
    observed.replace({pod("a", "1")});
    (void)observed.apply(DeltaType::Added, pod("b", "2"));
    auto late = std::make_shared<Recorder>();
    const auto id = observed.subscribe(late);
    (void)observed.apply(DeltaType::Modified, pod("a", "3"));
    ASSERT_EQ(late->calls.size(), 2u);
    EXPECT_EQ(late->calls[0].rfind("replace:", 0), 0u);
    EXPECT_NE(late->calls[0].find("+a@1"), std::string::npos);
    EXPECT_NE(late->calls[0].find("+b@2"), std::string::npos);
    EXPECT_EQ(late->calls[1], "~a@3 ");

    observed.unsubscribe(id);
    (void)observed.apply(DeltaType::Modified, pod("a", "4"));
    EXPECT_EQ(late->calls.size(), 2u);
    EXPECT_EQ(observed.listenerCount(), 0u);
}

}  // namespace
