// ExecCredentialSource with the fixture plugins of tests/fixtures/kube: nothing runs before
// approval, a changed command asks again, KUBERNETES_EXEC_INFO and the environment are what
// kubectl gives, answers are cached until they expire, and every failure names the kubeconfig,
// the user and the plugin without leaking what the plugin printed on stdout.
#include "kube/exec_credential_source.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <thread>

#include "kube/exec_approvals.h"
#include "unit/kube/kube_fixtures.h"

using scaledeck::base::ErrorKind;
using scaledeck::kube::Credentials;
using scaledeck::kube::ExecConfig;
using scaledeck::kube::ExecCredentialSource;
using scaledeck::kube::testing::copyPluginFixtures;
using scaledeck::kube::testing::readTextFile;
using scaledeck::kube::testing::testExecOptions;
using scaledeck::kube::testing::writeTextFile;
using namespace std::chrono_literals;

namespace {

const char* const kV1 = "client.authentication.k8s.io/v1";
const std::string kCertPem =
    "-----BEGIN CERTIFICATE-----\nMIIBclientcertificate\n-----END CERTIFICATE-----\n";
const std::string kKeyPem =
    "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIkey\n-----END EC PRIVATE KEY-----\n";

class ExecCredentialSourceTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(m_dir.isValid());
        ASSERT_TRUE(copyPluginFixtures(m_dir.filePath(QStringLiteral("plugins"))));
        ASSERT_TRUE(writeTextFile(file("token"), "plugin-token-5b1e\n"));
        ASSERT_TRUE(writeTextFile(file("client.crt"), kCertPem));
        ASSERT_TRUE(writeTextFile(file("client.key"), kKeyPem));
        m_kubeconfig = file("kube/config").toStdString();
        m_options = testExecOptions(file("approvals.json").toStdString(),
                                    file("plugins").toStdString() + ":/usr/bin:/bin");
    }

    QString file(const char* name) const { return m_dir.filePath(QLatin1String(name)); }
    std::string path(const char* name) const { return file(name).toStdString(); }

    ExecConfig execOf(const std::string& command, std::vector<std::string> args) const {
        ExecConfig exec;
        exec.apiVersion = kV1;
        exec.command = command;
        exec.args = std::move(args);
        exec.interactiveMode = "Never";
        exec.env = {{"EXEC_PROBE_DIR", path("probe")}};
        return exec;
    }

    std::shared_ptr<ExecCredentialSource> source(ExecConfig exec, bool approve = true) {
        ExecCredentialSource::Spec spec;
        spec.kubeconfigPath = m_kubeconfig;
        spec.userName = "robot";
        spec.exec = std::move(exec);
        spec.cluster = {"https://api.example:6443",
                        kCertPem,
                        false,
                        "api.internal",
                        "socks5://127.0.0.1:1080",
                        R"({"audience":"sts","port":443})"};
        auto s = std::make_shared<ExecCredentialSource>(std::move(spec), m_options);
        if (approve) {
            EXPECT_TRUE(m_options.approvals->approve(s->approvalRequest()).ok());
        }
        return s;
    }

    int runs() const {
        const std::string log = readTextFile(file("probe/runs.log"));
        return static_cast<int>(std::count(log.begin(), log.end(), '\n'));
    }

    QTemporaryDir m_dir;
    std::string m_kubeconfig;
    ExecCredentialSource::Options m_options;
};

TEST_F(ExecCredentialSourceTest, UnapprovedCommandsDoNotRun) {
    auto s = source(execOf("exec_token.sh", {path("token")}), false);
    EXPECT_FALSE(s->cached().has_value());
    auto r = s->refresh();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::ApprovalRequired);
    EXPECT_EQ(r.error().message,
              m_kubeconfig +
                  ": user \"robot\": the exec credential plugin command `exec_token.sh " +
                  path("token") +
                  "` (with environment EXEC_PROBE_DIR) has not been approved yet; ScaleDeck runs "
                  "it only after you approve this exact command for this kubeconfig user");
    EXPECT_EQ(runs(), 0);
    EXPECT_FALSE(QFile::exists(file("probe")));

    ASSERT_TRUE(m_options.approvals->approve(s->approvalRequest()).ok());
    auto approved = s->refresh();
    ASSERT_TRUE(approved.ok()) << approved.error().message;
    EXPECT_EQ(approved->token, "plugin-token-5b1e");
    EXPECT_EQ(runs(), 1);
}

