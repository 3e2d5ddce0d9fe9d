#include "kube/api_client.h"

#include <QJsonObject>
#include <QJsonParseError>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslError>
#include <QSslKey>
#include <QUrl>
#include <memory>

#ifndef SCALEDECK_VERSION
// The build passes PROJECT_VERSION as SCALEDECK_VERSION; this only keeps a bare compile working.
#define SCALEDECK_VERSION "0.1.0"
#endif

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

QSslKey loadPrivateKey(const QByteArray& pem) {
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return {};
}

}  // namespace

ApiClient::ApiClient(const ResolvedContext& context, QObject* parent)
    : QObject(parent),
      m_server(QString::fromStdString(context.server)),
      m_peerVerifyName(QString::fromStdString(context.tlsServerName)),
      m_tls(m_server.startsWith(QLatin1String("https://"))),
      m_ssl(QSslConfiguration::defaultConfiguration()),
      m_network(new QNetworkAccessManager(this)) {
    // Until the client refreshes credentials per request, it takes what the source has now.
    const Credentials credentials =
        context.credentials ? context.credentials->cached().value_or(Credentials{}) : Credentials{};
    if (!credentials.token.empty()) {
        m_authorization =
            QByteArrayLiteral("Bearer ") + QByteArray::fromStdString(credentials.token);
    }
    const QString where =
        QStringLiteral("context \"%1\": ").arg(QString::fromStdString(context.contextName));
    if (!context.certificateAuthorityPem.empty()) {
        const QList<QSslCertificate> roots = QSslCertificate::fromData(
            QByteArray::fromStdString(context.certificateAuthorityPem), QSsl::Pem);
        if (roots.isEmpty()) {
            m_setupError = makeError(base::ErrorKind::Invalid,
                                     where + QStringLiteral("the certificate authority is not a "
                                                            "readable PEM certificate"),
                                     0, false);
        }
        // The context's CA is the only trusted root: a certificate from any public CA for the
        // same host must not be accepted in its place.
        m_ssl.setCaCertificates(roots);
    }
    if (context.insecureSkipTlsVerify)
        m_ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
    if (!credentials.clientCertificatePem.empty()) {
        const QSslCertificate cert(QByteArray::fromStdString(credentials.clientCertificatePem),
                                   QSsl::Pem);
        const QSslKey key = loadPrivateKey(QByteArray::fromStdString(credentials.clientKeyPem));
        if (cert.isNull() || key.isNull()) {
            m_setupError = makeError(
                base::ErrorKind::Invalid,
                where + QStringLiteral("the client certificate or key is not readable PEM"), 0,
                false);
        }
        m_ssl.setLocalCertificate(cert);
        m_ssl.setPrivateKey(key);
    }
}

ApiClient::~ApiClient() {
    // Abort without telling anyone: callers asked for "never after destruction".
    const auto replies = m_network->findChildren<QNetworkReply*>();
    for (QNetworkReply* reply : replies) {
        reply->disconnect(this);
        reply->abort();
    }
}

QString ApiClient::userAgent() {
    return QStringLiteral("scaledeck/") + QLatin1String(SCALEDECK_VERSION);
}

QNetworkRequest ApiClient::makeRequest(const QString& path) const {
    QNetworkRequest request(QUrl(m_server + path));
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    if (!m_authorization.isEmpty()) {
        request.setRawHeader(QByteArrayLiteral("Authorization"), m_authorization);
    }
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(static_cast<int>(kTransferTimeout.count()));
    if (m_tls) {
        request.setSslConfiguration(m_ssl);
        // kubectl's tls-server-name: both the SNI name and the name the certificate must match.
        if (!m_peerVerifyName.isEmpty())
            request.setPeerVerifyName(m_peerVerifyName);
    }
    return request;
}

void ApiClient::getJson(const QString& path, JsonCallback callback) {
    if (m_setupError) {
        QMetaObject::invokeMethod(
            this, [callback = std::move(callback), e = *m_setupError] { callback(e); },
            Qt::QueuedConnection);
        return;
    }
    watchReply(m_network->get(makeRequest(path)), std::move(callback));
}

void ApiClient::postJson(const QString& path, const QByteArray& body, JsonCallback callback) {
    if (m_setupError) {
        QMetaObject::invokeMethod(
            this, [callback = std::move(callback), e = *m_setupError] { callback(e); },
            Qt::QueuedConnection);
        return;
    }
    QNetworkRequest request = makeRequest(path);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    watchReply(m_network->post(request, body), std::move(callback));
}

void ApiClient::watchReply(QNetworkReply* reply, JsonCallback callback) {
    // TLS errors arrive before finished(); keep their words for the message.
    auto sslErrors = std::make_shared<QStringList>();
    connect(reply, &QNetworkReply::sslErrors, this, [sslErrors](const QList<QSslError>& errors) {
        for (const QSslError& e : errors)
            sslErrors->append(e.errorString());
    });
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, sslErrors, callback = std::move(callback)] {
                reply->deleteLater();
                const int status =
                    reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                const QByteArray body = reply->readAll();
                if (status >= 300) {
                    callback(errorFromResponse(status, body));
                    return;
                }
                if (reply->error() != QNetworkReply::NoError || status == 0) {
                    callback(networkError(reply, *sslErrors));
                    return;
                }
                QJsonParseError parseError;
                QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
                if (parseError.error != QJsonParseError::NoError) {
                    callback(makeError(base::ErrorKind::Parse,
                                       QStringLiteral("the answer from %1 is not JSON: %2")
                                           .arg(m_server, parseError.errorString()),
                                       status, false));
                    return;
                }
                callback(std::move(doc));
            });
}

base::Error ApiClient::networkError(QNetworkReply* reply, const QStringList& sslErrors) const {
    switch (reply->error()) {
        case QNetworkReply::OperationCanceledError:
            // Only the transfer timeout cancels a request that still has a listener.
            return makeError(base::ErrorKind::Timeout,
                             QStringLiteral("no answer from %1 within %2 s")
                                 .arg(m_server, QString::number(kTransferTimeout.count() / 1000)),
                             0, true);
        case QNetworkReply::ConnectionRefusedError:
            return makeError(base::ErrorKind::Network,
                             QStringLiteral("connection refused by %1").arg(m_server), 0, true);
        case QNetworkReply::HostNotFoundError:
            return makeError(base::ErrorKind::Network,
                             QStringLiteral("host not found: %1").arg(reply->url().host()), 0,
                             true);
        case QNetworkReply::SslHandshakeFailedError:
            return makeError(
                base::ErrorKind::Network,
                QStringLiteral("TLS handshake with %1 failed: %2")
                    .arg(m_server, sslErrors.isEmpty() ? reply->errorString()
                                                       : sslErrors.join(QStringLiteral("; "))),
                0, false);
        default:
            return makeError(base::ErrorKind::Network,
                             QStringLiteral("%1: %2").arg(m_server, reply->errorString()), 0, true);
    }
}

base::Error ApiClient::errorFromResponse(int httpStatus, const QByteArray& body) {
    QString message;
    QString reason;
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject() &&
        doc.object().value(QLatin1String("kind")).toString() == QLatin1String("Status")) {
        message = doc.object().value(QLatin1String("message")).toString();
        reason = doc.object().value(QLatin1String("reason")).toString();
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
            retriable = kind == base::ErrorKind::Conflict;  // after re-reading the object
            break;
        case 410:
            kind = base::ErrorKind::Gone;
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

}  // namespace scaledeck::kube
