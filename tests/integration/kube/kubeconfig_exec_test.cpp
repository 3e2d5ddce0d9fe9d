// Exec credential plugins from kubeconfigs written by the test, against the simulator over
// HTTPS: a plugin returning the admin token, one returning the admin client certificate, the
// approval that must come before anything runs (and again when the command changes), the 401 →
// invalidate → rerun cycle, provideClusterInfo, and the errors for plugins that are missing,
// fail or print garbage, each naming the kubeconfig and the user.
#include <gtest/gtest.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include "integration/kube/kubeconfig_sim_fixture.h"
#include "kube/exec_approvals.h"
#include "kube/kubeconfig_set.h"

using scaledeck::base::base64Encode;
using scaledeck::base::ErrorKind;
using scaledeck::kube::InClusterConfig;
using scaledeck::kube::KubeconfigSet;
using scaledeck::kube::ResolvedContext;
using scaledeck::kube::testing::copyPluginFixtures;
using scaledeck::kube::testing::KubeconfigSimFixture;
using scaledeck::kube::testing::readTextFile;
using scaledeck::kube::testing::testExecOptions;

namespace {

class KubeconfigExecTest : public KubeconfigSimFixture {
protected:
    void SetUp() override {
        KubeconfigSimFixture::SetUp();
        if (HasFatalFailure())
            return;
        // The plugins live beside the kubeconfig and are named relative to it, as kubectl allows.
        ASSERT_TRUE(copyPluginFixtures(file("kube/plugins")));
        write("secrets/admin-token", m_demo.adminToken + "\n");
        write("secrets/admin.crt", m_demo.adminCertificatePem);
        write("secrets/admin.key", m_demo.adminKeyPem);
        m_options = testExecOptions(path("approvals.json"));
    }

    // A kubeconfig whose user "robot" runs `command args...`.
    void writeKubeconfig(const std::string& command, const std::vector<std::string>& args,
                         const std::string& extraExec = {}) {
        std::string list;
        for (const auto& a : args)
            list += (list.empty() ? "" : ", ") + ("'" + a + "'");
        write("kube/config",
              "apiVersion: v1\nkind: Config\ncurrent-context: robot\n"
              "clusters:\n- name: sim\n  cluster:\n    server: " +
                  m_demo.server +
                  "\n    certificate-authority-data: " + base64Encode(m_demo.caPem) +
                  "\n    extensions:\n    - name: client.authentication.k8s.io/exec\n"
                  "      extension: {audience: scaledeck-tests}\n"
                  "users:\n- name: robot\n  user:\n    exec:\n"
                  "      apiVersion: client.authentication.k8s.io/v1\n"
                  "      interactiveMode: IfAvailable\n"
                  "      command: " +
                  command + "\n      args: [" + list +
                  "]\n"
                  "      env: [{name: EXEC_PROBE_DIR, value: '" +
                  path("probe") + "'}]\n" + extraExec +
                  "contexts:\n- {name: robot, context: {cluster: sim, user: robot}}\n");
    }

    ResolvedContext resolveRobot() {
        KubeconfigSet::LoadOptions o;
        o.explicitPath = path("kube/config");
        o.inCluster = InClusterConfig::Environment{};
        auto set = KubeconfigSet::load(o);
        EXPECT_TRUE(set.ok()) << (set.ok() ? "" : set.error().message);
        if (!set.ok())
            return {};
        set->setExecOptions(m_options);
        auto context = set->resolve();
        EXPECT_TRUE(context.ok()) << (context.ok() ? "" : context.error().message);
        return context.ok() ? *context : ResolvedContext{};
    }

    void approve(const ResolvedContext& context) {
        ASSERT_TRUE(context.execApproval.has_value());
        ASSERT_TRUE(m_options.approvals->approve(*context.execApproval).ok());
    }

    int runs() const {
        const std::string log = readTextFile(file("probe/runs.log"));
        return static_cast<int>(std::count(log.begin(), log.end(), '\n'));
    }

