// LoginShellPath: PATH from a (fake) login shell despite its banner, the fallback when the shell
// is missing or hangs, and kubectl's lookup rules for plugin commands.
#include "kube/login_shell_path.h"

#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <algorithm>

#include "unit/kube/kube_fixtures.h"

using scaledeck::base::ErrorKind;
using scaledeck::kube::LoginShellPath;
using scaledeck::kube::testing::copyPluginFixtures;
using scaledeck::kube::testing::writeTextFile;
using namespace std::chrono_literals;

namespace {

class LoginShellPathTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(m_dir.isValid());
        m_plugins = m_dir.filePath(QStringLiteral("plugins"));
        ASSERT_TRUE(copyPluginFixtures(m_plugins));
    }
    std::string plugin(const char* name) const {
        return (m_plugins + QLatin1Char('/') + QLatin1String(name)).toStdString();
    }

    QTemporaryDir m_dir;
    QString m_plugins;
};

TEST_F(LoginShellPathTest, TakesThePathBetweenTheMarkersFromTheShell) {
    // The fake shell sets PATH from FAKE_LOGIN_PATH, which it inherits from this process.
    const QByteArray saved = qgetenv("FAKE_LOGIN_PATH");
    qputenv("FAKE_LOGIN_PATH", "/opt/tools/bin::/usr/bin:/bin:/opt/tools/bin:relative");
    LoginShellPath::Options options;
    options.shell = plugin("fake_login_shell.sh");
    LoginShellPath path(options);
    const auto dirs = path.directories();
    qputenv("FAKE_LOGIN_PATH", saved);
    EXPECT_TRUE(path.fromLoginShell());
    EXPECT_EQ(dirs, (std::vector<std::string>{"/opt/tools/bin", "/usr/bin", "/bin"}));
    EXPECT_EQ(path.path(), "/opt/tools/bin:/usr/bin:/bin");
}

// A real POSIX shell as login shell: its profile builds a PATH with the system folders.
TEST_F(LoginShellPathTest, WorksWithARealShell) {
    LoginShellPath::Options options;
    options.shell = "/bin/sh";
    LoginShellPath path(options);
    const auto dirs = path.directories();
    ASSERT_FALSE(dirs.empty());
    const bool hasSystemFolder = std::find(dirs.begin(), dirs.end(), "/usr/bin") != dirs.end() ||
                                 std::find(dirs.begin(), dirs.end(), "/bin") != dirs.end();
    EXPECT_TRUE(hasSystemFolder) << path.path();
    for (const auto& d : dirs)
        EXPECT_EQ(d.front(), '/') << path.path();
}

TEST_F(LoginShellPathTest, FallsBackWhenTheShellDoesNotExist) {
    LoginShellPath::Options options;
    options.shell = "/nonexistent/zsh";
    options.currentPath = "/usr/bin:/bin";
    options.home = "/home/ann";
    LoginShellPath path(options);
    EXPECT_FALSE(path.fromLoginShell());
    EXPECT_EQ(path.directories(),
              LoginShellPath::fallbackDirectories("/usr/bin:/bin", "/home/ann"));
}

TEST_F(LoginShellPathTest, FallsBackWhenTheShellHangs) {
    LoginShellPath::Options options;
    options.shell = plugin("exec_slow.sh");
    options.timeout = 300ms;
    options.currentPath = "/usr/bin";
    options.home = "/home/ann";
    LoginShellPath path(options);
    QElapsedTimer timer;
    timer.start();
    EXPECT_FALSE(path.fromLoginShell());
    EXPECT_LT(timer.elapsed(), 5000);
    EXPECT_EQ(path.directories().front(), "/usr/bin");
}

TEST(LoginShellPathFallback, AddsTheUsualInstallFolders) {
    const auto dirs = LoginShellPath::fallbackDirectories("/usr/bin:/home/ann/bin", "/home/ann");
    EXPECT_EQ(dirs, (std::vector<std::string>{"/usr/bin", "/home/ann/bin", "/usr/local/bin", "/bin",
                                              "/home/ann/.local/bin", "/opt/homebrew/bin",
                                              "/home/ann/go/bin", "/home/ann/.krew/bin"}));
}

TEST_F(LoginShellPathTest, ResolvesCommandsLikeKubectl) {
    LoginShellPath::Options options;
    options.shell = "/nonexistent/sh";
    options.currentPath = m_plugins.toStdString() + ":/usr/bin:/bin";
    options.home = "/home/ann";
    LoginShellPath path(options);

    auto bare = path.resolveCommand("exec_token.sh", "/elsewhere");
    ASSERT_TRUE(bare.ok()) << bare.error().message;
    EXPECT_EQ(*bare, plugin("exec_token.sh"));

    auto absolute = path.resolveCommand(plugin("exec_fails.sh"), "/elsewhere");
    ASSERT_TRUE(absolute.ok()) << absolute.error().message;
    EXPECT_EQ(*absolute, plugin("exec_fails.sh"));

    // A command with a slash is relative to the kubeconfig's folder, not the working directory.
    auto relative = path.resolveCommand("plugins/exec_garbage.sh", m_dir.path().toStdString());
    ASSERT_TRUE(relative.ok()) << relative.error().message;
    EXPECT_EQ(*relative, plugin("exec_garbage.sh"));

    ASSERT_TRUE(writeTextFile(m_plugins + QStringLiteral("/notes.txt"), "not a program"));
    QFile::setPermissions(m_plugins + QStringLiteral("/notes.txt"),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    auto notExecutable = path.resolveCommand("./notes.txt", m_plugins.toStdString());
    ASSERT_FALSE(notExecutable.ok());
    EXPECT_EQ(notExecutable.error().kind, ErrorKind::Invalid);
    EXPECT_NE(notExecutable.error().message.find("is not an executable file"), std::string::npos);

    auto missing = path.resolveCommand("kubelogin-missing", "/elsewhere");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().kind, ErrorKind::NotFound);
    EXPECT_EQ(missing.error().message.rfind(
                  "the exec plugin command \"kubelogin-missing\" was not found in any of these "
                  "folders: " +
                      m_plugins.toStdString() + ", /usr/bin, /bin, /usr/local/bin",
                  0),
              0u)
        << missing.error().message;
    EXPECT_NE(missing.error().message.find("/home/ann/.krew/bin"), std::string::npos);

    auto missingRelative = path.resolveCommand("bin/nothing", "/k");
    ASSERT_FALSE(missingRelative.ok());
    EXPECT_EQ(missingRelative.error().message,
              "the exec plugin command \"bin/nothing\" was not found at /k/bin/nothing");
}

}  // namespace
