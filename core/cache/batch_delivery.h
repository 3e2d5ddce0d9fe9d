// BatchDelivery<Row>: carries an informer's changes to one subscriber on the subscriber's thread
// as DeltaBatches, at most one per `interval` (33 ms: ~30 batches per second, what a table can
// repaint; the first change after a quiet period goes out on the next event-loop turn).
// Between deliveries it coalesces (DeltaCoalescer): each object once per batch with its latest
// state. At most one delivery is queued on the receiver's thread at any time, so a busy GUI
// thread does not accumulate events — it gets fewer, larger batches: a 15,000-pod scale event
// costs the GUI a handful of batches, not 15,000 queued calls.
//
// onDeltas() runs on the informer thread (and once on the subscribing thread for the initial
// snapshot); the handler runs on the receiver's thread, never after cancel() returned there,
// never after the receiver is destroyed.
#pragma once

#include <QObject>
#include <QTimer>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include "cache/delta_coalescer.h"
#include "cache/delta_listener.h"
#include "cache/post_target.h"

namespace scaledeck::cache {

template <class Row>
class BatchDelivery final : public DeltaListener<Row>,
                            public std::enable_shared_from_this<BatchDelivery<Row>> {
    struct Token {};

public:
    using Handler = std::function<void(const DeltaBatch<Row>&)>;
    static constexpr std::chrono::milliseconds kDefaultInterval{33};

    static std::shared_ptr<BatchDelivery> create(QObject* receiver, Handler handler,
                                                 std::chrono::milliseconds interval) {
        return std::make_shared<BatchDelivery>(Token{}, receiver, std::move(handler), interval);
    }
    BatchDelivery(Token, QObject* receiver, Handler handler, std::chrono::milliseconds interval)
        : m_receiver(receiver),
          m_target(PostTarget::create(receiver)),
          m_handler(std::move(handler)),
          m_interval(interval) {}

    void onDeltas(std::span<const Delta<Row>> deltas, bool replace) override {
        std::lock_guard lock(m_mutex);
        if (m_cancelled)
            return;
        if (replace) {
            std::vector<std::shared_ptr<const Row>> rows;
            rows.reserve(deltas.size());
            for (const Delta<Row>& delta : deltas)
                rows.push_back(delta.row);
            m_pending.replace(rows);
        } else {
            for (const Delta<Row>& delta : deltas)
                m_pending.add(delta);
        }
        if (!m_scheduled && !m_pending.empty()) {
            m_scheduled = postDrain();
            if (!m_scheduled) {
                // The receiver is gone: stop collecting for it.
                m_cancelled = true;
                m_pending.clear();
            }
        }
    }

    void cancel() {
        std::lock_guard lock(m_mutex);
        m_cancelled = true;
        m_pending.clear();
        m_target->detach();
    }

    // Receiver thread: how many batches the handler got.
    std::uint64_t batchesDelivered() const { return m_delivered; }

private:
    bool postDrain() {
        std::weak_ptr<BatchDelivery> weak = this->weak_from_this();
        return m_target->post([weak] {
            if (auto self = weak.lock())
                self->drain();
        });
    }

    // Receiver thread.
    void drain() {
        using Clock = std::chrono::steady_clock;
        const Clock::time_point now = Clock::now();
        if (m_lastDelivery && now - *m_lastDelivery < m_interval) {
            const auto wait =
                std::chrono::ceil<std::chrono::milliseconds>(m_interval - (now - *m_lastDelivery));
            std::weak_ptr<BatchDelivery> weak = this->weak_from_this();
            // The receiver is alive: Qt is running this call through it.
            QTimer::singleShot(wait, m_receiver, [weak] {
                if (auto self = weak.lock())
                    self->drain();
            });
            return;
        }
        DeltaBatch<Row> batch;
        {
            std::lock_guard lock(m_mutex);
            if (m_cancelled)
                return;
            batch = m_pending.take();
            m_scheduled = false;
        }
        m_lastDelivery = now;
        if (batch.deltas.empty() && !batch.replace)
            return;
        ++m_delivered;
        m_handler(batch);
    }

    QObject* m_receiver;  // dereferenced only on its thread, in calls Qt runs through it
    std::shared_ptr<PostTarget> m_target;
    Handler m_handler;
    std::chrono::milliseconds m_interval;

    std::mutex m_mutex;
    DeltaCoalescer<Row> m_pending;
    bool m_scheduled = false;
    bool m_cancelled = false;

    std::optional<std::chrono::steady_clock::time_point> m_lastDelivery;  // receiver thread
    std::uint64_t m_delivered = 0;                                        // receiver thread
};

}  // namespace scaledeck::cache