TEST_F(ExecCredentialSourceTest, AChangedCommandAsksAgain) {
    auto first = source(execOf("exec_token.sh", {path("token")}));
    ASSERT_TRUE(first->refresh().ok());
    // The kubeconfig is edited: the same user now runs something else.
    auto edited = source(execOf("exec_token.sh", {path("token"), "--extra"}), false);
    auto r = edited->refresh();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::ApprovalRequired);
    EXPECT_EQ(runs(), 1);
    // Also a changed environment.
    ExecConfig env = execOf("exec_token.sh", {path("token")});
    env.env.push_back({"LD_PRELOAD", "/tmp/evil.so"});
    EXPECT_EQ(source(env, false)->refresh().error().kind, ErrorKind::ApprovalRequired);
    EXPECT_EQ(runs(), 1);
}

TEST_F(ExecCredentialSourceTest, GivesThePluginKubectlsEnvironmentAndNoTerminal) {
    auto s = source(execOf("exec_token.sh", {path("token")}));
    auto r = s->refresh();
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(readTextFile(file("probe/stdin.txt")), "not a terminal\n");
    EXPECT_EQ(readTextFile(file("probe/path.txt")), m_options.searchPath->path());
    const QJsonObject info =
        QJsonDocument::fromJson(
            QByteArray::fromStdString(readTextFile(file("probe/exec-info.json"))))
            .object();
    EXPECT_EQ(info.value(QLatin1String("apiVersion")).toString(), QLatin1String(kV1));
    EXPECT_EQ(info.value(QLatin1String("kind")).toString(), QStringLiteral("ExecCredential"));
    const QJsonObject spec = info.value(QLatin1String("spec")).toObject();
    EXPECT_EQ(spec.value(QLatin1String("interactive")), QJsonValue(false));
    EXPECT_FALSE(spec.contains(QLatin1String("cluster"))) << "only with provideClusterInfo";
}

TEST_F(ExecCredentialSourceTest, ProvideClusterInfoSendsTheCluster) {
    ExecConfig exec = execOf("exec_token.sh", {path("token")});
    exec.provideClusterInfo = true;
    auto r = source(exec)->refresh();
    ASSERT_TRUE(r.ok()) << r.error().message;
    const QJsonObject cluster =
        QJsonDocument::fromJson(
            QByteArray::fromStdString(readTextFile(file("probe/exec-info.json"))))
            .object()[QLatin1String("spec")]
            .toObject()[QLatin1String("cluster")]
            .toObject();
    EXPECT_EQ(cluster.value(QLatin1String("server")).toString(),
              QStringLiteral("https://api.example:6443"));
    EXPECT_EQ(cluster.value(QLatin1String("tls-server-name")).toString(),
              QStringLiteral("api.internal"));
    EXPECT_EQ(cluster.value(QLatin1String("proxy-url")).toString(),
              QStringLiteral("socks5://127.0.0.1:1080"));
    EXPECT_FALSE(cluster.contains(QLatin1String("insecure-skip-tls-verify")));
    EXPECT_EQ(QByteArray::fromBase64(
                  cluster.value(QLatin1String("certificate-authority-data")).toString().toLatin1())
                  .toStdString(),
              kCertPem);
    const QJsonObject config = cluster.value(QLatin1String("config")).toObject();
    EXPECT_EQ(config.value(QLatin1String("audience")).toString(), QStringLiteral("sts"));
    EXPECT_EQ(config.value(QLatin1String("port")).toInt(), 443);
}

