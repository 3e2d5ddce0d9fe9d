// Helpers shared by the kubeconfig and credential tests (unit and integration): writing fixture
// files, copying the exec plugin scripts of tests/fixtures/kube into a scratch folder (with
// their execute bits, whatever the checkout did to them), and an ExecCredentialSource::Options
// that never touches the user's real approvals or login shell.
#pragma once

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "kube/exec_approvals.h"
#include "kube/exec_credential_source.h"
#include "kube/login_shell_path.h"

#ifndef SCALEDECK_SOURCE_DIR
#error "the test suites define SCALEDECK_SOURCE_DIR"
#endif

namespace scaledeck::kube::testing {

inline std::string fixtureDir() {
    return std::string(SCALEDECK_SOURCE_DIR) + "/tests/fixtures/kube";
}

// Writes (or replaces) a file, creating its folder; false if that fails.
inline bool writeTextFile(const QString& path, const std::string& content) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(content.data(), static_cast<qint64>(content.size())) ==
           static_cast<qint64>(content.size());
}

inline std::string readTextFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll().toStdString();
}

// Copies every fixture script into `dir` (created if needed); scripts get rwx for the owner.
inline bool copyPluginFixtures(const QString& dir) {
    QDir().mkpath(dir);
    const QDir source(QString::fromStdString(fixtureDir()));
    const QStringList names = source.entryList({QStringLiteral("*.sh")}, QDir::Files);
    if (names.isEmpty())
        return false;
    for (const QString& name : names) {
        const QString target = dir + QLatin1Char('/') + name;
        QFile::remove(target);
        if (!QFile::copy(source.filePath(name), target))
            return false;
        QFile::setPermissions(
            target, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
    return true;
}

// Options for tests: approvals stored in `approvalsPath`, no login shell (a shell that does not
// exist, so the fallback list from `path` is used), a short timeout.
inline ExecCredentialSource::Options testExecOptions(
    const std::string& approvalsPath, const std::string& path = "/usr/local/bin:/usr/bin:/bin",
    std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    ExecCredentialSource::Options options;
    options.approvals = std::make_shared<ExecApprovals>(approvalsPath);
    LoginShellPath::Options shell;
    shell.shell = "/nonexistent/shell-for-tests";
    shell.currentPath = path;
    shell.home = "/nonexistent-home";
    options.searchPath = std::make_shared<LoginShellPath>(shell);
    options.timeout = timeout;
    return options;
}

}  // namespace scaledeck::kube::testing
