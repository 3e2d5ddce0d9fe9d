// ExecApprovals: fingerprints change with any part of the command, approvals are per kubeconfig
// file and user, persist across instances, are written atomically with private permissions, and
// a corrupt store approves nothing but can still be written.
#include "kube/exec_approvals.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include "unit/kube/kube_fixtures.h"

using scaledeck::kube::ExecApprovalRequest;
using scaledeck::kube::ExecApprovals;
using scaledeck::kube::ExecEnvVar;
using scaledeck::kube::testing::readTextFile;
using scaledeck::kube::testing::writeTextFile;

namespace {

class ExecApprovalsTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(m_dir.isValid());
        m_store = m_dir.filePath(QStringLiteral("config/scaledeck/exec-approvals.json"));
    }
    std::string store() const { return m_store.toStdString(); }

    QTemporaryDir m_dir;
    QString m_store;
};

TEST(ExecApprovalsFingerprint, ChangesWithAnyPartOfTheCommand) {
    const std::string base = ExecApprovals::fingerprint("aws", {"eks", "get-token"}, {{"A", "1"}});
    EXPECT_EQ(base.rfind("sha256:", 0), 0u);
    EXPECT_EQ(base.size(), 7u + 64u);
    EXPECT_EQ(base, ExecApprovals::fingerprint("aws", {"eks", "get-token"}, {{"A", "1"}}));
    EXPECT_NE(base, ExecApprovals::fingerprint("aws2", {"eks", "get-token"}, {{"A", "1"}}));
    EXPECT_NE(base, ExecApprovals::fingerprint("aws", {"eks", "get-token", "x"}, {{"A", "1"}}));
    EXPECT_NE(base, ExecApprovals::fingerprint("aws", {"eks get-token"}, {{"A", "1"}}));
    EXPECT_NE(base, ExecApprovals::fingerprint("aws", {"eksget-token"}, {{"A", "1"}}));
    EXPECT_NE(base, ExecApprovals::fingerprint("aws", {"eks", "get-token"}, {{"A", "2"}}));
    EXPECT_NE(base, ExecApprovals::fingerprint("aws", {"eks", "get-token"}, {}));
    EXPECT_NE(base, ExecApprovals::fingerprint("aws", {"eks", "get-token", "A", "1"}, {}));
}

TEST_F(ExecApprovalsTest, ApprovesPerKubeconfigAndUserAndPersists) {
    const std::string fp = ExecApprovals::fingerprint("aws", {"eks"}, {});
    ExecApprovals approvals(store());
    EXPECT_FALSE(approvals.isApproved("/k/config", "u", fp));
    ASSERT_TRUE(approvals.approve("/k/config", "u", fp).ok());
    EXPECT_TRUE(approvals.isApproved("/k/config", "u", fp));
    EXPECT_TRUE(approvals.isApproved("/k/./other/../config", "u", fp)) << "paths are normalised";
    EXPECT_FALSE(approvals.isApproved("/k/config", "v", fp));
    EXPECT_FALSE(approvals.isApproved("/k/other", "u", fp));
    EXPECT_FALSE(approvals.isApproved("/k/config", "u", ExecApprovals::fingerprint("aws", {}, {})));

    // Another instance (another window, a restart) reads the same file.
    ExecApprovals again(store());
    EXPECT_TRUE(again.isApproved("/k/config", "u", fp));

    // A new approval for the same user replaces the old fingerprint.
    const std::string changed = ExecApprovals::fingerprint("aws", {"eks", "--profile", "x"}, {});
    ASSERT_TRUE(again.approve("/k/config", "u", changed).ok());
    EXPECT_FALSE(approvals.isApproved("/k/config", "u", fp));
    EXPECT_TRUE(approvals.isApproved("/k/config", "u", changed));

    ASSERT_TRUE(approvals.revoke("/k/config", "u").ok());
    EXPECT_FALSE(again.isApproved("/k/config", "u", changed));
    EXPECT_TRUE(approvals.revoke("/k/config", "nobody").ok());
}

