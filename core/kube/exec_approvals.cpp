#include "kube/exec_approvals.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <cstdlib>

#include "kube/kubeconfig.h"
#include "kube/local_file.h"

namespace scaledeck::kube {

namespace {

// Approvals files are tiny; anything larger is not ours and is treated as corrupt.
constexpr qint64 kMaxStoreBytes = 4 * 1024 * 1024;

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

void addField(QCryptographicHash& hash, const std::string& field) {
    const quint64 size = field.size();
    hash.addData(QByteArray::number(size));
    hash.addData(QByteArrayView(":"));
    hash.addData(QByteArrayView(field.data(), static_cast<qsizetype>(field.size())));
}

}  // namespace

ExecApprovals::ExecApprovals(std::string storePath) : m_path(std::move(storePath)) {}

std::string ExecApprovals::defaultPath() {
    std::string base;
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg == '/') {
        base = xdg;
    } else {
        const char* home = std::getenv("HOME");
        base = std::string(home ? home : "") + "/.config";
    }
    return base + "/scaledeck/exec-approvals.json";
}

std::shared_ptr<ExecApprovals> ExecApprovals::shared() {
    static const std::shared_ptr<ExecApprovals> store =
        std::make_shared<ExecApprovals>(defaultPath());
    return store;
}

std::string ExecApprovals::fingerprint(const std::string& command,
                                       const std::vector<std::string>& args,
                                       const std::vector<ExecEnvVar>& env) {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    addField(hash, "scaledeck-exec-approval-v1");
    addField(hash, command);
    addField(hash, std::to_string(args.size()));
    for (const auto& arg : args)
        addField(hash, arg);
    addField(hash, std::to_string(env.size()));
    for (const auto& var : env) {
        addField(hash, var.name);
        addField(hash, var.value);
    }
    return "sha256:" + hash.result().toHex().toStdString();
}

bool ExecApprovals::isApproved(const std::string& kubeconfigPath, const std::string& userName,
                               const std::string& fingerprint) const {
    const std::string key = absolutePath(kubeconfigPath);
    std::lock_guard lock(m_mutex);
    const Loaded loaded = load();
    for (const auto& e : loaded.entries) {
        if (e.kubeconfig == key && e.user == userName)
            return e.fingerprint == fingerprint;
    }
    return false;
}

bool ExecApprovals::isApproved(const ExecApprovalRequest& request) const {
    return isApproved(request.kubeconfigPath, request.userName, request.fingerprint);
}

base::Status ExecApprovals::approve(const std::string& kubeconfigPath, const std::string& userName,
                                    const std::string& fingerprint) {
    const std::string key = absolutePath(kubeconfigPath);
    std::lock_guard lock(m_mutex);
    Loaded loaded = load();
    std::erase_if(loaded.entries,
                  [&](const Entry& e) { return e.kubeconfig == key && e.user == userName; });
    loaded.entries.push_back({key, userName, fingerprint,
                              QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString()});
    return save(loaded);
}

base::Status ExecApprovals::approve(const ExecApprovalRequest& request) {
    return approve(request.kubeconfigPath, request.userName, request.fingerprint);
}

base::Status ExecApprovals::revoke(const std::string& kubeconfigPath, const std::string& userName) {
    const std::string key = absolutePath(kubeconfigPath);
    std::lock_guard lock(m_mutex);
    Loaded loaded = load();
    const auto removed = std::erase_if(
        loaded.entries, [&](const Entry& e) { return e.kubeconfig == key && e.user == userName; });
    if (removed == 0 && !loaded.corrupt)
        return {};
    return save(loaded);
}

ExecApprovals::Loaded ExecApprovals::load() const {
    Loaded loaded;
    QFile file(qs(m_path));
    if (!file.exists())
        return loaded;
    if (!file.open(QIODevice::ReadOnly) || file.size() > kMaxStoreBytes) {
        loaded.corrupt = true;
        return loaded;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        loaded.corrupt = true;
        return loaded;
    }
    const QJsonValue approvals = doc.object().value(QLatin1String("approvals"));
    if (!approvals.isArray()) {
        loaded.corrupt = !approvals.isUndefined();
        return loaded;
    }
    for (const QJsonValue& item : approvals.toArray()) {
        const QJsonObject o = item.toObject();
        Entry e{o.value(QLatin1String("kubeconfig")).toString().toStdString(),
                o.value(QLatin1String("user")).toString().toStdString(),
                o.value(QLatin1String("fingerprint")).toString().toStdString(),
                o.value(QLatin1String("approvedAt")).toString().toStdString()};
        // A damaged entry approves nothing; the others still count.
        if (e.kubeconfig.empty() || e.user.empty() || e.fingerprint.empty())
            continue;
        loaded.entries.push_back(std::move(e));
    }
    return loaded;
}

base::Status ExecApprovals::save(const Loaded& loaded) const {
    const QString path = qs(m_path);
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        return base::Error::internal("cannot create the folder " +
                                     Kubeconfig::displayPath(info.absolutePath().toStdString()) +
                                     " for the exec plugin approvals");
    }
    if (loaded.corrupt) {
        // Keep the damaged file for a curious user instead of silently destroying it.
        const QString aside = path + QStringLiteral(".corrupt");
        QFile::remove(aside);
        QFile::rename(path, aside);
    }
    QJsonArray approvals;
    for (const auto& e : loaded.entries) {
        approvals.append(QJsonObject{{QLatin1String("kubeconfig"), qs(e.kubeconfig)},
                                     {QLatin1String("user"), qs(e.user)},
                                     {QLatin1String("fingerprint"), qs(e.fingerprint)},
                                     {QLatin1String("approvedAt"), qs(e.approvedAt)}});
    }
    const QJsonObject root{{QLatin1String("version"), 1}, {QLatin1String("approvals"), approvals}};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return base::Error::internal("cannot write the exec plugin approvals to " +
                                     Kubeconfig::displayPath(m_path) + ": " +
                                     file.errorString().toStdString());
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        return base::Error::internal("cannot write the exec plugin approvals to " +
                                     Kubeconfig::displayPath(m_path) + ": " +
                                     file.errorString().toStdString());
    }
    return {};
}

}  // namespace scaledeck::kube
