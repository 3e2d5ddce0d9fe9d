// ClusterTarget: kubectl's kubeconfig resolution (--kubeconfig, else $KUBECONFIG merged, else
// ~/.kube/config; --context, else current-context), the namespace (-n, else the context's, else
// "default"; none with -A or for nodes), command-line advice in the errors, and exec plugins
// that run only once approved (--approve-exec records the approval).
#include "cli/cluster_target.h"

#include <gtest/gtest.h>

#include <QTemporaryDir>
#include <memory>
#include <string>
#include <vector>

#include "unit/kube/kube_fixtures.h"

namespace scaledeck::cli {
namespace {

using kube::testing::writeTextFile;

std::string kubeconfig(const std::string& current, const std::vector<std::string>& contexts,
                       const std::string& ns = {}) {
    std::string text = "apiVersion: v1\nkind: Config\n";
    if (!current.empty())
        text += "current-context: " + current + "\n";
    text += "clusters:\n";
    for (const auto& c : contexts)
        text += "- name: " + c + "\n  cluster:\n    server: https://" + c + ".example:6443\n";
    text += "users:\n";
    for (const auto& c : contexts)
        text += "- name: " + c + "-user\n  user:\n    token: secret-token-" + c + "\n";
    text += "contexts:\n";
    for (const auto& c : contexts) {
        text += "- name: " + c + "\n  context:\n    cluster: " + c + "\n    user: " + c + "-user\n";
        if (!ns.empty())
            text += "    namespace: " + ns + "\n";
    }
    return text;
}

class CliClusterTargetTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(m_dir.isValid()); }

    std::string path(const std::string& name) const {
        return m_dir.filePath(QString::fromStdString(name)).toStdString();
    }
    void write(const std::string& name, const std::string& text) {
        ASSERT_TRUE(writeTextFile(QString::fromStdString(path(name)), text));
    }
    // An environment that ignores this process's: KUBECONFIG as given, HOME in the scratch dir.
    ClusterTarget::Environment environment(const std::string& variable = {}) const {
        ClusterTarget::Environment env;
        env.files.kubeconfigVariable = variable;
        env.files.home = path("home");
        env.files.inCluster = kube::InClusterConfig::Environment{};
        env.approvals = m_approvals;
        return env;
    }
    static CliOptions options(std::vector<std::string> args) {
        auto parsed = CliOptions::parse(args);
        EXPECT_TRUE(parsed.ok()) << parsed.error().message;
        return parsed.ok() ? *parsed : CliOptions{};
    }

    QTemporaryDir m_dir;
    std::shared_ptr<kube::ExecApprovals> m_approvals = std::make_shared<kube::ExecApprovals>(
        m_dir.filePath(QStringLiteral("approvals.json")).toStdString());
};

TEST_F(CliClusterTargetTest, ExplicitFileCurrentContextAndItsNamespace) {
    write("k", kubeconfig("b", {"a", "b"}, "team"));
    const auto target = ClusterTarget::resolve(options({"get", "pods", "--kubeconfig", path("k")}),
                                               ResourceKind::Pods, environment());
    ASSERT_TRUE(target.ok()) << target.error().message;
    EXPECT_EQ(target->context.contextName, "b");
    EXPECT_EQ(target->context.server, "https://b.example:6443");
    EXPECT_EQ(target->namespaceName, "team");
}

TEST_F(CliClusterTargetTest, NamespaceFlagAllNamespacesAndClusterScopedKinds) {
    write("k", kubeconfig("a", {"a"}, "team"));
    const auto env = environment();
    const auto flag =
        ClusterTarget::resolve(options({"get", "pods", "--kubeconfig", path("k"), "-n", "other"}),
                               ResourceKind::Pods, env);
    ASSERT_TRUE(flag.ok()) << flag.error().message;
    EXPECT_EQ(flag->namespaceName, "other");
    const auto all = ClusterTarget::resolve(
        options({"get", "pods", "--kubeconfig", path("k"), "-n", "other", "-A"}),
        ResourceKind::Pods, env);
    ASSERT_TRUE(all.ok());
    EXPECT_EQ(all->namespaceName, "");
    const auto nodes = ClusterTarget::resolve(options({"get", "nodes", "--kubeconfig", path("k")}),
                                              ResourceKind::Nodes, env);
    ASSERT_TRUE(nodes.ok());
    EXPECT_EQ(nodes->namespaceName, "");
}

TEST_F(CliClusterTargetTest, ContextWithoutNamespaceListsDefault) {
    write("k", kubeconfig("a", {"a"}));
    const auto target = ClusterTarget::resolve(options({"get", "pods", "--kubeconfig", path("k")}),
                                               ResourceKind::Pods, environment());
    ASSERT_TRUE(target.ok()) << target.error().message;
    EXPECT_EQ(target->namespaceName, "default");
}

TEST_F(CliClusterTargetTest, KubeconfigVariableMergesFilesAndContextFlagPicksAny) {
    write("one", kubeconfig("a", {"a"}, "first"));
    write("two", kubeconfig("c", {"c"}, "second"));
    const auto env = environment(path("one") + ":" + path("missing") + ":" + path("two"));
    const auto current = ClusterTarget::resolve(options({"get", "pods"}), ResourceKind::Pods, env);
    ASSERT_TRUE(current.ok()) << current.error().message;
    EXPECT_EQ(current->context.contextName, "a");
    EXPECT_EQ(current->namespaceName, "first");
    const auto other =
        ClusterTarget::resolve(options({"get", "pods", "--context", "c"}), ResourceKind::Pods, env);
    ASSERT_TRUE(other.ok()) << other.error().message;
    EXPECT_EQ(other->context.server, "https://c.example:6443");
    EXPECT_EQ(other->namespaceName, "second");
}

