// ConnectionState and ConnectionSummary: the one-line descriptions a status bar shows, and how
// the states of a session's informers fold into one (the most severe wins, retries and items
// combine within that phase, the oldest sync is reported). Also the collection paths and
// scope keys informers are built from.
#include "cache/connection_state.h"

#include <gtest/gtest.h>

#include <vector>

#include "cache/informer_scope.h"
#include "cache/resource_traits.h"

using scaledeck::cache::collectionPath;
using scaledeck::cache::ConnectionState;
using scaledeck::cache::InformerScope;
using scaledeck::cache::summarize;
using std::chrono::milliseconds;
using Phase = ConnectionState::Phase;
namespace objects = scaledeck::kube::objects;

namespace {

TEST(ConnectionState, DescribesEachPhaseInOneLine) {
    EXPECT_EQ(ConnectionState::connecting().describe(), "Connecting");
    EXPECT_EQ(ConnectionState::live().describe(), "Live");
    EXPECT_EQ(ConnectionState::listing(1500, 10000, false).describe(), "Listing: 1500 of ~10000");
    EXPECT_EQ(ConnectionState::listing(20, std::nullopt, true).describe(), "Relisting: 20");
    EXPECT_EQ(ConnectionState::waiting(Phase::Reconnecting, milliseconds{3200}, "connection lost")
                  .describe(),
              "Reconnecting in 4 s: connection lost");
    EXPECT_EQ(ConnectionState::waiting(Phase::Reconnecting, milliseconds{0},
                                       "the server closed the watch")
                  .describe(),
              "Reconnecting: the server closed the watch");
    EXPECT_EQ(ConnectionState::waiting(Phase::Forbidden, milliseconds{30000},
                                       "pods is forbidden (HTTP 403)")
                  .describe(),
              "Forbidden: pods is forbidden (HTTP 403) (retrying in 30 s)");
    EXPECT_TRUE(ConnectionState::waiting(Phase::Unauthorized, {}, "x").needsAttention());
    EXPECT_FALSE(ConnectionState::waiting(Phase::Reconnecting, {}, "x").needsAttention());
}

TEST(ConnectionSummary, TheMostSevereStateWins) {
    using Clock = ConnectionState::WallClock;
    const Clock::time_point t0{std::chrono::seconds{1000}};
    auto live = ConnectionState::live();
    live.lastSync = t0 + std::chrono::seconds{5};
    auto reconnectingSoon = ConnectionState::waiting(Phase::Reconnecting, milliseconds{800}, "a");
    reconnectingSoon.lastSync = t0;
    auto reconnectingLater = ConnectionState::waiting(Phase::Reconnecting, milliseconds{5000}, "b");
    const std::vector<ConnectionState> states{live, reconnectingLater, reconnectingSoon,
                                              ConnectionState::listing(10, 20, false)};
    const auto summary = summarize(states);
    EXPECT_EQ(summary.informers, 4);
    EXPECT_EQ(summary.live, 1);
    EXPECT_EQ(summary.overall.phase, Phase::Reconnecting);
    EXPECT_EQ(summary.overall.retryIn, milliseconds{800});
    ASSERT_TRUE(summary.overall.lastSync);
    EXPECT_EQ(*summary.overall.lastSync, t0) << "the stalest synced view";

    const std::vector<ConnectionState> withForbidden{
        live, ConnectionState::waiting(Phase::Forbidden, milliseconds{30000}, "no")};
    EXPECT_EQ(summarize(withForbidden).overall.phase, Phase::Forbidden);
    EXPECT_EQ(summarize(withForbidden).overall.reason, "no");
}

TEST(ConnectionSummary, ListingProgressAddsUp) {
    const std::vector<ConnectionState> states{ConnectionState::listing(500, 10000, false),
                                              ConnectionState::listing(100, 500, false),
                                              ConnectionState::live()};
    const auto summary = summarize(states);
    EXPECT_EQ(summary.overall.phase, Phase::Listing);
    EXPECT_EQ(summary.overall.itemsListed, 600u);
    EXPECT_EQ(summary.overall.itemsExpected, 10500u);
    EXPECT_EQ(summarize({}).informers, 0);
}

TEST(ResourceTraits, CollectionPaths) {
    EXPECT_EQ(collectionPath<objects::PodRow>(""), "/api/v1/pods");
    EXPECT_EQ(collectionPath<objects::PodRow>("greenlang"), "/api/v1/namespaces/greenlang/pods");
    EXPECT_EQ(collectionPath<objects::NodeRow>("greenlang"), "/api/v1/nodes");
    EXPECT_EQ(collectionPath<objects::DeploymentRow>("greenlang"),
              "/apis/apps/v1/namespaces/greenlang/deployments");
    EXPECT_EQ(collectionPath<objects::HpaRow>(""), "/apis/autoscaling/v2/horizontalpodautoscalers");
    EXPECT_EQ(collectionPath<objects::PdbRow>("x"),
              "/apis/policy/v1/namespaces/x/poddisruptionbudgets");
}

TEST(InformerScope, KeysAndQueries) {
    InformerScope all;
    InformerScope labelled{"", "app=web", ""};
    EXPECT_NE(all.key(), labelled.key());
    EXPECT_EQ(labelled, (InformerScope{"", "app=web", ""}));
    EXPECT_TRUE(all.query().isEmpty());
    ASSERT_EQ(labelled.query().size(), 1);
    EXPECT_EQ(labelled.query()[0].first, QStringLiteral("labelSelector"));
}

}  // namespace