    scaledeck::kube::ExecCredentialSource::Options m_options;
};

TEST_F(KubeconfigExecTest, ATokenPluginSignsInOnceApproved) {
    writeKubeconfig("./plugins/exec_token.sh", {path("secrets/admin-token")});
    ResolvedContext context = resolveRobot();
    ASSERT_NE(context.credentials, nullptr);
    ASSERT_TRUE(context.execApproval.has_value());
    EXPECT_FALSE(context.credentials->cached().has_value());

    // Not approved: nothing runs (the plugin would have written its probe folder).
    auto refused = context.credentials->refresh();
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, ErrorKind::ApprovalRequired);
    EXPECT_NE(refused.error().message.find(path("kube/config")), std::string::npos);
    EXPECT_NE(refused.error().message.find("user \"robot\""), std::string::npos);
    EXPECT_NE(
        refused.error().message.find("./plugins/exec_token.sh " + path("secrets/admin-token")),
        std::string::npos)
        << refused.error().message;
    EXPECT_FALSE(QFile::exists(file("probe")));
    auto viaClient = get(context, QStringLiteral("/api/v1/namespaces"));
    ASSERT_FALSE(viaClient.ok());
    EXPECT_EQ(viaClient.error().kind, ErrorKind::ApprovalRequired);
    EXPECT_FALSE(QFile::exists(file("probe")));

    approve(context);
    auto namespaces = get(context, QStringLiteral("/api/v1/namespaces"));
    ASSERT_TRUE(namespaces.ok()) << namespaces.error().message;
    EXPECT_FALSE(namespaces->object()[QLatin1String("items")].toArray().isEmpty());
    EXPECT_EQ(whoAmI(context), "admin");
    EXPECT_EQ(runs(), 1) << "the answer has no expiry: it is cached";
}

TEST_F(KubeconfigExecTest, AClientCertificatePluginSignsIn) {
    writeKubeconfig("./plugins/exec_client_cert.sh",
                    {path("secrets/admin.crt"), path("secrets/admin.key")});
    ResolvedContext context = resolveRobot();
    approve(context);
    auto fresh = context.credentials->refresh();
    ASSERT_TRUE(fresh.ok()) << fresh.error().message;
    EXPECT_TRUE(fresh->token.empty());
    EXPECT_EQ(fresh->clientCertificatePem, m_demo.adminCertificatePem);
    EXPECT_EQ(whoAmI(context), "admin");
}

TEST_F(KubeconfigExecTest, AChangedCommandMustBeApprovedAgain) {
    writeKubeconfig("./plugins/exec_token.sh", {path("secrets/admin-token")});
    ResolvedContext first = resolveRobot();
    approve(first);
    ASSERT_TRUE(first.credentials->refresh().ok());
    EXPECT_EQ(runs(), 1);

    // Someone edits the kubeconfig: the same user now runs another command.
    writeKubeconfig("./plugins/exec_short_expiry.sh", {path("secrets/admin-token"), "3600"});
    ResolvedContext edited = resolveRobot();
    auto refused = edited.credentials->refresh();
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, ErrorKind::ApprovalRequired);
    EXPECT_NE(refused.error().message.find("exec_short_expiry.sh"), std::string::npos);
    EXPECT_EQ(runs(), 1) << "the changed command must not run";

    approve(edited);
    EXPECT_EQ(whoAmI(edited), "admin");
    EXPECT_EQ(runs(), 2);
}

TEST_F(KubeconfigExecTest, A401InvalidatesAndTheNextRefreshRerunsThePlugin) {
    write("secrets/admin-token", "expired-token-1111\n");
    writeKubeconfig("./plugins/exec_token.sh", {path("secrets/admin-token")});
    ResolvedContext context = resolveRobot();
    approve(context);
    ASSERT_TRUE(context.credentials->refresh().ok());
    auto rejected = get(context, QStringLiteral("/api/v1/namespaces"));
    ASSERT_FALSE(rejected.ok());
    EXPECT_EQ(rejected.error().kind, ErrorKind::Unauthorized);
    EXPECT_EQ(rejected.error().message.find("expired-token-1111"), std::string::npos);

    // The user signs in again (the plugin now has a good token); the 401 dropped the old one.
    write("secrets/admin-token", m_demo.adminToken + "\n");
    context.credentials->invalidate();
    EXPECT_FALSE(context.credentials->cached().has_value());
    auto namespaces = get(context, QStringLiteral("/api/v1/namespaces"));
    ASSERT_TRUE(namespaces.ok()) << namespaces.error().message;
}