TEST_F(CliClusterTargetTest, HomeKubeconfigIsTheFallback) {
    write("home/.kube/config", kubeconfig("h", {"h"}));
    const auto target =
        ClusterTarget::resolve(options({"get", "hpa"}), ResourceKind::Hpa, environment());
    ASSERT_TRUE(target.ok()) << target.error().message;
    EXPECT_EQ(target->context.contextName, "h");
}

TEST_F(CliClusterTargetTest, UnknownContextListsTheKnownOnes) {
    write("k", kubeconfig("a", {"a", "b"}));
    const auto target = ClusterTarget::resolve(
        options({"get", "pods", "--kubeconfig", path("k"), "--context", "prod"}),
        ResourceKind::Pods, environment());
    ASSERT_FALSE(target.ok());
    EXPECT_NE(target.error().message.find("context \"prod\" is not defined"), std::string::npos)
        << target.error().message;
    EXPECT_NE(target.error().message.find("pass --context with one of: a, b"), std::string::npos)
        << target.error().message;
}

TEST_F(CliClusterTargetTest, NoCurrentContextAsksForOne) {
    write("k", kubeconfig("", {"a", "b"}));
    const auto target = ClusterTarget::resolve(options({"get", "pods", "--kubeconfig", path("k")}),
                                               ResourceKind::Pods, environment());
    ASSERT_FALSE(target.ok());
    EXPECT_NE(target.error().message.find("no current-context"), std::string::npos);
    EXPECT_NE(target.error().message.find("--context with one of: a, b"), std::string::npos);
}

TEST_F(CliClusterTargetTest, MissingKubeconfigSaysWhereItLookedAndWhatToDo) {
    const auto none =
        ClusterTarget::resolve(options({"get", "pods"}), ResourceKind::Pods, environment());
    ASSERT_FALSE(none.ok());
    EXPECT_NE(none.error().message.find("no kubeconfig found"), std::string::npos)
        << none.error().message;
    EXPECT_NE(none.error().message.find("--kubeconfig FILE"), std::string::npos);
    EXPECT_EQ(none.error().message.find("File menu"), std::string::npos);

    const auto explicitMissing =
        ClusterTarget::resolve(options({"get", "pods", "--kubeconfig", path("absent")}),
                               ResourceKind::Pods, environment());
    ASSERT_FALSE(explicitMissing.ok());
    EXPECT_NE(explicitMissing.error().message.find("absent"), std::string::npos)
        << explicitMissing.error().message;
}

TEST_F(CliClusterTargetTest, BrokenKubeconfigNamesTheFile) {
    write("k", "apiVersion: v1\nclusters: [unclosed\n");
    const auto target = ClusterTarget::resolve(options({"get", "pods", "--kubeconfig", path("k")}),
                                               ResourceKind::Pods, environment());
    ASSERT_FALSE(target.ok());
    EXPECT_NE(target.error().message.find(path("k")), std::string::npos) << target.error().message;
}

TEST_F(CliClusterTargetTest, ExecPluginNeedsApprovalAndApproveExecRecordsIt) {
    write("k",
          "apiVersion: v1\nkind: Config\ncurrent-context: e\n"
          "clusters:\n- name: c\n  cluster:\n    server: https://c.example:6443\n"
          "users:\n- name: sso\n  user:\n    exec:\n"
          "      apiVersion: client.authentication.k8s.io/v1\n"
          "      command: /opt/bin/get-token\n      args: [--cluster, prod]\n"
          "      env:\n      - {name: SSO_SECRET, value: hunter2}\n"
          "      interactiveMode: Never\n"
          "contexts:\n- name: e\n  context: {cluster: c, user: sso}\n");
    const auto env = environment();
    const auto refused = ClusterTarget::resolve(options({"get", "pods", "--kubeconfig", path("k")}),
                                                ResourceKind::Pods, env);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, base::ErrorKind::ApprovalRequired);
    const std::string& message = refused.error().message;
    EXPECT_NE(message.find("/opt/bin/get-token --cluster prod"), std::string::npos) << message;
    EXPECT_NE(message.find("--approve-exec"), std::string::npos) << message;
    EXPECT_NE(message.find("SSO_SECRET"), std::string::npos) << message;
    EXPECT_EQ(message.find("hunter2"), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << "one line";

    const auto approved = ClusterTarget::resolve(
        options({"get", "pods", "--kubeconfig", path("k"), "--approve-exec"}), ResourceKind::Pods,
        env);
    ASSERT_TRUE(approved.ok()) << approved.error().message;
    ASSERT_TRUE(approved->context.execApproval.has_value());
    EXPECT_TRUE(m_approvals->isApproved(*approved->context.execApproval));

    const auto later = ClusterTarget::resolve(options({"get", "pods", "--kubeconfig", path("k")}),
                                              ResourceKind::Pods, env);
    EXPECT_TRUE(later.ok()) << later.error().message;
}

}  // namespace
}  // namespace scaledeck::cli
