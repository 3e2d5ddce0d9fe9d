// ClusterSession: the window's connection to one context. It owns the InformerFactory through
// which every view of that cluster gets its shared list+watch informers, forwards their folded
// connection state (ConnectionSummary) for the status bar, asks once for the server version and
// who the cluster says we are (SelfSubjectReview), and keeps the namespace list fresh with a
// light poll (there is no namespace informer: the list is small and rarely changes). Answers
// that belong to a previous context are dropped. GUI thread only.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <chrono>
#include <cstdint>

#include "base/result.h"
#include "cache/connection_state.h"
#include "kube/resolved_context.h"

namespace scaledeck::kube {
class ApiClient;
}
namespace scaledeck::cache {
class InformerFactory;
}

namespace scaledeck::ui {

class ClusterSession final : public QObject {
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds kNamespacePollInterval{10000};

    explicit ClusterSession(QObject* parent = nullptr);
    ~ClusterSession() override;

    // Forgets the previous context and starts on this one.
    void connectTo(const kube::ResolvedContext& context);
    // Stops talking to any cluster; every informer of the previous context stops.
    void disconnectFromCluster();
    void setNamespacePollInterval(std::chrono::milliseconds interval);

    bool isConnected() const { return m_informers != nullptr; }
    // Null when not connected. Views hold the informers they take from it; they must drop them
    // before the next connectTo().
    cache::InformerFactory* informers() const { return m_informers; }
    cache::ConnectionSummary connection() const;
    QString contextName() const { return m_contextName; }
    QString server() const { return m_server; }
    // The context's own namespace ("default" when it names none).
    QString contextNamespace() const { return m_contextNamespace; }
    // The user entry the kubeconfig names; the cluster may know the person by another name.
    QString kubeconfigUser() const { return m_kubeconfigUser; }
    // The kubeconfig file that defines the context ("~/.kube/config"), for messages.
    QString kubeconfigFile() const { return m_kubeconfigFile; }
    bool insecureSkipTlsVerify() const { return m_insecure; }
    // False once the server refused to list namespaces (the user works in the context's one).
    bool mayListNamespaces() const { return m_namespacesAllowed; }

Q_SIGNALS:
    // "v1.32" for the status line, and the server's full gitVersion.
    void versionLoaded(const QString& version, const QString& gitVersion);
    void identityLoaded(const QString& username);
    // The cluster would not say who we are (older than 1.28, or not allowed); not fatal.
    void identityFailed(const QString& message);
    // Sorted; emitted when the list differs from the previous one.
    void namespacesLoaded(const QStringList& names);
    // Every change of the folded state of this session's informers.
    void connectionChanged(const scaledeck::cache::ConnectionSummary& summary);

private:
    void fetchVersion();
    void fetchIdentity();
    void fetchNamespaces();

    kube::ApiClient* m_client = nullptr;
    cache::InformerFactory* m_informers = nullptr;
    QTimer m_namespaceTimer;
    // Answers carry the generation they were asked in; a stale answer is dropped.
    std::uint64_t m_generation = 0;
    QString m_contextName;
    QString m_server;
    QString m_contextNamespace;
    QString m_kubeconfigUser;
    QString m_kubeconfigFile;
    bool m_insecure = false;

    bool m_versionKnown = false;
    bool m_identityDone = false;
    bool m_namespacesAllowed = true;
    bool m_namespacesInFlight = false;
    QStringList m_namespaces;
};

}  // namespace scaledeck::ui
