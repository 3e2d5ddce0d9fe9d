// Kubeconfigs written by the test, loaded the way kubectl loads them and used against the
// simulator over HTTPS: merged $KUBECONFIG files (first wins, current-context included),
// relative paths, *-data fields, tls-server-name, token files (with rotation) and client
// certificates. Every bad file gives an error naming the file and the entry.
#include <gtest/gtest.h>

#include <QDir>

#include "integration/kube/kubeconfig_sim_fixture.h"
#include "kube/kubeconfig_set.h"

using scaledeck::base::base64Encode;
using scaledeck::base::ErrorKind;
using scaledeck::kube::InClusterConfig;
using scaledeck::kube::KubeconfigSet;
using scaledeck::kube::ResolvedContext;
using scaledeck::kube::testing::KubeconfigSimFixture;

namespace {

class KubeconfigFilesTest : public KubeconfigSimFixture {
protected:
    // Only the files named by `variable`: nothing from this machine's environment.
    KubeconfigSet::LoadOptions options(const std::string& variable) const {
        KubeconfigSet::LoadOptions o;
        o.kubeconfigVariable = variable;
        o.home = path("home");
        o.inCluster = InClusterConfig::Environment{};
        return o;
    }

    ResolvedContext resolve(const KubeconfigSet& set, const std::string& context) {
        auto r = set.resolve(context);
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
        return r.ok() ? *r : ResolvedContext{};
    }

    std::string caData() const { return base64Encode(m_demo.caPem); }
};

TEST_F(KubeconfigFilesTest, MergesKubeconfigFilesFirstOneWinning) {
    // The first file has the working cluster and user and chooses "good".
    write("first",
          "apiVersion: v1\nkind: Config\ncurrent-context: good\n"
          "clusters:\n- name: sim\n  cluster:\n    server: " +
              m_demo.server + "\n    certificate-authority-data: " + caData() +
              "\n"
              "users:\n- {name: me, user: {token: " +
              m_demo.adminToken +
              "}}\n"
              "contexts:\n- {name: good, context: {cluster: sim, user: me}}\n");
    // The second redefines both (wrongly), chooses another context and adds one of its own.
    write("second",
          "apiVersion: v1\nkind: Config\ncurrent-context: from-second\n"
          "clusters:\n- {name: sim, cluster: {server: 'https://127.0.0.1:1'}}\n"
          "users:\n- {name: me, user: {token: not-the-admin-token}}\n"
          "contexts:\n"
          "- {name: good, context: {cluster: nowhere}}\n"
          "- {name: from-second, context: {cluster: sim, user: me, namespace: kube-system}}\n");

    // Through the real variable, with a missing file in the middle that kubectl skips.
    const QByteArray saved = qgetenv("KUBECONFIG");
    const bool wasSet = qEnvironmentVariableIsSet("KUBECONFIG");
    qputenv("KUBECONFIG", QByteArray::fromStdString(path("first") + ":" + path("missing") + ":" +
                                                    path("second")));
    KubeconfigSet::LoadOptions fromEnvironment;
    fromEnvironment.inCluster = InClusterConfig::Environment{};
    auto set = KubeconfigSet::load(fromEnvironment);
    if (wasSet) {
        qputenv("KUBECONFIG", saved);
    } else {
        qunsetenv("KUBECONFIG");
    }
    ASSERT_TRUE(set.ok()) << set.error().message;
    EXPECT_EQ(set->files().size(), 2u);
    EXPECT_EQ(set->currentContext(), "good");
    EXPECT_EQ(set->contextNames(), (std::vector<std::string>{"good", "from-second"}));

    auto current = set->resolve();
    ASSERT_TRUE(current.ok()) << current.error().message;
    EXPECT_EQ(current->contextName, "good");
    auto namespaces = get(*current, QStringLiteral("/api/v1/namespaces"));
    ASSERT_TRUE(namespaces.ok()) << namespaces.error().message;
    EXPECT_FALSE(namespaces->object()[QLatin1String("items")].toArray().isEmpty());

    // The second file's own context uses the first file's cluster and user.
    ResolvedContext fromSecond = resolve(*set, "from-second");
    EXPECT_EQ(fromSecond.namespaceName, "kube-system");
    EXPECT_EQ(fromSecond.sourcePath, path("second"));
    EXPECT_EQ(whoAmI(fromSecond), "admin");

    // In the other order the second file's broken entries and current-context win, and fail.
    auto reversed = KubeconfigSet::load(options(path("second") + ":" + path("first")));
    ASSERT_TRUE(reversed.ok()) << reversed.error().message;
    EXPECT_EQ(reversed->currentContext(), "from-second");
    ResolvedContext broken = resolve(*reversed, "from-second");
    auto refused = get(broken, QStringLiteral("/api/v1/namespaces"));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, ErrorKind::Network);
}

