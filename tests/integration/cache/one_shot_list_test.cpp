// The one-shot list of the CLI (listOnce / listIntoStore) and its ListPager against the
// simulator: a list of more than 500 pods in pages into an indexed store, equal to the
// server's; an expired continue token (the simulator keeps a tiny watch history, and the
// cluster moves between two pages) restarts the list; a rejected token is a plain error.
#include "cache/one_shot_list.h"

#include <gtest/gtest.h>

#include "integration/cache/cache_sim_fixture.h"

namespace scaledeck::cache::testing {
namespace {

using kube::objects::PodRow;

class OneShotListTest : public CacheSimFixture {};

TEST_F(OneShotListTest, ListsEverythingInPagesIntoAnIndexedStore) {
    startSim(1100, 10);
    auto listed = listOnce<PodRow>(*m_control, InformerScope::allNamespaces());
    ASSERT_TRUE(listed.ok()) << listed.error().message;
    const Versions server = serverVersions(QStringLiteral("/api/v1/pods"));
    expectSameObjects(storeVersions(*listed->store), server);
    EXPECT_EQ(listed->list.pages, static_cast<int>((server.size() + 499) / 500));
    EXPECT_EQ(listed->list.items, server.size());
    EXPECT_EQ(listed->list.restarts, 0);
    EXPECT_FALSE(listed->list.resourceVersion.empty());
    EXPECT_EQ(listed->store->byNamespace("greenlang").size(),
              serverVersions(QStringLiteral("/api/v1/namespaces/greenlang/pods")).size());
}

TEST_F(OneShotListTest, ASelectorNarrowsTheList) {
    startSim(600, 6);
    auto listed = listOnce<PodRow>(*m_control, InformerScope{"", "tier=backend", ""});
    ASSERT_TRUE(listed.ok()) << listed.error().message;
    EXPECT_EQ(storeVersions(*listed->store),
              serverVersions(QStringLiteral("/api/v1/pods?labelSelector=tier%3Dbackend")));
    EXPECT_EQ(listed->store->byLabel("tier", "frontend").size(), 0u);
    EXPECT_EQ(listed->store->byLabel("tier", "backend").size(), listed->store->size());
}

TEST_F(OneShotListTest, AnExpiredContinueTokenRestartsTheList) {
    // A history of 2 events: any change between two pages compacts the first page's snapshot.
    startSim(1100, 10, {}, 2);
    auto rows = std::make_shared<std::vector<std::shared_ptr<const PodRow>>>();
    ListPager pager(m_control.get(), QStringLiteral("/api/v1/pods"));
    int pages = 0;
    int restarts = 0;
    std::optional<base::Result<ListResult>> done;
    pager.start(
        [&](const QByteArray& body) -> base::Result<ListPageInfo> {
            auto page = kube::objects::decodeList<PodRow>(
                kube::objects::JsonBytes(body.constData(), static_cast<std::size_t>(body.size()),
                                         static_cast<std::size_t>(body.capacity())));
            if (!page.ok())
                return page.error();
            if (++pages == 1) {
                // The cluster moves on while the client holds a continue token.
                for (int i = 0; i < 3; ++i) {
                    const QString path = QStringLiteral(
                        "/api/v1/namespaces/greenlang/configmaps/gl-006-heatreclaim-config");
                    const QByteArray patch =
                        QStringLiteral(R"({"metadata":{"labels":{"round":"%1"}}})").arg(i).toUtf8();
                    auto patched = call("PATCH", path, patch);
                    EXPECT_TRUE(patched.ok()) << patched.error().message;
                }
            }
            for (auto& row : page->items)
                rows->push_back(std::make_shared<const PodRow>(std::move(row)));
            return ListPageInfo{page->resourceVersion, page->continueToken, page->items.size(),
                                page->remainingItemCount};
        },
        [&] {
            ++restarts;
            rows->clear();
        },
        [&](base::Result<ListResult> result) { done.emplace(std::move(result)); });
    ASSERT_TRUE(QTest::qWaitFor([&] { return done.has_value(); }, 60000));
    ASSERT_TRUE(done->ok()) << done->error().message;
    EXPECT_EQ(restarts, 1);
    EXPECT_EQ((*done)->restarts, 1);
    const Versions server = serverVersions(QStringLiteral("/api/v1/pods"));
    EXPECT_EQ(rows->size(), server.size()) << "only the restarted list's items are kept";
    EXPECT_EQ((*done)->items, server.size());
}

TEST_F(OneShotListTest, ARejectedTokenIsAnError) {
    startSim();
    kube::ResolvedContext rejected = m_admin;
    rejected.credentials = std::make_shared<kube::StaticCredentialSource>(
        kube::Credentials{"not-a-token", {}, {}, {}});
    kube::ApiClient client(rejected);
    auto listed = listOnce<PodRow>(client);
    ASSERT_FALSE(listed.ok());
    EXPECT_EQ(listed.error().kind, base::ErrorKind::Unauthorized);
}

}  // namespace
}  // namespace scaledeck::cache::testing