TEST_F(KubeconfigExecTest, AShortExpiryIsRerunWhenItLapses) {
    writeKubeconfig("./plugins/exec_short_expiry.sh", {path("secrets/admin-token"), "5"});
    ResolvedContext context = resolveRobot();
    approve(context);
    auto fresh = context.credentials->refresh();
    ASSERT_TRUE(fresh.ok()) << fresh.error().message;
    ASSERT_TRUE(fresh->expiry.has_value());
    // 5 s is inside the safety margin: the credential is never served from the cache.
    EXPECT_FALSE(context.credentials->cached().has_value());
    EXPECT_EQ(whoAmI(context), "admin");
    EXPECT_GE(runs(), 2);
}

TEST_F(KubeconfigExecTest, ProvideClusterInfoHandsTheClusterToThePlugin) {
    writeKubeconfig("./plugins/exec_token.sh", {path("secrets/admin-token")},
                    "      provideClusterInfo: true\n");
    ResolvedContext context = resolveRobot();
    approve(context);
    ASSERT_TRUE(context.credentials->refresh().ok());
    const QJsonObject info =
        QJsonDocument::fromJson(
            QByteArray::fromStdString(readTextFile(file("probe/exec-info.json"))))
            .object();
    EXPECT_EQ(info[QLatin1String("kind")].toString(), QStringLiteral("ExecCredential"));
    const QJsonObject spec = info[QLatin1String("spec")].toObject();
    EXPECT_EQ(spec[QLatin1String("interactive")], QJsonValue(false));
    const QJsonObject cluster = spec[QLatin1String("cluster")].toObject();
    EXPECT_EQ(cluster[QLatin1String("server")].toString().toStdString(), m_demo.server);
    EXPECT_EQ(QByteArray::fromBase64(
                  cluster[QLatin1String("certificate-authority-data")].toString().toLatin1())
                  .toStdString(),
              m_demo.caPem);
    EXPECT_EQ(cluster[QLatin1String("config")].toObject()[QLatin1String("audience")].toString(),
              QStringLiteral("scaledeck-tests"));
    EXPECT_EQ(readTextFile(file("probe/stdin.txt")), "not a terminal\n");
}

struct PluginFailure {
    const char* name;
    std::string command;
    ErrorKind kind;
    std::string fragment;   // must appear in the message
    std::string forbidden;  // must not
};

class KubeconfigExecFailure : public KubeconfigExecTest,
                              public ::testing::WithParamInterface<PluginFailure> {};

TEST_P(KubeconfigExecFailure, NamesTheKubeconfigTheUserAndThePlugin) {
    const PluginFailure& c = GetParam();
    writeKubeconfig(c.command, {});
    ResolvedContext context = resolveRobot();
    approve(context);
    auto r = context.credentials->refresh();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, c.kind) << r.error().message;
    const std::string& m = r.error().message;
    EXPECT_EQ(m.rfind(path("kube/config") + ": user \"robot\": ", 0), 0u) << m;
    EXPECT_NE(m.find(c.command), std::string::npos) << m;
    EXPECT_NE(m.find(c.fragment), std::string::npos) << m;
    if (!c.forbidden.empty()) {
        EXPECT_EQ(m.find(c.forbidden), std::string::npos) << m;
    }
    auto viaClient = get(context, QStringLiteral("/api/v1/namespaces"));
    EXPECT_FALSE(viaClient.ok());
}

INSTANTIATE_TEST_SUITE_P(
    Cases, KubeconfigExecFailure,
    ::testing::Values(PluginFailure{"NotOnPath", "scaledeck-missing-auth-plugin",
                                    ErrorKind::NotFound,
                                    "was not found in any of these folders: ", ""},
                      PluginFailure{"NotBesideTheKubeconfig", "./plugins/missing.sh",
                                    ErrorKind::NotFound, "was not found at ", ""},
                      PluginFailure{"ExitsNonZero", "./plugins/exec_fails.sh",
                                    ErrorKind::Unauthorized,
                                    "failed with exit code 3:\nerror: the SSO session has expired",
                                    "stdout-secret"},
                      PluginFailure{"PrintsGarbage", "./plugins/exec_garbage.sh", ErrorKind::Parse,
                                    "did not print a valid ExecCredential: its output is not JSON",
                                    "garbage-secret"}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
