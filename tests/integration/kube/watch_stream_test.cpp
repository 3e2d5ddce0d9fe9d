// WatchStream against a simulator of its own over HTTPS — events for a change made through the
// API, the server closing every watch, the next watch expired (410 in an ERROR event), a 429
// before streaming, a rejected token, timeoutSeconds, stop() and the client going away — and
// against a scripted plain-HTTP server for what a real network does to a stream: frames split
// across reads, a final line without a newline, a dropped connection, a silent server, a 410
// answered as an HTTP status, an oversized event.
#include "kube/watch_stream.h"

#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <memory>
#include <optional>

#include "kube/kubeconfig.h"
#include "sim/simulator.h"

using scaledeck::base::Error;
using scaledeck::base::ErrorKind;
using scaledeck::base::Result;
using scaledeck::kube::ApiClient;
using scaledeck::kube::Kubeconfig;
using scaledeck::kube::PatchType;
using scaledeck::kube::RequestOptions;
using scaledeck::kube::ResolvedContext;
using scaledeck::kube::WatchEnd;
using scaledeck::kube::WatchOptions;
using scaledeck::kube::WatchStream;

namespace {

// Collects what a WatchStream emits.
struct Recorder {
    explicit Recorder(WatchStream& stream) {
        QObject::connect(&stream, &WatchStream::opened, &stream, [this] { ++opened; });
        QObject::connect(&stream, &WatchStream::eventReceived, &stream,
                         [this](const QByteArray& event) { events.append(event); });
        QObject::connect(&stream, &WatchStream::finished, &stream, [this](const WatchEnd& end) {
            ++finishes;
            last = end;
        });
    }
    bool waitFinished(int ms = 30000) {
        return QTest::qWaitFor([&] { return finishes > 0; }, ms);
    }
    QList<QJsonObject> objects() const {
        QList<QJsonObject> out;
        for (const QByteArray& e : events)
            out.append(QJsonDocument::fromJson(e).object());
        return out;
    }

    int opened = 0;
    int finishes = 0;
    QList<QByteArray> events;
    std::optional<WatchEnd> last;
};

Result<QJsonDocument> wait(const std::function<void(ApiClient::JsonCallback)>& issue) {
    std::optional<Result<QJsonDocument>> answer;
    issue([&](Result<QJsonDocument> r) { answer = std::move(r); });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 30000))
        return Error::internal("no answer in time");
    return std::move(*answer);
}

const QString kDeployments = QStringLiteral("/apis/apps/v1/namespaces/greenlang/deployments");

class WatchStreamTest : public ::testing::Test {
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
        m_admin = std::move(admin).value();
        m_client = std::make_unique<ApiClient>(m_admin);
        ASSERT_TRUE(control(QStringLiteral("/sim/v1/faults"), {}, "DELETE").ok());
    }

    Result<QJsonDocument> control(const QString& path, const QByteArray& body = "{}",
                                  const char* verb = "POST") {
        RequestOptions once;
        once.maxAttempts = 1;
        return wait([&](auto done) {
            if (QByteArray(verb) == "DELETE") {
                m_client->deleteJson(path, {}, std::move(done), once);
            } else {
                m_client->postJson(path, body, std::move(done), once);
            }
        });
    }

    // The resourceVersion of the deployment list, to watch from, and one deployment's name.
    std::pair<QString, QJsonObject> listDeployments() {
        std::optional<Result<QByteArray>> raw;
        m_client->get(kDeployments, [&](Result<QByteArray> r) { raw = std::move(r); });
        EXPECT_TRUE(QTest::qWaitFor([&] { return raw.has_value(); }, 30000));
        if (!raw || !raw->ok())
            return {};
        const QJsonObject list = QJsonDocument::fromJson(**raw).object();
        return {
            list[QLatin1String("metadata")].toObject()[QLatin1String("resourceVersion")].toString(),
            list[QLatin1String("items")].toArray().first().toObject()};
    }

    static inline std::unique_ptr<QTemporaryDir> s_dir;
    static inline std::unique_ptr<scaledeck::sim::Simulator> s_sim;
    ResolvedContext m_admin;
    std::unique_ptr<ApiClient> m_client;
};

