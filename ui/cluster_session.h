// ClusterSession: the live connection of the window to one context. For the chosen context it
// asks once for the server version and who the cluster says we are (SelfSubjectReview), and
// polls the namespaces and the Deployments and StatefulSets of the chosen namespace every two
// seconds, announcing each answer with a signal. Polling is the stand-in until informers with
// watches exist; a poll is skipped while the previous one is still in flight, so a slow server
// never accumulates requests. Answers that belong to a previous context or namespace are dropped.
// GUI thread only; owns its ApiClient.
#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <chrono>
#include <cstdint>

#include "base/result.h"
#include "kube/resolved_context.h"
#include "ui/models/workload_row.h"

namespace scaledeck::kube {
class ApiClient;
}

namespace scaledeck::ui {

class ClusterSession final : public QObject {
    Q_OBJECT

public:
    // What kind of trouble a failure is, so the window can say what to check.
    enum class FailureKind {
        Unreachable,    // no answer: the cluster is down or the server URL is wrong
        Untrusted,      // TLS verification failed: the CA or the server name is wrong
        Unauthorized,   // the credentials were rejected
        Forbidden,      // the user may not list what the window shows
        Misconfigured,  // the kubeconfig itself is unusable
        ServerError,    // the server answered with an error
    };
    Q_ENUM(FailureKind)

    // Fast enough to look live, slow enough to cost a real API server nothing.
    static constexpr std::chrono::milliseconds kPollInterval{2000};

    explicit ClusterSession(QObject* parent = nullptr);
    ~ClusterSession() override;

    // Forgets the previous context and starts on this one, in its namespace.
    void connectTo(const kube::ResolvedContext& context);
    // Stops talking to any cluster, e.g. because the chosen context cannot be resolved.
    void disconnectFromCluster();
    // Switches the namespace whose workloads are polled; polls at once.
    void setNamespace(const QString& namespaceName);
    // Polls now instead of waiting for the timer.
    void refresh();
    void setPollInterval(std::chrono::milliseconds interval);

    bool isConnected() const { return m_client != nullptr; }
    QString contextName() const { return m_contextName; }
    QString server() const { return m_server; }
    // The user entry the kubeconfig names; the cluster may know the person by another name.
    QString kubeconfigUser() const { return m_kubeconfigUser; }
    QString namespaceName() const { return m_namespace; }
    bool insecureSkipTlsVerify() const { return m_insecure; }

Q_SIGNALS:
    // "v1.32" for the status line, and the server's full gitVersion.
    void versionLoaded(const QString& version, const QString& gitVersion);
    void identityLoaded(const QString& username);
    // The cluster would not say who we are (older than 1.28, or not allowed); not fatal.
    void identityFailed(const QString& message);
    // Sorted; emitted when the list differs from the previous one.
    void namespacesLoaded(const QStringList& names);
    // Every successful poll, sorted by kind and name; also means "the cluster answers".
    void workloadsLoaded(const QString& namespaceName,
                         const QList<scaledeck::ui::WorkloadRow>& rows);
    void connectionFailed(const QString& message, scaledeck::ui::ClusterSession::FailureKind kind);

private:
    struct WorkloadPoll;

    void poll();
    void fetchVersion();
    void fetchIdentity();
    void fetchNamespaces();
    void fetchWorkloads();
    void finishWorkloads(const WorkloadPoll& poll);
    void reportFailure(const base::Error& error);

    kube::ApiClient* m_client = nullptr;
    QTimer m_timer;
    // Answers carry the generation they were asked in; a stale answer is dropped.
    std::uint64_t m_contextGeneration = 0;   // bumped when the context changes
    std::uint64_t m_workloadGeneration = 0;  // bumped when the context or namespace changes
    QString m_contextName;
    QString m_server;
    QString m_kubeconfigUser;
    QString m_namespace;
    bool m_insecure = false;

    bool m_versionKnown = false;
    bool m_versionInFlight = false;
    bool m_identityDone = false;
    bool m_identityInFlight = false;
    bool m_namespacesAllowed = true;
    bool m_namespacesInFlight = false;
    bool m_workloadsInFlight = false;
    QStringList m_namespaces;
};

}  // namespace scaledeck::ui