TEST_F(ExecApprovalsTest, StoresOnlyFingerprintsInAPrivateFile) {
    ExecApprovalRequest request{"/k/config",  "u", "aws", {"--secret-looking-arg"},
                                {{"A", "b"}}, ""};
    request.fingerprint = ExecApprovals::fingerprint(request.command, request.args, request.env);
    ExecApprovals approvals(store());
    ASSERT_TRUE(approvals.approve(request).ok());
    EXPECT_TRUE(approvals.isApproved(request));
    const std::string text = readTextFile(m_store);
    EXPECT_NE(text.find(request.fingerprint), std::string::npos);
    EXPECT_EQ(text.find("secret-looking-arg"), std::string::npos);
    const QFileDevice::Permissions perms = QFileInfo(m_store).permissions();
    EXPECT_FALSE(perms & (QFileDevice::ReadGroup | QFileDevice::ReadOther));
}

TEST_F(ExecApprovalsTest, ACorruptFileApprovesNothingAndCanStillBeWritten) {
    const std::string fp = ExecApprovals::fingerprint("aws", {}, {});
    for (const std::string& garbage :
         {std::string("{not json"), std::string("[1,2]"), std::string("{\"approvals\": 7}"),
          std::string("\xff\xfe\x00", 3)}) {
        ASSERT_TRUE(writeTextFile(m_store, garbage));
        ExecApprovals approvals(store());
        EXPECT_FALSE(approvals.isApproved("/k/config", "u", fp));
        ASSERT_TRUE(approvals.approve("/k/config", "u", fp).ok());
        EXPECT_TRUE(approvals.isApproved("/k/config", "u", fp));
        EXPECT_EQ(readTextFile(m_store + QStringLiteral(".corrupt")), garbage)
            << "the damaged file is kept aside";
        QFile::remove(m_store);
    }
}

TEST_F(ExecApprovalsTest, DamagedEntriesAreIgnoredAndOthersStillCount) {
    const std::string fp = ExecApprovals::fingerprint("aws", {}, {});
    ASSERT_TRUE(writeTextFile(m_store, R"({"version":1,"approvals":[
        {"kubeconfig":"/k/config","user":"u"},
        42,
        {"kubeconfig":"/k/config","user":"w","fingerprint":")" +
                                           fp + R"("}]})"));
    ExecApprovals approvals(store());
    EXPECT_FALSE(approvals.isApproved("/k/config", "u", fp));
    EXPECT_TRUE(approvals.isApproved("/k/config", "w", fp));
}

TEST_F(ExecApprovalsTest, AnUnwritableStoreIsAnErrorNamingIt) {
    ASSERT_TRUE(writeTextFile(m_dir.filePath(QStringLiteral("blocker")), "a file, not a folder"));
    ExecApprovals approvals(
        m_dir.filePath(QStringLiteral("blocker/exec-approvals.json")).toStdString());
    auto st = approvals.approve("/k/config", "u", "sha256:00");
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.error().message.find("blocker"), std::string::npos) << st.error().message;
}

TEST(ExecApprovalsDefaultPath, FollowsXdgConfigHome) {
    const QByteArray saved = qgetenv("XDG_CONFIG_HOME");
    const bool wasSet = qEnvironmentVariableIsSet("XDG_CONFIG_HOME");
    qputenv("XDG_CONFIG_HOME", "/xdg");
    EXPECT_EQ(ExecApprovals::defaultPath(), "/xdg/scaledeck/exec-approvals.json");
    qunsetenv("XDG_CONFIG_HOME");
    EXPECT_EQ(ExecApprovals::defaultPath(),
              std::string(std::getenv("HOME")) + "/.config/scaledeck/exec-approvals.json");
    if (wasSet)
        qputenv("XDG_CONFIG_HOME", saved);
}

TEST(ExecApprovalRequest, QuotesTheCommandLineAndDescribesIt) {
    ExecApprovalRequest request{"/k/config",
                                "eks-admin",
                                "aws",
                                {"eks", "get-token", "--cluster-name", "my cluster", "it's"},
                                {{"AWS_PROFILE", "prod"}},
                                ""};
    EXPECT_EQ(request.commandLine(), "aws eks get-token --cluster-name 'my cluster' 'it'\\''s'");
    const std::string text = request.describe();
    EXPECT_NE(text.find("/k/config"), std::string::npos);
    EXPECT_NE(text.find("\"eks-admin\""), std::string::npos);
    EXPECT_NE(text.find(request.commandLine()), std::string::npos);
    EXPECT_NE(text.find("AWS_PROFILE=prod"), std::string::npos);
}

}  // namespace