QString nameOf(const QJsonObject& object) {
    return object[QLatin1String("metadata")].toObject()[QLatin1String("name")].toString();
}

TEST_F(WatchStreamTest, DeliversModifiedForAScaleMadeThroughTheApi) {
    const auto [version, deployment] = listDeployments();
    ASSERT_FALSE(version.isEmpty());
    const QString name = nameOf(deployment);
    const int replicas =
        deployment[QLatin1String("spec")].toObject()[QLatin1String("replicas")].toInt(1);

    WatchStream stream(m_client.get(), kDeployments);
    Recorder recorder(stream);
    ASSERT_TRUE(stream.start(version));
    EXPECT_TRUE(stream.isRunning());
    ASSERT_TRUE(QTest::qWaitFor([&] { return recorder.opened == 1; }, 30000));

    auto scaled = wait([&](auto done) {
        m_client->patchJson(
            kDeployments + QLatin1Char('/') + name + QStringLiteral("/scale"), PatchType::Merge,
            QStringLiteral(R"({"spec":{"replicas":%1}})").arg(replicas + 1).toUtf8(),
            std::move(done));
    });
    ASSERT_TRUE(scaled.ok()) << scaled.error().message;

    const auto sawScale = [&] {
        for (const QJsonObject& event : recorder.objects()) {
            const QJsonObject object = event[QLatin1String("object")].toObject();
            if (event[QLatin1String("type")].toString() == QLatin1String("MODIFIED") &&
                nameOf(object) == name &&
                object[QLatin1String("spec")].toObject()[QLatin1String("replicas")].toInt() ==
                    replicas + 1) {
                return true;
            }
        }
        return false;
    };
    ASSERT_TRUE(QTest::qWaitFor(sawScale, 30000));
    for (const QByteArray& event : recorder.events) {
        EXPECT_FALSE(event.endsWith('\n')) << "one JSON object per event, no newline";
        EXPECT_FALSE(QJsonDocument::fromJson(event).isNull()) << event.toStdString();
    }
    EXPECT_EQ(recorder.finishes, 0) << "a watch stays open";
    stream.stop();
}

TEST_F(WatchStreamTest, WatchFromNowStartsWithSyntheticAdded) {
    WatchStream stream(m_client.get(), kDeployments);
    Recorder recorder(stream);
    ASSERT_TRUE(stream.start());
    ASSERT_TRUE(QTest::qWaitFor([&] { return !recorder.events.isEmpty(); }, 30000));
    EXPECT_EQ(recorder.objects().first()[QLatin1String("type")].toString(),
              QStringLiteral("ADDED"));
    stream.stop();
}

TEST_F(WatchStreamTest, ClosedByTheServerIsReportedAsEnded) {
    WatchStream stream(m_client.get(), kDeployments);
    Recorder recorder(stream);
    ASSERT_TRUE(stream.start(listDeployments().first));
    ASSERT_TRUE(QTest::qWaitFor([&] { return recorder.opened == 1; }, 30000));

    ASSERT_TRUE(control(QStringLiteral("/sim/v1/watches/close")).ok());
    ASSERT_TRUE(recorder.waitFinished());
    EXPECT_EQ(recorder.last->reason, WatchEnd::Reason::ServerClosed)
        << scaledeck::kube::toString(recorder.last->reason);
    EXPECT_TRUE(recorder.last->status.ok());
    EXPECT_FALSE(stream.isRunning());

    // The same stream may be started again, as an informer does after a normal close.
    ASSERT_TRUE(stream.start(listDeployments().first));
    ASSERT_TRUE(QTest::qWaitFor([&] { return recorder.opened == 2; }, 30000));
    stream.stop();
    EXPECT_EQ(recorder.finishes, 2);
}

