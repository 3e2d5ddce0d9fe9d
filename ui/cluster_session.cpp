#include "ui/cluster_session.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <algorithm>
#include <memory>

#include "kube/api_client.h"

namespace scaledeck::ui {

namespace {

QString stringAt(const QJsonObject& object, const char* a, const char* b) {
    return object.value(QLatin1String(a)).toObject().value(QLatin1String(b)).toString();
}

// Reads the items of a Deployment or StatefulSet list. spec.replicas defaults to 1 and an absent
// status.readyReplicas means none are ready, as the API server defines them.
QList<WorkloadRow> workloadRows(const QJsonDocument& doc, const QString& kind) {
    QList<WorkloadRow> rows;
    const QJsonArray items = doc.object().value(QLatin1String("items")).toArray();
    rows.reserve(items.size());
    for (const QJsonValue& item : items) {
        const QJsonObject object = item.toObject();
        WorkloadRow row;
        row.kind = kind;
        row.name = stringAt(object, "metadata", "name");
        row.namespaceName = stringAt(object, "metadata", "namespace");
        row.desiredReplicas = object.value(QLatin1String("spec"))
                                  .toObject()
                                  .value(QLatin1String("replicas"))
                                  .toInt(1);
        row.readyReplicas = object.value(QLatin1String("status"))
                                .toObject()
                                .value(QLatin1String("readyReplicas"))
                                .toInt(0);
        rows.append(std::move(row));
    }
    return rows;
}

ClusterSession::FailureKind failureKind(const base::Error& error) {
    switch (error.kind) {
        case base::ErrorKind::Network:
            // ApiClient marks TLS verification failures as not retriable: only a kubeconfig change
            // can fix them.
            return error.retriable ? ClusterSession::FailureKind::Unreachable
                                   : ClusterSession::FailureKind::Untrusted;
        case base::ErrorKind::Timeout:
            return ClusterSession::FailureKind::Unreachable;
        case base::ErrorKind::Unauthorized:
            return ClusterSession::FailureKind::Unauthorized;
        case base::ErrorKind::Forbidden:
            return ClusterSession::FailureKind::Forbidden;
        case base::ErrorKind::Invalid:
        case base::ErrorKind::Unsupported:
            return ClusterSession::FailureKind::Misconfigured;
        default:
            return ClusterSession::FailureKind::ServerError;
    }
}

bool isConnectionProblem(const base::Error& error) {
    return error.kind == base::ErrorKind::Network || error.kind == base::ErrorKind::Timeout;
}

}  // namespace

// The two lists of one workload poll; the poll finishes when both have answered.
struct ClusterSession::WorkloadPoll {
    int pending = 2;
    QList<WorkloadRow> rows;
    std::optional<base::Error> error;
};

ClusterSession::ClusterSession(QObject* parent) : QObject(parent) {
    m_timer.setInterval(kPollInterval);
    connect(&m_timer, &QTimer::timeout, this, &ClusterSession::poll);
}

ClusterSession::~ClusterSession() = default;

void ClusterSession::connectTo(const kube::ResolvedContext& context) {
    disconnectFromCluster();
    m_contextName = QString::fromStdString(context.contextName);
    m_server = QString::fromStdString(context.server);
    m_kubeconfigUser = QString::fromStdString(context.userName);
    m_namespace = QString::fromStdString(context.namespaceName);
    m_insecure = context.insecureSkipTlsVerify;
    m_client = new kube::ApiClient(context, this);
    m_timer.start();
    poll();
}

void ClusterSession::disconnectFromCluster() {
    m_timer.stop();
    if (m_client) {
        // Not deleted at once: this may run inside one of the client's own callbacks. Answers
        // that still arrive are dropped by the generation check.
        m_client->deleteLater();
        m_client = nullptr;
    }
    ++m_contextGeneration;
    ++m_workloadGeneration;
    m_contextName.clear();
    m_server.clear();
    m_kubeconfigUser.clear();
    m_insecure = false;
    m_versionKnown = m_versionInFlight = false;
    m_identityDone = m_identityInFlight = false;
    m_namespacesAllowed = true;
    m_namespacesInFlight = false;
    m_workloadsInFlight = false;
    m_namespaces.clear();
}

void ClusterSession::setNamespace(const QString& namespaceName) {
    if (namespaceName == m_namespace || namespaceName.isEmpty())
        return;
    m_namespace = namespaceName;
    ++m_workloadGeneration;
    m_workloadsInFlight = false;
    if (m_client)
        fetchWorkloads();
}

void ClusterSession::refresh() {
    poll();
}

void ClusterSession::setPollInterval(std::chrono::milliseconds interval) {
    m_timer.setInterval(interval);
}

void ClusterSession::poll() {
    if (!m_client)
        return;
    if (!m_versionKnown && !m_versionInFlight)
        fetchVersion();
    if (!m_identityDone && !m_identityInFlight)
        fetchIdentity();
    if (m_namespacesAllowed && !m_namespacesInFlight)
        fetchNamespaces();
    if (!m_workloadsInFlight)
        fetchWorkloads();
}

void ClusterSession::fetchVersion() {
    m_versionInFlight = true;
    const auto generation = m_contextGeneration;
    m_client->getJson(QStringLiteral("/version"), [this, generation](auto result) {
        if (generation != m_contextGeneration)
            return;
        m_versionInFlight = false;
        if (!result.ok()) {
            // A server that hides /version is still usable; only silence is worth reporting.
            if (isConnectionProblem(result.error())) {
                reportFailure(result.error());
            } else {
                m_versionKnown = true;
            }
            return;
        }
        m_versionKnown = true;
        const QJsonObject v = result->object();
        const QString gitVersion = v.value(QLatin1String("gitVersion")).toString();
        const QString major = v.value(QLatin1String("major")).toString();
        const QString minor = v.value(QLatin1String("minor")).toString();
        const QString version =
            major.isEmpty() ? gitVersion : QStringLiteral("v%1.%2").arg(major, minor);
        Q_EMIT versionLoaded(version, gitVersion);
    });
}

void ClusterSession::fetchIdentity() {
    m_identityInFlight = true;
    const auto generation = m_contextGeneration;
    m_client->postJson(
        QStringLiteral("/apis/authentication.k8s.io/v1/selfsubjectreviews"),
        QByteArrayLiteral(
            R"({"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"})"),
        [this, generation](auto result) {
            if (generation != m_contextGeneration)
                return;
            m_identityInFlight = false;
            if (!result.ok()) {
                if (isConnectionProblem(result.error()))
                    return;  // asked again next poll
                m_identityDone = true;
                Q_EMIT identityFailed(QString::fromStdString(result.error().message));
                return;
            }
            m_identityDone = true;
            const QString user = result->object()
                                     .value(QLatin1String("status"))
                                     .toObject()
                                     .value(QLatin1String("userInfo"))
                                     .toObject()
                                     .value(QLatin1String("username"))
                                     .toString();
            if (user.isEmpty()) {
                Q_EMIT identityFailed(tr("the cluster did not name the user"));
            } else {
                Q_EMIT identityLoaded(user);
            }
        });
}

void ClusterSession::fetchNamespaces() {
    m_namespacesInFlight = true;
    const auto generation = m_contextGeneration;
    m_client->getJson(QStringLiteral("/api/v1/namespaces"), [this, generation](auto result) {
        if (generation != m_contextGeneration)
            return;
        m_namespacesInFlight = false;
        if (!result.ok()) {
            // Many users may not list namespaces; they keep working in the context's namespace.
            if (result.error().kind == base::ErrorKind::Forbidden)
                m_namespacesAllowed = false;
            if (isConnectionProblem(result.error()))
                reportFailure(result.error());
            return;
        }
        QStringList names;
        const QJsonArray items = result->object().value(QLatin1String("items")).toArray();
        for (const QJsonValue& item : items) {
            names.append(stringAt(item.toObject(), "metadata", "name"));
        }
        names.sort();
        if (names == m_namespaces)
            return;
        m_namespaces = names;
        Q_EMIT namespacesLoaded(names);
    });
}

void ClusterSession::fetchWorkloads() {
    m_workloadsInFlight = true;
    const auto generation = m_workloadGeneration;
    const QString ns = QString::fromLatin1(QUrl::toPercentEncoding(m_namespace));
    auto poll = std::make_shared<WorkloadPoll>();
    const auto collect = [this, generation, poll](const QString& kind) {
        return [this, generation, poll, kind](base::Result<QJsonDocument> result) {
            if (generation != m_workloadGeneration)
                return;
            if (result.ok()) {
                poll->rows.append(workloadRows(*result, kind));
            } else if (!poll->error) {
                poll->error = result.error();
            }
            if (--poll->pending == 0) {
                m_workloadsInFlight = false;
                finishWorkloads(*poll);
            }
        };
    };
    m_client->getJson(QStringLiteral("/apis/apps/v1/namespaces/%1/deployments").arg(ns),
                      collect(QStringLiteral("Deployment")));
    m_client->getJson(QStringLiteral("/apis/apps/v1/namespaces/%1/statefulsets").arg(ns),
                      collect(QStringLiteral("StatefulSet")));
}

void ClusterSession::finishWorkloads(const WorkloadPoll& poll) {
    if (poll.error) {
        reportFailure(*poll.error);
        return;
    }
    QList<WorkloadRow> rows = poll.rows;
    std::sort(rows.begin(), rows.end(),
              [](const WorkloadRow& a, const WorkloadRow& b) { return a.key() < b.key(); });
    Q_EMIT workloadsLoaded(m_namespace, rows);
}

void ClusterSession::reportFailure(const base::Error& error) {
    Q_EMIT connectionFailed(QString::fromStdString(error.message), failureKind(error));
}

}  // namespace scaledeck::ui
