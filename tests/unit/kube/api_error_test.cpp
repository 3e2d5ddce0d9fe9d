// ApiError: every HTTP status and transport failure the REST client meets, mapped to a kind, a
// retriable flag and a message a person can act on; Retry-After parsing; precondition failures.
#include "kube/api_error.h"

#include <gtest/gtest.h>

#include <QString>

using scaledeck::base::ErrorKind;
using scaledeck::kube::ApiError;

namespace {

QByteArray status(int code, const char* reason, const char* message, const char* extra = "") {
    return QStringLiteral(R"({"kind":"Status","apiVersion":"v1","status":"Failure",)"
                          R"("message":"%1","reason":"%2","code":%3%4})")
        .arg(QString::fromUtf8(message), QString::fromUtf8(reason), QString::number(code),
             QString::fromUtf8(extra))
        .toUtf8();
}

struct StatusCase {
    const char* name;
    int httpStatus;
    QByteArray body;
    ErrorKind kind;
    bool retriable;
    std::string message;
};

class ApiErrorFromResponse : public ::testing::TestWithParam<StatusCase> {};

TEST_P(ApiErrorFromResponse, MapsToKindRetriableAndMessage) {
    const StatusCase& c = GetParam();
    const auto e = ApiError::fromResponse(c.httpStatus, c.body);
    EXPECT_EQ(e.kind, c.kind) << scaledeck::base::toString(e.kind);
    EXPECT_EQ(e.httpStatus, c.httpStatus);
    EXPECT_EQ(e.retriable, c.retriable);
    EXPECT_EQ(e.message, c.message);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ApiErrorFromResponse,
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
        StatusCase{"PreconditionFailed", 409,
                   status(409, "Conflict",
                          "Precondition failed: UID in precondition: a1, UID in object meta: b2"),
                   ErrorKind::Conflict, false,
                   "Precondition failed: UID in precondition: a1, UID in object meta: b2 (HTTP "
                   "409)"},
        StatusCase{"AlreadyExists", 409, status(409, "AlreadyExists", "already exists"),
                   ErrorKind::AlreadyExists, false, "already exists (HTTP 409)"},
        StatusCase{"Gone", 410, status(410, "Expired", "too old resource version: 1 (5)"),
                   ErrorKind::Gone, false, "too old resource version: 1 (5) (HTTP 410)"},
        StatusCase{"TooLarge", 413,
                   status(413, "RequestEntityTooLarge", "Request entity too large: limit is 3"),
                   ErrorKind::Invalid, false, "Request entity too large: limit is 3 (HTTP 413)"},
        StatusCase{"UnsupportedMediaType", 415,
                   status(415, "UnsupportedMediaType", "the body was in an unknown format"),
                   ErrorKind::Unsupported, false, "the body was in an unknown format (HTTP 415)"},
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
        StatusCase{"HtmlPageIsOneShortLine", 502,
                   "<html>\n<body>\n" + QByteArray(300, 'x') + "\n</body></html>",
                   ErrorKind::Internal, true,
                   "<html> <body> " + std::string(146, 'x') + "… (HTTP 502)"},
        StatusCase{"EmptyBody", 502, "", ErrorKind::Internal, true,
                   "the server answered without a message (HTTP 502)"},
        // Placeholders in a server message must not be substituted.
        StatusCase{"PercentInMessage", 404, status(404, "NotFound", "pods %1 and %2 not found"),
                   ErrorKind::NotFound, false, "pods %1 and %2 not found (HTTP 404)"},
        StatusCase{"Redirect", 302, "", ErrorKind::Unsupported, false,
                   "the server redirected the request; ScaleDeck does not follow redirects with "
                   "credentials (HTTP 302)"}),
    [](const auto& info) { return std::string(info.param.name); });

struct TransportCase {
    const char* name;
    QNetworkReply::NetworkError code;
    ErrorKind kind;
    bool retriable;
    bool neverReachedServer;
    std::string message;
};

class ApiErrorFromTransport : public ::testing::TestWithParam<TransportCase> {};

