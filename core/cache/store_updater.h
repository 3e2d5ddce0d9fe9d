// StoreUpdater<Row>: the ReflectorSink that decodes with simdjson On-Demand (the ObjectDecoder
// of the calling thread: one parser per thread, reused; no DOM of a list is ever built) and
// writes rows to an ObservedStore. Listed items are wrapped in shared rows as their page is
// decoded and handed to the store in one replace() when the list completes, so a relist costs
// the rows of the new list and nothing else; bytes are never kept. Watch lines become one
// apply() each: ADDED and MODIFIED store the row, DELETED removes it, BOOKMARK only reports its
// resourceVersion. Informer thread only.
#pragma once

#include <memory>
#include <utility>
#include <vector>

#include "cache/observed_store.h"
#include "cache/reflector_sink.h"
#include "kube/api_client.h"
#include "kube/objects/object_decoder.h"

namespace scaledeck::cache {

template <class Row>
class StoreUpdater final : public ReflectorSink {
public:
    explicit StoreUpdater(std::shared_ptr<ObservedStore<Row>> store) : m_store(std::move(store)) {}

    base::Result<ListPageInfo> addListPage(const QByteArray& body) override {
        // ApiClient::get leaves kReadPadding bytes of capacity past the body: parsed in place.
        auto page = kube::objects::decodeList<Row>(
            kube::objects::JsonBytes(body.constData(), static_cast<std::size_t>(body.size()),
                                     static_cast<std::size_t>(body.capacity())));
        if (!page.ok())
            return page.error();
        ListPageInfo info;
        info.items = page->items.size();
        info.resourceVersion = std::move(page->resourceVersion);
        info.continueToken = std::move(page->continueToken);
        info.remainingItemCount = page->remainingItemCount;
        m_listed.reserve(m_listed.size() + page->items.size());
        for (Row& row : page->items)
            m_listed.push_back(std::make_shared<const Row>(std::move(row)));
        return info;
    }

    void discardList() override { m_listed = {}; }

    void commitList() override {
        std::vector<std::shared_ptr<const Row>> listed;
        std::swap(listed, m_listed);
        m_store->replace(std::move(listed));
    }

    base::Result<AppliedEvent> applyWatchLine(const QByteArray& line) override {
        using kube::objects::WatchEventType;
        auto event = kube::objects::decodeWatchEvent<Row>(
            kube::objects::JsonBytes(line.constData(), static_cast<std::size_t>(line.size()),
                                     static_cast<std::size_t>(line.capacity())));
        if (!event.ok())
            return event.error();
        AppliedEvent applied;
        applied.type = event->type;
        applied.resourceVersion = std::move(event->resourceVersion);
        switch (event->type) {
            case WatchEventType::Added:
                applied.changed = m_store->apply(
                    DeltaType::Added, std::make_shared<const Row>(std::move(event->object)));
                break;
            case WatchEventType::Modified:
                applied.changed = m_store->apply(
                    DeltaType::Modified, std::make_shared<const Row>(std::move(event->object)));
                break;
            case WatchEventType::Deleted:
                applied.changed = m_store->apply(
                    DeltaType::Deleted, std::make_shared<const Row>(std::move(event->object)));
                break;
            case WatchEventType::Bookmark:
                break;
            case WatchEventType::Error:
                applied.serverError = event->status.toError();
                applied.resourceVersion.clear();
                break;
        }
        return applied;
    }

    ObservedStore<Row>& store() { return *m_store; }

private:
    std::shared_ptr<ObservedStore<Row>> m_store;
    std::vector<std::shared_ptr<const Row>> m_listed;
};

}  // namespace scaledeck::cache
