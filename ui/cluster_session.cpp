#include "ui/cluster_session.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "cache/informer_factory.h"
#include "kube/api_client.h"
#include "kube/kubeconfig.h"

namespace scaledeck::ui {

namespace {

bool isConnectionProblem(const base::Error& error) {
    return error.kind == base::ErrorKind::Network || error.kind == base::ErrorKind::Timeout;
}

}  // namespace

ClusterSession::ClusterSession(QObject* parent) : QObject(parent) {
    m_namespaceTimer.setInterval(kNamespacePollInterval);
    connect(&m_namespaceTimer, &QTimer::timeout, this, [this] {
        // Version and identity are asked again until the cluster has answered once.
        if (!m_versionKnown)
            fetchVersion();
        if (!m_identityDone)
            fetchIdentity();
        fetchNamespaces();
    });
}

ClusterSession::~ClusterSession() {
    disconnectFromCluster();
}

void ClusterSession::connectTo(const kube::ResolvedContext& context) {
    disconnectFromCluster();
    m_contextName = QString::fromStdString(context.contextName);
    m_server = QString::fromStdString(context.server);
    m_contextNamespace = QString::fromStdString(context.namespaceName);
    m_kubeconfigUser = QString::fromStdString(context.userName);
    m_kubeconfigFile = QString::fromStdString(kube::Kubeconfig::displayPath(context.sourcePath));
    m_insecure = context.insecureSkipTlsVerify;
    m_client = new kube::ApiClient(context, this);
    m_informers = new cache::InformerFactory(context, {}, this);
    connect(m_informers, &cache::InformerFactory::connectionSummaryChanged, this,
            &ClusterSession::connectionChanged);
    m_namespaceTimer.start();
    fetchVersion();
    fetchIdentity();
    fetchNamespaces();
}

void ClusterSession::disconnectFromCluster() {
    m_namespaceTimer.stop();
    // Not deleted at once: this may run inside one of their own callbacks. Answers that still
    // arrive are dropped by the generation check.
    if (m_client)
        std::exchange(m_client, nullptr)->deleteLater();
    if (m_informers) {
        disconnect(m_informers, nullptr, this, nullptr);
        std::exchange(m_informers, nullptr)->deleteLater();
    }
    ++m_generation;
    m_contextName.clear();
    m_server.clear();
    m_contextNamespace.clear();
    m_kubeconfigUser.clear();
    m_kubeconfigFile.clear();
    m_insecure = false;
    m_versionKnown = false;
    m_identityDone = false;
    m_namespacesAllowed = true;
    m_namespacesInFlight = false;
    m_namespaces.clear();
}

void ClusterSession::setNamespacePollInterval(std::chrono::milliseconds interval) {
    m_namespaceTimer.setInterval(interval);
}

cache::ConnectionSummary ClusterSession::connection() const {
    return m_informers ? m_informers->connectionSummary() : cache::ConnectionSummary{};
}

void ClusterSession::fetchVersion() {
    const auto generation = m_generation;
    m_client->getJson(QStringLiteral("/version"), [this, generation](auto result) {
        if (generation != m_generation)
            return;
        if (!result.ok()) {
            // A server that hides /version is still usable; only silence is worth asking again.
            m_versionKnown = !isConnectionProblem(result.error());
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
    const auto generation = m_generation;
    m_client->postJson(
        QStringLiteral("/apis/authentication.k8s.io/v1/selfsubjectreviews"),
        QByteArrayLiteral(
            R"({"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"})"),
        [this, generation](auto result) {
            if (generation != m_generation)
                return;
            if (!result.ok()) {
                if (isConnectionProblem(result.error()))
                    return;  // asked again on the next tick
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
    if (!m_namespacesAllowed || m_namespacesInFlight)
        return;
    m_namespacesInFlight = true;
    const auto generation = m_generation;
    m_client->getJson(QStringLiteral("/api/v1/namespaces"), [this, generation](auto result) {
        if (generation != m_generation)
            return;
        m_namespacesInFlight = false;
        if (!result.ok()) {
            // Many users may not list namespaces; they keep working in the context's namespace.
            if (result.error().kind == base::ErrorKind::Forbidden)
                m_namespacesAllowed = false;
            return;
        }
        QStringList names;
        const QJsonArray items = result->object().value(QLatin1String("items")).toArray();
        for (const QJsonValue& item : items) {
            names.append(item.toObject()
                             .value(QLatin1String("metadata"))
                             .toObject()
                             .value(QLatin1String("name"))
                             .toString());
        }
        names.sort();
        if (names == m_namespaces)
            return;
        m_namespaces = names;
        Q_EMIT namespacesLoaded(names);
    });
}

}  // namespace scaledeck::ui
