// ApiClient against the in-process simulator over real HTTPS: trust only the context's CA,
// honour tls-server-name and insecure-skip-tls-verify, authenticate with tokens and client
// certificates from a CredentialSource (refreshed on a worker thread, once more after a 401),
// go through http:// and socks5:// proxies, send every verb with its query options, cancel,
// and never leak the token into errors or logs. A scripted plain-HTTP server checks what goes
// on the wire (User-Agent, no redirects followed).
#include "kube/api_client.h"

#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QtEndian>
#include <atomic>
#include <mutex>
#include <optional>
#include <thread>

#include "kube/kubeconfig.h"
#include "sim/simulator.h"
#include "support/demo_cluster.h"

using scaledeck::base::Error;
using scaledeck::base::ErrorKind;
using scaledeck::base::Result;
using scaledeck::kube::ApiClient;
using scaledeck::kube::Credentials;
using scaledeck::kube::CredentialSource;
using scaledeck::kube::Kubeconfig;
using scaledeck::kube::PatchType;
using scaledeck::kube::RequestOptions;
using scaledeck::kube::ResolvedContext;
using scaledeck::test::DemoCluster;

namespace {

Result<QJsonDocument> wait(const std::function<void(ApiClient::JsonCallback)>& issue) {
    std::optional<Result<QJsonDocument>> answer;
    issue([&](Result<QJsonDocument> r) { answer = std::move(r); });
    EXPECT_FALSE(answer.has_value()) << "callbacks must not run inside the call";
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 30000))
        return Error::internal("no answer in time");
    return std::move(*answer);
}

class ApiClientTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(DemoCluster::instance().ok()) << DemoCluster::instance().startError();
        auto config = Kubeconfig::loadFile(DemoCluster::instance().kubeconfigPath());
        ASSERT_TRUE(config.ok()) << config.error().message;
        m_config = std::move(config).value();
        auto admin = m_config->resolve("scaledeck-demo");
        ASSERT_TRUE(admin.ok()) << admin.error().message;
        m_admin = std::move(admin).value();
    }

    static Result<QJsonDocument> get(ApiClient& client, const QString& path) {
        return wait([&](auto done) { client.getJson(path, std::move(done)); });
    }

    // The credentials of the first context whose user logs in with a client certificate.
    std::optional<Credentials> certificateCredentials() {
        for (const std::string& name : m_config->contextNames()) {
            auto context = m_config->resolve(name);
            if (context.ok() && !context->credentials->cached()->clientCertificatePem.empty() &&
                context->userName == "admin-cert") {
                return context->credentials->cached();
            }
        }
        return std::nullopt;
    }

    std::optional<Kubeconfig> m_config;
    ResolvedContext m_admin;
};

TEST_F(ApiClientTest, ReadsVersionWithTheContextCa) {
    ApiClient client(m_admin);
    auto version = get(client, QStringLiteral("/version"));
    ASSERT_TRUE(version.ok()) << version.error().message;
    EXPECT_EQ(version->object().value(QLatin1String("major")).toString(), QStringLiteral("1"));
    EXPECT_EQ(version->object().value(QLatin1String("minor")).toString(), QStringLiteral("32"));
}

// Every user of the demo kubeconfig, by token or by client certificate, is let in.
TEST_F(ApiClientTest, EveryDemoContextAuthenticates) {
    int certificateUsers = 0;
    for (const std::string& name : m_config->contextNames()) {
        auto context = m_config->resolve(name);
        ASSERT_TRUE(context.ok()) << context.error().message;
        if (!context->credentials->cached()->clientCertificatePem.empty())
            ++certificateUsers;
        ApiClient client(*context);
        auto r = get(client, QStringLiteral("/apis/apps/v1/namespaces/greenlang/deployments"));
        ASSERT_TRUE(r.ok()) << name << ": " << r.error().message;
        EXPECT_TRUE(r->object().value(QLatin1String("items")).isArray()) << name;
    }
    EXPECT_GT(certificateUsers, 0) << "the demo kubeconfig should exercise client certificates";
}

// The same person is named whether they log in with a token or a certificate (CN=admin).
TEST_F(ApiClientTest, SelfSubjectReviewNamesTokenAndCertificateUsers) {
    int asked = 0;
    for (const std::string& name : m_config->contextNames()) {
        auto context = m_config->resolve(name);
        ASSERT_TRUE(context.ok()) << context.error().message;
        if (context->userName != "admin" && context->userName != "admin-cert")
            continue;
        ++asked;
        ApiClient client(*context);
        auto answer = wait([&](auto done) {
            client.postJson(
                QStringLiteral("/apis/authentication.k8s.io/v1/selfsubjectreviews"),
                R"({"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"})",
                std::move(done));
        });
        ASSERT_TRUE(answer.ok()) << name << ": " << answer.error().message;
        const QString user = answer->object()[QLatin1String("status")]
                                 .toObject()[QLatin1String("userInfo")]
                                 .toObject()[QLatin1String("username")]
                                 .toString();
        EXPECT_EQ(user, QStringLiteral("admin")) << name;
    }
    EXPECT_GE(asked, 2) << "expected a token and a certificate context for admin";
}

