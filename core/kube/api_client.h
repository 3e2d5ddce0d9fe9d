// ApiClient: asynchronous JSON requests to one Kubernetes API server as one user, over
// QNetworkAccessManager. Built from a ResolvedContext, it trusts only the context's CA (or, if
// the context has none, the system roots; nothing at all is checked only when the kubeconfig
// says insecure-skip-tls-verify), sends the bearer token or client certificate, follows no
// redirects (a redirect must not carry the credentials elsewhere) and gives every request a
// 15 s transfer timeout. Failures arrive as base::Error: a Kubernetes `Status` body becomes the
// server's own message with an ErrorKind from the HTTP status; no answer is Network or Timeout
// and retriable, except a failed TLS verification, which is Network and not retriable (only a
// kubeconfig change can fix it).
// Lives on the thread that created it; callbacks run there, after the call returns, and never
// after the ApiClient is destroyed (pending requests are aborted silently). The credentials are
// never logged and never appear in an error message.
#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QObject>
#include <QSslConfiguration>
#include <QString>
#include <chrono>
#include <functional>
#include <optional>

#include "base/result.h"
#include "kube/resolved_context.h"

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace scaledeck::kube {

class ApiClient final : public QObject {
    Q_OBJECT

public:
    using JsonCallback = std::function<void(base::Result<QJsonDocument>)>;

    // Long enough for a slow list over a VPN, short enough that a tired SRE is told quickly
    // that the cluster is not answering.
    static constexpr std::chrono::milliseconds kTransferTimeout{15000};

    explicit ApiClient(const ResolvedContext& context, QObject* parent = nullptr);
    ~ApiClient() override;

    // `path` is absolute and may carry a query: "/api/v1/namespaces?limit=500".
    void getJson(const QString& path, JsonCallback callback);
    void postJson(const QString& path, const QByteArray& body, JsonCallback callback);

    QString server() const { return m_server; }

    // "scaledeck/<version>", sent as User-Agent so audit logs name the tool.
    static QString userAgent();
    // Turns an HTTP error answer (status >= 300) into an Error; public for tests.
    static base::Error errorFromResponse(int httpStatus, const QByteArray& body);

private:
    QNetworkRequest makeRequest(const QString& path) const;
    void watchReply(QNetworkReply* reply, JsonCallback callback);
    base::Error networkError(QNetworkReply* reply, const QStringList& sslErrors) const;

    QString m_server;
    QByteArray m_authorization;  // "Bearer …"; empty when the user has no token
    QString m_peerVerifyName;
    bool m_tls = false;
    QSslConfiguration m_ssl;
    std::optional<base::Error> m_setupError;  // bad CA or key: every request fails with it
    QNetworkAccessManager* m_network = nullptr;
};

}  // namespace scaledeck::kube