TEST_F(WatchStreamTest, NextWatchExpiredIsGone) {
    ASSERT_TRUE(control(QStringLiteral("/sim/v1/watches/expire-next")).ok());
    WatchStream stream(m_client.get(), kDeployments);
    Recorder recorder(stream);
    ASSERT_TRUE(stream.start(listDeployments().first));
    ASSERT_TRUE(recorder.waitFinished());
    EXPECT_EQ(recorder.last->reason, WatchEnd::Reason::ErrorEvent);
    ASSERT_FALSE(recorder.last->status.ok());
    EXPECT_EQ(recorder.last->status.error().kind, ErrorKind::Gone);
    EXPECT_EQ(recorder.last->status.error().httpStatus, 410);
    EXPECT_EQ(recorder.last->status.error().message.rfind("too old resource version: ", 0), 0u)
        << recorder.last->status.error().message;
    EXPECT_TRUE(recorder.events.isEmpty()) << "an ERROR event is not an event";
}

TEST_F(WatchStreamTest, TooManyRequestsBeforeStreamingCarriesRetryAfter) {
    const QString version = listDeployments().first;
    ASSERT_TRUE(control(QStringLiteral("/sim/v1/faults"),
                        QStringLiteral(R"({"pathPrefix":"%1","errorRate":1,"errorStatus":429,)"
                                       R"("retryAfterSeconds":3,"count":1})")
                            .arg(kDeployments)
                            .toUtf8())
                    .ok());
    WatchStream stream(m_client.get(), kDeployments);
    Recorder recorder(stream);
    ASSERT_TRUE(stream.start(version));
    ASSERT_TRUE(recorder.waitFinished());
    EXPECT_EQ(recorder.last->reason, WatchEnd::Reason::HttpError);
    ASSERT_FALSE(recorder.last->status.ok());
    EXPECT_EQ(recorder.last->status.error().kind, ErrorKind::TooManyRequests);
    ASSERT_TRUE(recorder.last->retryAfter.has_value());
    EXPECT_EQ(recorder.last->retryAfter->count(), 3);
    EXPECT_EQ(recorder.opened, 0);
}

TEST_F(WatchStreamTest, RejectedTokenIsUnauthorizedBeforeStreaming) {
    ResolvedContext context = m_admin;
    context.credentials = std::make_shared<scaledeck::kube::StaticCredentialSource>(
        scaledeck::kube::Credentials{"not-a-token", {}, {}, {}});
    ApiClient client(context);
    WatchStream stream(&client, kDeployments);
    Recorder recorder(stream);
    ASSERT_TRUE(stream.start());
    ASSERT_TRUE(recorder.waitFinished());
    EXPECT_EQ(recorder.last->reason, WatchEnd::Reason::HttpError);
    EXPECT_EQ(recorder.last->status.error().kind, ErrorKind::Unauthorized);
    EXPECT_EQ(recorder.last->status.error().httpStatus, 401);
}

TEST_F(WatchStreamTest, TimeoutSecondsEndsTheWatchNormally) {
    WatchOptions options;
    options.timeout = std::chrono::seconds{1};
    WatchStream stream(m_client.get(), kDeployments, options);
    Recorder recorder(stream);
    ASSERT_TRUE(stream.start(listDeployments().first));
    ASSERT_TRUE(recorder.waitFinished(15000));
    EXPECT_EQ(recorder.last->reason, WatchEnd::Reason::ServerClosed);
    EXPECT_TRUE(recorder.last->status.ok());
}

TEST_F(WatchStreamTest, StopReportsCancelledAtOnceAndNothingAfter) {
    WatchStream stream(m_client.get(), kDeployments);
    Recorder recorder(stream);
    ASSERT_TRUE(stream.start());
    ASSERT_TRUE(QTest::qWaitFor([&] { return !recorder.events.isEmpty(); }, 30000));
    EXPECT_FALSE(stream.start()) << "already running";
    stream.stop();
    EXPECT_EQ(recorder.finishes, 1);
    EXPECT_EQ(recorder.last->reason, WatchEnd::Reason::Cancelled);
    EXPECT_TRUE(recorder.last->status.ok());
    EXPECT_GT(recorder.last->events, 0);
    const auto events = recorder.events.size();
    ASSERT_TRUE(control(QStringLiteral("/sim/v1/watches/close")).ok());
    QTest::qWait(300);
    EXPECT_EQ(recorder.events.size(), events);
    EXPECT_EQ(recorder.finishes, 1);
    stream.stop();  // harmless
    EXPECT_EQ(recorder.finishes, 1);
}

