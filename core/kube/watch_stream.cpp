#include "kube/watch_stream.h"

#include <QJsonDocument>
#include <QJsonObject>

#include "kube/api_error.h"

namespace scaledeck::kube {

namespace {

// Without timeoutSeconds a healthy watch still ends within the API server's own limit
// (--min-request-timeout, 30 min at most); 10 min of silence is a dead connection.
constexpr std::chrono::milliseconds kIdleWithoutTimeout{10 * 60 * 1000};
// The server closes at timeoutSeconds; give it this much longer before calling it dead.
constexpr std::chrono::seconds kIdleGrace{30};

bool isBlank(const QByteArray& line) {
    for (char c : line) {
        if (c != ' ' && c != '\t' && c != '\r')
            return false;
    }
    return true;
}

// Real servers write "type" first; looking at the start keeps the common path parse-free.
bool mayBeErrorEvent(const QByteArray& line) {
    return line.left(64).contains("\"ERROR\"");
}

}  // namespace

const char* toString(WatchEnd::Reason reason) {
    switch (reason) {
        case WatchEnd::Reason::ServerClosed:
            return "ServerClosed";
        case WatchEnd::Reason::HttpError:
            return "HttpError";
        case WatchEnd::Reason::ErrorEvent:
            return "ErrorEvent";
        case WatchEnd::Reason::Interrupted:
            return "Interrupted";
        case WatchEnd::Reason::Cancelled:
            return "Cancelled";
    }
    return "Interrupted";
}

WatchStream::WatchStream(ApiClient* client, QString path, WatchOptions options, QObject* parent)
    : QObject(parent), m_client(client), m_path(std::move(path)), m_options(std::move(options)) {
    qRegisterMetaType<scaledeck::kube::WatchEnd>();
    if (m_options.idleTimeout.count() <= 0) {
        m_options.idleTimeout = m_options.timeout.count() > 0
                                    ? std::chrono::duration_cast<std::chrono::milliseconds>(
                                          m_options.timeout + kIdleGrace)
                                    : kIdleWithoutTimeout;
    }
    m_idle.setSingleShot(true);
    m_idle.setInterval(m_options.idleTimeout);
    connect(&m_idle, &QTimer::timeout, this, &WatchStream::onIdle);
    if (client) {
        connect(client, &QObject::destroyed, this, [this] {
            if (m_running) {
                m_request = {};
                end(WatchEnd::Reason::Cancelled, {});
            }
        });
    }
}

WatchStream::~WatchStream() {
    m_running = false;
    m_request.cancel();
}

bool WatchStream::start(const QString& resourceVersion) {
    if (m_running || !m_client)
        return false;
    m_running = true;
    ++m_session;
    m_buffer.clear();
    m_scanned = 0;
    m_events = 0;

    RequestOptions request;
    request.query.append({QStringLiteral("watch"), QStringLiteral("1")});
    if (!resourceVersion.isEmpty())
        request.query.append({QStringLiteral("resourceVersion"), resourceVersion});
    if (m_options.timeout.count() > 0) {
        request.query.append(
            {QStringLiteral("timeoutSeconds"), QString::number(m_options.timeout.count())});
    }
    if (m_options.allowBookmarks)
        request.query.append({QStringLiteral("allowWatchBookmarks"), QStringLiteral("true")});
    request.query.append(m_options.query);

    ApiClient::StreamCallbacks callbacks;
    callbacks.opened = [this] {
        m_idle.start();
        Q_EMIT opened();
    };
    callbacks.data = [this](const QByteArray& chunk) { onData(chunk); };
    callbacks.finished = [this](const ApiClient::StreamEnd& streamEnd) {
        onStreamEnded(streamEnd);
    };
    m_idle.start();
    m_request = m_client->openStream(m_path, std::move(callbacks), std::move(request));
    return true;
}

void WatchStream::stop() {
    if (!m_running)
        return;
    m_request.cancel();
    end(WatchEnd::Reason::Cancelled, {});
}

void WatchStream::onData(const QByteArray& chunk) {
    if (!m_running)
        return;
    m_idle.start();
    m_buffer.append(chunk);
    if (!drainLines())
        return;
    if (m_buffer.size() > m_options.maxEventBytes) {
        m_request.cancel();
        end(WatchEnd::Reason::Interrupted,
            ApiError::responseTooLarge(QStringLiteral("one event of the watch of %1").arg(m_path),
                                       m_options.maxEventBytes));
    }
}

bool WatchStream::drainLines() {
    qsizetype from = 0;
    qsizetype newline = m_buffer.indexOf('\n', m_scanned);
    while (newline >= 0) {
        // "\r\n" from a server or proxy that writes text lines.
        const qsizetype end =
            newline > from && m_buffer.at(newline - 1) == '\r' ? newline - 1 : newline;
        const QByteArray line = m_buffer.mid(from, end - from);
        from = newline + 1;
        if (!deliver(line))
            return false;  // ended, or destroyed by a receiver
        newline = m_buffer.indexOf('\n', from);
    }
    // One copy per chunk, not per line.
    if (from > 0)
        m_buffer.remove(0, from);
    m_scanned = m_buffer.size();
    return true;
}

bool WatchStream::deliver(const QByteArray& line) {
    if (isBlank(line))
        return true;
    if (line.size() > m_options.maxEventBytes) {
        m_request.cancel();
        end(WatchEnd::Reason::Interrupted,
            ApiError::responseTooLarge(QStringLiteral("one event of the watch of %1").arg(m_path),
                                       m_options.maxEventBytes));
        return false;
    }
    if (mayBeErrorEvent(line)) {
        const QJsonObject event = QJsonDocument::fromJson(line).object();
        if (event.value(QLatin1String("type")).toString() == QLatin1String("ERROR")) {
            const QJsonObject status = event.value(QLatin1String("object")).toObject();
            const int code = status.value(QLatin1String("code")).toInt(500);
            m_request.cancel();
            end(WatchEnd::Reason::ErrorEvent,
                ApiError::fromResponse(code, QJsonDocument(status).toJson(QJsonDocument::Compact)));
            return false;
        }
    }
    ++m_events;
    QPointer<WatchStream> self(this);
    const std::uint64_t session = m_session;
    Q_EMIT eventReceived(line);
    // A receiver may stop, restart or delete the stream; the rest of this buffer is then stale.
    return self && m_running && m_session == session;
}

void WatchStream::onStreamEnded(const ApiClient::StreamEnd& streamEnd) {
    if (!m_running)
        return;
    m_request = {};
    if (!streamEnd.opened) {
        // Refused (an HTTP status) or never connected (refused, TLS, proxy).
        const bool httpAnswer = !streamEnd.status.ok() && streamEnd.status.error().httpStatus > 0;
        end(httpAnswer ? WatchEnd::Reason::HttpError : WatchEnd::Reason::Interrupted,
            streamEnd.status, streamEnd.retryAfter);
        return;
    }
    if (!streamEnd.status.ok()) {
        // A half-written last line is a truncated event: dropped, never delivered.
        end(WatchEnd::Reason::Interrupted, streamEnd.status);
        return;
    }
    if (!drainLines())
        return;
    // A server may end its last event without a newline.
    if (!m_buffer.isEmpty()) {
        const QByteArray last = m_buffer;
        m_buffer.clear();
        m_scanned = 0;
        if (!deliver(last))
            return;
    }
    end(WatchEnd::Reason::ServerClosed, {});
}

void WatchStream::onIdle() {
    if (!m_running)
        return;
    m_request.cancel();
    const auto seconds =
        std::chrono::duration_cast<std::chrono::seconds>(m_options.idleTimeout).count();
    end(WatchEnd::Reason::Interrupted,
        base::Error{
            base::ErrorKind::Timeout,
            QStringLiteral("the watch of %1 on %2 received nothing for %3 s; the "
                           "connection is presumed dead")
                .arg(m_path, m_client ? m_client->server() : QString(), QString::number(seconds))
                .toStdString(),
            0, true});
}

void WatchStream::end(WatchEnd::Reason reason, base::Status status,
                      std::optional<std::chrono::seconds> retryAfter) {
    if (!m_running)
        return;
    m_running = false;
    m_idle.stop();
    m_buffer.clear();
    m_scanned = 0;
    WatchEnd watchEnd;
    watchEnd.reason = reason;
    watchEnd.status = std::move(status);
    watchEnd.retryAfter = retryAfter;
    watchEnd.events = m_events;
    Q_EMIT finished(watchEnd);
}

}  // namespace scaledeck::kube