TEST_F(KubeconfigFilesTest, RelativePathsAreRelativeToTheirOwnFile) {
    write("pki/ca.crt", m_demo.caPem);
    write("pki/admin.crt", m_demo.adminCertificatePem);
    write("pki/admin.key", m_demo.adminKeyPem);
    write("kube/config",
          "clusters:\n- name: sim\n  cluster:\n    server: " + m_demo.server +
              "\n    certificate-authority: ../pki/ca.crt\n"
              "users:\n- {name: cert, user: {client-certificate: ../pki/admin.crt, client-key: "
              "../pki/admin.key}}\n"
              "contexts:\n- {name: rel, context: {cluster: sim, user: cert}}\n");
    const QString previous = QDir::currentPath();
    QDir::setCurrent(QDir::rootPath());
    auto set = KubeconfigSet::load(options(path("kube/config")));
    QDir::setCurrent(previous);
    ASSERT_TRUE(set.ok()) << set.error().message;
    ResolvedContext context = resolve(*set, "rel");
    EXPECT_EQ(whoAmI(context), "admin");
}

TEST_F(KubeconfigFilesTest, EmbeddedDataAuthenticatesWithAClientCertificate) {
    write("config", "clusters:\n- name: sim\n  cluster:\n    server: " + m_demo.server +
                        "\n    certificate-authority-data: " + caData() +
                        "\nusers:\n- name: cert\n  user:\n    client-certificate-data: " +
                        base64Encode(m_demo.adminCertificatePem) +
                        "\n    client-key-data: " + base64Encode(m_demo.adminKeyPem) +
                        "\ncontexts:\n- {name: data, context: {cluster: sim, user: cert}}\n");
    auto set = KubeconfigSet::load(options(path("config")));
    ASSERT_TRUE(set.ok()) << set.error().message;
    ResolvedContext context = resolve(*set, "data");
    EXPECT_TRUE(context.credentials->cached()->token.empty());
    auto namespaces = get(context, QStringLiteral("/api/v1/namespaces"));
    ASSERT_TRUE(namespaces.ok()) << namespaces.error().message;
    EXPECT_EQ(whoAmI(context), "admin");
}

TEST_F(KubeconfigFilesTest, TlsServerNameIsTheNameTheCertificateMustMatch) {
    // The simulator's certificate names localhost and 127.0.0.1, never api.example.com.
    const auto config = [&](const std::string& serverName) {
        return "clusters:\n- name: sim\n  cluster:\n    server: " + m_demo.server +
               "\n    certificate-authority-data: " + caData() +
               "\n    tls-server-name: " + serverName +
               "\nusers:\n- {name: me, user: {token: " + m_demo.adminToken +
               "}}\ncontexts:\n- {name: sni, context: {cluster: sim, user: me}}\n";
    };
    write("good", config("localhost"));
    write("bad", config("api.example.com"));
    auto good = KubeconfigSet::load(options(path("good")));
    ASSERT_TRUE(good.ok()) << good.error().message;
    ResolvedContext accepted = resolve(*good, "sni");
    EXPECT_EQ(accepted.tlsServerName, "localhost");
    auto ok = get(accepted, QStringLiteral("/api/v1/namespaces"));
    EXPECT_TRUE(ok.ok()) << ok.error().message;

    auto bad = KubeconfigSet::load(options(path("bad")));
    ASSERT_TRUE(bad.ok()) << bad.error().message;
    auto refused = get(resolve(*bad, "sni"), QStringLiteral("/api/v1/namespaces"));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, ErrorKind::Network);
    EXPECT_FALSE(refused.error().retriable);
}

TEST_F(KubeconfigFilesTest, TokenFilesAreReadAgainAfterRotation) {
    write("secrets/token", m_demo.adminToken + "\n");
    write("config", "clusters:\n- name: sim\n  cluster:\n    server: " + m_demo.server +
                        "\n    certificate-authority-data: " + caData() +
                        "\nusers:\n- {name: sa, user: {tokenFile: secrets/token}}\n"
                        "contexts:\n- {name: sa, context: {cluster: sim, user: sa}}\n");
    auto set = KubeconfigSet::load(options(path("config")));
    ASSERT_TRUE(set.ok()) << set.error().message;
    ResolvedContext context = resolve(*set, "sa");
    EXPECT_EQ(whoAmI(context), "admin");

    // The kubelet (here: the test) replaces the token; after a 401 the client invalidates.
    write("secrets/token", m_demo.viewerToken + "\n");
    context.credentials->invalidate();
    EXPECT_FALSE(context.credentials->cached().has_value());
    auto fresh = context.credentials->refresh();
    ASSERT_TRUE(fresh.ok()) << fresh.error().message;
    EXPECT_EQ(whoAmI(context), "viewer");

    // A token the cluster does not know is rejected: the new file really is what is sent.
    write("secrets/token", "revoked-token-0000\n");
    context.credentials->invalidate();
    ASSERT_TRUE(context.credentials->refresh().ok());
    auto rejected = get(context, QStringLiteral("/api/v1/namespaces"));
    ASSERT_FALSE(rejected.ok());
    EXPECT_EQ(rejected.error().kind, ErrorKind::Unauthorized);
    EXPECT_EQ(rejected.error().message.find("revoked-token-0000"), std::string::npos);
}

