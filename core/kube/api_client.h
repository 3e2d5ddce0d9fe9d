// ApiClient: asynchronous requests to one Kubernetes API server as one user, over
// QNetworkAccessManager. Built from a ResolvedContext, it trusts only the context's CA (or, if
// the context has none, the system roots; nothing at all is checked only when the kubeconfig
// says insecure-skip-tls-verify), honours tls-server-name (SNI and the name checked), goes
// through the context's http:// or socks5:// proxy-url, sends `User-Agent: scaledeck/<version>`
// and follows no redirects (a redirect must not carry the credentials elsewhere).
//
// Credentials come from the context's CredentialSource on every attempt: cached() when it has
// them, else refresh() on a worker thread (an exec plugin may take seconds; this thread never
// waits). A 401 invalidates them, refreshes once and sends the request once more; a second 401
// is ErrorKind::Unauthorized. A refresh error (ApprovalRequired included) is the call's error.
//
// Every call takes RequestOptions: query options (dryRun, fieldManager), a stall timeout,
// retries with capped, jittered backoff for idempotent requests (connection failures, timeouts,
// 5xx) and for 429 (after Retry-After), and a response size limit. Failures are base::Error
// values built by ApiError; the token never appears in an error, and the client logs nothing.
//
// Thread affinity: an ApiClient belongs to the thread that created it (or the thread it was
// moved to before its first call), which must run a Qt event loop. Call it only from that
// thread; callbacks run there, never inside the call that issued them, never after the call's
// RequestHandle was cancelled and never after the ApiClient is destroyed (pending work is
// dropped silently). Inside a callback, release the client with deleteLater(), not delete: the
// network reply that delivered the answer is still on the stack. The informer runs one
// ApiClient per worker QThread.
#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QNetworkProxy>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QString>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <vector>

#include "base/result.h"
#include "kube/request_options.h"
#include "kube/resolved_context.h"

class QNetworkAccessManager;
class QNetworkRequest;

namespace scaledeck::kube {

// Work the client does for a caller: a request with its retries, a stream, a conflict-retry
// loop. A child of the ApiClient, so it never outlives it. It ends exactly once: by finish()
// just before its callback runs, or by cancel(), after which no callback runs; either way it
// deletes itself later (never inside a callback). (Q_OBJECT so that the client can find its
// operations among its children with findChildren.)
class ApiOperation : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;

    void cancel() {
        if (m_finished)
            return;
        m_finished = true;
        onCancel();
        deleteLater();
    }
    bool isFinished() const { return m_finished; }

protected:
    // Marks the operation done before its callback runs; false if it already was.
    bool finish() {
        if (m_finished)
            return false;
        m_finished = true;
        deleteLater();
        return true;
    }
    // Releases network replies and timers without telling anyone.
    virtual void onCancel() = 0;

private:
    bool m_finished = false;
};

// What a call returns: a way to cancel it. Copyable; dropping it does not cancel. Use on the
// client's thread only.
class RequestHandle {
public:
    RequestHandle() = default;
    explicit RequestHandle(ApiOperation* operation) : m_operation(operation) {}

    // No callback runs after this. Harmless after completion or after the client is gone.
    void cancel();
    // True while the call has not delivered its answer and was not cancelled.
    bool isActive() const { return m_operation && !m_operation->isFinished(); }

private:
    QPointer<ApiOperation> m_operation;
};

class ApiClient final : public QObject {
    Q_OBJECT

public:
    using BytesCallback = std::function<void(base::Result<QByteArray>)>;
    using JsonCallback = std::function<void(base::Result<QJsonDocument>)>;

    // How a stream (openStream) ended.
    struct StreamEnd {
        base::Status status;  // ok: the server ended the response normally
        bool opened = false;  // the server had accepted the request (2xx) before it ended
        std::optional<std::chrono::seconds> retryAfter;  // a 429/503's Retry-After
    };
    struct StreamCallbacks {
        std::function<void()> opened;                    // 2xx headers arrived
        std::function<void(const QByteArray&)> data;     // bytes as they arrive
        std::function<void(const StreamEnd&)> finished;  // exactly once, unless cancelled
    };

    explicit ApiClient(const ResolvedContext& context, QObject* parent = nullptr);
    ~ApiClient() override;

    // `path` is absolute and may carry a query: "/api/v1/namespaces?limit=500".

    // simdjson reads up to this many bytes past the end of its input (SIMDJSON_PADDING).
    static constexpr qsizetype kReadPadding = 64;