TEST_F(ApiClientTest, RawGetReturnsTheBodyUndecoded) {
    ApiClient client(m_admin);
    std::optional<Result<QByteArray>> answer;
    client.get(QStringLiteral("/api/v1/namespaces/greenlang/pods?limit=2"),
               [&](Result<QByteArray> r) { answer = std::move(r); });
    ASSERT_TRUE(QTest::qWaitFor([&] { return answer.has_value(); }, 30000));
    ASSERT_TRUE(answer->ok()) << answer->error().message;
    EXPECT_GE((*answer)->capacity() - (*answer)->size(), ApiClient::kReadPadding)
        << "simdjson must be able to parse it in place";
    const QJsonObject list = QJsonDocument::fromJson(**answer).object();
    EXPECT_EQ(list[QLatin1String("kind")].toString(), QStringLiteral("PodList"));
    EXPECT_EQ(list[QLatin1String("items")].toArray().size(), 2) << "the path's query was kept";
}

TEST_F(ApiClientTest, QueryOptionsAreAppendedAndEncoded) {
    ApiClient client(m_admin);
    RequestOptions options;
    options.query = {{QStringLiteral("labelSelector"), QStringLiteral("app=gl-006-heatreclaim")},
                     {QStringLiteral("limit"), QStringLiteral("1")}};
    auto r = wait([&](auto done) {
        client.getJson(QStringLiteral("/api/v1/namespaces/greenlang/pods"), std::move(done),
                       options);
    });
    ASSERT_TRUE(r.ok()) << r.error().message;
    const QJsonArray items = r->object()[QLatin1String("items")].toArray();
    ASSERT_EQ(items.size(), 1);
    EXPECT_EQ(items[0]
                  .toObject()[QLatin1String("metadata")]
                  .toObject()[QLatin1String("labels")]
                  .toObject()[QLatin1String("app")]
                  .toString(),
              QStringLiteral("gl-006-heatreclaim"));
}

