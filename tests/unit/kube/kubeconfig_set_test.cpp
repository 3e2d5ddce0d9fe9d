// KubeconfigSet: which files kubectl would read, how they merge (first definition wins, for
// entries and for current-context), relative paths per file, and the in-cluster fallback.
#include "kube/kubeconfig_set.h"

#include <gtest/gtest.h>

#include <QDir>
#include <QTemporaryDir>
#include <string>

#include "unit/kube/kube_fixtures.h"

using scaledeck::base::ErrorKind;
using scaledeck::kube::InClusterConfig;
using scaledeck::kube::KubeconfigSet;
using scaledeck::kube::testing::writeTextFile;

namespace {

const std::string kCaPem =
    "-----BEGIN CERTIFICATE-----\nMIIBdzCCAR2gAwIBAgIBATAKBggqhkjOPQQDAjAA\n-----END "
    "CERTIFICATE-----\n";

class KubeconfigSetTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(m_dir.isValid()); }

    std::string path(const char* name) const {
        return m_dir.filePath(QLatin1String(name)).toStdString();
    }
    void write(const char* name, const std::string& text) {
        ASSERT_TRUE(writeTextFile(m_dir.filePath(QLatin1String(name)), text));
    }
    // Options that ignore this process's environment.
    KubeconfigSet::LoadOptions options(const std::string& variable) const {
        KubeconfigSet::LoadOptions o;
        o.kubeconfigVariable = variable;
        o.home = m_dir.filePath(QStringLiteral("home")).toStdString();
        o.inCluster = InClusterConfig::Environment{};
        return o;
    }

    QTemporaryDir m_dir;
};

TEST_F(KubeconfigSetTest, CandidatePathsFollowKubectl) {
    KubeconfigSet::LoadOptions o;
    o.home = "/home/ann";
    o.kubeconfigVariable = "";
    EXPECT_EQ(KubeconfigSet::candidatePaths(o), std::vector<std::string>{"/home/ann/.kube/config"});
    o.kubeconfigVariable = "/a::/b:/a:";
    EXPECT_EQ(KubeconfigSet::candidatePaths(o), (std::vector<std::string>{"/a", "/b"}));
    o.explicitPath = "/explicit";
    EXPECT_EQ(KubeconfigSet::candidatePaths(o), std::vector<std::string>{"/explicit"});
}

TEST_F(KubeconfigSetTest, FirstFileWinsForEntriesAndCurrentContext) {
    write("one",
          "current-context: alpha\n"
          "clusters:\n- {name: shared, cluster: {server: 'https://one'}}\n"
          "users:\n- {name: me, user: {token: one-token}}\n"
          "contexts:\n"
          "- {name: alpha, context: {cluster: shared, user: me}}\n"
          "- {name: both, context: {cluster: shared, user: me, namespace: from-one}}\n");
    write("two",
          "current-context: beta\n"
          "clusters:\n"
          "- {name: shared, cluster: {server: 'https://two'}}\n"
          "- {name: only-two, cluster: {server: 'https://only-two'}}\n"
          "users:\n- {name: me, user: {token: two-token}}\n"
          "contexts:\n"
          "- {name: beta, context: {cluster: only-two, user: me}}\n"
          "- {name: both, context: {cluster: only-two, namespace: from-two}}\n");
    auto set =
        KubeconfigSet::load(options(path("one") + ":" + path("missing") + ":" + path("two")));
    ASSERT_TRUE(set.ok()) << set.error().message;
    EXPECT_EQ(set->files().size(), 2u);
    EXPECT_EQ(set->searchedPaths().size(), 3u);
    EXPECT_EQ(set->currentContext(), "alpha");
    EXPECT_EQ(set->contextNames(), (std::vector<std::string>{"alpha", "both", "beta"}));

    auto both = set->resolve("both");
    ASSERT_TRUE(both.ok()) << both.error().message;
    EXPECT_EQ(both->namespaceName, "from-one");
    EXPECT_EQ(both->server, "https://one");
    EXPECT_EQ(both->credentials->cached()->token, "one-token");
    EXPECT_EQ(both->sourcePath, path("one"));

    // A context of the second file still uses the first file's user of the same name.
    auto beta = set->resolve("beta");
    ASSERT_TRUE(beta.ok()) << beta.error().message;
    EXPECT_EQ(beta->server, "https://only-two");
    EXPECT_EQ(beta->credentials->cached()->token, "one-token");
    EXPECT_EQ(beta->sourcePath, path("two"));

    // With the order reversed, the other file wins.
    auto reversed = KubeconfigSet::load(options(path("two") + ":" + path("one")));
    ASSERT_TRUE(reversed.ok()) << reversed.error().message;
    EXPECT_EQ(reversed->currentContext(), "beta");
    EXPECT_EQ(reversed->resolve("both")->server, "https://only-two");
}

TEST_F(KubeconfigSetTest, CurrentContextComesFromTheFirstFileThatSetsOne) {
    write("plain", "clusters:\n- {name: c, cluster: {server: 'https://c'}}\n");
    write("chooser", "current-context: x\ncontexts:\n- {name: x, context: {cluster: c}}\n");
    auto set = KubeconfigSet::load(options(path("plain") + ":" + path("chooser")));
    ASSERT_TRUE(set.ok()) << set.error().message;
    auto current = set->resolve();
    ASSERT_TRUE(current.ok()) << current.error().message;
    EXPECT_EQ(current->contextName, "x");
    EXPECT_EQ(current->server, "https://c");
}

