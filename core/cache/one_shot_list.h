// One-shot list: every object of a kind and scope, listed in pages into an indexed Store, with
// no watch — what `scaledeck-cli get pods -A` needs, through the same client, pager and
// decoder as the informers (so expired continue tokens restart the list, 429 and 5xx are
// retried, nothing builds a DOM).
//
//   listIntoStore<Row>(client, scope, done): asynchronous, on the client's thread; `done` runs
//     once unless the returned pager is destroyed or cancelled first.
//   listOnce<Row>(client, scope): the same, blocking in a local event loop — for command-line
//     tools only; never on a GUI thread (use an Informer there).
// Decoding runs on the client's thread, in pages, with that thread's ObjectDecoder.
#pragma once

#include <QEventLoop>
#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "base/result.h"
#include "cache/informer_scope.h"
#include "cache/list_pager.h"
#include "cache/resource_traits.h"
#include "cache/store.h"
#include "kube/api_client.h"
#include "kube/objects/object_decoder.h"

namespace scaledeck::cache {

template <class Row>
struct ListedStore {
    std::shared_ptr<Store<Row>> store;
    ListResult list;  // resourceVersion, pages, restarts
};

template <class Row>
[[nodiscard]] std::unique_ptr<ListPager> listIntoStore(
    kube::ApiClient& client, const InformerScope& scope,
    std::function<void(base::Result<ListedStore<Row>>)> done, ListPagerOptions options = {}) {
    const std::string path =
        collectionPath<Row>(ResourceTraits<Row>::namespaced ? scope.namespaceName : std::string());
    auto pager = std::make_unique<ListPager>(&client, QString::fromStdString(path), scope.query(),
                                             std::move(options));
    auto rows = std::make_shared<std::vector<std::shared_ptr<const Row>>>();
    pager->start(
        [rows](const QByteArray& body) -> base::Result<ListPageInfo> {
            auto page = kube::objects::decodeList<Row>(
                kube::objects::JsonBytes(body.constData(), static_cast<std::size_t>(body.size()),
                                         static_cast<std::size_t>(body.capacity())));
            if (!page.ok())
                return page.error();
            ListPageInfo info{std::move(page->resourceVersion), std::move(page->continueToken),
                              page->items.size(), page->remainingItemCount};
            for (Row& row : page->items)
                rows->push_back(std::make_shared<const Row>(std::move(row)));
            return info;
        },
        [rows] { rows->clear(); },
        [rows, done = std::move(done)](base::Result<ListResult> result) {
            if (!result.ok()) {
                done(result.error());
                return;
            }
            ListedStore<Row> listed{std::make_shared<Store<Row>>(), std::move(result).value()};
            (void)listed.store->replace(std::move(*rows));
            done(std::move(listed));
        });
    return pager;
}

template <class Row>
base::Result<ListedStore<Row>> listOnce(kube::ApiClient& client, const InformerScope& scope = {},
                                        ListPagerOptions options = {}) {
    std::optional<base::Result<ListedStore<Row>>> answer;
    QEventLoop loop;
    auto pager = listIntoStore<Row>(
        client, scope,
        [&](base::Result<ListedStore<Row>> result) {
            answer.emplace(std::move(result));
            loop.quit();
        },
        std::move(options));
    if (!answer)
        loop.exec();
    return std::move(*answer);
}

}  // namespace scaledeck::cache
