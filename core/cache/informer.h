// Informer<Row>: one kind of object in one scope, kept in an indexed Store of compact rows by a
// list+watch Reflector on the informer thread, and handed to any number of subscribers as
// coalesced DeltaBatches on their own threads (BatchDelivery: at most ~30 batches per second
// each, every object once per batch with its latest state). Views normally get informers from
// an InformerFactory, which shares one per (kind, scope).
//
//   auto pods = factory.informer<PodRow>(InformerScope::inNamespace("greenlang"));
//   m_subscription = pods->subscribe(this, [this](const DeltaBatch<PodRow>& batch) {
//       batch.replace ? resetRows(batch.deltas) : applyDeltas(batch.deltas);
//   });
//   connect(pods.get(), &InformerBase::stateChanged, this, &PodModel::showState);
//
// What a subscriber receives: if the informer has synced, first the whole store as a replace
// batch; otherwise the first list as a replace batch. Then the changes. A relist (after 410
// Gone or an error) arrives as the exact difference (Deleted for what vanished meanwhile), never
// as a second replace. The store can be read at any time from any thread (store()).
//
// Lives on its creator's thread (event loop required); see InformerBase for start/stop.
#pragma once

#include <QObject>
#include <chrono>
#include <functional>
#include <memory>
#include <string_view>
#include <utility>

#include "cache/batch_delivery.h"
#include "cache/informer_base.h"
#include "cache/observed_store.h"
#include "cache/resource_traits.h"
#include "cache/store_updater.h"
#include "cache/subscription.h"

namespace scaledeck::cache {

template <class Row>
class Informer final : public InformerBase {
public:
    using RowPtr = std::shared_ptr<const Row>;
    using Handler = std::function<void(const DeltaBatch<Row>&)>;

    Informer(std::shared_ptr<InformerThread> thread, InformerScope scope = {},
             InformerOptions options = {}, QObject* parent = nullptr)
        : InformerBase(std::move(thread), scope,
                       collectionPath<Row>(ResourceTraits<Row>::namespaced ? scope.namespaceName
                                                                           : std::string()),
                       std::move(options), parent),
          m_observed(std::make_shared<ObservedStore<Row>>()) {}
    ~Informer() override { stop(); }

    std::string_view kind() const override { return ResourceTraits<Row>::kind; }
    bool hasSynced() const override { return m_observed->hasSynced(); }

    // Thread-safe reads of the current rows and indexes.
    const Store<Row>& store() const { return m_observed->store(); }

    // Batches for `handler`, run on `receiver`'s thread while both the receiver and the
    // returned Subscription live. Call it on the receiver's thread.
    [[nodiscard]] Subscription subscribe(
        QObject* receiver, Handler handler,
        std::chrono::milliseconds interval = BatchDelivery<Row>::kDefaultInterval) {
        auto delivery = BatchDelivery<Row>::create(receiver, std::move(handler), interval);
        return attach(delivery, [delivery] { delivery->cancel(); });
    }

    // Every change as it is made, on the informer thread (see DeltaListener): for tests,
    // diagnostics and consumers with their own threading.
    [[nodiscard]] Subscription subscribe(std::shared_ptr<DeltaListener<Row>> listener) {
        return attach(std::move(listener), {});
    }

protected:
    std::unique_ptr<ReflectorSink> createSink() override {
        return std::make_unique<StoreUpdater<Row>>(m_observed);
    }

private:
    Subscription attach(std::shared_ptr<DeltaListener<Row>> listener,
                        std::function<void()> onCancel) {
        const std::uint64_t id = m_observed->subscribe(std::move(listener));
        std::weak_ptr<ObservedStore<Row>> observed = m_observed;
        return Subscription([observed, id, onCancel = std::move(onCancel)] {
            if (onCancel)
                onCancel();
            if (auto store = observed.lock())
                store->unsubscribe(id);
        });
    }

    std::shared_ptr<ObservedStore<Row>> m_observed;
};

}  // namespace scaledeck::cache