struct BadInput {
    const char* name;
    std::string file;      // written to <dir>/<file>; empty: not written at all
    std::string content;   // the kubeconfig
    std::string context;   // resolved; empty: loading must fail
    std::string entry;     // must appear in the message
    std::string fragment;  // must appear in the message too
};

class KubeconfigBadInput : public KubeconfigFilesTest,
                           public ::testing::WithParamInterface<BadInput> {};

TEST_P(KubeconfigBadInput, NamesTheFileAndTheEntry) {
    const BadInput& c = GetParam();
    std::string content = c.content;
    for (std::size_t at; (at = content.find("$SERVER")) != std::string::npos;)
        content.replace(at, 7, m_demo.server);
    if (!content.empty())
        write(c.file, content);
    auto o = options("");
    o.explicitPath = path(c.file);
    auto set = KubeconfigSet::load(o);
    std::string message;
    if (c.context.empty()) {
        ASSERT_FALSE(set.ok()) << "loading should have failed";
        message = set.error().message;
    } else {
        ASSERT_TRUE(set.ok()) << set.error().message;
        auto r = set->resolve(c.context);
        ASSERT_FALSE(r.ok()) << "resolving should have failed";
        message = r.error().message;
    }
    EXPECT_NE(message.find(path(c.file)), std::string::npos) << message;
    EXPECT_NE(message.find(c.entry), std::string::npos) << message;
    EXPECT_NE(message.find(c.fragment), std::string::npos) << message;
}

const std::string kSimCluster = "clusters:\n- {name: sim, cluster: {server: '$SERVER'}}\n";

INSTANTIATE_TEST_SUITE_P(
    Cases, KubeconfigBadInput,
    ::testing::Values(
        BadInput{"MissingFile", "absent/config", "", "", "absent/config",
                 "No such file or directory"},
        BadInput{"BadYaml", "config", "clusters:\n- name: x\n  cluster: {server: [\n", "",
                 "invalid YAML at line", "end of sequence flow not found"},
        BadInput{"UnknownContext", "config",
                 kSimCluster + "contexts:\n- {name: dev, context: {cluster: sim}}\n", "prod",
                 "context \"prod\"", "is not defined"},
        BadInput{"BadBase64", "config",
                 "clusters:\n- {name: sim, cluster: {server: '$SERVER', "
                 "certificate-authority-data: 'not*base64'}}\n"
                 "contexts:\n- {name: dev, context: {cluster: sim}}\n",
                 "dev", "cluster \"sim\"", "certificate-authority-data is not valid base64"},
        BadInput{"UnreadableCertificate", "config",
                 kSimCluster + "users:\n- {name: robot, user: {client-certificate: pki/robot.crt, "
                               "client-key: pki/robot.key}}\n"
                               "contexts:\n- {name: dev, context: {cluster: sim, user: robot}}\n",
                 "dev", "user \"robot\"", "client-certificate \"pki/robot.crt\""},
        BadInput{"CaThatIsNotACertificate", "config",
                 "clusters:\n- {name: sim, cluster: {server: '$SERVER', "
                 "certificate-authority: config}}\n"
                 "contexts:\n- {name: dev, context: {cluster: sim}}\n",
                 "dev", "cluster \"sim\"", "does not hold a PEM certificate"},
        BadInput{"UnknownUser", "config",
                 kSimCluster + "contexts:\n- {name: dev, context: {cluster: sim, user: ghost}}\n",
                 "dev", "context \"dev\"", "user \"ghost\", which is not defined"},
        BadInput{"ProxyScheme", "config",
                 "clusters:\n- {name: sim, cluster: {server: '$SERVER', proxy-url: "
                 "'ftp://proxy'}}\n"
                 "contexts:\n- {name: dev, context: {cluster: sim}}\n",
                 "dev", "cluster \"sim\"", "only http://, https:// and socks5://"},
        BadInput{"MissingTokenFile", "config",
                 kSimCluster + "users:\n- {name: sa, user: {tokenFile: sa/token}}\n" +
                     "contexts:\n- {name: dev, context: {cluster: sim, user: sa}}\n",
                 "dev", "user \"sa\"", "tokenFile \"sa/token\""},
        BadInput{"AuthProvider", "config",
                 kSimCluster + "users:\n- {name: gke, user: {auth-provider: {name: gcp}}}\n" +
                     "contexts:\n- {name: dev, context: {cluster: sim, user: gke}}\n",
                 "dev", "user \"gke\"", "gke-gcloud-auth-plugin"}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