TEST_F(WatchStreamTest, ClientDestroyedIsCancelled) {
    auto client = std::make_unique<ApiClient>(m_admin);
    WatchStream stream(client.get(), kDeployments);
    Recorder recorder(stream);
    ASSERT_TRUE(stream.start());
    ASSERT_TRUE(QTest::qWaitFor([&] { return recorder.opened == 1; }, 30000));
    client.reset();
    EXPECT_EQ(recorder.finishes, 1);
    EXPECT_EQ(recorder.last->reason, WatchEnd::Reason::Cancelled);
    EXPECT_FALSE(stream.start()) << "no client to start with";
}

TEST_F(WatchStreamTest, ReceiverMayStopTheStreamFromAnEvent) {
    WatchStream stream(m_client.get(), kDeployments);
    Recorder recorder(stream);
    QObject::connect(&stream, &WatchStream::eventReceived, &stream,
                     [&](const QByteArray&) { stream.stop(); });
    ASSERT_TRUE(stream.start());  // the synthetic ADDED events arrive in one burst
    ASSERT_TRUE(recorder.waitFinished());
    EXPECT_EQ(recorder.events.size(), 1) << "nothing after stop(), even from the same read";
    EXPECT_EQ(recorder.last->reason, WatchEnd::Reason::Cancelled);
}

// ---- a scripted server for what the network does to a stream ----------------------------------

// Serves one streaming response per connection: `steps` are written one by one 30 ms apart (as
// HTTP chunks unless `raw`), then the connection is finished cleanly or dropped.
class ScriptedStreamServer {
public:
    struct Script {
        QByteArray head =
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            "Transfer-Encoding: chunked\r\n\r\n";
        QList<QByteArray> steps;
        bool endCleanly = true;
        bool stayOpen = false;  // write nothing more and keep the connection open
    };

    explicit ScriptedStreamServer(Script script) : m_script(std::move(script)) {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                auto buffer = std::make_shared<QByteArray>();
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                    buffer->append(socket->readAll());
                    if (!buffer->contains("\r\n\r\n"))
                        return;
                    requests.append(*buffer);
                    socket->write(m_script.head);
                    play(socket, 0);
                });
            }
        });
    }
    ResolvedContext context() const {
        ResolvedContext c;
        c.contextName = "scripted";
        c.server = QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()).toStdString();
        c.credentials = std::make_shared<scaledeck::kube::StaticCredentialSource>(
            scaledeck::kube::Credentials{"t0ken", {}, {}, {}});
        return c;
    }

    QList<QByteArray> requests;

private:
    void play(QTcpSocket* socket, int step) {
        if (step == m_script.steps.size()) {
            if (m_script.stayOpen)
                return;
            if (m_script.endCleanly) {
                socket->write("0\r\n\r\n");
                socket->disconnectFromHost();
            } else {
                socket->abort();  // mid-chunk: a dropped connection
            }
            return;
        }
        const QByteArray& piece = m_script.steps[step];
        socket->write(QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n");
        socket->flush();
        QTimer::singleShot(30, socket, [this, socket, step] { play(socket, step + 1); });
    }

    Script m_script;
    QTcpServer m_server;
};