TEST_F(ApiClientTest, NotFoundCarriesTheServersMessage) {
    ApiClient client(m_admin);
    auto r = get(client, QStringLiteral("/apis/apps/v1/namespaces/greenlang/deployments/no-such"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::NotFound);
    EXPECT_EQ(r.error().httpStatus, 404);
    EXPECT_EQ(r.error().message, "deployments.apps \"no-such\" not found (HTTP 404)");
}

TEST_F(ApiClientTest, RejectedTokenIsUnauthorizedAndNeverEchoed) {
    ResolvedContext context = m_admin;
    context.credentials = std::make_shared<scaledeck::kube::StaticCredentialSource>(
        Credentials{"wrong-token-7f3a", {}, {}, {}});
    ApiClient client(context);
    auto r = get(client, QStringLiteral("/api/v1/namespaces"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Unauthorized);
    EXPECT_EQ(r.error().httpStatus, 401);
    EXPECT_EQ(r.error().message, "the cluster did not accept these credentials (HTTP 401)");
    EXPECT_EQ(r.error().message.find("wrong-token-7f3a"), std::string::npos);
    EXPECT_EQ(r.error().message.find(m_admin.credentials->cached()->token), std::string::npos);
}

TEST_F(ApiClientTest, SystemRootsDoNotTrustTheClusterCa) {
    ResolvedContext context = m_admin;
    context.certificateAuthorityPem.clear();
    ApiClient client(context);
    auto r = get(client, QStringLiteral("/version"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Network);
    EXPECT_FALSE(r.error().retriable);
    EXPECT_EQ(r.error().message.rfind("TLS handshake with " + m_admin.server + " failed: ", 0), 0u)
        << r.error().message;
}

TEST_F(ApiClientTest, InsecureSkipTlsVerifyAcceptsAnyCertificate) {
    ResolvedContext context = m_admin;
    context.certificateAuthorityPem.clear();
    context.insecureSkipTlsVerify = true;
    ApiClient client(context);
    auto r = get(client, QStringLiteral("/version"));
    EXPECT_TRUE(r.ok()) << r.error().message;
}

struct ServerNameCase {
    const char* name;
    std::string tlsServerName;
    bool accepted;
};

class ApiClientServerName : public ApiClientTest,
                            public ::testing::WithParamInterface<ServerNameCase> {};

// The simulator's certificate names localhost and 127.0.0.1; tls-server-name replaces the host
// of the URL in the check.
TEST_P(ApiClientServerName, IsTheNameTheCertificateMustMatch) {
    ResolvedContext context = m_admin;
    context.tlsServerName = GetParam().tlsServerName;
    ApiClient client(context);
    auto r = get(client, QStringLiteral("/version"));
    EXPECT_EQ(r.ok(), GetParam().accepted) << (r.ok() ? "" : r.error().message);
}

INSTANTIATE_TEST_SUITE_P(Cases, ApiClientServerName,
                         ::testing::Values(ServerNameCase{"Unset", "", true},
                                           ServerNameCase{"Localhost", "localhost", true},
                                           ServerNameCase{"Other", "api.example.com", false}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST_F(ApiClientTest, RefusedConnectionIsARetriableNetworkError) {
    ResolvedContext context = m_admin;
    context.server = "https://127.0.0.1:1";
    ApiClient client(context);
    auto r = get(client, QStringLiteral("/version"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Network);
    EXPECT_TRUE(r.error().retriable);
    EXPECT_EQ(r.error().message, "connection refused by https://127.0.0.1:1");
}

TEST_F(ApiClientTest, UnreadableCaFailsEveryRequestAsynchronously) {
    ResolvedContext context = m_admin;
    context.certificateAuthorityPem =
        "-----BEGIN CERTIFICATE-----\nnot-base64!\n-----END CERTIFICATE-----\n";
    ApiClient client(context);
    auto r = get(client, QStringLiteral("/version"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Invalid);
    EXPECT_EQ(r.error().message,
              "context \"scaledeck-demo\": the certificate authority is not a readable PEM "
              "certificate");
}

TEST_F(ApiClientTest, NoCallbackAfterDestruction) {
    bool called = false;
    {
        ApiClient client(m_admin);
        client.getJson(QStringLiteral("/version"), [&](Result<QJsonDocument>) { called = true; });
    }
    QTest::qWait(500);
    EXPECT_FALSE(called);
}

TEST_F(ApiClientTest, NoCallbackAfterCancel) {
    ApiClient client(m_admin);
    bool cancelledCalled = false;
    std::optional<Result<QJsonDocument>> other;
    auto handle = client.getJson(QStringLiteral("/version"),
                                 [&](Result<QJsonDocument>) { cancelledCalled = true; });
    client.getJson(QStringLiteral("/version"), [&](Result<QJsonDocument> r) { other = r; });
    EXPECT_TRUE(handle.isActive());
    handle.cancel();
    handle.cancel();  // harmless twice
    EXPECT_FALSE(handle.isActive());
    ASSERT_TRUE(QTest::qWaitFor([&] { return other.has_value(); }, 30000));
    EXPECT_TRUE(other->ok()) << "cancelling one call leaves the others alone";
    QTest::qWait(300);
    EXPECT_FALSE(cancelledCalled);
}

TEST_F(ApiClientTest, HandleIsInactiveOnceAnswered) {
    ApiClient client(m_admin);
    std::optional<Result<QJsonDocument>> answer;
    auto handle = client.getJson(QStringLiteral("/version"),
                                 [&](Result<QJsonDocument> r) { answer = std::move(r); });
    ASSERT_TRUE(QTest::qWaitFor([&] { return answer.has_value(); }, 30000));
    EXPECT_FALSE(handle.isActive());
    handle.cancel();  // after completion: nothing happens
}

TEST(ApiClient, UserAgentNamesScaleDeckAndItsVersion) {
    const QString agent = ApiClient::userAgent();
    EXPECT_TRUE(agent.startsWith(QStringLiteral("scaledeck/"))) << agent.toStdString();
    EXPECT_GT(agent.size(), QStringLiteral("scaledeck/").size());
}

// ---- credentials through a CredentialSource ------------------------------------------------

// A source like an exec plugin's: its cached token is wrong until the client reports a 401,
// then refresh() (counted, on whatever thread it runs) hands out `fresh`.
class ScriptedSource final : public CredentialSource {
public:
    ScriptedSource(std::optional<Credentials> cached, Result<Credentials> fresh,
                   std::chrono::milliseconds refreshTakes = std::chrono::milliseconds{0})
        : m_cached(std::move(cached)), m_fresh(std::move(fresh)), m_refreshTakes(refreshTakes) {}

    std::optional<Credentials> cached() const override {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_cached;
    }
    Result<Credentials> refresh() override {
        ++refreshes;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            refreshThread = QThread::currentThread();
        }
        std::this_thread::sleep_for(m_refreshTakes);
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_fresh.ok())
            m_cached = m_fresh.value();
        return m_fresh;
    }
    void invalidate() override {
        ++invalidations;
        std::lock_guard<std::mutex> lock(m_mutex);
        m_cached.reset();
    }

    std::atomic<int> refreshes{0};
    std::atomic<int> invalidations{0};
    QThread* refreshThread = nullptr;

private:
    mutable std::mutex m_mutex;
    std::optional<Credentials> m_cached;
    Result<Credentials> m_fresh;
    std::chrono::milliseconds m_refreshTakes;
};

Credentials tokenOnly(std::string token) {
    Credentials c;
    c.token = std::move(token);
    return c;
}

TEST_F(ApiClientTest, RejectedTokenIsRefreshedExactlyOnceAndTheRequestRetried) {
    auto source = std::make_shared<ScriptedSource>(tokenOnly("expired-token-1a2b"),
                                                   tokenOnly(m_admin.credentials->cached()->token));
    ResolvedContext context = m_admin;
    context.credentials = source;
    ApiClient client(context);
    auto r = get(client, QStringLiteral("/api/v1/namespaces"));
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(source->invalidations.load(), 1);
    EXPECT_EQ(source->refreshes.load(), 1);
    EXPECT_NE(source->refreshThread, QThread::currentThread())
        << "refresh() must not run on the client's thread";

    // The refreshed token is cached now: no more refreshes.
    auto again = get(client, QStringLiteral("/api/v1/namespaces"));
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(source->refreshes.load(), 1);
}

TEST_F(ApiClientTest, StillRejectedAfterOneRefreshIsUnauthorized) {
    auto source = std::make_shared<ScriptedSource>(tokenOnly("expired-token-1a2b"),
                                                   tokenOnly("also-wrong-token-3c4d"));
    ResolvedContext context = m_admin;
    context.credentials = source;
    ApiClient client(context);
    auto r = get(client, QStringLiteral("/api/v1/namespaces"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Unauthorized);
    EXPECT_EQ(r.error().httpStatus, 401);
    EXPECT_EQ(source->refreshes.load(), 1) << "one refresh, not a loop";
    EXPECT_EQ(r.error().message.find("also-wrong-token-3c4d"), std::string::npos);
}

// Several requests rejected together share one refresh.
TEST_F(ApiClientTest, ConcurrentRejectionsShareOneRefresh) {
    auto source = std::make_shared<ScriptedSource>(tokenOnly("expired-token-1a2b"),
                                                   tokenOnly(m_admin.credentials->cached()->token),
                                                   std::chrono::milliseconds{200});
    ResolvedContext context = m_admin;
    context.credentials = source;
    ApiClient client(context);
    int ok = 0;
    int answered = 0;
    for (int i = 0; i < 5; ++i) {
        client.getJson(QStringLiteral("/version"), [&](Result<QJsonDocument>) {});
        client.getJson(QStringLiteral("/api/v1/namespaces"), [&](Result<QJsonDocument> r) {
            ++answered;
            ok += r.ok() ? 1 : 0;
        });
    }
    ASSERT_TRUE(QTest::qWaitFor([&] { return answered == 5; }, 30000));
    EXPECT_EQ(ok, 5);
    EXPECT_EQ(source->refreshes.load(), 1);
}

TEST_F(ApiClientTest, EmptyCacheIsRefreshedOffTheClientThreadWithoutBlockingIt) {
    auto source = std::make_shared<ScriptedSource>(std::nullopt,
                                                   tokenOnly(m_admin.credentials->cached()->token),
                                                   std::chrono::milliseconds{700});
    ResolvedContext context = m_admin;
    context.credentials = source;
    ApiClient client(context);
    std::optional<Result<QJsonDocument>> answer;
    QElapsedTimer clock;
    clock.start();
    client.getJson(QStringLiteral("/api/v1/namespaces"),
                   [&](Result<QJsonDocument> r) { answer = std::move(r); });
    EXPECT_LT(clock.elapsed(), 300) << "the call must not wait for the plugin";
    bool timerFired = false;
    QTimer::singleShot(100, [&] { timerFired = true; });
    ASSERT_TRUE(QTest::qWaitFor([&] { return answer.has_value(); }, 30000));
    EXPECT_TRUE(timerFired) << "the event loop kept running during the refresh";
    ASSERT_TRUE(answer->ok()) << answer->error().message;
    EXPECT_EQ(source->refreshes.load(), 1);
    EXPECT_NE(source->refreshThread, QThread::currentThread());
}

// The informer's set-up: a client created on a worker thread, refreshing credentials and
// answering there.
TEST_F(ApiClientTest, WorksOnAWorkerThreadWithItsOwnEventLoop) {
    auto source = std::make_shared<ScriptedSource>(std::nullopt,
                                                   tokenOnly(m_admin.credentials->cached()->token));
    ResolvedContext context = m_admin;
    context.credentials = source;
    QThread worker;
    worker.start();
    QObject anchor;
    anchor.moveToThread(&worker);
    QThread* const mainThread = QThread::currentThread();
    std::atomic<bool> answered{false};
    std::atomic<bool> ok{false};
    std::atomic<QThread*> callbackThread{nullptr};
    ApiClient* client = nullptr;
    QMetaObject::invokeMethod(&anchor, [&] {
        client = new ApiClient(context);
        client->getJson(QStringLiteral("/api/v1/namespaces"), [&](Result<QJsonDocument> r) {
            callbackThread = QThread::currentThread();
            ok = r.ok();
            answered = true;
        });
    });
    ASSERT_TRUE(QTest::qWaitFor([&] { return answered.load(); }, 30000));
    EXPECT_TRUE(ok.load());
    EXPECT_EQ(callbackThread.load(), &worker);
    EXPECT_EQ(source->refreshes.load(), 1);
    EXPECT_NE(source->refreshThread, &worker) << "refresh() must not block the client's thread";
    EXPECT_NE(source->refreshThread, mainThread);
    QMetaObject::invokeMethod(
        &anchor,
        [&] {
            delete client;
            anchor.moveToThread(mainThread);
        },
        Qt::BlockingQueuedConnection);
    worker.quit();
    worker.wait();
}

TEST_F(ApiClientTest, RefreshErrorIsDeliveredAsIs) {
    const Error approval{ErrorKind::ApprovalRequired,
                         "the kubeconfig ~/.kube/config runs \"aws eks get-token\"; approve it "
                         "in Settings first",
                         0, false};
    auto source = std::make_shared<ScriptedSource>(std::nullopt, approval);
    ResolvedContext context = m_admin;
    context.credentials = source;
    ApiClient client(context);
    auto r = get(client, QStringLiteral("/api/v1/namespaces"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::ApprovalRequired);
    EXPECT_EQ(r.error().message, approval.message);
    EXPECT_EQ(source->refreshes.load(), 1);
}

// A client certificate obtained from the source (as an exec plugin returns one) is used for
// the requests after it.
TEST_F(ApiClientTest, ClientCertificateFromTheSourceIsAppliedPerRequest) {
    const auto certificate = certificateCredentials();
    ASSERT_TRUE(certificate.has_value());
    auto source = std::make_shared<ScriptedSource>(std::nullopt, *certificate);
    ResolvedContext context = m_admin;
    context.credentials = source;
    ApiClient client(context);
    auto r = wait([&](auto done) {
        client.postJson(QStringLiteral("/apis/authentication.k8s.io/v1/selfsubjectreviews"),
                        R"({"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"})",
                        std::move(done));
    });
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->object()[QLatin1String("status")]
                  .toObject()[QLatin1String("userInfo")]
                  .toObject()[QLatin1String("username")]
                  .toString(),
              QStringLiteral("admin"));
}

TEST_F(ApiClientTest, UnreadableClientCertificateFromTheSourceIsInvalid) {
    Credentials broken;
    broken.clientCertificatePem = "-----BEGIN CERTIFICATE-----\nxx\n-----END CERTIFICATE-----\n";
    broken.clientKeyPem = "not a key";
    ResolvedContext context = m_admin;
    context.credentials = std::make_shared<scaledeck::kube::StaticCredentialSource>(broken);
    ApiClient client(context);
    auto r = get(client, QStringLiteral("/version"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Invalid);
    EXPECT_EQ(r.error().message,
              "context \"scaledeck-demo\": the client certificate or key is not readable PEM");
}

// ---- tokens stay secret ---------------------------------------------------------------------

std::mutex g_logMutex;
QStringList g_log;

void captureMessages(QtMsgType, const QMessageLogContext&, const QString& message) {
    std::lock_guard<std::mutex> lock(g_logMutex);
    g_log.append(message);
}

TEST_F(ApiClientTest, TokensNeverReachLogsOrErrors) {
    const std::string good = m_admin.credentials->cached()->token;
    const std::string bad = "rejected-token-5e6f7a8b";
    {
        std::lock_guard<std::mutex> lock(g_logMutex);
        g_log.clear();
    }
    const QtMessageHandler previous = qInstallMessageHandler(captureMessages);
    std::vector<Error> errors;
    {
        auto source = std::make_shared<ScriptedSource>(tokenOnly(bad), tokenOnly(bad));
        ResolvedContext rejected = m_admin;
        rejected.credentials = source;
        ApiClient client(rejected);
        auto r = get(client, QStringLiteral("/api/v1/namespaces"));
        if (!r.ok())
            errors.push_back(r.error());

        ResolvedContext refused = m_admin;
        refused.server = "https://127.0.0.1:1";
        ApiClient refusedClient(refused);
        auto r2 = get(refusedClient, QStringLiteral("/version"));
        if (!r2.ok())
            errors.push_back(r2.error());

        ApiClient admin(m_admin);
        auto r3 = get(admin, QStringLiteral("/api/v1/namespaces/nope/pods/nope"));
        if (!r3.ok())
            errors.push_back(r3.error());
    }
    qInstallMessageHandler(previous);
    ASSERT_EQ(errors.size(), 3u);
    for (const Error& e : errors) {
        EXPECT_EQ(e.message.find(bad), std::string::npos) << e.message;
        EXPECT_EQ(e.message.find(good), std::string::npos) << e.message;
    }
    std::lock_guard<std::mutex> lock(g_logMutex);
    for (const QString& line : g_log) {
        EXPECT_FALSE(line.contains(QString::fromStdString(bad))) << line.toStdString();
        EXPECT_FALSE(line.contains(QString::fromStdString(good))) << line.toStdString();
    }
}

// ---- what goes on the wire: a scripted plain-HTTP server ------------------------------------

// Answers every request on 127.0.0.1 with a fixed response and records what it was sent.
class ScriptedHttpServer {
public:
    explicit ScriptedHttpServer(QByteArray response) : m_response(std::move(response)) {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                auto buffer = std::make_shared<QByteArray>();
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                    buffer->append(socket->readAll());
                    if (!buffer->contains("\r\n\r\n"))
                        return;
                    requests.append(*buffer);
                    buffer->clear();
                    socket->write(m_response);
                    socket->disconnectFromHost();
                });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }

    QList<QByteArray> requests;

private:
    QTcpServer m_server;
    QByteArray m_response;
};

ResolvedContext plainContext(const QString& url, std::string token) {
    ResolvedContext context;
    context.contextName = "scripted";
    context.server = url.toStdString();
    context.credentials =
        std::make_shared<scaledeck::kube::StaticCredentialSource>(tokenOnly(std::move(token)));
    return context;
}

TEST(ApiClientWire, SendsUserAgentTokenAndAcceptOnEveryRequest) {
    ScriptedHttpServer server(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
        "Connection: close\r\n\r\n{}");
    ApiClient client(plainContext(server.url(), "wire-token-9d8c"));
    RequestOptions options;
    options.dryRun = true;
    options.fieldManager = QStringLiteral("scaledeck");
    auto r = wait([&](auto done) {
        client.patchJson(QStringLiteral("/apis/apps/v1/namespaces/a/deployments/b"),
                         PatchType::StrategicMerge, R"({"spec":{"replicas":3}})", std::move(done),
                         options);
    });
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(server.requests.size(), 1);
    const QByteArray request = server.requests.front();
    EXPECT_TRUE(request.startsWith(
        "PATCH /apis/apps/v1/namespaces/a/deployments/b?dryRun=All&fieldManager=scaledeck "
        "HTTP/1.1\r\n"))
        << request.toStdString();
    EXPECT_TRUE(request.contains("\r\nUser-Agent: " + ApiClient::userAgent().toLatin1() + "\r\n"));
    EXPECT_TRUE(request.contains("\r\nAuthorization: Bearer wire-token-9d8c\r\n"));
    EXPECT_TRUE(request.contains("\r\nAccept: application/json\r\n"));
    EXPECT_TRUE(request.contains("\r\nContent-Type: application/strategic-merge-patch+json\r\n"));
}

// A redirect would carry the bearer token to another server: it is reported, never followed.
TEST(ApiClientWire, RedirectIsNotFollowed) {
    ScriptedHttpServer elsewhere("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
    ScriptedHttpServer server("HTTP/1.1 302 Found\r\nLocation: " + elsewhere.url().toLatin1() +
                              "/steal\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    ApiClient client(plainContext(server.url(), "wire-token-9d8c"));
    auto r = wait([&](auto done) { client.getJson(QStringLiteral("/version"), std::move(done)); });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Unsupported);
    EXPECT_EQ(r.error().httpStatus, 302);
    QTest::qWait(200);
    EXPECT_TRUE(elsewhere.requests.isEmpty());
}

// A server or proxy that echoes the request into its error page must not carry the token on.
TEST(ApiClientWire, EchoedTokenIsRedactedFromErrors) {
    ScriptedHttpServer server(
        "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 52\r\n"
        "Connection: close\r\n\r\nbad header Authorization: Bearer wire-token-9d8c7b6a");
    ApiClient client(plainContext(server.url(), "wire-token-9d8c7b6a"));
    auto r = wait([&](auto done) { client.getJson(QStringLiteral("/version"), std::move(done)); });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "bad header Authorization: Bearer [redacted] (HTTP 400)");
}

TEST(ApiClientWire, DeleteCarriesItsOptionsAndPutItsBody) {
    ScriptedHttpServer server(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
        "Connection: close\r\n\r\n{}");
    ApiClient client(plainContext(server.url(), "t0ken"));
    auto d = wait([&](auto done) {
        client.deleteJson(QStringLiteral("/api/v1/namespaces/a/pods/p"),
                          R"({"preconditions":{"resourceVersion":"7"}})", std::move(done));
    });
    ASSERT_TRUE(d.ok()) << d.error().message;
    auto p = wait([&](auto done) {
        client.putJson(QStringLiteral("/api/v1/namespaces/a/configmaps/c"),
                       R"({"metadata":{"name":"c"}})", std::move(done));
    });
    ASSERT_TRUE(p.ok()) << p.error().message;
    ASSERT_EQ(server.requests.size(), 2);
    EXPECT_TRUE(server.requests[0].startsWith("DELETE /api/v1/namespaces/a/pods/p HTTP/1.1"));
    EXPECT_TRUE(server.requests[0].contains("Content-Type: application/json"));
    EXPECT_TRUE(server.requests[1].startsWith("PUT /api/v1/namespaces/a/configmaps/c HTTP/1.1"));
}

// ---- proxies ---------------------------------------------------------------------------------

// A minimal forward proxy on 127.0.0.1 speaking either HTTP CONNECT or SOCKS5 (no auth), piping
// bytes both ways; it records the targets it was asked for.
class TinyProxy : public QObject {
public:
    enum class Kind { HttpConnect, Socks5 };
    explicit TinyProxy(Kind kind) : m_kind(kind) {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* client = m_server.nextPendingConnection())
                serve(client);
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    QStringList targets;

private:
    void serve(QTcpSocket* client) {
        auto buffer = std::make_shared<QByteArray>();
        auto upstream = std::make_shared<QTcpSocket*>(nullptr);
        auto stage = std::make_shared<int>(0);
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
        connect(client, &QTcpSocket::readyRead, this, [=, this] {
            buffer->append(client->readAll());
            if (*upstream) {
                (*upstream)->write(*buffer);
                buffer->clear();
                return;
            }
            QString host;
            quint16 port = 0;
            if (m_kind == Kind::HttpConnect) {
                const int end = buffer->indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                const QList<QByteArray> line = buffer->left(buffer->indexOf("\r\n")).split(' ');
                const QByteArray target = line.value(1);
                host = QString::fromLatin1(target.left(target.lastIndexOf(':')));
                port = static_cast<quint16>(target.mid(target.lastIndexOf(':') + 1).toUInt());
                buffer->remove(0, end + 4);
            } else {
                if (*stage == 0) {
                    if (buffer->size() < 2 || buffer->size() < 2 + uchar(buffer->at(1)))
                        return;
                    buffer->remove(0, 2 + uchar(buffer->at(1)));
                    client->write(QByteArray("\x05\x00", 2));  // no authentication
                    *stage = 1;
                }
                if (buffer->size() < 5)
                    return;
                const uchar type = uchar(buffer->at(3));
                int length = 0;
                if (type == 1) {
                    length = 4 + 4 + 2;
                } else if (type == 3) {
                    length = 4 + 1 + uchar(buffer->at(4)) + 2;
                } else {
                    length = 4 + 16 + 2;
                }
                if (buffer->size() < length)
                    return;
                if (type == 1) {
                    host =
                        QHostAddress(qFromBigEndian<quint32>(buffer->constData() + 4)).toString();
                } else if (type == 3) {
                    host = QString::fromLatin1(buffer->mid(5, uchar(buffer->at(4))));
                }
                port = qFromBigEndian<quint16>(buffer->constData() + length - 2);
                buffer->remove(0, length);
            }
            targets.append(QStringLiteral("%1:%2").arg(host).arg(port));
            auto* up = new QTcpSocket(client);
            *upstream = up;
            connect(up, &QTcpSocket::connected, this, [=, this] {
                if (m_kind == Kind::HttpConnect) {
                    client->write("HTTP/1.1 200 Connection established\r\n\r\n");
                } else {
                    client->write(QByteArray("\x05\x00\x00\x01\x00\x00\x00\x00\x00\x00", 10));
                }
                if (!buffer->isEmpty()) {
                    up->write(*buffer);
                    buffer->clear();
                }
            });
            connect(up, &QTcpSocket::readyRead, this, [=] { client->write(up->readAll()); });
            connect(up, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
            connect(client, &QTcpSocket::disconnected, up, &QTcpSocket::disconnectFromHost);
            up->connectToHost(host, port);
        });
    }

    Kind m_kind;
    QTcpServer m_server;
};

struct ProxyCase {
    const char* name;
    TinyProxy::Kind kind;
    const char* scheme;
};

class ApiClientProxy : public ApiClientTest, public ::testing::WithParamInterface<ProxyCase> {};

TEST_P(ApiClientProxy, TunnelsHttpsThroughTheProxyUrl) {
    TinyProxy proxy(GetParam().kind);
    ResolvedContext context = m_admin;
    context.proxyUrl = QStringLiteral("%1://127.0.0.1:%2")
                           .arg(QLatin1String(GetParam().scheme))
                           .arg(proxy.port())
                           .toStdString();
    ApiClient client(context);
    auto r = get(client, QStringLiteral("/version"));
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->object()[QLatin1String("major")].toString(), QStringLiteral("1"));
    const QString server = QUrl(QString::fromStdString(m_admin.server)).authority();
    ASSERT_FALSE(proxy.targets.isEmpty()) << "the request did not go through the proxy";
    EXPECT_EQ(proxy.targets.front(), server);
}

INSTANTIATE_TEST_SUITE_P(Cases, ApiClientProxy,
                         ::testing::Values(ProxyCase{"Http", TinyProxy::Kind::HttpConnect, "http"},
                                           ProxyCase{"Socks5", TinyProxy::Kind::Socks5, "socks5"}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST_F(ApiClientTest, HttpsProxyIsUnsupportedWithAClearError) {
    ResolvedContext context = m_admin;
    context.proxyUrl = "https://user:secret-pw@proxy.example.com:3129";
    ApiClient client(context);
    auto r = get(client, QStringLiteral("/version"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Unsupported);
    EXPECT_EQ(r.error().message,
              "context \"scaledeck-demo\": proxy-url https://proxy.example.com:3129 is an HTTPS "
              "proxy, which Qt cannot use; use an http:// or socks5:// proxy");
}

TEST_F(ApiClientTest, UnknownProxySchemeIsInvalid) {
    ResolvedContext context = m_admin;
    context.proxyUrl = "ftp://proxy.example.com";
    ApiClient client(context);
    auto r = get(client, QStringLiteral("/version"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Invalid);
}

TEST_F(ApiClientTest, DeadProxyIsANetworkErrorNamingTheProxy) {
    ResolvedContext context = m_admin;
    context.proxyUrl = "http://127.0.0.1:1";
    ApiClient client(context);
    RequestOptions once;
    once.maxAttempts = 1;
    auto r =
        wait([&](auto done) { client.getJson(QStringLiteral("/version"), std::move(done), once); });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Network);
    EXPECT_NE(r.error().message.find("through the proxy http://127.0.0.1:1"), std::string::npos)
        << r.error().message;
}

// ---- writes against a simulator of this suite's own --------------------------------------------

class ApiClientWriteTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = std::make_unique<QTemporaryDir>();
        scaledeck::sim::SimulatorOptions options;
        options.clock = "manual";
        options.kubeconfigOut = s_dir->filePath(QStringLiteral("kubeconfig")).toStdString();
        auto started = scaledeck::sim::Simulator::start(options);
        if (started.ok())
            s_sim = std::move(started).value();
    }
    static void TearDownTestSuite() {
        s_sim.reset();
        s_dir.reset();
    }
    void SetUp() override {
        ASSERT_TRUE(s_sim);
        auto config = Kubeconfig::loadFile(s_sim->kubeconfigPath());
        ASSERT_TRUE(config.ok()) << config.error().message;
        auto admin = config->resolve("scaledeck-demo");
        ASSERT_TRUE(admin.ok()) << admin.error().message;
        m_client = std::make_unique<ApiClient>(*admin);
    }

    static inline std::unique_ptr<QTemporaryDir> s_dir;
    static inline std::unique_ptr<scaledeck::sim::Simulator> s_sim;
    std::unique_ptr<ApiClient> m_client;
};

const QString kMap = QStringLiteral("/api/v1/namespaces/greenlang/configmaps/writes");

QString data(const Result<QJsonDocument>& r, const char* key) {
    return r.ok() ? r->object()[QLatin1String("data")].toObject()[QLatin1String(key)].toString()
                  : QString();
}

TEST_F(ApiClientWriteTest, EveryVerbAndPatchTypeAndDryRun) {
    ApiClient& c = *m_client;
    auto created = wait([&](auto done) {
        c.postJson(QStringLiteral("/api/v1/namespaces/greenlang/configmaps"),
                   R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"writes"},)"
                   R"("data":{"a":"1"}})",
                   std::move(done));
    });
    ASSERT_TRUE(created.ok()) << created.error().message;

    // Merge patch, strategic-merge patch, JSON patch.
    auto merge = wait([&](auto done) {
        c.patchJson(kMap, PatchType::Merge, R"({"data":{"b":"2"}})", std::move(done));
    });
    EXPECT_EQ(data(merge, "b"), QStringLiteral("2")) << (merge.ok() ? "" : merge.error().message);
    auto strategic = wait([&](auto done) {
        c.patchJson(kMap, PatchType::StrategicMerge, R"({"data":{"c":"3"}})", std::move(done));
    });
    EXPECT_EQ(data(strategic, "c"), QStringLiteral("3"));
    auto json = wait([&](auto done) {
        c.patchJson(kMap, PatchType::Json, R"([{"op":"replace","path":"/data/a","value":"9"}])",
                    std::move(done));
    });
    EXPECT_EQ(data(json, "a"), QStringLiteral("9"));

    // dryRun=All answers with the change but leaves the object as it was.
    RequestOptions dry;
    dry.dryRun = true;
    dry.fieldManager = QStringLiteral("scaledeck");
    auto dryRun = wait([&](auto done) {
        c.patchJson(kMap, PatchType::Merge, R"({"data":{"a":"dry"}})", std::move(done), dry);
    });
    EXPECT_EQ(data(dryRun, "a"), QStringLiteral("dry"));
    auto after = wait([&](auto done) { c.getJson(kMap, std::move(done)); });
    EXPECT_EQ(data(after, "a"), QStringLiteral("9")) << "dry run must not persist";
    const QString versionBefore = after->object()[QLatin1String("metadata")]
                                      .toObject()[QLatin1String("resourceVersion")]
                                      .toString();

    // PUT the whole object.
    QJsonObject object = after->object();
    QJsonObject values = object[QLatin1String("data")].toObject();
    values[QLatin1String("d")] = QStringLiteral("4");
    object[QLatin1String("data")] = values;
    auto put = wait([&](auto done) {
        c.putJson(kMap, QJsonDocument(object).toJson(QJsonDocument::Compact), std::move(done));
    });
    EXPECT_EQ(data(put, "d"), QStringLiteral("4"));
    EXPECT_NE(put->object()[QLatin1String("metadata")]
                  .toObject()[QLatin1String("resourceVersion")]
                  .toString(),
              versionBefore);

    // DELETE with a stale precondition is a conflict that is not retried; then a plain DELETE.
    auto stale = wait([&](auto done) {
        c.deleteJson(kMap,
                     QStringLiteral(R"({"preconditions":{"resourceVersion":"%1"}})")
                         .arg(versionBefore)
                         .toUtf8(),
                     std::move(done));
    });
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().kind, ErrorKind::Conflict);
    auto removed = wait([&](auto done) { c.deleteJson(kMap, {}, std::move(done)); });
    EXPECT_TRUE(removed.ok()) << removed.error().message;
    auto gone = wait([&](auto done) { c.getJson(kMap, std::move(done)); });
    ASSERT_FALSE(gone.ok());
    EXPECT_EQ(gone.error().kind, ErrorKind::NotFound);
}

}  // namespace
