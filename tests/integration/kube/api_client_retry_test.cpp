// ApiClient retries against a simulator of its own whose fault injector (driven over its HTTPS
// control API) throws 503 bursts, 429 with Retry-After and slow answers: idempotent requests
// retry and succeed, POST is not retried on 5xx, Retry-After is honoured and capped, attempts
// are bounded, stalls time out, and oversized answers are refused.
#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <optional>

#include "kube/api_client.h"
#include "kube/kubeconfig.h"
#include "sim/simulator.h"

using scaledeck::base::Error;
using scaledeck::base::ErrorKind;
using scaledeck::base::Result;
using scaledeck::kube::ApiClient;
using scaledeck::kube::Kubeconfig;
using scaledeck::kube::RequestOptions;
using scaledeck::kube::ResolvedContext;

namespace {

const QString kConfigMaps = QStringLiteral("/api/v1/namespaces/greenlang/configmaps");
const QString kReviews = QStringLiteral("/apis/authentication.k8s.io/v1/selfsubjectreviews");
const QByteArray kReviewBody =
    R"({"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"})";
// The simulator answers an injected fault without reading the request body, so on a kept-alive
// connection the unread body of a failed POST is parsed as the next request (400). Retried POSTs
// in these tests send none; the simulator reviews the caller either way.
const QByteArray kNoBody;

class ApiClientRetryTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = std::make_unique<QTemporaryDir>();
        scaledeck::sim::SimulatorOptions options;
        options.clock = "manual";
        options.kubeconfigOut = s_dir->filePath(QStringLiteral("kubeconfig")).toStdString();
        auto started = scaledeck::sim::Simulator::start(options);
        if (!started.ok()) {
            s_startError = started.error().message;
            return;
        }
        s_sim = std::move(started).value();
    }
    static void TearDownTestSuite() {
        s_sim.reset();
        s_dir.reset();
    }

    void SetUp() override {
        ASSERT_TRUE(s_sim) << s_startError;
        auto config = Kubeconfig::loadFile(s_sim->kubeconfigPath());
        ASSERT_TRUE(config.ok()) << config.error().message;
        auto admin = config->resolve("scaledeck-demo");
        ASSERT_TRUE(admin.ok()) << admin.error().message;
        m_admin = std::move(admin).value();
        m_control = std::make_unique<ApiClient>(m_admin);
        ASSERT_TRUE(control("DELETE", QStringLiteral("/sim/v1/faults")).ok());
    }
    void TearDown() override {
        if (m_control)
            (void)control("DELETE", QStringLiteral("/sim/v1/faults"));
    }

    static Result<QJsonDocument> wait(const std::function<void(ApiClient::JsonCallback)>& issue,
                                      int timeoutMs = 30000) {
        std::optional<Result<QJsonDocument>> answer;
        issue([&](Result<QJsonDocument> r) { answer = std::move(r); });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, timeoutMs))
            return Error::internal("no answer in time");
        return std::move(*answer);
    }

    // The simulator's control API, never retried so that faults are not consumed by it.
    Result<QJsonDocument> control(const char* verb, const QString& path,
                                  const QByteArray& body = {}) {
        RequestOptions once;
        once.maxAttempts = 1;
        return wait([&](ApiClient::JsonCallback done) {
            if (QByteArray(verb) == "POST") {
                m_control->postJson(path, body, std::move(done), once);
            } else {
                m_control->deleteJson(path, {}, std::move(done), once);
            }
        });
    }

    void injectErrors(const QString& prefix, int status, int count, int retryAfterSeconds = 0) {
        const QByteArray rule = QStringLiteral(R"({"pathPrefix":"%1","errorRate":1,)"
                                               R"("errorStatus":%2,"count":%3,)"
                                               R"("retryAfterSeconds":%4})")
                                    .arg(prefix)
                                    .arg(status)
                                    .arg(count)
                                    .arg(retryAfterSeconds)
                                    .toUtf8();
        auto r = control("POST", QStringLiteral("/sim/v1/faults"), rule);
        ASSERT_TRUE(r.ok()) << r.error().message;
    }

    void injectLatency(const QString& prefix, int latencyMs) {
        const QByteArray rule = QStringLiteral(R"({"pathPrefix":"%1","latencyMs":%2})")
                                    .arg(prefix)
                                    .arg(latencyMs)
                                    .toUtf8();
        auto r = control("POST", QStringLiteral("/sim/v1/faults"), rule);
        ASSERT_TRUE(r.ok()) << r.error().message;
    }

    // Errors the first rule still has to inject: the attempts made are count - remaining.
    int remainingErrors() {
        auto faults = wait([&](ApiClient::JsonCallback done) {
            RequestOptions once;
            once.maxAttempts = 1;
            m_control->getJson(QStringLiteral("/sim/v1/faults"), std::move(done), once);
        });
        EXPECT_TRUE(faults.ok());
        if (!faults.ok())
            return -1;
        return faults->object()[QLatin1String("rules")]
            .toArray()[0]
            .toObject()[QLatin1String("remaining")]
            .toInt(-1);
    }

    static RequestOptions fast(int attempts = 4) {
        RequestOptions options;
        options.maxAttempts = attempts;
        options.backoff = {std::chrono::milliseconds{50}, 2.0, std::chrono::milliseconds{400}, 0.2};
        return options;
    }

    static inline std::unique_ptr<QTemporaryDir> s_dir;
    static inline std::unique_ptr<scaledeck::sim::Simulator> s_sim;
    static inline std::string s_startError;
    ResolvedContext m_admin;
    std::unique_ptr<ApiClient> m_control;
};

