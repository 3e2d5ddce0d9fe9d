#include "kube/exec_credential_source.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <filesystem>

#include "base/base64.h"
#include "base/time_format.h"
#include "kube/child_process.h"
#include "kube/exec_approvals.h"
#include "kube/kubeconfig.h"
#include "kube/local_file.h"
#include "kube/login_shell_path.h"

extern char** environ;

namespace scaledeck::kube {

namespace {

// Enough stderr to recognise "please run aws sso login", never a wall of text.
constexpr int kStderrLines = 5;
constexpr std::size_t kStderrLineChars = 300;
// An ExecCredential is a few KiB; a plugin printing megabytes is broken.
constexpr std::size_t kOutputLimit = 1024 * 1024;

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

std::string firstLines(const std::string& text) {
    std::string out;
    int lines = 0;
    std::size_t start = 0;
    while (start < text.size() && lines < kStderrLines) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        std::string line = text.substr(start, end - start);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
            line.pop_back();
        if (!line.empty()) {
            if (line.size() > kStderrLineChars)
                line = line.substr(0, kStderrLineChars) + "…";
            out += (out.empty() ? "" : "\n") + line;
            ++lines;
        }
        start = end + 1;
    }
    return out;
}

std::string seconds(std::chrono::milliseconds d) {
    const auto ms = d.count();
    if (ms % 1000 == 0)
        return std::to_string(ms / 1000) + " s";
    return std::to_string(ms) + " ms";
}

}  // namespace

base::Status ExecCredentialSource::validate(const ExecConfig& exec, const std::string& where) {
    const auto error = [&](base::ErrorKind kind, const std::string& what) {
        return base::Error{kind, where + ": " + what, 0, false};
    };
    if (exec.command.empty())
        return error(base::ErrorKind::Invalid, "exec has no command");
    if (exec.apiVersion.empty()) {
        return error(base::ErrorKind::Invalid,
                     "exec has no apiVersion; set it to " + std::string(kApiVersionV1) +
                         " (or v1beta1 if the plugin's documentation says so)");
    }
    if (exec.apiVersion == "client.authentication.k8s.io/v1alpha1") {
        return error(base::ErrorKind::Unsupported,
                     "exec.apiVersion client.authentication.k8s.io/v1alpha1 was removed from "
                     "Kubernetes; use " +
                         std::string(kApiVersionV1) + " or " + kApiVersionV1Beta1 +
                         " with an up-to-date plugin");
    }
    if (exec.apiVersion != kApiVersionV1 && exec.apiVersion != kApiVersionV1Beta1) {
        return error(base::ErrorKind::Invalid, "exec.apiVersion \"" + exec.apiVersion +
                                                   "\" is not a credential plugin API; use " +
                                                   kApiVersionV1 + " or " + kApiVersionV1Beta1);
    }
    const std::string& mode = exec.interactiveMode;
    if (mode.empty() && exec.apiVersion == kApiVersionV1) {
        return error(base::ErrorKind::Invalid, "exec.interactiveMode is required with " +
                                                   std::string(kApiVersionV1) +
                                                   "; set it to Never or IfAvailable");
    }
    if (!mode.empty() && mode != "Never" && mode != "IfAvailable" && mode != "Always") {
        return error(base::ErrorKind::Invalid,
                     "exec.interactiveMode \"" + mode + "\" must be Never, IfAvailable or Always");
    }
    if (mode == "Always") {
        return error(base::ErrorKind::Unsupported,
                     "exec.interactiveMode is Always, but ScaleDeck has no terminal for the "
                     "plugin \"" +
                         exec.command +
                         "\" to ask you questions on; set interactiveMode to IfAvailable if the "
                         "plugin can sign in without a prompt (for example through a browser), "
                         "or sign in from a terminal first");
    }
    return {};
}

ExecCredentialSource::ExecCredentialSource(Spec spec)
    : ExecCredentialSource(std::move(spec), Options{}) {}

ExecCredentialSource::ExecCredentialSource(Spec spec, Options options)
    : m_spec(std::move(spec)), m_options(std::move(options)) {
    if (!m_options.approvals)
        m_options.approvals = ExecApprovals::shared();
    if (!m_options.searchPath)
        m_options.searchPath = LoginShellPath::shared();
    m_request.kubeconfigPath = absolutePath(m_spec.kubeconfigPath);
    m_request.userName = m_spec.userName;
    m_request.command = m_spec.exec.command;
    m_request.args = m_spec.exec.args;
    m_request.env = m_spec.exec.env;
    m_request.fingerprint =
        ExecApprovals::fingerprint(m_spec.exec.command, m_spec.exec.args, m_spec.exec.env);
    m_where = Kubeconfig::displayPath(m_spec.kubeconfigPath) + ": user \"" + m_spec.userName + "\"";
}

ExecCredentialSource::~ExecCredentialSource() = default;

std::chrono::system_clock::time_point ExecCredentialSource::now() const {
    return m_options.now ? m_options.now() : std::chrono::system_clock::now();
}

