// ConflictRetry against a simulator of its own over HTTPS: a concurrent writer (a second,
// synchronous client writing from inside the mutation, i.e. between our read and our write)
// is survived by re-reading and re-applying; a writer that never stops is given up on after
// maxAttempts; pinned preconditions, 422s, 404s and the mutation's own errors are never
// retried; dry runs change nothing; cancellation is silent.
#include "kube/conflict_retry.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "kube/kubeconfig.h"
#include "sim/simulator.h"

using scaledeck::base::Error;
using scaledeck::base::ErrorKind;
using scaledeck::base::Result;
using scaledeck::kube::ApiClient;
using scaledeck::kube::ConflictRetry;
using scaledeck::kube::ConflictRetryOptions;
using scaledeck::kube::Kubeconfig;
using scaledeck::kube::PatchType;

namespace {

const std::string kMaps = "/api/v1/namespaces/greenlang/configmaps";

class ConflictRetryTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = std::make_unique<QTemporaryDir>();
        scaledeck::sim::SimulatorOptions options;
        options.clock = "manual";
        options.kubeconfigOut = s_dir->filePath(QStringLiteral("kubeconfig")).toStdString();
        auto started = scaledeck::sim::Simulator::start(options);
        if (!started.ok())
            return;
        s_sim = std::move(started).value();
        QFile ca(s_dir->filePath(QStringLiteral("ca.pem")));
        if (ca.open(QIODevice::WriteOnly))
            ca.write(QByteArray::fromStdString(s_sim->caPem()));
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
        // One ConfigMap per test, named after it.
        m_name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
        for (char& c : m_name)
            c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto created = writeNow("POST", kMaps,
                                R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":")" +
                                    m_name + R"("},"data":{"ours":"0","theirs":"0"}})");
        ASSERT_EQ(created.status, 201) << created.body;
        m_path = QString::fromStdString(kMaps + "/" + m_name);
    }

    // The other writer: synchronous, on its own connection, usable inside a mutation.
    static httplib::Result request(const std::string& method, const std::string& path,
                                   const std::string& body = {},
                                   const std::string& contentType = "application/json") {
        httplib::SSLClient client("127.0.0.1", s_sim->port());
        client.set_ca_cert_path(s_dir->filePath(QStringLiteral("ca.pem")).toStdString().c_str());
        client.enable_server_certificate_verification(true);
        httplib::Headers headers{{"Authorization", "Bearer " + s_sim->adminToken()}};
        if (method == "GET")
            return client.Get(path, headers);
        if (method == "POST")
            return client.Post(path, headers, body, contentType);
        return client.Patch(path, headers, body, contentType);
    }
    struct Reply {
        int status = 0;
        std::string body;
    };
    static Reply writeNow(const std::string& method, const std::string& path,
                          const std::string& body,
                          const std::string& contentType = "application/json") {
        auto r = request(method, path, body, contentType);
        return r ? Reply{r->status, r->body} : Reply{};
    }
    nlohmann::json current() const {
        auto r = request("GET", m_path.toStdString());
        return r ? nlohmann::json::parse(r->body) : nlohmann::json();
    }
    void otherWriterSets(const std::string& value) const {
        auto r =
            writeNow("PATCH", m_path.toStdString(), R"({"data":{"theirs":")" + value + R"("}})",
                     "application/merge-patch+json");
        ASSERT_EQ(r.status, 200) << r.body;
    }

    Result<QJsonDocument> run(ConflictRetry::Mutation mutate, ConflictRetryOptions options = {}) {
        std::optional<Result<QJsonDocument>> answer;
        ConflictRetry::update(
            *m_client, m_path, std::move(mutate),
            [&](Result<QJsonDocument> r) { answer = std::move(r); }, std::move(options));
        EXPECT_FALSE(answer.has_value()) << "callbacks must not run inside the call";
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, 30000))
            return Error::internal("no answer in time");
        return std::move(*answer);
    }

    // Sets data.ours on whatever the server has.
    static QJsonObject withOurs(QJsonObject object, const QString& value) {
        QJsonObject data = object[QLatin1String("data")].toObject();
        data[QLatin1String("ours")] = value;
        object[QLatin1String("data")] = data;
        return object;
    }

    static inline std::unique_ptr<QTemporaryDir> s_dir;
    static inline std::unique_ptr<scaledeck::sim::Simulator> s_sim;
    std::unique_ptr<ApiClient> m_client;
    std::string m_name;
    QString m_path;
};