TEST_F(ExecCredentialSourceTest, V1Beta1PluginsAndClientCertificates) {
    ExecConfig exec = execOf("exec_client_cert.sh", {path("client.crt"), path("client.key")});
    exec.apiVersion = ExecCredentialSource::kApiVersionV1Beta1;
    exec.interactiveMode.clear();  // optional before v1
    auto r = source(exec)->refresh();
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->clientCertificatePem, kCertPem);
    EXPECT_EQ(r->clientKeyPem, kKeyPem);
    EXPECT_TRUE(r->token.empty());
    EXPECT_FALSE(r->expiry.has_value());
}

TEST_F(ExecCredentialSourceTest, CachesUntilShortlyBeforeExpiry) {
    auto now = std::chrono::system_clock::now();
    m_options.now = [&now] { return now; };
    m_options.expiryMargin = 10s;
    auto s = source(execOf("exec_short_expiry.sh", {path("token"), "3600"}));
    auto r = s->refresh();
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_TRUE(r->expiry.has_value());
    EXPECT_NEAR(std::chrono::duration_cast<std::chrono::seconds>(*r->expiry - now).count(), 3600,
                5);
    ASSERT_TRUE(s->cached().has_value());
    EXPECT_EQ(s->cached()->token, "plugin-token-5b1e");

    now = *r->expiry - 11s;
    EXPECT_TRUE(s->cached().has_value());
    now = *r->expiry - 9s;  // inside the safety margin
    EXPECT_FALSE(s->cached().has_value());
    EXPECT_EQ(runs(), 1);
    ASSERT_TRUE(s->refresh().ok());
    EXPECT_EQ(runs(), 2);
}

TEST_F(ExecCredentialSourceTest, AShortLivedCredentialIsNeverServedFromTheCache) {
    auto s = source(execOf("exec_short_expiry.sh", {path("token"), "2"}));
    auto r = s->refresh();
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->token, "plugin-token-5b1e");
    EXPECT_FALSE(s->cached().has_value()) << "2 s is inside the 10 s margin";
    ASSERT_TRUE(s->refresh().ok());
    EXPECT_EQ(runs(), 2);
}

TEST_F(ExecCredentialSourceTest, InvalidateDropsTheCredentialAndRefreshRerunsThePlugin) {
    auto s = source(execOf("exec_token.sh", {path("token")}));
    ASSERT_TRUE(s->refresh().ok());
    ASSERT_TRUE(s->cached().has_value());
    ASSERT_TRUE(writeTextFile(file("token"), "rotated-token\n"));
    EXPECT_EQ(s->cached()->token, "plugin-token-5b1e") << "no expiry: cached until invalidated";
    s->invalidate();
    EXPECT_FALSE(s->cached().has_value());
    auto r = s->refresh();
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->token, "rotated-token");
    EXPECT_EQ(runs(), 2);
}

TEST_F(ExecCredentialSourceTest, ConcurrentRefreshesAllGetTheCredential) {
    auto s = source(execOf("exec_token.sh", {path("token")}));
    std::vector<std::thread> threads;
    std::vector<std::string> tokens(4);
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&, i] {
            auto r = s->refresh();
            tokens[i] = r.ok() ? r->token : r.error().message;
        });
    }
    for (auto& t : threads)
        t.join();
    for (const auto& t : tokens)
        EXPECT_EQ(t, "plugin-token-5b1e");
    EXPECT_GE(runs(), 1);
    EXPECT_LE(runs(), 4);
}

TEST_F(ExecCredentialSourceTest, ANonZeroExitQuotesStderrButNeverStdout) {
    auto r = source(execOf("exec_fails.sh", {}))->refresh();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Unauthorized);
    EXPECT_EQ(r.error().message,
              m_kubeconfig +
                  ": user \"robot\": the exec credential plugin \"exec_fails.sh\" failed with exit "
                  "code 3:\n"
                  "error: the SSO session has expired\n"
                  "run 'aws sso login --profile prod' to sign in again\n"
                  "line three\nline four\nline five");
    EXPECT_EQ(r.error().message.find("stdout-secret"), std::string::npos);
}

