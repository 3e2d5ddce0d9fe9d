#include "kube/api_client.h"

#include <QJsonParseError>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslError>
#include <QThreadPool>
#include <QTimer>
#include <QUrl>
#include <algorithm>
#include <mutex>

#include "kube/api_error.h"

#ifndef SCALEDECK_VERSION
// The build passes PROJECT_VERSION as SCALEDECK_VERSION; this only keeps a bare compile working.
#define SCALEDECK_VERSION "0.1.0"
#endif

namespace scaledeck::kube {

namespace {

// Exec plugins and token files block; they get threads of their own so that a slow plugin never
// starves the pool that decodes lists.
Q_GLOBAL_STATIC(QThreadPool, credentialThreads)

base::Error makeError(base::ErrorKind kind, const QString& message, bool retriable = false) {
    return base::Error{kind, message.toStdString(), 0, retriable};
}

bool isIdempotentVerb(const QByteArray& verb) {
    return verb == "GET" || verb == "HEAD" || verb == "PUT" || verb == "DELETE" ||
           verb == "OPTIONS";
}

QSslKey loadPrivateKey(const QByteArray& pem) {
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return {};
}

// Appends the options' query items, percent-encoded, to whatever query the path carries.
QString withQuery(const QString& path, const RequestOptions& options) {
    QList<QPair<QString, QString>> items;
    if (options.dryRun)
        items.append({QStringLiteral("dryRun"), QStringLiteral("All")});
    if (!options.fieldManager.isEmpty())
        items.append({QStringLiteral("fieldManager"), options.fieldManager});
    items.append(options.query);
    QString out = path;
    for (const auto& [key, value] : items) {
        out += out.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?');
        out += QString::fromLatin1(QUrl::toPercentEncoding(key)) + QLatin1Char('=') +
               QString::fromLatin1(QUrl::toPercentEncoding(value));
    }
    return out;
}

// A server (or a proxy in front of it) may echo request headers in an error page; the token
// must not travel on in an error message.
base::Error redacted(base::Error error, const std::string& token) {
    if (token.size() < 4)
        return error;
    static const std::string kMark = "[redacted]";
    for (auto at = error.message.find(token); at != std::string::npos;
         at = error.message.find(token, at + kMark.size())) {
        error.message.replace(at, token.size(), kMark);
    }
    return error;
}

std::chrono::milliseconds clampRetryAfter(std::chrono::seconds wanted, std::chrono::seconds cap) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::min(wanted, cap));
}

}  // namespace

void RequestHandle::cancel() {
    if (m_operation)
        m_operation->cancel();
    m_operation = nullptr;
}

// The hand-over point between a refresh on a worker thread and the client's thread. The client
// clears `client` under the lock when it is destroyed, so a worker never posts to a dead object.
struct ApiClient::RefreshMailbox {
    std::mutex mutex;
    ApiClient* client = nullptr;
};

// One call: its attempts, retries, the 401 refresh, the size limit, and its single answer.
class ApiClient::Call final : public ApiOperation {
public:
    struct Spec {
        QByteArray verb;
        QString path;
        QByteArray body;
        QByteArray contentType;
        RequestOptions options;
        qint64 limit = RequestOptions::kListLimitBytes;  // for the body (error bodies of streams)
        bool streaming = false;
    };

    Call(ApiClient* client, Spec spec, std::uint64_t seed)
        : ApiOperation(client),
          m_client(client),
          m_spec(std::move(spec)),
          m_backoff(m_spec.options.backoff, seed) {
        m_spec.options.maxAttempts = m_spec.streaming ? 1 : std::max(1, m_spec.options.maxAttempts);
        m_retryTimer.setSingleShot(true);
        // A coarse timer may fire 5 % early, and Retry-After is a minimum.
        m_retryTimer.setTimerType(Qt::PreciseTimer);
        connect(&m_retryTimer, &QTimer::timeout, this, &Call::attempt);
    }

    BytesCallback onDone;
    StreamCallbacks stream;