bool ExecCredentialSource::usable(const Credentials& c) const {
    return !c.expiry || now() + m_options.expiryMargin < *c.expiry;
}

std::optional<Credentials> ExecCredentialSource::cached() const {
    std::lock_guard lock(m_stateMutex);
    if (m_cached && usable(*m_cached))
        return m_cached;
    return std::nullopt;
}

void ExecCredentialSource::invalidate() {
    std::lock_guard lock(m_stateMutex);
    m_cached.reset();
}

base::Result<Credentials> ExecCredentialSource::refresh() {
    const std::uint64_t seen = m_generation.load();
    std::lock_guard refreshLock(m_refreshMutex);
    {
        // Another caller ran the plugin while this one waited: share its answer.
        std::lock_guard lock(m_stateMutex);
        if (m_generation.load() != seen && m_cached && usable(*m_cached))
            return *m_cached;
    }
    auto result = run();
    if (!result.ok())
        return result;
    std::lock_guard lock(m_stateMutex);
    m_cached = *result;
    ++m_generation;
    return result;
}

base::Error ExecCredentialSource::failure(base::ErrorKind kind, const std::string& what) const {
    return base::Error{kind, m_where + ": " + what, 0, false};
}

base::Result<Credentials> ExecCredentialSource::run() {
    if (auto st = validate(m_spec.exec, m_where); !st.ok())
        return st.error();
    if (!m_options.approvals->isApproved(m_request)) {
        std::string what = "the exec credential plugin command `" + m_request.commandLine() + "`";
        if (!m_request.env.empty()) {
            what += " (with environment";
            for (const auto& var : m_request.env)
                what += " " + var.name;
            what += ")";
        }
        return failure(base::ErrorKind::ApprovalRequired,
                       what +
                           " has not been approved yet; ScaleDeck runs it only after you "
                           "approve this exact command for this kubeconfig user");
    }

    const std::string plugin = "the exec credential plugin \"" + m_spec.exec.command + "\"";
    const std::string kubeconfigDir =
        std::filesystem::path(m_request.kubeconfigPath).parent_path().string();
    auto program = m_options.searchPath->resolveCommand(m_spec.exec.command, kubeconfigDir);
    if (!program.ok()) {
        std::string what = program.error().message;
        what += m_spec.exec.installHint.empty()
                    ? "; install it, or put its full path in the kubeconfig's exec.command"
                    : "\n" + m_spec.exec.installHint;
        return failure(program.error().kind, what);
    }

    ChildProcessSpec spec;
    spec.program = *program;
    spec.args = m_spec.exec.args;
    spec.timeout = m_options.timeout;
    spec.outputLimit = kOutputLimit;
    const std::string searchPath = m_options.searchPath->path();
    std::vector<std::pair<std::string, std::string>> vars;
    for (char** e = environ; e && *e; ++e) {
        const std::string entry(*e);
        const std::size_t eq = entry.find('=');
        if (eq == std::string::npos)
            continue;
        vars.emplace_back(entry.substr(0, eq), entry.substr(eq + 1));
    }
    const auto set = [&](const std::string& name, const std::string& value) {
        for (auto& v : vars) {
            if (v.first == name) {
                v.second = value;
                return;
            }
        }
        vars.emplace_back(name, value);
    };
    set("PATH", searchPath);
    for (const auto& var : m_spec.exec.env)
        set(var.name, var.value);
    set("KUBERNETES_EXEC_INFO", execInfoJson());
    for (const auto& [name, value] : vars)
        spec.environment.push_back(name + "=" + value);

    const ChildProcessResult result = runChildProcess(spec);
    if (!result.started) {
        return failure(base::ErrorKind::Internal,
                       plugin + " (" + Kubeconfig::displayPath(*program) +
                           ") could not be started: " + result.startError);
    }
    if (result.timedOut) {
        return base::Error{base::ErrorKind::Timeout,
                           m_where + ": " + plugin + " did not finish within " +
                               seconds(m_options.timeout) +
                               " and was stopped; if it waits for a sign-in or a prompt, run `" +
                               m_request.commandLine() + "` in a terminal once, then connect again",
                           0, true};
    }
    if (result.outputTooLarge) {
        return failure(base::ErrorKind::Parse,
                       plugin + " printed more than " + std::to_string(kOutputLimit / 1024) +
                           " KiB and was stopped; an ExecCredential is a small JSON object");
    }
    if (result.crashed || result.exitCode != 0) {
        std::string what =
            plugin + (result.crashed ? " was killed by a signal"
                                     : " failed with exit code " + std::to_string(result.exitCode));
        const std::string err = firstLines(result.err);
        what += err.empty() ? " and printed no error message" : ":\n" + err;
        return failure(base::ErrorKind::Unauthorized, what);
    }
    return parseOutput(result.out);
}