TEST_F(ApiClientRetryTest, GetRetriesThroughA503BurstAndSucceeds) {
    injectErrors(kConfigMaps, 503, 3);
    ApiClient client(m_admin);
    auto r = wait([&](auto done) { client.getJson(kConfigMaps, std::move(done), fast(4)); });
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_TRUE(r->object()[QLatin1String("items")].isArray());
    EXPECT_EQ(remainingErrors(), 0) << "three failed attempts, then the fourth succeeded";
}

TEST_F(ApiClientRetryTest, RawGetRetriesOn500Too) {
    injectErrors(kConfigMaps, 500, 2);
    ApiClient client(m_admin);
    std::optional<Result<QByteArray>> answer;
    client.get(
        kConfigMaps, [&](Result<QByteArray> r) { answer = std::move(r); }, fast(3));
    ASSERT_TRUE(QTest::qWaitFor([&] { return answer.has_value(); }, 30000));
    ASSERT_TRUE(answer->ok()) << answer->error().message;
    EXPECT_TRUE((*answer)->startsWith("{")) << "the raw body, undecoded";
    EXPECT_TRUE((*answer)->contains("\"ConfigMapList\""));
    EXPECT_EQ(remainingErrors(), 0);
}

TEST_F(ApiClientRetryTest, AttemptsAreBounded) {
    injectErrors(kConfigMaps, 503, 10);
    ApiClient client(m_admin);
    auto r = wait([&](auto done) { client.getJson(kConfigMaps, std::move(done), fast(3)); });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Internal);
    EXPECT_EQ(r.error().httpStatus, 503);
    EXPECT_TRUE(r.error().retriable) << "the caller may try again later";
    EXPECT_EQ(r.error().message, "the server is currently unable to handle the request (HTTP 503)");
    EXPECT_EQ(remainingErrors(), 7) << "exactly three attempts";
}

TEST_F(ApiClientRetryTest, PostIsNotRetriedOn5xx) {
    injectErrors(kReviews, 503, 5);
    ApiClient client(m_admin);
    auto r =
        wait([&](auto done) { client.postJson(kReviews, kReviewBody, std::move(done), fast(4)); });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().httpStatus, 503);
    EXPECT_EQ(remainingErrors(), 4) << "a POST may have run: exactly one attempt";
}

TEST_F(ApiClientRetryTest, PostTheCallerCallsIdempotentIsRetried) {
    injectErrors(kReviews, 500, 2);
    ApiClient client(m_admin);
    RequestOptions options = fast(4);
    options.idempotent = true;
    auto r = wait([&](auto done) { client.postJson(kReviews, kNoBody, std::move(done), options); });
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(remainingErrors(), 0);
}

TEST_F(ApiClientRetryTest, TooManyRequestsWaitsForRetryAfter) {
    injectErrors(kConfigMaps, 429, 1, 2);
    ApiClient client(m_admin);
    QElapsedTimer clock;
    clock.start();
    auto r = wait([&](auto done) { client.getJson(kConfigMaps, std::move(done), fast(3)); });
    const qint64 elapsed = clock.elapsed();
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_GE(elapsed, 2000) << "Retry-After: 2 must be honoured";
    EXPECT_EQ(remainingErrors(), 0);
}

// A 429 means the server ran nothing, so even a POST is sent again.
TEST_F(ApiClientRetryTest, TooManyRequestsRetriesAPostAfterRetryAfter) {
    injectErrors(kReviews, 429, 1, 1);
    ApiClient client(m_admin);
    QElapsedTimer clock;
    clock.start();
    auto r = wait([&](auto done) { client.postJson(kReviews, kNoBody, std::move(done), fast(2)); });
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_GE(clock.elapsed(), 1000);
    EXPECT_EQ(remainingErrors(), 0);
}

