#include "kube/api_error.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace scaledeck::kube {

namespace {

base::Error makeError(base::ErrorKind kind, const QString& message, int httpStatus,
                      bool retriable) {
    return base::Error{kind, message.toStdString(), httpStatus, retriable};
}

// Server answers that are not a Status (a proxy's page, "404 page not found") are shown only
// as a short single line: enough to recognise, never a wall of HTML.
QString shortSnippet(const QByteArray& body) {
    QString text = QString::fromUtf8(body.left(400)).simplified();
    if (text.size() > 160)
        text = text.left(160) + QStringLiteral("…");
    return text;
}

std::optional<QJsonObject> statusObject(const QByteArray& body) {
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject() ||
        doc.object().value(QLatin1String("kind")).toString() != QLatin1String("Status")) {
        return std::nullopt;
    }
    return doc.object();
}

QString proxyName(const QString& proxy) {
    return proxy.isEmpty() ? QString() : QLatin1Char(' ') + proxy;
}

QString formatDuration(std::chrono::milliseconds d) {
    if (d.count() % 1000 == 0)
        return QStringLiteral("%1 s").arg(d.count() / 1000);
    return QStringLiteral("%1 ms").arg(d.count());
}

}  // namespace

base::Error ApiError::fromResponse(int httpStatus, const QByteArray& body) {
    QString message;
    QString reason;
    if (const auto status = statusObject(body)) {
        message = status->value(QLatin1String("message")).toString();
        reason = status->value(QLatin1String("reason")).toString();
    }
    if (message.isEmpty())
        message = shortSnippet(body);

    base::ErrorKind kind = base::ErrorKind::Internal;
    bool retriable = false;
    switch (httpStatus) {
        case 400:
        case 422:
            kind = base::ErrorKind::Invalid;
            break;
        case 401:
            kind = base::ErrorKind::Unauthorized;
            // The API server says only "Unauthorized"; say what it means.
            if (message.isEmpty() || message == QLatin1String("Unauthorized")) {
                message = QStringLiteral("the cluster did not accept these credentials");
            }
            break;
        case 403:
            kind = base::ErrorKind::Forbidden;
            break;
        case 404:
            kind = base::ErrorKind::NotFound;
            break;
        case 409:
            kind = reason == QLatin1String("AlreadyExists") ? base::ErrorKind::AlreadyExists
                                                            : base::ErrorKind::Conflict;
            // A plain clash is resolved by re-reading the object and trying again; a failed
            // precondition is the caller's own pin and must not be re-read away.
            retriable =
                kind == base::ErrorKind::Conflict && !isPreconditionFailure(httpStatus, body);
            break;
        case 410:
            kind = base::ErrorKind::Gone;
            break;
        case 413:
            kind = base::ErrorKind::Invalid;
            break;
        case 415:
            kind = base::ErrorKind::Unsupported;
            break;
        case 429:
            kind = base::ErrorKind::TooManyRequests;
            retriable = true;
            break;
        case 504:
            kind = base::ErrorKind::Timeout;
            retriable = true;
            break;
        default:
            if (httpStatus >= 500) {
                kind = base::ErrorKind::Internal;
                retriable = true;
            } else if (httpStatus >= 300 && httpStatus < 400) {
                kind = base::ErrorKind::Unsupported;
                message = QStringLiteral(
                    "the server redirected the request; ScaleDeck does not "
                    "follow redirects with credentials");
            }
            break;
    }
    if (message.isEmpty())
        message = QStringLiteral("the server answered without a message");
    return makeError(kind, QStringLiteral("%1 (HTTP %2)").arg(message, QString::number(httpStatus)),
                     httpStatus, retriable);
}