TEST(WatchStreamFraming, SplitFramesAreJoinedAndAFinalUnterminatedLineIsDelivered) {
    ScriptedStreamServer::Script script;
    script.steps = {R"({"type":"ADDED","obj)",
                    R"(ect":{"n":1}})"
                    "\n"
                    R"({"type":"MODIFIED",)",
                    R"("object":{"n":2}})"
                    "\r\n\n   \n",
                    R"({"type":"DELETED","object":{"n":3}})"};
    ScriptedStreamServer server(script);
    ApiClient client(server.context());
    WatchOptions options;
    options.timeout = std::chrono::seconds{42};
    options.query = {{QStringLiteral("labelSelector"), QStringLiteral("app=web")}};
    WatchStream stream(&client, QStringLiteral("/api/v1/pods"), options);
    Recorder recorder(stream);
    ASSERT_TRUE(stream.start(QStringLiteral("123")));
    ASSERT_TRUE(recorder.waitFinished());
    EXPECT_EQ(recorder.last->reason, WatchEnd::Reason::ServerClosed);
    EXPECT_EQ(recorder.events, (QList<QByteArray>{R"({"type":"ADDED","object":{"n":1}})",
                                                  R"({"type":"MODIFIED","object":{"n":2}})",
                                                  R"({"type":"DELETED","object":{"n":3}})"}));
    EXPECT_EQ(recorder.last->events, 3);
    ASSERT_EQ(server.requests.size(), 1);
    EXPECT_TRUE(server.requests[0].startsWith(
        "GET /api/v1/pods?watch=1&resourceVersion=123&timeoutSeconds=42&allowWatchBookmarks=true"
        "&labelSelector=app%3Dweb HTTP/1.1"))
        << server.requests[0].toStdString();
}

TEST(WatchStreamFraming, DroppedConnectionIsInterruptedAndTheTruncatedEventDropped) {
    ScriptedStreamServer::Script script;
    script.steps = {"{\"type\":\"ADDED\",\"object\":{}}\n{\"type\":\"MODIF"};
    script.endCleanly = false;
    ScriptedStreamServer server(script);
    ApiClient client(server.context());
    WatchStream stream(&client, QStringLiteral("/api/v1/pods"));
    Recorder recorder(stream);
    ASSERT_TRUE(stream.start());
    ASSERT_TRUE(recorder.waitFinished());
    EXPECT_EQ(recorder.last->reason, WatchEnd::Reason::Interrupted);
    ASSERT_FALSE(recorder.last->status.ok());
    EXPECT_EQ(recorder.last->status.error().kind, ErrorKind::Network);
    EXPECT_TRUE(recorder.last->status.error().retriable);
    EXPECT_EQ(recorder.events, QList<QByteArray>{R"({"type":"ADDED","object":{}})"});
}

TEST(WatchStreamFraming, SilentServerHitsTheIdleTimeout) {
    ScriptedStreamServer::Script script;
    script.steps = {"{\"type\":\"ADDED\",\"object\":{}}\n"};
    script.stayOpen = true;
    ScriptedStreamServer server(script);
    ApiClient client(server.context());
    WatchOptions options;
    options.idleTimeout = std::chrono::milliseconds{400};
    WatchStream stream(&client, QStringLiteral("/api/v1/pods"), options);
    Recorder recorder(stream);
    ASSERT_TRUE(stream.start());
    ASSERT_TRUE(recorder.waitFinished());
    EXPECT_EQ(recorder.last->reason, WatchEnd::Reason::Interrupted);
    EXPECT_EQ(recorder.last->status.error().kind, ErrorKind::Timeout);
    EXPECT_EQ(recorder.events.size(), 1);
}

// A long silence is not a failure as long as it is shorter than the idle timeout: the 15 s
// stall timeout of ordinary requests does not apply to a stream.
TEST(WatchStreamFraming, NoTransferTimeoutOnTheStream) {
    ScriptedStreamServer::Script script;
    script.steps = {"{\"type\":\"ADDED\",\"object\":{}}\n"};
    script.stayOpen = true;
    ScriptedStreamServer server(script);
    ApiClient client(server.context());
    WatchStream stream(&client, QStringLiteral("/api/v1/pods"));
    Recorder recorder(stream);
    ASSERT_TRUE(stream.start());
    ASSERT_TRUE(QTest::qWaitFor([&] { return recorder.events.size() == 1; }, 30000));
    QTest::qWait(16000);
    EXPECT_EQ(recorder.finishes, 0);
    stream.stop();
}

