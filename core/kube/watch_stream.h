// WatchStream: one Kubernetes watch connection — a long-lived GET with watch=1 — cut into its
// newline-delimited JSON events. Each complete event is emitted as it arrives, as raw bytes
// (one JSON object, no newline) for the caller's fast decoder; half-written frames are kept
// across reads, and a final line without a newline is delivered when the server ends the
// response cleanly (never after a dropped connection, where it would be truncated).
//
// How it ends is reported exactly once per start() in `finished`, with a reason and a
// base::Status:
//   ServerClosed  the server ended the response (timeoutSeconds elapsed, or it closed all
//                 watches); status ok — watch again from the last resourceVersion.
//   HttpError     the server refused before streaming: 410 Gone (relist), 401/403, 429 with
//                 WatchEnd::retryAfter (back off, do not relist), 5xx.
//   ErrorEvent    the stream carried {"type":"ERROR"} with a Status; its code gives the kind
//                 (410 → Gone: relist). ERROR events are never emitted as events.
//   Interrupted   the connection failed or dropped (Network), no byte arrived for the idle
//                 timeout (Timeout), or one event outgrew maxEventBytes (Unsupported).
//   Cancelled     stop() was called (emitted inside stop()) or the ApiClient was destroyed;
//                 status ok.
// Destroying the WatchStream emits nothing.
//
// The request has no transfer timeout: a watch may legitimately be silent for minutes. The
// server is asked to end it after `timeout` (timeoutSeconds), and the stream gives up on its
// own when nothing at all arrived for `idleTimeout`. It does not reconnect: the informer owns
// that policy (backoff, relist on Gone). Belongs to the ApiClient's thread; `client` must live
// on the same thread.
#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <chrono>
#include <cstdint>
#include <optional>

#include "base/result.h"
#include "kube/api_client.h"

namespace scaledeck::kube {

struct WatchOptions {
    // Sent as timeoutSeconds; 0 sends none. client-go picks 5–10 min at random per watch so
    // that a cluster's watches do not all reconnect at once; the informer can do the same.
    std::chrono::seconds timeout{300};
    // allowWatchBookmarks=true: the server reports progress (BOOKMARK events) so a reconnect
    // resumes from a recent version instead of relisting.
    bool allowBookmarks = true;
    // Gives up after this long without a single byte; 0: timeout + 30 s (10 min without a
    // timeout), since a healthy server ends the watch itself by then.
    std::chrono::milliseconds idleTimeout{0};
    // One event larger than this ends the stream (Interrupted, Unsupported): a single object
    // is at most ~1.5 MiB in etcd, so this only stops a broken or hostile stream.
    qint64 maxEventBytes = 16LL * 1024 * 1024;
    // More query items (labelSelector, fieldSelector), if the path does not carry them.
    QList<QPair<QString, QString>> query;
};

struct WatchEnd {
    enum class Reason { ServerClosed, HttpError, ErrorEvent, Interrupted, Cancelled };
    Reason reason = Reason::ServerClosed;
    base::Status status;                             // ok for ServerClosed and Cancelled
    std::optional<std::chrono::seconds> retryAfter;  // a 429/503's Retry-After
    qint64 events = 0;                               // events emitted by this start()
};

const char* toString(WatchEnd::Reason reason);

class WatchStream final : public QObject {
    Q_OBJECT

public:
    // `path` names a collection: "/apis/apps/v1/namespaces/greenlang/deployments".
    WatchStream(ApiClient* client, QString path, WatchOptions options = {},
                QObject* parent = nullptr);
    ~WatchStream() override;

    // Opens the watch after `resourceVersion` (the list's metadata.resourceVersion, or the
    // last event's); empty starts from now with a synthetic ADDED per existing object. False
    // if already running or the client is gone. May be called again after `finished`.
    bool start(const QString& resourceVersion = {});
    // Ends the watch; emits finished(Cancelled) before returning if it was running.
    void stop();
    bool isRunning() const { return m_running; }
    QString path() const { return m_path; }

Q_SIGNALS:
    // The server accepted the watch (HTTP 200); events follow.
    void opened();
    // One watch event: {"type":"ADDED|MODIFIED|DELETED|BOOKMARK","object":{…}}.
    void eventReceived(const QByteArray& event);
    void finished(const scaledeck::kube::WatchEnd& end);

private:
    void onData(const QByteArray& chunk);
    void onStreamEnded(const ApiClient::StreamEnd& end);
    void onIdle();
    // Emits the complete lines in the buffer; false if the stream ended meanwhile.
    bool drainLines();
    // Emits one line (or ends the stream on an ERROR event); false if the stream ended.
    bool deliver(const QByteArray& line);
    void end(WatchEnd::Reason reason, base::Status status,
             std::optional<std::chrono::seconds> retryAfter = std::nullopt);

    QPointer<ApiClient> m_client;
    QString m_path;
    WatchOptions m_options;
    RequestHandle m_request;
    QTimer m_idle;
    QByteArray m_buffer;
    qsizetype m_scanned = 0;  // bytes of m_buffer already searched for a newline
    qint64 m_events = 0;
    std::uint64_t m_session = 0;  // bumped by start(), so stale work can tell
    bool m_running = false;
};

}  // namespace scaledeck::kube

Q_DECLARE_METATYPE(scaledeck::kube::WatchEnd)