base::Error ApiError::fromTransport(const Transport& f) {
    using E = QNetworkReply::NetworkError;
    switch (f.code) {
        case E::OperationCanceledError:
        case E::TimeoutError:
            // Only the stall limit cancels a request that still has a listener.
            return makeError(base::ErrorKind::Timeout,
                             QStringLiteral("no answer from %1 within %2")
                                 .arg(f.server, formatDuration(f.timeout)),
                             0, true);
        case E::ConnectionRefusedError:
            return makeError(base::ErrorKind::Network,
                             QStringLiteral("connection refused by %1").arg(f.server), 0, true);
        case E::HostNotFoundError:
            return makeError(base::ErrorKind::Network,
                             QStringLiteral("host not found: %1").arg(f.host), 0, true);
        case E::RemoteHostClosedError:
            return makeError(
                base::ErrorKind::Network,
                QStringLiteral("%1 closed the connection before it answered").arg(f.server), 0,
                true);
        case E::SslHandshakeFailedError:
            return makeError(
                base::ErrorKind::Network,
                QStringLiteral("TLS handshake with %1 failed: %2 — check the kubeconfig's "
                               "certificate-authority(-data) and tls-server-name")
                    .arg(f.server,
                         f.sslErrors.isEmpty() ? f.detail : f.sslErrors.join(QStringLiteral("; "))),
                0, false);
        case E::ProxyAuthenticationRequiredError:
            return makeError(base::ErrorKind::Network,
                             QStringLiteral("the proxy%1 for %2 asks for credentials: put them in "
                                            "the kubeconfig's proxy-url (http://user:password@…)")
                                 .arg(proxyName(f.proxy), f.server),
                             0, false);
        case E::ProxyConnectionRefusedError:
        case E::ProxyConnectionClosedError:
        case E::ProxyNotFoundError:
        case E::ProxyTimeoutError:
        case E::UnknownProxyError:
            return makeError(base::ErrorKind::Network,
                             QStringLiteral("the proxy%1 for %2 failed: %3 — check the "
                                            "kubeconfig's proxy-url")
                                 .arg(proxyName(f.proxy), f.server, f.detail),
                             0, true);
        default:
            // Qt reports some proxy failures (a refused proxy connection) without a proxy code;
            // naming the proxy tells the person where to look.
            if (!f.proxy.isEmpty()) {
                return makeError(
                    base::ErrorKind::Network,
                    QStringLiteral("%1 through the proxy %2: %3").arg(f.server, f.proxy, f.detail),
                    0, true);
            }
            return makeError(base::ErrorKind::Network,
                             QStringLiteral("%1: %2").arg(f.server, f.detail), 0, true);
    }
}

std::optional<std::chrono::seconds> ApiError::retryAfter(const QByteArray& header,
                                                         const QByteArray& body) {
    bool ok = false;
    const qlonglong seconds = header.trimmed().toLongLong(&ok);
    if (ok && seconds >= 0)
        return std::chrono::seconds{seconds};
    // An HTTP-date Retry-After is legal but no API server sends one; fall back to the body.
    if (const auto status = statusObject(body)) {
        const int fromBody = status->value(QLatin1String("details"))
                                 .toObject()
                                 .value(QLatin1String("retryAfterSeconds"))
                                 .toInt(0);
        if (fromBody > 0)
            return std::chrono::seconds{fromBody};
    }
    return std::nullopt;
}

bool ApiError::isPreconditionFailure(int httpStatus, const QByteArray& body) {
    if (httpStatus != 409)
        return false;
    const auto status = statusObject(body);
    // The API server's words for DeleteOptions/Preconditions ("Precondition failed: UID in
    // precondition: …, UID in object meta: …").
    return status && status->value(QLatin1String("message"))
                         .toString()
                         .startsWith(QLatin1String("Precondition failed"), Qt::CaseInsensitive);
}

bool ApiError::neverReachedServer(QNetworkReply::NetworkError code) {
    using E = QNetworkReply::NetworkError;
    switch (code) {
        case E::ConnectionRefusedError:
        case E::HostNotFoundError:
        case E::SslHandshakeFailedError:
        case E::ProxyConnectionRefusedError:
        case E::ProxyNotFoundError:
        case E::ProxyAuthenticationRequiredError:
            return true;
        default:
            return false;
    }
}

base::Error ApiError::responseTooLarge(const QString& what, qint64 limitBytes) {
    return makeError(base::ErrorKind::Unsupported,
                     QStringLiteral("the answer to %1 is larger than the %2 ScaleDeck accepts "
                                    "for one response; narrow the request (a namespace, a label "
                                    "selector) or page it with limit=")
                         .arg(what, formatBytes(limitBytes)),
                     0, false);
}

QString ApiError::formatBytes(qint64 bytes) {
    constexpr qint64 kKi = 1024;
    constexpr qint64 kMi = kKi * 1024;
    if (bytes >= kMi && bytes % kMi == 0)
        return QStringLiteral("%1 MiB").arg(bytes / kMi);
    if (bytes >= kKi && bytes % kKi == 0)
        return QStringLiteral("%1 KiB").arg(bytes / kKi);
    return QStringLiteral("%1 bytes").arg(bytes);
}

}  // namespace scaledeck::kube