TEST_P(ApiErrorFromTransport, MapsToKindRetriableAndMessage) {
    const TransportCase& c = GetParam();
    ApiError::Transport failure;
    failure.code = c.code;
    failure.server = QStringLiteral("https://api.example.com:6443");
    failure.host = QStringLiteral("api.example.com");
    failure.detail = QStringLiteral("something broke");
    failure.timeout = std::chrono::milliseconds{15000};
    const auto e = ApiError::fromTransport(failure);
    EXPECT_EQ(e.kind, c.kind);
    EXPECT_EQ(e.httpStatus, 0);
    EXPECT_EQ(e.retriable, c.retriable);
    EXPECT_EQ(e.message, c.message);
    EXPECT_EQ(ApiError::neverReachedServer(c.code), c.neverReachedServer);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ApiErrorFromTransport,
    ::testing::Values(
        TransportCase{"Timeout", QNetworkReply::OperationCanceledError, ErrorKind::Timeout, true,
                      false, "no answer from https://api.example.com:6443 within 15 s"},
        TransportCase{"Refused", QNetworkReply::ConnectionRefusedError, ErrorKind::Network, true,
                      true, "connection refused by https://api.example.com:6443"},
        TransportCase{"HostNotFound", QNetworkReply::HostNotFoundError, ErrorKind::Network, true,
                      true, "host not found: api.example.com"},
        TransportCase{"Closed", QNetworkReply::RemoteHostClosedError, ErrorKind::Network, true,
                      false,
                      "https://api.example.com:6443 closed the connection before it answered"},
        TransportCase{"TlsIsFinal", QNetworkReply::SslHandshakeFailedError, ErrorKind::Network,
                      false, true,
                      "TLS handshake with https://api.example.com:6443 failed: something broke — "
                      "check the kubeconfig's certificate-authority(-data) and tls-server-name"},
        TransportCase{"ProxyRefused", QNetworkReply::ProxyConnectionRefusedError,
                      ErrorKind::Network, true, true,
                      "the proxy for https://api.example.com:6443 failed: something broke — "
                      "check the kubeconfig's proxy-url"},
        TransportCase{"ProxyWantsCredentials", QNetworkReply::ProxyAuthenticationRequiredError,
                      ErrorKind::Network, false, true,
                      "the proxy for https://api.example.com:6443 asks for credentials: put them "
                      "in the kubeconfig's proxy-url (http://user:password@…)"},
        TransportCase{"Other", QNetworkReply::UnknownNetworkError, ErrorKind::Network, true, false,
                      "https://api.example.com:6443: something broke"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ApiError, ProxyFailuresNameTheProxy) {
    ApiError::Transport failure;
    failure.server = QStringLiteral("https://h");
    failure.detail = QStringLiteral("Proxy connection refused");
    failure.proxy = QStringLiteral("http://proxy.corp:3128");
    failure.code = QNetworkReply::UnknownNetworkError;  // what Qt 6.4 reports for a dead proxy
    EXPECT_EQ(ApiError::fromTransport(failure).message,
              "https://h through the proxy http://proxy.corp:3128: Proxy connection refused");
    failure.code = QNetworkReply::ProxyTimeoutError;
    EXPECT_EQ(ApiError::fromTransport(failure).message,
              "the proxy http://proxy.corp:3128 for https://h failed: Proxy connection refused — "
              "check the kubeconfig's proxy-url");
}

TEST(ApiError, SubSecondTimeoutsAreShownInMilliseconds) {
    ApiError::Transport failure;
    failure.code = QNetworkReply::OperationCanceledError;
    failure.server = QStringLiteral("https://h");
    failure.timeout = std::chrono::milliseconds{250};
    EXPECT_EQ(ApiError::fromTransport(failure).message, "no answer from https://h within 250 ms");
}

TEST(ApiError, TlsFailureListsTheCertificateProblems) {
    ApiError::Transport failure;
    failure.code = QNetworkReply::SslHandshakeFailedError;
    failure.server = QStringLiteral("https://h");
    failure.detail = QStringLiteral("generic");
    failure.sslErrors = QStringList{QStringLiteral("self-signed"), QStringLiteral("wrong name")};
    EXPECT_EQ(ApiError::fromTransport(failure).message,
              "TLS handshake with https://h failed: self-signed; wrong name — check the "
              "kubeconfig's certificate-authority(-data) and tls-server-name");
}

struct RetryAfterCase {
    const char* name;
    QByteArray header;
    QByteArray body;
    std::optional<long> seconds;
};

class ApiErrorRetryAfter : public ::testing::TestWithParam<RetryAfterCase> {};

TEST_P(ApiErrorRetryAfter, ReadsHeaderThenBody) {
    const auto got = ApiError::retryAfter(GetParam().header, GetParam().body);
    ASSERT_EQ(got.has_value(), GetParam().seconds.has_value());
    if (got) {
        EXPECT_EQ(got->count(), *GetParam().seconds);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ApiErrorRetryAfter,
    ::testing::Values(
        RetryAfterCase{"Seconds", "5", "", 5}, RetryAfterCase{"Spaces", " 12 ", "", 12},
        RetryAfterCase{"Zero", "0", "", 0},
        RetryAfterCase{
            "BodyDetails", "",
            status(429, "TooManyRequests", "slow", R"(,"details":{"retryAfterSeconds":7})"), 7},
        RetryAfterCase{
            "HeaderWins", "3",
            status(429, "TooManyRequests", "slow", R"(,"details":{"retryAfterSeconds":7})"), 3},
        RetryAfterCase{"HttpDateIsIgnored", "Wed, 21 Oct 2015 07:28:00 GMT", "", std::nullopt},
        RetryAfterCase{"Negative", "-4", "", std::nullopt},
        RetryAfterCase{"Nothing", "", "", std::nullopt}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ApiError, PreconditionFailureIsOnlyA409SayingSo) {
    EXPECT_TRUE(ApiError::isPreconditionFailure(
        409, status(409, "Conflict",
                    "Precondition failed: UID in precondition: a, UID in object "
                    "meta: b")));
    EXPECT_FALSE(ApiError::isPreconditionFailure(
        409,
        status(409, "Conflict", "Operation cannot be fulfilled: the object has been modified")));
    EXPECT_FALSE(
        ApiError::isPreconditionFailure(422, status(422, "Invalid", "Precondition failed: x")));
    EXPECT_FALSE(ApiError::isPreconditionFailure(409, "Precondition failed: not a Status"));
}

TEST(ApiError, TooLargeSaysTheLimitAndWhatToDo) {
    const auto e = ApiError::responseTooLarge(QStringLiteral("GET /api/v1/pods"), 256LL << 20);
    EXPECT_EQ(e.kind, ErrorKind::Unsupported);
    EXPECT_FALSE(e.retriable);
    EXPECT_EQ(e.message,
              "the answer to GET /api/v1/pods is larger than the 256 MiB ScaleDeck accepts for "
              "one response; narrow the request (a namespace, a label selector) or page it with "
              "limit=");
}

TEST(ApiError, FormatsBytes) {
    EXPECT_EQ(ApiError::formatBytes(512), QStringLiteral("512 bytes"));
    EXPECT_EQ(ApiError::formatBytes(16 * 1024), QStringLiteral("16 KiB"));
    EXPECT_EQ(ApiError::formatBytes(16LL << 20), QStringLiteral("16 MiB"));
    EXPECT_EQ(ApiError::formatBytes(1500), QStringLiteral("1500 bytes"));
}

}  // namespace