    void start() {
        // Even an answer known at once (a broken kubeconfig) arrives after the call returns.
        if (m_client->m_setupError) {
            QMetaObject::invokeMethod(
                this, [this] { fail(*m_client->m_setupError); }, Qt::QueuedConnection);
            return;
        }
        QMetaObject::invokeMethod(this, &Call::attempt, Qt::QueuedConnection);
    }

private:
    void onCancel() override {
        m_retryTimer.stop();
        dropReply();
    }

    void attempt() {
        if (isFinished())
            return;
        ++m_attempts;
        acquireAndSend();
    }

    void acquireAndSend() {
        m_client->acquireCredentials(this, [this](base::Result<Credentials> credentials) {
            if (isFinished())
                return;
            if (!credentials.ok()) {
                fail(credentials.error());  // as the source reported it (ApprovalRequired…)
                return;
            }
            send(*credentials);
        });
    }

    void send(const Credentials& credentials) {
        m_generation = m_client->credentialGeneration();
        m_token = credentials.token;
        auto made = m_client->makeRequest(m_spec.path, m_spec.options, credentials);
        if (!made.ok()) {
            fail(made.error());
            return;
        }
        QNetworkRequest request = std::move(made).value();
        // A stream may be silent for minutes; its owner detects a dead one.
        request.setTransferTimeout(
            m_spec.streaming ? 0 : static_cast<int>(m_spec.options.timeout.count()));
        if (m_spec.streaming || qEnvironmentVariableIsSet("SCALEDECK_NO_GZIP")) {
            // A compressor holds events back until its buffer fills; a watch must arrive as it
            // happens. (Qt then does not decompress either: nothing is compressed.)
            request.setRawHeader(QByteArrayLiteral("Accept-Encoding"),
                                 QByteArrayLiteral("identity"));
        }
        if (!m_spec.contentType.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QString::fromLatin1(m_spec.contentType));

        QNetworkAccessManager* network = m_client->m_network;
        if (m_spec.streaming) {
            if (!m_ownNetwork)
                m_ownNetwork = m_client->createNetwork(this);
            network = m_ownNetwork;
        }
        m_body.clear();
        m_sslErrors.clear();
        m_opened = false;
        QNetworkReply* reply = nullptr;
        if (m_spec.verb == "GET") {
            reply = network->get(request);
        } else if (m_spec.verb == "DELETE" && m_spec.body.isEmpty()) {
            reply = network->deleteResource(request);
        } else {
            reply = network->sendCustomRequest(request, m_spec.verb, m_spec.body);
        }
        m_reply = reply;
        connect(reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError>& errors) {
            for (const QSslError& e : errors)
                m_sslErrors.append(e.errorString());
        });
        connect(reply, &QNetworkReply::metaDataChanged, this, &Call::onMetaData);
        connect(reply, &QNetworkReply::readyRead, this, &Call::onReadyRead);
        connect(reply, &QNetworkReply::finished, this, &Call::onFinished);
    }

    void onMetaData() {
        if (!m_reply)
            return;
        const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status < 200 || status >= 300)
            return;
        if (!m_spec.streaming) {
            // Refuse early what would be refused anyway once it arrived.
            bool known = false;
            const qint64 declared =
                m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&known);
            if (known && declared > m_spec.limit) {
                abortTooLarge();
            } else if (known && m_body.isEmpty()) {
                // One allocation for a large list instead of a doubling series of copies.
                m_body.reserve(declared + kReadPadding);
            }
            return;
        }
        if (m_opened)
            return;
        m_opened = true;
        if (auto opened = stream.opened)
            opened();
    }

    void onReadyRead() {
        if (!m_reply || !openIfAccepted())
            return;
        take(m_reply->readAll());
    }

    // A stream's `opened` callback may cancel it or destroy the client; false if so.
    bool openIfAccepted() {
        if (!m_spec.streaming || m_opened)
            return true;
        QPointer<Call> self(this);
        onMetaData();
        return self && !isFinished() && m_reply;
    }

    // Hands a chunk to the stream or keeps it for the answer; false once the call has ended
    // (a stream's owner may cancel from inside its data callback).
    bool take(const QByteArray& chunk) {
        if (chunk.isEmpty())
            return true;
        if (m_spec.streaming && m_opened) {
            QPointer<Call> self(this);
            if (auto data = stream.data)
                data(chunk);
            return self && !isFinished();
        }
        if (m_body.size() + chunk.size() > m_spec.limit) {
            abortTooLarge();
            return false;
        }
        m_body.append(chunk);
        return true;
    }

    void onFinished() {
        QNetworkReply* reply = m_reply;
        // An aborted or timed-out reply is closed; reading it would only print a Qt warning.
        if (!reply || isFinished() || !openIfAccepted() ||
            !take(reply->isOpen() ? reply->readAll() : QByteArray()))
            return;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->deleteLater();

        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QNetworkReply::NetworkError networkError = reply->error();
        if (status == 401 && !m_authRetried) {
            // Expired token, rotated file, plugin credentials past their expiry: refresh once.
            m_authRetried = true;
            m_client->rejectCredentials(m_generation);
            acquireAndSend();
            return;
        }
        std::optional<std::chrono::seconds> retryAfter;
        if (status == 429 || status == 503)
            retryAfter = ApiError::retryAfter(reply->rawHeader("Retry-After"), m_body);

        if (m_spec.streaming) {
            StreamEnd end;
            end.opened = m_opened;
            end.retryAfter = retryAfter;
            if (status >= 300) {
                end.status = ApiError::fromResponse(status, m_body);
            } else if (networkError != QNetworkReply::NoError || status == 0) {
                base::Error e = transportError(reply);
                if (m_opened) {
                    e.message = QStringLiteral("the connection to %1 was lost: %2")
                                    .arg(m_client->m_server, reply->errorString())
                                    .toStdString();
                }
                end.status = std::move(e);
            }
            if (!end.status.ok())
                end.status = redacted(end.status.error(), m_token);
            finishStream(end);
            return;
        }
        if (status >= 300) {
            retryOrFail(ApiError::fromResponse(status, m_body), status, retryAfter, true);
            return;
        }
        if (networkError != QNetworkReply::NoError || status == 0) {
            retryOrFail(transportError(reply), 0, std::nullopt,
                        !ApiError::neverReachedServer(networkError));
            return;
        }
        succeed();
    }

    base::Error transportError(QNetworkReply* reply) const {
        ApiError::Transport failure;
        failure.code = reply->error();
        failure.server = m_client->m_server;
        failure.host = reply->url().host();
        failure.detail = reply->errorString();
        failure.sslErrors = m_sslErrors;
        failure.timeout = m_spec.options.timeout;
        failure.proxy = m_client->m_proxyShown;
        return ApiError::fromTransport(failure);
    }

    void retryOrFail(base::Error error, int status, std::optional<std::chrono::seconds> retryAfter,
                     bool reachedServer) {
        const bool idempotent = m_spec.options.idempotent || isIdempotentVerb(m_spec.verb);
        bool retry = false;
        if (m_attempts < m_spec.options.maxAttempts && error.retriable) {
            if (status == 429) {
                retry = true;  // the server refused before running anything: safe for any verb
            } else if (status >= 500) {
                retry = idempotent;  // it may have run; only repeatable requests run twice
            } else if (status == 0) {
                retry = idempotent || !reachedServer;
            }
        }
        if (!retry) {
            fail(std::move(error));
            return;
        }
        std::chrono::milliseconds delay = m_backoff.next();
        if (retryAfter && retryAfter->count() > 0) {
            const auto asked = clampRetryAfter(*retryAfter, m_spec.options.maxRetryAfter);
            // A 429 names the wait exactly; for a 503 it is a floor under our own backoff.
            delay = status == 429 ? asked : std::max(delay, asked);
        }
        m_retryTimer.start(delay);
    }

    void abortTooLarge() {
        dropReply();
        fail(ApiError::responseTooLarge(
            QStringLiteral("%1 %2").arg(QString::fromLatin1(m_spec.verb), m_spec.path),
            m_spec.limit));
    }

    void dropReply() {
        if (!m_reply)
            return;
        QNetworkReply* reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        if (!m_spec.streaming && reply->isRunning()) {
            // Qt 6.4 can stall the other requests queued on the connection pool for a whole
            // transfer timeout when a running HTTP/1 request is aborted (seen as 15 s stalls of
            // every LIST after a quick namespace switch). A bounded answer is cheaper to let
            // finish and discard; only endless streams are cut.
            QObject::connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
            return;
        }
        reply->abort();
        reply->deleteLater();
    }

    void succeed() {
        if (!finish())
            return;
        if (m_body.capacity() - m_body.size() < kReadPadding)
            m_body.reserve(m_body.size() + kReadPadding);
        auto done = std::move(onDone);
        if (done)
            done(std::move(m_body));
    }

    void fail(base::Error error) {
        if (m_spec.streaming) {
            StreamEnd end;
            end.status = redacted(std::move(error), m_token);
            finishStream(end);
            return;
        }
        if (!finish())
            return;
        auto done = std::move(onDone);
        if (done)
            done(redacted(std::move(error), m_token));
    }

    void finishStream(const StreamEnd& end) {
        if (!finish())
            return;
        auto finished = std::move(stream.finished);
        if (finished)
            finished(end);
    }

    ApiClient* m_client;
    Spec m_spec;
    base::Backoff m_backoff;
    QTimer m_retryTimer;
    QPointer<QNetworkReply> m_reply;
    QNetworkAccessManager* m_ownNetwork = nullptr;  // streams only
    QByteArray m_body;
    QStringList m_sslErrors;
    std::string m_token;  // of the last attempt, to keep it out of error messages
    std::uint64_t m_generation = 0;
    int m_attempts = 0;
    bool m_authRetried = false;
    bool m_opened = false;
};

