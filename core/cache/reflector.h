// Reflector: keeps one store in step with one collection of the API server, as client-go's
// reflector does. It lists the collection in pages (ListPager), stores the result, then watches
// from the list's resourceVersion with bookmarks and a timeout drawn between 5 and 10 minutes,
// applying every event; each event or bookmark advances the resourceVersion it resumes from.
// When a watch ends or a request fails, ReconnectPolicy decides what comes next — watch again,
// list again (410 Gone, an unreadable event), or wait on the slow backoff (401, 403, errors a
// retry does not fix) — and the reflector reports each step as a ConnectionState:
//   Connecting → Listing(n) → Live → Reconnecting(in, why) → Live …
//                                  → Reconnecting → Relisting(n) → Live …
//                                  → Unauthorized/Forbidden/Failed(message) → … → Live
// Reconnecting is reported even when the next watch starts at once: between two watches the
// cache does not follow the cluster, and a status bar may say so (or debounce it).
//
// Bytes become rows in the ReflectorSink. The Reflector lives on the informer thread (move it
// there before start()), uses the ApiClient of that thread, and calls its handlers there.
// Destroying it (on that thread; deleteLater() from elsewhere) cancels everything in flight.
#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QTimer>
#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <string>

#include "cache/connection_state.h"
#include "cache/informer_options.h"
#include "cache/list_pager.h"
#include "cache/reconnect_policy.h"
#include "cache/reflector_sink.h"
#include "cache/reflector_stats.h"
#include "kube/api_client.h"
#include "kube/watch_stream.h"

namespace scaledeck::cache {

class Reflector final : public QObject {
    Q_OBJECT

public:
    using StateHandler = std::function<void(const ConnectionState&)>;
    using SyncedHandler = std::function<void()>;

    // `path`: the collection ("/api/v1/pods"); `query`: its selectors. `onState` runs for every
    // change of state, `onSynced` after every completed list (first sync and relists).
    Reflector(std::unique_ptr<ReflectorSink> sink, QString path,
              QList<QPair<QString, QString>> query, InformerOptions options,
              std::shared_ptr<ReflectorStats> stats, StateHandler onState,
              SyncedHandler onSynced = {}, QObject* parent = nullptr);
    ~Reflector() override;

    // Starts listing with `client` (which lives on this thread). Once.
    void start(kube::ApiClient* client);
    // Cancels everything; no handler runs afterwards.
    void stop();

    const ConnectionState& state() const { return m_state; }
    // The resourceVersion the next watch resumes from.
    const std::string& resourceVersion() const { return m_resourceVersion; }

private:
    void list();
    void onListed(base::Result<ListResult> result);
    void watch();
    void onWatchOpened();
    void onWatchEvent(const QByteArray& line);
    void onWatchFinished(const kube::WatchEnd& end);
    void endWatch();
    void retry(const RetryDecision& decision);
    void onRetryTimer();
    void setState(ConnectionState state);
    std::chrono::seconds nextWatchTimeout();

    std::unique_ptr<ReflectorSink> m_sink;
    QString m_path;
    QList<QPair<QString, QString>> m_query;
    InformerOptions m_options;
    std::shared_ptr<ReflectorStats> m_stats;
    StateHandler m_onState;
    SyncedHandler m_onSynced;

    kube::ApiClient* m_client = nullptr;
    ReconnectPolicy m_policy;
    std::mt19937_64 m_random;
    std::unique_ptr<ListPager> m_pager;
    kube::WatchStream* m_watch = nullptr;  // a child; a fresh one per watch
    QElapsedTimer m_watchClock;
    std::int64_t m_watchEvents = 0;
    QTimer m_retryTimer;

    ConnectionState m_state;
    std::string m_resourceVersion;
    std::size_t m_listedItems = 0;
    bool m_synced = false;      // a list completed at least once
    bool m_mustRelist = false;  // the history is lost: the next attempt lists
    bool m_running = false;
};

}  // namespace scaledeck::cache