    // GET returning the raw body, for the streaming decoders of large lists; the default size
    // limit is RequestOptions::kListLimitBytes. The body's capacity() exceeds its size() by at
    // least kReadPadding, so simdjson parses it in place, without a copy.
    RequestHandle get(const QString& path, BytesCallback callback, RequestOptions options = {});
    // The JSON calls decode with QJsonDocument: small documents only (default limit
    // RequestOptions::kObjectLimitBytes). An empty 2xx body is an empty document.
    RequestHandle getJson(const QString& path, JsonCallback callback, RequestOptions options = {});
    RequestHandle postJson(const QString& path, const QByteArray& body, JsonCallback callback,
                           RequestOptions options = {});
    RequestHandle putJson(const QString& path, const QByteArray& body, JsonCallback callback,
                          RequestOptions options = {});
    RequestHandle patchJson(const QString& path, PatchType type, const QByteArray& patch,
                            JsonCallback callback, RequestOptions options = {});
    // `deleteOptions` is a DeleteOptions document (preconditions, propagationPolicy) or empty.
    RequestHandle deleteJson(const QString& path, const QByteArray& deleteOptions,
                             JsonCallback callback, RequestOptions options = {});
    // Any verb; the body is sent with `contentType` when not empty.
    RequestHandle send(const QByteArray& verb, const QString& path, const QByteArray& body,
                       const QByteArray& contentType, BytesCallback callback,
                       RequestOptions options = {});

    // A long-lived GET whose body is handed over as it arrives (watches, followed logs). It
    // has no stall timeout (the caller owns idle detection) and is not retried, except once
    // after a 401 with refreshed credentials; an error answer (>= 300) is collected and
    // reported in `finished`. Each stream has its own connection, so that long watches never
    // hold the six connections Qt allows per server for ordinary requests.
    RequestHandle openStream(const QString& path, StreamCallbacks callbacks,
                             RequestOptions options = {});

    QString server() const { return m_server; }

    // Fixes the seed of the jitter of every later call's backoff (tests).
    void setJitterSeed(std::uint64_t seed) { m_seeds.seed(seed); }

    // "scaledeck/<version>", sent as User-Agent so audit logs name the tool.
    static QString userAgent();
    // Turns an HTTP error answer (status >= 300) into an Error; see ApiError::fromResponse.
    static base::Error errorFromResponse(int httpStatus, const QByteArray& body);

private:
    class Call;
    struct RefreshMailbox;
    using CredentialsReady = std::function<void(base::Result<Credentials>)>;

    // Calls `ready` with credentials: at once from cached(), or after a refresh on a worker
    // thread; not at all if `context` is gone by then.
    void acquireCredentials(QObject* context, CredentialsReady ready);
    void startRefresh();
    void finishRefresh(base::Result<Credentials> result);
    // After a 401 for credentials of refresh generation `generation`: forgets them unless a
    // newer refresh already replaced them.
    void rejectCredentials(std::uint64_t generation);
    std::uint64_t credentialGeneration() const { return m_credentialGeneration; }

    // The request for one attempt, with these credentials; an error if they are unusable.
    base::Result<QNetworkRequest> makeRequest(const QString& path, const RequestOptions& options,
                                              const Credentials& credentials);
    QNetworkAccessManager* createNetwork(QObject* parent) const;
    RequestHandle startCall(std::unique_ptr<Call> call);
    RequestHandle sendJson(const QByteArray& verb, const QString& path, const QByteArray& body,
                           const QByteArray& contentType, JsonCallback callback,
                           RequestOptions options);

    QString m_server;
    QString m_contextName;
    QString m_peerVerifyName;
    bool m_tls = false;
    QSslConfiguration m_ssl;
    std::optional<QNetworkProxy> m_proxy;
    QString m_proxyShown;                     // for messages: never with the proxy's password
    std::optional<base::Error> m_setupError;  // bad CA or proxy: every call fails with it
    std::shared_ptr<CredentialSource> m_credentials;
    QNetworkAccessManager* m_network = nullptr;

    // Client certificate of the last attempt, parsed once per distinct PEM.
    std::string m_certificatePem;
    std::string m_keyPem;
    QSslCertificate m_certificate;
    QSslKey m_key;

    std::shared_ptr<RefreshMailbox> m_mailbox;
    bool m_refreshing = false;
    std::uint64_t m_credentialGeneration = 0;
    std::vector<std::pair<QPointer<QObject>, CredentialsReady>> m_refreshWaiters;

    std::mt19937_64 m_seeds{std::random_device{}()};
};

}  // namespace scaledeck::kube