TEST(WatchStreamFraming, GoneAsAnHttpStatusIsGoneBeforeStreaming) {
    ScriptedStreamServer::Script script;
    const QByteArray status =
        R"json({"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version: 5 (90)","reason":"Expired","code":410})json";
    script.head = "HTTP/1.1 410 Gone\r\nContent-Type: application/json\r\nContent-Length: " +
                  QByteArray::number(status.size()) + "\r\n\r\n" + status;
    script.stayOpen = true;
    ScriptedStreamServer server(script);
    ApiClient client(server.context());
    WatchStream stream(&client, QStringLiteral("/api/v1/pods"));
    Recorder recorder(stream);
    ASSERT_TRUE(stream.start(QStringLiteral("5")));
    ASSERT_TRUE(recorder.waitFinished());
    EXPECT_EQ(recorder.last->reason, WatchEnd::Reason::HttpError);
    EXPECT_EQ(recorder.last->status.error().kind, ErrorKind::Gone);
    EXPECT_EQ(recorder.last->status.error().message, "too old resource version: 5 (90) (HTTP 410)");
    EXPECT_EQ(recorder.opened, 0);
}

TEST(WatchStreamFraming, ErrorEventMidStreamEndsIt) {
    ScriptedStreamServer::Script script;
    script.steps = {
        "{\"type\":\"ADDED\",\"object\":{}}\n",
        R"({"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"etcd went away","reason":"InternalError","code":500}})"
        "\n{\"type\":\"ADDED\",\"object\":{}}\n"};
    script.stayOpen = true;
    ScriptedStreamServer server(script);
    ApiClient client(server.context());
    WatchStream stream(&client, QStringLiteral("/api/v1/pods"));
    Recorder recorder(stream);
    ASSERT_TRUE(stream.start());
    ASSERT_TRUE(recorder.waitFinished());
    EXPECT_EQ(recorder.last->reason, WatchEnd::Reason::ErrorEvent);
    EXPECT_EQ(recorder.last->status.error().kind, ErrorKind::Internal);
    EXPECT_EQ(recorder.last->status.error().message, "etcd went away (HTTP 500)");
    EXPECT_EQ(recorder.events.size(), 1) << "nothing after the ERROR event";
}

TEST(WatchStreamFraming, OversizedEventEndsTheStream) {
    ScriptedStreamServer::Script script;
    script.steps = {"{\"type\":\"ADDED\",\"object\":{}}\n", QByteArray(300, 'x')};
    script.stayOpen = true;
    ScriptedStreamServer server(script);
    ApiClient client(server.context());
    WatchOptions options;
    options.maxEventBytes = 256;
    WatchStream stream(&client, QStringLiteral("/api/v1/pods"), options);
    Recorder recorder(stream);
    ASSERT_TRUE(stream.start());
    ASSERT_TRUE(recorder.waitFinished());
    EXPECT_EQ(recorder.last->reason, WatchEnd::Reason::Interrupted);
    EXPECT_EQ(recorder.last->status.error().kind, ErrorKind::Unsupported);
    EXPECT_EQ(recorder.events.size(), 1);
}

TEST(WatchStreamFraming, RefusedConnectionIsInterruptedBeforeStreaming) {
    ResolvedContext context;
    context.server = "http://127.0.0.1:1";
    ApiClient client(context);
    WatchStream stream(&client, QStringLiteral("/api/v1/pods"));
    Recorder recorder(stream);
    ASSERT_TRUE(stream.start());
    ASSERT_TRUE(recorder.waitFinished());
    EXPECT_EQ(recorder.last->reason, WatchEnd::Reason::Interrupted);
    EXPECT_EQ(recorder.last->status.error().kind, ErrorKind::Network);
    EXPECT_EQ(recorder.last->status.error().message, "connection refused by http://127.0.0.1:1");
}

}  // namespace
