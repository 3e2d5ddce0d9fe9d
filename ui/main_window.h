// MainWindow: the ScaleDeck shell. A toolbar chooses the context (every context of the merged
// kubeconfig; the embedded demo cluster's are marked "(demo)") and the namespace ("All
// namespaces" first); the central area is the live DashboardPage of that namespace, fed by the
// session's informers, or a page that says what is happening (connecting, or what went wrong and
// what to do). The status bar says in words next to a coloured dot where the window stands with
// the cluster (connected, loading N of ~M, reconnecting in N s and why, unauthorized, forbidden),
// with the server, version and who the cluster says we are, and warns when TLS verification is
// off. A context whose user runs an exec credential plugin asks for approval of that exact
// command first. Everything that comes from a kubeconfig or the cluster is plain text. It builds
// no HTTP request itself: a ClusterSession does the talking.
#pragma once

#include <QElapsedTimer>
#include <QMainWindow>
#include <QString>
#include <QTimer>
#include <memory>
#include <vector>

#include "cache/connection_state.h"
#include "kube/kubeconfig_set.h"
#include "ui/cluster_session.h"

class QComboBox;
class QLabel;
class QMessageBox;
class QStackedWidget;

namespace scaledeck::ui {

class DashboardFeed;
class DashboardPage;

class MainWindow final : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Offers every context of `kubeconfigs` in the context selector, after those already offered.
    void addKubeconfigs(const kube::KubeconfigSet& kubeconfigs, bool demo);
    // Chooses a context by name and connects to it; an empty name picks the current-context of
    // the first kubeconfig set (or its first context). False if no such context is offered.
    bool selectContext(const QString& name = {});
    // Shows the dashboard of this namespace; empty means all namespaces. False if the selector
    // does not offer it.
    bool selectNamespace(const QString& name);
    // Shows a problem found before any context could be chosen (e.g. an unreadable kubeconfig).
    void showProblem(const QString& message);

    ClusterSession* session() const { return m_session; }
    DashboardPage* dashboard() const { return m_dashboard; }
    // The feed of the namespace shown; null when not connected.
    const DashboardFeed* feed() const { return m_feed.get(); }
    // The approval question on screen, if any (tests answer it).
    QMessageBox* execApprovalDialog() const { return m_approvalDialog; }

Q_SIGNALS:
    // The dashboard has shown data for the chosen context and namespace for the first time.
    void dashboardShown();

private:
    enum class Dot { Neutral, Busy, Good, Bad };

    void buildUi();
    void onContextChosen(int index);
    void onNamespaceChosen(int index);
    void connectToContext(const kube::ResolvedContext& context);
    void askExecApproval(const kube::ResolvedContext& context,
                         std::shared_ptr<kube::ExecApprovals> approvals);
    void showNamespace(const QString& namespaceName);
    void onNamespacesLoaded(const QStringList& names);
    void rebuildNamespaceChoices();
    void onDashboardUpdated();
    void onConnectionChanged(const cache::ConnectionSummary& summary);
    void showConnectionStatus();
    void setStatus(Dot dot, const QString& words, const QString& details = {});
    void showPlaceholder(const QString& title, const QString& detail = {});
    void resetClusterFacts();

    struct Source {
        kube::KubeconfigSet kubeconfigs;
        bool demo = false;
    };
    std::vector<Source> m_sources;

    ClusterSession* m_session = nullptr;
    DashboardPage* m_dashboard = nullptr;
    std::unique_ptr<DashboardFeed> m_feed;
    QMessageBox* m_approvalDialog = nullptr;

    QComboBox* m_contextBox = nullptr;
    QComboBox* m_namespaceBox = nullptr;
    QStackedWidget* m_stack = nullptr;
    QWidget* m_placeholderPage = nullptr;
    QLabel* m_placeholderTitle = nullptr;
    QLabel* m_placeholder = nullptr;
    QLabel* m_dot = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_tlsWarning = nullptr;
    QLabel* m_demoNote = nullptr;
    // Counts "reconnecting in N s" down between state changes.
    QTimer m_statusTicker;
    QElapsedTimer m_sinceConnectionChange;

    bool m_shown = false;  // the dashboard has data for the current choice
    cache::ConnectionSummary m_connection;
    QString m_version;
    QString m_gitVersion;
    QString m_identity;
    QString m_identityProblem;
    QStringList m_knownNamespaces;
};

}  // namespace scaledeck::ui