TEST_F(ConflictRetryTest, WinsAgainstAConcurrentWriter) {
    int calls = 0;
    auto r = run([&](const QJsonObject& object) -> Result<QJsonObject> {
        if (++calls == 1)
            otherWriterSets("1");  // between our read and our write
        return withOurs(object, QStringLiteral("1"));
    });
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(calls, 2) << "one conflict, one re-read and re-apply";
    const auto now = current();
    EXPECT_EQ(now["data"]["ours"], "1");
    EXPECT_EQ(now["data"]["theirs"], "1") << "the other writer's change survives";
}

TEST_F(ConflictRetryTest, WinsWithAMergePatchCarryingTheFreshVersion) {
    int calls = 0;
    ConflictRetryOptions options;
    options.patchType = PatchType::Merge;
    auto r = run(
        [&](const QJsonObject&) -> Result<QJsonObject> {
            if (++calls == 1)
                otherWriterSets("2");
            QJsonObject patch;
            patch[QLatin1String("data")] =
                QJsonObject{{QLatin1String("ours"), QStringLiteral("2")}};
            return patch;
        },
        options);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(calls, 2);
    const auto now = current();
    EXPECT_EQ(now["data"]["ours"], "2");
    EXPECT_EQ(now["data"]["theirs"], "2");
}

TEST_F(ConflictRetryTest, GivesUpAfterMaxAttempts) {
    int calls = 0;
    ConflictRetryOptions options;
    options.maxAttempts = 3;
    auto r = run(
        [&](const QJsonObject& object) -> Result<QJsonObject> {
            otherWriterSets(std::to_string(++calls));  // someone always writes in between
            return withOurs(object, QStringLiteral("never"));
        },
        options);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Conflict);
    EXPECT_EQ(calls, 3);
    EXPECT_NE(r.error().message.find("gave up after 3 attempts"), std::string::npos)
        << r.error().message;
    EXPECT_EQ(current()["data"]["ours"], "0");
}

TEST_F(ConflictRetryTest, PinnedVersionThatMovedIsNotWritten) {
    const std::string planned = current()["metadata"]["resourceVersion"];
    otherWriterSets("moved");
    int calls = 0;
    ConflictRetryOptions options;
    options.expectedResourceVersion = QString::fromStdString(planned);
    auto r = run(
        [&](const QJsonObject& object) -> Result<QJsonObject> {
            ++calls;
            return withOurs(object, QStringLiteral("3"));
        },
        options);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Conflict);
    EXPECT_FALSE(r.error().retriable);
    EXPECT_EQ(calls, 0);
    EXPECT_NE(
        r.error().message.find("changed since the change was planned (resourceVersion " + planned),
        std::string::npos)
        << r.error().message;
    EXPECT_EQ(current()["data"]["ours"], "0");
}

TEST_F(ConflictRetryTest, PinnedVersionConflictOnWriteIsNotRetried) {
    const std::string planned = current()["metadata"]["resourceVersion"];
    int calls = 0;
    ConflictRetryOptions options;
    options.expectedResourceVersion = QString::fromStdString(planned);
    auto r = run(
        [&](const QJsonObject& object) -> Result<QJsonObject> {
            ++calls;
            otherWriterSets("raced");
            return withOurs(object, QStringLiteral("4"));
        },
        options);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Conflict);
    EXPECT_EQ(r.error().httpStatus, 409);
    EXPECT_FALSE(r.error().retriable);
    EXPECT_EQ(calls, 1) << "a failed precondition is not re-read away";
    EXPECT_EQ(current()["data"]["ours"], "0");
}

TEST_F(ConflictRetryTest, PinnedUidOfAnotherObjectIsNotWritten) {
    int calls = 0;
    ConflictRetryOptions options;
    options.expectedUid = QStringLiteral("00000000-0000-0000-0000-000000000000");
    auto r = run(
        [&](const QJsonObject& object) -> Result<QJsonObject> {
            ++calls;
            return withOurs(object, QStringLiteral("5"));
        },
        options);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Conflict);
    EXPECT_FALSE(r.error().retriable);
    EXPECT_EQ(calls, 0);
    EXPECT_NE(r.error().message.find("was deleted and created again"), std::string::npos);
}

