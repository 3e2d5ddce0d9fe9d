// ApiClient against the in-process simulator over real HTTPS: trust only the context's CA,
// honour tls-server-name and insecure-skip-tls-verify, authenticate with tokens and client
// certificates, turn Status answers into errors, and never leak the token.
#include "kube/api_client.h"

#include <gtest/gtest.h>

#include <QJsonObject>
#include <QTest>
#include <optional>

#include "support/demo_cluster.h"
#include "kube/kubeconfig.h"

using scaledeck::base::ErrorKind;
using scaledeck::base::Result;
using scaledeck::kube::ApiClient;
using scaledeck::kube::Kubeconfig;
using scaledeck::kube::ResolvedContext;
using scaledeck::test::DemoCluster;

namespace {

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

    // Issues one request and waits for its answer.
    static Result<QJsonDocument> get(ApiClient& client, const QString& path) {
        std::optional<Result<QJsonDocument>> answer;
        client.getJson(path, [&](Result<QJsonDocument> r) { answer = std::move(r); });
        EXPECT_FALSE(answer.has_value()) << "callbacks must not run inside the call";
        EXPECT_TRUE(QTest::qWaitFor([&] { return answer.has_value(); }, 20000));
        if (!answer)
            return scaledeck::base::Error::internal("no answer");
        return std::move(*answer);
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
        std::optional<Result<QJsonDocument>> answer;
        client.postJson(QStringLiteral("/apis/authentication.k8s.io/v1/selfsubjectreviews"),
                        R"({"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"})",
                        [&](Result<QJsonDocument> r) { answer = std::move(r); });
        ASSERT_TRUE(QTest::qWaitFor([&] { return answer.has_value(); }, 20000)) << name;
        ASSERT_TRUE(answer->ok()) << name << ": " << answer->error().message;
        const QString user = (*answer)
                                 ->object()[QLatin1String("status")]
                                 .toObject()[QLatin1String("userInfo")]
                                 .toObject()[QLatin1String("username")]
                                 .toString();
        EXPECT_EQ(user, QStringLiteral("admin")) << name;
    }
    EXPECT_GE(asked, 2) << "expected a token and a certificate context for admin";
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
        scaledeck::kube::Credentials{"wrong-token-7f3a", {}, {}, {}});
    ApiClient client(context);
    auto r = get(client, QStringLiteral("/api/v1/namespaces"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Unauthorized);
    EXPECT_EQ(r.error().httpStatus, 401);
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

TEST(ApiClient, UserAgentNamesScaleDeckAndItsVersion) {
    const QString agent = ApiClient::userAgent();
    EXPECT_TRUE(agent.startsWith(QStringLiteral("scaledeck/"))) << agent.toStdString();
    EXPECT_GT(agent.size(), QStringLiteral("scaledeck/").size());
}

struct StatusCase {
    const char* name;
    int httpStatus;
    QByteArray body;
    ErrorKind kind;
    bool retriable;
    std::string message;
};

class ApiClientStatus : public ::testing::TestWithParam<StatusCase> {};

TEST_P(ApiClientStatus, MapsToKindAndMessage) {
    const StatusCase& c = GetParam();
    const auto e = ApiClient::errorFromResponse(c.httpStatus, c.body);
    EXPECT_EQ(e.kind, c.kind);
    EXPECT_EQ(e.httpStatus, c.httpStatus);
    EXPECT_EQ(e.retriable, c.retriable);
    EXPECT_EQ(e.message, c.message);
}

QByteArray status(int code, const char* reason, const char* message) {
    return QStringLiteral(R"({"kind":"Status","apiVersion":"v1","status":"Failure",)"
                          R"("message":"%1","reason":"%2","code":%3})")
        .arg(QString::fromUtf8(message), QString::fromUtf8(reason), QString::number(code))
        .toUtf8();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ApiClientStatus,
    ::testing::Values(
        StatusCase{"BadRequest", 400, status(400, "BadRequest", "bad patch"), ErrorKind::Invalid,
                   false, "bad patch (HTTP 400)"},
        StatusCase{"Unauthorized", 401, status(401, "Unauthorized", "Unauthorized"),
                   ErrorKind::Unauthorized, false,
                   "the cluster did not accept these credentials (HTTP 401)"},
        StatusCase{"Forbidden", 403,
                   status(403, "Forbidden",
                          R"(deployments.apps is forbidden: User \"viewer\" cannot list)"),
                   ErrorKind::Forbidden, false,
                   "deployments.apps is forbidden: User \"viewer\" cannot list (HTTP 403)"},
        StatusCase{"NotFound", 404, status(404, "NotFound", R"(namespaces \"x\" not found)"),
                   ErrorKind::NotFound, false, "namespaces \"x\" not found (HTTP 404)"},
        StatusCase{"Conflict", 409, status(409, "Conflict", "the object has been modified"),
                   ErrorKind::Conflict, true, "the object has been modified (HTTP 409)"},
        StatusCase{"AlreadyExists", 409, status(409, "AlreadyExists", "already exists"),
                   ErrorKind::AlreadyExists, false, "already exists (HTTP 409)"},
        StatusCase{"Gone", 410, status(410, "Expired", "too old resource version: 1 (5)"),
                   ErrorKind::Gone, false, "too old resource version: 1 (5) (HTTP 410)"},
        StatusCase{"Invalid", 422, status(422, "Invalid", "spec.replicas: Invalid value"),
                   ErrorKind::Invalid, false, "spec.replicas: Invalid value (HTTP 422)"},
        StatusCase{"TooManyRequests", 429, status(429, "TooManyRequests", "slow down"),
                   ErrorKind::TooManyRequests, true, "slow down (HTTP 429)"},
        StatusCase{"InternalError", 500, status(500, "InternalError", "etcd is sad"),
                   ErrorKind::Internal, true, "etcd is sad (HTTP 500)"},
        StatusCase{"Unavailable", 503, status(503, "ServiceUnavailable", "try later"),
                   ErrorKind::Internal, true, "try later (HTTP 503)"},
        StatusCase{"GatewayTimeout", 504, status(504, "Timeout", "timed out"), ErrorKind::Timeout,
                   true, "timed out (HTTP 504)"},
        StatusCase{"PlainTextBody", 404, "404 page not found\n", ErrorKind::NotFound, false,
                   "404 page not found (HTTP 404)"},
        StatusCase{"EmptyBody", 502, "", ErrorKind::Internal, true,
                   "the server answered without a message (HTTP 502)"},
        // Placeholders in a server message must not be substituted.
        StatusCase{"PercentInMessage", 404, status(404, "NotFound", "pods %1 and %2 not found"),
                   ErrorKind::NotFound, false, "pods %1 and %2 not found (HTTP 404)"},
        StatusCase{"Redirect", 302, "", ErrorKind::Unsupported, false,
                   "the server redirected the request; ScaleDeck does not follow redirects with "
                   "credentials (HTTP 302)"}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