std::string ExecCredentialSource::execInfoJson() const {
    QJsonObject spec{{QLatin1String("interactive"), false}};
    if (m_spec.exec.provideClusterInfo) {
        const ClusterInfo& c = m_spec.cluster;
        QJsonObject cluster{{QLatin1String("server"), qs(c.server)}};
        if (!c.tlsServerName.empty())
            cluster.insert(QLatin1String("tls-server-name"), qs(c.tlsServerName));
        if (c.insecureSkipTlsVerify)
            cluster.insert(QLatin1String("insecure-skip-tls-verify"), true);
        if (!c.certificateAuthorityPem.empty()) {
            cluster.insert(QLatin1String("certificate-authority-data"),
                           qs(base::base64Encode(c.certificateAuthorityPem)));
        }
        if (!c.proxyUrl.empty())
            cluster.insert(QLatin1String("proxy-url"), qs(c.proxyUrl));
        if (!c.configJson.empty()) {
            // Wrapped in an array so that a scalar extension parses too.
            const QJsonDocument config =
                QJsonDocument::fromJson("[" + QByteArray::fromStdString(c.configJson) + "]");
            if (config.isArray() && !config.array().isEmpty())
                cluster.insert(QLatin1String("config"), config.array().first());
        }
        spec.insert(QLatin1String("cluster"), cluster);
    }
    const QJsonObject info{{QLatin1String("apiVersion"), qs(m_spec.exec.apiVersion)},
                           {QLatin1String("kind"), QStringLiteral("ExecCredential")},
                           {QLatin1String("spec"), spec}};
    return QJsonDocument(info).toJson(QJsonDocument::Compact).toStdString();
}

base::Result<Credentials> ExecCredentialSource::parseOutput(const std::string& out) const {
    const std::string plugin = "the exec credential plugin \"" + m_spec.exec.command + "\"";
    const auto bad = [&](const std::string& what) {
        return failure(base::ErrorKind::Parse,
                       plugin + " did not print a valid ExecCredential: " + what);
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(out), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (firstLines(out).empty())
            return bad("it printed nothing on stdout");
        // The output itself is never quoted: it may hold a token.
        return bad("its output is not JSON (" + parseError.errorString().toStdString() +
                   " at offset " + std::to_string(parseError.offset) + ")");
    }
    if (!doc.isObject())
        return bad("its output is JSON but not an object");
    const QJsonObject root = doc.object();
    const QJsonValue apiVersion = root.value(QLatin1String("apiVersion"));
    if (!apiVersion.isString() || apiVersion.toString().isEmpty())
        return bad("apiVersion is missing");
    if (apiVersion.toString().toStdString() != m_spec.exec.apiVersion) {
        return failure(base::ErrorKind::Invalid,
                       plugin + " answered with apiVersion \"" +
                           apiVersion.toString().toStdString() +
                           "\", but the kubeconfig asks for \"" + m_spec.exec.apiVersion +
                           "\"; set exec.apiVersion to what the plugin speaks, or update it");
    }
    const QJsonValue kind = root.value(QLatin1String("kind"));
    if (kind.toString() != QLatin1String("ExecCredential")) {
        return bad("kind is \"" + kind.toString().toStdString() + "\", expected ExecCredential");
    }
    const QJsonValue statusValue = root.value(QLatin1String("status"));
    if (!statusValue.isObject())
        return bad("it has no status object");
    const QJsonObject status = statusValue.toObject();
    const auto stringField = [&](const char* key, std::string& into) -> std::optional<base::Error> {
        const QJsonValue v = status.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        if (!v.isString())
            return bad(std::string("status.") + key + " is not a string");
        into = v.toString().toStdString();
        return std::nullopt;
    };
    Credentials credentials = m_spec.base;
    std::string token;
    std::string cert;
    std::string key;
    std::string expiration;
    for (auto [name, into] :
         {std::pair{"token", &token}, std::pair{"clientCertificateData", &cert},
          std::pair{"clientKeyData", &key}, std::pair{"expirationTimestamp", &expiration}}) {
        if (auto e = stringField(name, *into))
            return *e;
    }
    if (cert.empty() != key.empty()) {
        return bad(cert.empty() ? "status.clientKeyData is set without clientCertificateData"
                                : "status.clientCertificateData is set without clientKeyData");
    }
    if (token.empty() && cert.empty())
        return bad("status has neither a token nor clientCertificateData and clientKeyData");
    if (!cert.empty()) {
        if (cert.find("-----BEGIN CERTIFICATE") == std::string::npos)
            return bad("status.clientCertificateData is not a PEM certificate");
        if (key.find("-----BEGIN ") == std::string::npos)
            return bad("status.clientKeyData is not a PEM private key");
        credentials.clientCertificatePem = cert;
        credentials.clientKeyPem = key;
    }
    credentials.token = token;
    credentials.expiry.reset();
    if (!expiration.empty()) {
        const auto millis = base::parseRfc3339(expiration);
        if (!millis)
            return bad("status.expirationTimestamp \"" + expiration + "\" is not an RFC 3339 time");
        credentials.expiry = std::chrono::system_clock::time_point(
            std::chrono::duration_cast<std::chrono::system_clock::duration>(
                std::chrono::milliseconds(*millis)));
    }
    return credentials;
}

}  // namespace scaledeck::kube