TEST_F(ConflictRetryTest, PinnedUidOfThisObjectIsWritten) {
    ConflictRetryOptions options;
    options.expectedUid = QString::fromStdString(current()["metadata"]["uid"].get<std::string>());
    auto r = run(
        [&](const QJsonObject& object) -> Result<QJsonObject> {
            return withOurs(object, QStringLiteral("6"));
        },
        options);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(current()["data"]["ours"], "6");
}

TEST_F(ConflictRetryTest, InvalidIsNotRetried) {
    const auto list = nlohmann::json::parse(
        request("GET", "/apis/apps/v1/namespaces/greenlang/deployments")->body);
    const std::string deployment = list["items"][0]["metadata"]["name"];
    const QString scale = QStringLiteral("/apis/apps/v1/namespaces/greenlang/deployments/%1/scale")
                              .arg(QString::fromStdString(deployment));
    int calls = 0;
    ConflictRetryOptions options;
    options.patchType = PatchType::Merge;
    std::optional<Result<QJsonDocument>> answer;
    ConflictRetry::update(
        *m_client, scale,
        [&](const QJsonObject&) -> Result<QJsonObject> {
            ++calls;
            return QJsonObject{
                {QLatin1String("spec"), QJsonObject{{QLatin1String("replicas"), -1}}}};
        },
        [&](Result<QJsonDocument> r) { answer = std::move(r); }, options);
    ASSERT_TRUE(QTest::qWaitFor([&] { return answer.has_value(); }, 30000));
    ASSERT_FALSE(answer->ok());
    EXPECT_EQ(answer->error().kind, ErrorKind::Invalid);
    EXPECT_EQ(answer->error().httpStatus, 422);
    EXPECT_EQ(calls, 1);
}

TEST_F(ConflictRetryTest, MissingObjectIsNotFound) {
    m_path = QString::fromStdString(kMaps + "/does-not-exist");
    int calls = 0;
    auto r = run([&](const QJsonObject& object) -> Result<QJsonObject> {
        ++calls;
        return object;
    });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::NotFound);
    EXPECT_EQ(calls, 0);
}

TEST_F(ConflictRetryTest, MutationErrorStopsWithoutWriting) {
    const std::string before = current()["metadata"]["resourceVersion"];
    auto r = run([&](const QJsonObject&) -> Result<QJsonObject> {
        return Error::invalid("replicas would exceed the HPA's maximum of 10");
    });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Invalid);
    EXPECT_EQ(r.error().message, "replicas would exceed the HPA's maximum of 10");
    EXPECT_EQ(current()["metadata"]["resourceVersion"], before);
}

TEST_F(ConflictRetryTest, DryRunAllLeavesTheObjectUnchanged) {
    const std::string before = current()["metadata"]["resourceVersion"];
    ConflictRetryOptions options;
    options.request.dryRun = true;
    options.request.fieldManager = QStringLiteral("scaledeck");
    auto r = run(
        [&](const QJsonObject& object) -> Result<QJsonObject> {
            return withOurs(object, QStringLiteral("dry"));
        },
        options);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->object()[QLatin1String("data")].toObject()[QLatin1String("ours")].toString(),
              QStringLiteral("dry"))
        << "the server answers with what it would have written";
    const auto now = current();
    EXPECT_EQ(now["data"]["ours"], "0");
    EXPECT_EQ(now["metadata"]["resourceVersion"], before);
}

TEST_F(ConflictRetryTest, JsonPatchIsRefused) {
    ConflictRetryOptions options;
    options.patchType = PatchType::Json;
    int calls = 0;
    auto r = run(
        [&](const QJsonObject& object) -> Result<QJsonObject> {
            ++calls;
            return object;
        },
        options);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Invalid);
    EXPECT_EQ(calls, 0);
}

TEST_F(ConflictRetryTest, CancelledLoopNeverCallsBackNorWrites) {
    bool called = false;
    int calls = 0;
    auto handle = ConflictRetry::update(
        *m_client, m_path,
        [&](const QJsonObject& object) -> Result<QJsonObject> {
            ++calls;
            return withOurs(object, QStringLiteral("cancelled"));
        },
        [&](Result<QJsonDocument>) { called = true; });
    EXPECT_TRUE(handle.isActive());
    handle.cancel();
    EXPECT_FALSE(handle.isActive());
    QTest::qWait(500);
    EXPECT_FALSE(called);
    EXPECT_EQ(calls, 0);
    EXPECT_EQ(current()["data"]["ours"], "0");
}

}  // namespace
