// InClusterConfig against a fake service-account mount: server from the environment (IPv6 in
// brackets), CA and namespace from the files, a rotating token, and errors that say what is
// missing.
#include "kube/in_cluster_config.h"

#include <gtest/gtest.h>

#include <QTemporaryDir>

#include "kube/token_file_credential_source.h"
#include "unit/kube/kube_fixtures.h"

using scaledeck::base::ErrorKind;
using scaledeck::kube::InClusterConfig;
using scaledeck::kube::testing::writeTextFile;

namespace {

const std::string kCaPem =
    "-----BEGIN CERTIFICATE-----\nMIIBdzCCAR2gAwIBAgIBATAKBggqhkjOPQQDAjAA\n-----END "
    "CERTIFICATE-----\n";

class InClusterConfigTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(m_dir.isValid());
        m_env = {"10.96.0.1", "443", "", m_dir.path().toStdString()};
        m_sa = QString::fromStdString(InClusterConfig::serviceAccountDir(m_env));
    }
    void mount(bool token = true, bool ca = true, const std::string& ns = "greenlang\n") {
        if (token) {
            ASSERT_TRUE(writeTextFile(m_sa + QStringLiteral("/token"), "sa-token-1\n"));
        }
        if (ca) {
            ASSERT_TRUE(writeTextFile(m_sa + QStringLiteral("/ca.crt"), kCaPem));
        }
        if (!ns.empty()) {
            ASSERT_TRUE(writeTextFile(m_sa + QStringLiteral("/namespace"), ns));
        }
    }

    QTemporaryDir m_dir;
    InClusterConfig::Environment m_env;
    QString m_sa;
};

TEST_F(InClusterConfigTest, BuildsTheContextFromTheMount) {
    mount();
    EXPECT_TRUE(InClusterConfig::possible(m_env));
    auto context = InClusterConfig::resolve(m_env);
    ASSERT_TRUE(context.ok()) << context.error().message;
    EXPECT_EQ(context->contextName, "in-cluster");
    EXPECT_EQ(context->server, "https://10.96.0.1:443");
    EXPECT_EQ(context->certificateAuthorityPem, kCaPem);
    EXPECT_EQ(context->namespaceName, "greenlang");
    ASSERT_NE(context->credentials, nullptr);
    EXPECT_EQ(context->credentials->cached()->token, "sa-token-1");

    // The kubelet rotates the token; after a 401 the new one is read.
    ASSERT_TRUE(writeTextFile(m_sa + QStringLiteral("/token"), "sa-token-2\n"));
    context->credentials->invalidate();
    auto fresh = context->credentials->refresh();
    ASSERT_TRUE(fresh.ok()) << fresh.error().message;
    EXPECT_EQ(fresh->token, "sa-token-2");
}

TEST_F(InClusterConfigTest, Ipv6HostsAreBracketedAndPodNamespaceWins) {
    mount();
    m_env.serviceHost = "fd00::1";
    m_env.podNamespace = "from-env";
    auto context = InClusterConfig::resolve(m_env);
    ASSERT_TRUE(context.ok()) << context.error().message;
    EXPECT_EQ(context->server, "https://[fd00::1]:443");
    EXPECT_EQ(context->namespaceName, "from-env");
}

TEST_F(InClusterConfigTest, NoNamespaceFileMeansDefault) {
    mount(true, true, "");
    auto context = InClusterConfig::resolve(m_env);
    ASSERT_TRUE(context.ok()) << context.error().message;
    EXPECT_EQ(context->namespaceName, "default");
}

TEST_F(InClusterConfigTest, MissingVariablesOrFilesAreNamed) {
    mount(false, true);
    EXPECT_FALSE(InClusterConfig::possible(m_env));
    auto noToken = InClusterConfig::resolve(m_env);
    ASSERT_FALSE(noToken.ok());
    EXPECT_EQ(noToken.error().kind, ErrorKind::NotFound);
    EXPECT_NE(noToken.error().message.find("tokenFile \"token\""), std::string::npos)
        << noToken.error().message;
    EXPECT_NE(noToken.error().message.find(m_sa.toStdString()), std::string::npos);

    auto env = m_env;
    env.servicePort.clear();
    EXPECT_FALSE(InClusterConfig::possible(env));
    auto noPort = InClusterConfig::resolve(env);
    ASSERT_FALSE(noPort.ok());
    EXPECT_NE(noPort.error().message.find("KUBERNETES_SERVICE_PORT"), std::string::npos);
}

TEST_F(InClusterConfigTest, MissingCaIsAnError) {
    mount(true, false);
    auto context = InClusterConfig::resolve(m_env);
    ASSERT_FALSE(context.ok());
    EXPECT_NE(context.error().message.find("ca.crt"), std::string::npos) << context.error().message;
}

}  // namespace