ApiClient::ApiClient(const ResolvedContext& context, QObject* parent)
    : QObject(parent),
      m_server(QString::fromStdString(context.server)),
      m_contextName(QString::fromStdString(context.contextName)),
      m_peerVerifyName(QString::fromStdString(context.tlsServerName)),
      m_tls(m_server.startsWith(QLatin1String("https://"))),
      m_ssl(QSslConfiguration::defaultConfiguration()),
      m_credentials(context.credentials),
      m_mailbox(std::make_shared<RefreshMailbox>()) {
    m_mailbox->client = this;
    const QString where = QStringLiteral("context \"%1\": ").arg(m_contextName);
    if (!context.certificateAuthorityPem.empty()) {
        const QList<QSslCertificate> roots = QSslCertificate::fromData(
            QByteArray::fromStdString(context.certificateAuthorityPem), QSsl::Pem);
        if (roots.isEmpty()) {
            m_setupError = makeError(base::ErrorKind::Invalid,
                                     where + QStringLiteral("the certificate authority is not a "
                                                            "readable PEM certificate"));
        }
        // The context's CA is the only trusted root: a certificate from any public CA for the
        // same host must not be accepted in its place.
        m_ssl.setCaCertificates(roots);
    }
    if (context.insecureSkipTlsVerify)
        m_ssl.setPeerVerifyMode(QSslSocket::VerifyNone);

    if (!context.proxyUrl.empty()) {
        const QUrl url(QString::fromStdString(context.proxyUrl), QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        // Never show a proxy password in a message.
        const QString shown = url.toDisplayString(QUrl::RemoveUserInfo);
        if (scheme == QLatin1String("https")) {
            m_setupError = makeError(
                base::ErrorKind::Unsupported,
                where + QStringLiteral("proxy-url %1 is an HTTPS proxy, which Qt cannot use; "
                                       "use an http:// or socks5:// proxy")
                            .arg(shown));
        } else if (!url.isValid() || url.host().isEmpty() ||
                   (scheme != QLatin1String("http") && scheme != QLatin1String("socks5") &&
                    scheme != QLatin1String("socks5h"))) {
            m_setupError = makeError(
                base::ErrorKind::Invalid,
                where +
                    QStringLiteral("proxy-url %1 is not an http:// or socks5:// URL with a host")
                        .arg(shown));
        } else {
            const bool http = scheme == QLatin1String("http");
            m_proxyShown = shown;
            m_proxy =
                QNetworkProxy(http ? QNetworkProxy::HttpProxy : QNetworkProxy::Socks5Proxy,
                              url.host(), static_cast<quint16>(url.port(http ? 80 : 1080)),
                              url.userName(QUrl::FullyDecoded), url.password(QUrl::FullyDecoded));
        }
    }
    m_network = createNetwork(this);
}

ApiClient::~ApiClient() {
    {
        std::lock_guard<std::mutex> lock(m_mailbox->mutex);
        m_mailbox->client = nullptr;
    }
    // Silently: callers were promised "never after destruction".
    const auto operations = findChildren<ApiOperation*>(Qt::FindDirectChildrenOnly);
    for (ApiOperation* operation : operations)
        operation->cancel();
}

QNetworkAccessManager* ApiClient::createNetwork(QObject* parent) const {
    auto* network = new QNetworkAccessManager(parent);
    if (m_proxy)
        network->setProxy(*m_proxy);
    network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    return network;
}

QString ApiClient::userAgent() {
    return QStringLiteral("scaledeck/") + QLatin1String(SCALEDECK_VERSION);
}

base::Error ApiClient::errorFromResponse(int httpStatus, const QByteArray& body) {
    return ApiError::fromResponse(httpStatus, body);
}

base::Result<QNetworkRequest> ApiClient::makeRequest(const QString& path,
                                                     const RequestOptions& options,
                                                     const Credentials& credentials) {
    QNetworkRequest request(QUrl(m_server + withQuery(path, options)));
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    if (!credentials.token.empty()) {
        request.setRawHeader(
            QByteArrayLiteral("Authorization"),
            QByteArrayLiteral("Bearer ") + QByteArray::fromStdString(credentials.token));
    }
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    if (!m_tls)
        return request;

    QSslConfiguration ssl = m_ssl;
    if (!credentials.clientCertificatePem.empty() || !credentials.clientKeyPem.empty()) {
        if (credentials.clientCertificatePem != m_certificatePem ||
            credentials.clientKeyPem != m_keyPem) {
            const QSslCertificate certificate(
                QByteArray::fromStdString(credentials.clientCertificatePem), QSsl::Pem);
            const QSslKey key = loadPrivateKey(QByteArray::fromStdString(credentials.clientKeyPem));
            if (certificate.isNull() || key.isNull()) {
                return makeError(base::ErrorKind::Invalid,
                                 QStringLiteral("context \"%1\": the client certificate or key "
                                                "is not readable PEM")
                                     .arg(m_contextName));
            }
            // Kept-alive connections were authenticated with the previous certificate.
            if (!m_certificatePem.empty())
                m_network->clearConnectionCache();
            m_certificatePem = credentials.clientCertificatePem;
            m_keyPem = credentials.clientKeyPem;
            m_certificate = certificate;
            m_key = key;
        }
        ssl.setLocalCertificate(m_certificate);
        ssl.setPrivateKey(m_key);
    }
    request.setSslConfiguration(ssl);
    // kubectl's tls-server-name: both the SNI name and the name the certificate must match.
    if (!m_peerVerifyName.isEmpty())
        request.setPeerVerifyName(m_peerVerifyName);
    return request;
}

void ApiClient::acquireCredentials(QObject* context, CredentialsReady ready) {
    if (!m_credentials) {
        ready(Credentials{});  // an anonymous context
        return;
    }
    if (auto cached = m_credentials->cached()) {
        ready(std::move(*cached));
        return;
    }
    // Concurrent calls share one refresh: a plugin is run once, not once per request.
    m_refreshWaiters.emplace_back(QPointer<QObject>(context), std::move(ready));
    if (!m_refreshing)
        startRefresh();
}

void ApiClient::startRefresh() {
    m_refreshing = true;
    credentialThreads()->start([source = m_credentials, mailbox = m_mailbox] {
        const base::Result<Credentials> result = source->refresh();
        std::lock_guard<std::mutex> lock(mailbox->mutex);
        if (ApiClient* client = mailbox->client) {
            QMetaObject::invokeMethod(
                client, [client, result] { client->finishRefresh(result); }, Qt::QueuedConnection);
        }
    });
}

void ApiClient::finishRefresh(base::Result<Credentials> result) {
    m_refreshing = false;
    ++m_credentialGeneration;
    // A waiter's callback may end up destroying this client; touch no member after the swap.
    auto waiters = std::move(m_refreshWaiters);
    m_refreshWaiters.clear();
    for (auto& [context, ready] : waiters) {
        if (context)
            ready(result);
    }
}

void ApiClient::rejectCredentials(std::uint64_t generation) {
    // A refresh running or finished since those credentials were sent replaces them anyway.
    if (m_credentials && !m_refreshing && generation == m_credentialGeneration)
        m_credentials->invalidate();
}

RequestHandle ApiClient::send(const QByteArray& verb, const QString& path, const QByteArray& body,
                              const QByteArray& contentType, BytesCallback callback,
                              RequestOptions options) {
    Call::Spec spec;
    spec.verb = verb.toUpper();
    spec.path = path;
    spec.body = body;
    spec.contentType = contentType;
    spec.limit =
        options.maxResponseBytes > 0 ? options.maxResponseBytes : RequestOptions::kListLimitBytes;
    spec.options = std::move(options);
    auto* call = new Call(this, std::move(spec), m_seeds());
    call->onDone = std::move(callback);
    call->start();
    return RequestHandle(call);
}

RequestHandle ApiClient::openStream(const QString& path, StreamCallbacks callbacks,
                                    RequestOptions options) {
    Call::Spec spec;
    spec.verb = QByteArrayLiteral("GET");
    spec.path = path;
    spec.limit =
        options.maxResponseBytes > 0 ? options.maxResponseBytes : RequestOptions::kObjectLimitBytes;
    spec.streaming = true;
    spec.options = std::move(options);
    auto* call = new Call(this, std::move(spec), m_seeds());
    call->stream = std::move(callbacks);
    call->start();
    return RequestHandle(call);
}

RequestHandle ApiClient::get(const QString& path, BytesCallback callback, RequestOptions options) {
    return send(QByteArrayLiteral("GET"), path, {}, {}, std::move(callback), std::move(options));
}

RequestHandle ApiClient::sendJson(const QByteArray& verb, const QString& path,
                                  const QByteArray& body, const QByteArray& contentType,
                                  JsonCallback callback, RequestOptions options) {
    if (options.maxResponseBytes <= 0)
        options.maxResponseBytes = RequestOptions::kObjectLimitBytes;
    auto decode = [server = m_server,
                   callback = std::move(callback)](base::Result<QByteArray> answer) {
        if (!answer.ok()) {
            callback(answer.error());
            return;
        }
        if (answer->trimmed().isEmpty()) {
            callback(QJsonDocument());
            return;
        }
        QJsonParseError parseError;
        QJsonDocument doc = QJsonDocument::fromJson(*answer, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            callback(makeError(base::ErrorKind::Parse,
                               QStringLiteral("the answer from %1 is not JSON: %2")
                                   .arg(server, parseError.errorString())));
            return;
        }
        callback(std::move(doc));
    };
    return send(verb, path, body, contentType, std::move(decode), std::move(options));
}

RequestHandle ApiClient::getJson(const QString& path, JsonCallback callback,
                                 RequestOptions options) {
    return sendJson(QByteArrayLiteral("GET"), path, {}, {}, std::move(callback),
                    std::move(options));
}

RequestHandle ApiClient::postJson(const QString& path, const QByteArray& body,
                                  JsonCallback callback, RequestOptions options) {
    return sendJson(QByteArrayLiteral("POST"), path, body, QByteArrayLiteral("application/json"),
                    std::move(callback), std::move(options));
}

RequestHandle ApiClient::putJson(const QString& path, const QByteArray& body, JsonCallback callback,
                                 RequestOptions options) {
    return sendJson(QByteArrayLiteral("PUT"), path, body, QByteArrayLiteral("application/json"),
                    std::move(callback), std::move(options));
}

RequestHandle ApiClient::patchJson(const QString& path, PatchType type, const QByteArray& patch,
                                   JsonCallback callback, RequestOptions options) {
    return sendJson(QByteArrayLiteral("PATCH"), path, patch, contentTypeOf(type),
                    std::move(callback), std::move(options));
}

RequestHandle ApiClient::deleteJson(const QString& path, const QByteArray& deleteOptions,
                                    JsonCallback callback, RequestOptions options) {
    return sendJson(QByteArrayLiteral("DELETE"), path, deleteOptions,
                    deleteOptions.isEmpty() ? QByteArray() : QByteArrayLiteral("application/json"),
                    std::move(callback), std::move(options));
}

}  // namespace scaledeck::kube