TEST_F(ApiClientRetryTest, RetryAfterIsCapped) {
    injectErrors(kConfigMaps, 429, 1, 600);
    ApiClient client(m_admin);
    RequestOptions options = fast(2);
    options.maxRetryAfter = std::chrono::seconds{1};
    QElapsedTimer clock;
    clock.start();
    auto r = wait([&](auto done) { client.getJson(kConfigMaps, std::move(done), options); });
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_GE(clock.elapsed(), 1000);
    EXPECT_LT(clock.elapsed(), 20000) << "a ten-minute Retry-After is shortened to the cap";
}

TEST_F(ApiClientRetryTest, PersistentTooManyRequestsEndsAsTooManyRequests) {
    injectErrors(kConfigMaps, 429, 5, 1);
    ApiClient client(m_admin);
    auto r = wait([&](auto done) { client.getJson(kConfigMaps, std::move(done), fast(2)); });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::TooManyRequests);
    EXPECT_EQ(remainingErrors(), 3);
}

TEST_F(ApiClientRetryTest, StalledAnswerTimesOutAndIsRetriedABoundedNumberOfTimes) {
    injectLatency(kConfigMaps, 1500);
    ApiClient client(m_admin);
    RequestOptions options = fast(2);
    options.timeout = std::chrono::milliseconds{300};
    QElapsedTimer clock;
    clock.start();
    auto r = wait([&](auto done) { client.getJson(kConfigMaps, std::move(done), options); });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Timeout);
    EXPECT_TRUE(r.error().retriable);
    EXPECT_EQ(r.error().message, "no answer from " + m_admin.server + " within 300 ms");
    EXPECT_GE(clock.elapsed(), 600) << "two attempts of 300 ms";
    EXPECT_LT(clock.elapsed(), 1500) << "given up before the slow server answered";
}

TEST_F(ApiClientRetryTest, SlowButWithinTheTimeoutSucceeds) {
    injectLatency(kConfigMaps, 300);
    ApiClient client(m_admin);
    RequestOptions options = fast(1);
    options.timeout = std::chrono::milliseconds{5000};
    auto r = wait([&](auto done) { client.getJson(kConfigMaps, std::move(done), options); });
    EXPECT_TRUE(r.ok()) << r.error().message;
}

TEST_F(ApiClientRetryTest, AnswerOverTheSizeLimitIsRefusedWithAClearError) {
    ApiClient client(m_admin);
    const QString pods = QStringLiteral("/api/v1/namespaces/greenlang/pods");
    RequestOptions options;
    options.maxResponseBytes = 4096;
    std::optional<Result<QByteArray>> answer;
    client.get(
        pods, [&](Result<QByteArray> r) { answer = std::move(r); }, options);
    ASSERT_TRUE(QTest::qWaitFor([&] { return answer.has_value(); }, 30000));
    ASSERT_FALSE(answer->ok());
    EXPECT_EQ(answer->error().kind, ErrorKind::Unsupported);
    EXPECT_FALSE(answer->error().retriable);
    EXPECT_EQ(answer->error().message,
              "the answer to GET /api/v1/namespaces/greenlang/pods is larger than the 4 KiB "
              "ScaleDeck accepts for one response; narrow the request (a namespace, a label "
              "selector) or page it with limit=");

    // The same list fits the default limit.
    answer.reset();
    client.get(pods, [&](Result<QByteArray> r) { answer = std::move(r); });
    ASSERT_TRUE(QTest::qWaitFor([&] { return answer.has_value(); }, 30000));
    ASSERT_TRUE(answer->ok()) << answer->error().message;
    EXPECT_GT((*answer)->size(), 4096);
}

TEST_F(ApiClientRetryTest, CancelledRetryNeverCallsBack) {
    injectErrors(kConfigMaps, 503, 3);
    ApiClient client(m_admin);
    bool called = false;
    RequestOptions options = fast(4);
    options.backoff.initial = std::chrono::milliseconds{300};
    auto handle = client.getJson(
        kConfigMaps, [&](Result<QJsonDocument>) { called = true; }, options);
    EXPECT_TRUE(handle.isActive());
    // Cancel while it waits between attempts.
    ASSERT_TRUE(QTest::qWaitFor([&] { return remainingErrors() < 3; }, 10000));
    handle.cancel();
    EXPECT_FALSE(handle.isActive());
    QTest::qWait(1500);
    EXPECT_FALSE(called);
    EXPECT_GT(remainingErrors(), 0) << "no attempt after the cancel";
}

}  // namespace
