// ApiError: how answers and failures of the Kubernetes API become base::Error values. A `Status`
// body becomes the server's own message with an ErrorKind from the HTTP status; a body that is
// not a Status (a proxy's page, "404 page not found") is shown as a short single line; no answer
// at all is Network or Timeout. `retriable` says whether the same request may succeed if sent
// again unchanged (5xx, 429, a dropped connection) — except a failed TLS verification or a
// precondition the caller pinned, which only a change of configuration or of plan can fix.
// Messages never contain credentials: nothing here sees them. Pure functions; any thread.
#pragma once

#include <QByteArray>
#include <QNetworkReply>
#include <QString>
#include <QStringList>
#include <chrono>
#include <optional>

#include "base/result.h"

namespace scaledeck::kube {

class ApiError {
public:
    // What is known about a request that got no HTTP answer.
    struct Transport {
        QNetworkReply::NetworkError code = QNetworkReply::UnknownNetworkError;
        QString server;         // https://host:port, as the kubeconfig names it
        QString host;           // the host that was looked up
        QString detail;         // Qt's description of the failure
        QStringList sslErrors;  // certificate problems reported before the handshake failed
        std::chrono::milliseconds timeout{0};  // the stall limit, for Timeout messages
        QString proxy;  // the proxy-url without user info, when the request went through one
    };

    // Turns an HTTP error answer (status >= 300) into an Error.
    static base::Error fromResponse(int httpStatus, const QByteArray& body);
    // Turns a failed transfer (no HTTP status) into an Error.
    static base::Error fromTransport(const Transport& failure);
    // The delay a 429 or 503 asks for: the Retry-After header (delta-seconds), else the Status
    // body's details.retryAfterSeconds. Empty when neither says anything usable.
    static std::optional<std::chrono::seconds> retryAfter(const QByteArray& header,
                                                          const QByteArray& body);
    // A 409 about a precondition (UID or resourceVersion in DeleteOptions/preconditions), as
    // opposed to a plain optimistic-concurrency clash that a re-read resolves.
    static bool isPreconditionFailure(int httpStatus, const QByteArray& body);
    // True when the request certainly never reached the API server (nothing was sent), so even
    // a non-idempotent request may be sent again.
    static bool neverReachedServer(QNetworkReply::NetworkError code);
    // The answer outgrew the caller's limit; says what to do instead.
    static base::Error responseTooLarge(const QString& what, qint64 limitBytes);
    // "256 MiB", "16 KiB", "512 bytes".
    static QString formatBytes(qint64 bytes);
};

}  // namespace scaledeck::kube