TEST_F(KubeconfigSetTest, RelativePathsResolveAgainstTheFileThatNamesThem) {
    write("a/ca.crt", kCaPem);
    write("b/token", "b-token\n");
    write(
        "a/config",
        "clusters:\n- {name: c, cluster: {server: 'https://c', certificate-authority: ca.crt}}\n");
    write("b/config",
          "users:\n- {name: u, user: {tokenFile: token}}\n"
          "contexts:\n- {name: x, context: {cluster: c, user: u}}\n");
    const QString previous = QDir::currentPath();
    QDir::setCurrent(QDir::rootPath());
    auto set = KubeconfigSet::load(options(path("a/config") + ":" + path("b/config")));
    ASSERT_TRUE(set.ok()) << set.error().message;
    auto x = set->resolve("x");
    QDir::setCurrent(previous);
    ASSERT_TRUE(x.ok()) << x.error().message;
    EXPECT_EQ(x->certificateAuthorityPem, kCaPem);
    EXPECT_EQ(x->credentials->cached()->token, "b-token");
}

TEST_F(KubeconfigSetTest, MissingDefaultFileIsAnEmptySetThatSaysWhereItLooked) {
    auto set = KubeconfigSet::load(options(""));
    ASSERT_TRUE(set.ok()) << set.error().message;
    EXPECT_TRUE(set->files().empty());
    EXPECT_TRUE(set->contextNames().empty());
    auto r = set->resolve();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::NotFound);
    EXPECT_NE(r.error().message.find(path("home") + "/.kube/config"), std::string::npos)
        << r.error().message;
}

TEST_F(KubeconfigSetTest, MissingExplicitFileIsAnError) {
    auto o = options("");
    o.explicitPath = path("nope");
    auto set = KubeconfigSet::load(o);
    ASSERT_FALSE(set.ok());
    EXPECT_EQ(set.error().kind, ErrorKind::NotFound);
    EXPECT_EQ(set.error().message, path("nope") + ": cannot read: No such file or directory");
}

TEST_F(KubeconfigSetTest, ABrokenFileInTheListIsAnErrorNamingIt) {
    write("good", "clusters: []\n");
    write("bad", "clusters: {oops\n");
    auto set = KubeconfigSet::load(options(path("good") + ":" + path("bad")));
    ASSERT_FALSE(set.ok());
    EXPECT_EQ(set.error().kind, ErrorKind::Parse);
    EXPECT_EQ(set.error().message.rfind(path("bad") + ": invalid YAML at line", 0), 0u)
        << set.error().message;
}

TEST_F(KubeconfigSetTest, MessagesForSeveralFilesNameThemAll) {
    write("one", "clusters:\n- {name: c, cluster: {server: 'https://c'}}\n");
    write("two", "contexts:\n- {name: x, context: {cluster: c}}\n");
    auto set = KubeconfigSet::load(options(path("one") + ":" + path("two")));
    ASSERT_TRUE(set.ok()) << set.error().message;
    auto none = set->resolve();
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().message, "no current-context is set in " + path("one") + ", " +
                                        path("two") + "; choose one of their 1 contexts");
    auto missing = set->resolve("prod");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().kind, ErrorKind::NotFound);
    EXPECT_EQ(missing.error().message,
              path("one") + ", " + path("two") + ": context \"prod\" is not defined");
    EXPECT_EQ(set->displayName(), path("one") + ":" + path("two"));
}

TEST_F(KubeconfigSetTest, OffersTheInClusterContextWhenNoFileDefinesOne) {
    const QString sa =
        m_dir.filePath(QStringLiteral("root/var/run/secrets/kubernetes.io/serviceaccount"));
    ASSERT_TRUE(writeTextFile(sa + QStringLiteral("/token"), "sa-token\n"));
    ASSERT_TRUE(writeTextFile(sa + QStringLiteral("/ca.crt"), kCaPem));
    ASSERT_TRUE(writeTextFile(sa + QStringLiteral("/namespace"), "greenlang\n"));
    auto o = options("");
    o.inCluster = InClusterConfig::Environment{"10.96.0.1", "443", "", path("root")};
    auto set = KubeconfigSet::load(o);
    ASSERT_TRUE(set.ok()) << set.error().message;
    EXPECT_TRUE(set->usesInCluster());
    EXPECT_EQ(set->contextNames(), std::vector<std::string>{"in-cluster"});
    auto context = set->resolve();
    ASSERT_TRUE(context.ok()) << context.error().message;
    EXPECT_EQ(context->server, "https://10.96.0.1:443");
    EXPECT_EQ(context->namespaceName, "greenlang");
    EXPECT_EQ(context->credentials->cached()->token, "sa-token");

    // A kubeconfig with contexts wins over the pod's service account, as in kubectl.
    write("home/.kube/config", "contexts:\n- {name: x, context: {cluster: c}}\n");
    auto withFile = KubeconfigSet::load(o);
    ASSERT_TRUE(withFile.ok()) << withFile.error().message;
    EXPECT_FALSE(withFile->usesInCluster());
    EXPECT_EQ(withFile->contextNames(), std::vector<std::string>{"x"});
}

}  // namespace