TEST_F(ExecCredentialSourceTest, GarbageOutputIsAParseErrorThatQuotesNothing) {
    auto r = source(execOf("exec_garbage.sh", {}))->refresh();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Parse);
    EXPECT_EQ(r.error().message.rfind(m_kubeconfig + ": user \"robot\": the exec credential plugin "
                                                     "\"exec_garbage.sh\" did not print a valid "
                                                     "ExecCredential: its output is not JSON (",
                                      0),
              0u)
        << r.error().message;
    EXPECT_EQ(r.error().message.find("garbage-secret"), std::string::npos);
}

TEST_F(ExecCredentialSourceTest, AnApiVersionMismatchIsNamed) {
    ExecConfig exec = execOf("exec_token.sh", {path("token")});
    exec.env.push_back({"EXEC_OUTPUT_API_VERSION", "client.authentication.k8s.io/v1beta1"});
    auto r = source(exec)->refresh();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Invalid);
    EXPECT_EQ(r.error().message,
              m_kubeconfig +
                  ": user \"robot\": the exec credential plugin \"exec_token.sh\" answered with "
                  "apiVersion \"client.authentication.k8s.io/v1beta1\", but the kubeconfig asks "
                  "for \"client.authentication.k8s.io/v1\"; set exec.apiVersion to what the "
                  "plugin speaks, or update it");
}

TEST_F(ExecCredentialSourceTest, APluginThatHangsIsStoppedAfterTheTimeout) {
    m_options.timeout = 500ms;
    auto s = source(execOf("exec_slow.sh", {}));
    const auto start = std::chrono::steady_clock::now();
    auto r = s->refresh();
    EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Timeout);
    EXPECT_EQ(r.error().message,
              m_kubeconfig +
                  ": user \"robot\": the exec credential plugin \"exec_slow.sh\" did not finish "
                  "within 500 ms and was stopped; if it waits for a sign-in or a prompt, run "
                  "`exec_slow.sh` in a terminal once, then connect again");
}

TEST_F(ExecCredentialSourceTest, AMissingCommandListsTheFoldersAndTheInstallHint) {
    ExecConfig exec = execOf("kubelogin", {"get-token"});
    exec.installHint = "Install kubelogin: https://azure.github.io/kubelogin/";
    auto r = source(exec)->refresh();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::NotFound);
    EXPECT_EQ(r.error().message.rfind(m_kubeconfig +
                                          ": user \"robot\": the exec plugin command "
                                          "\"kubelogin\" was not found in any of these folders: " +
                                          path("plugins") + ", /usr/bin, /bin",
                                      0),
              0u)
        << r.error().message;
    EXPECT_NE(r.error().message.find("\nInstall kubelogin: https://azure.github.io/kubelogin/"),
              std::string::npos);
}

TEST_F(ExecCredentialSourceTest, RelativeCommandsAreRelativeToTheKubeconfig) {
    ASSERT_TRUE(copyPluginFixtures(file("kube/bin")));
    auto r = source(execOf("bin/exec_token.sh", {path("token")}))->refresh();
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->token, "plugin-token-5b1e");
}

TEST_F(ExecCredentialSourceTest, KeepsTheKubeconfigClientCertificateWithAPluginToken) {
    ExecCredentialSource::Spec spec;
    spec.kubeconfigPath = m_kubeconfig;
    spec.userName = "robot";
    spec.exec = execOf("exec_token.sh", {path("token")});
    spec.base = Credentials{"", kCertPem, kKeyPem, {}};
    ExecCredentialSource s(spec, m_options);
    ASSERT_TRUE(m_options.approvals->approve(s.approvalRequest()).ok());
    auto r = s.refresh();
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->token, "plugin-token-5b1e");
    EXPECT_EQ(r->clientCertificatePem, kCertPem);
}

}  // namespace
