// MainWindow: the ScaleDeck shell. A toolbar chooses the context (demo contexts are marked
// "(demo)") and the namespace; the central area lists the namespace's Deployments and
// StatefulSets with ready/desired replicas; the status bar says, in words next to a coloured
// dot, whether the cluster answers, where it is, its version and who it says we are, and warns
// when TLS verification is off. Everything that comes from a kubeconfig or the cluster is shown
// as plain text. It builds no HTTP request itself: a ClusterSession does the talking.
#pragma once

#include <QDateTime>
#include <QList>
#include <QMainWindow>
#include <QString>
#include <QTimer>
#include <vector>

#include "kube/kubeconfig.h"
#include "ui/cluster_session.h"
#include "ui/models/workload_row.h"

class QComboBox;
class QLabel;
class QStackedWidget;
class QTableView;

namespace scaledeck::ui {

class WorkloadTableModel;

class MainWindow final : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Offers every context of `config` in the context selector, after those already offered.
    void addKubeconfig(const kube::Kubeconfig& config, bool demo);
    // Chooses a context by name and connects to it; an empty name picks the current-context of
    // the first kubeconfig (or its first context). False if no such context is offered.
    bool selectContext(const QString& name = {});
    // Shows a problem found before any context could be chosen (e.g. an unreadable kubeconfig).
    void showProblem(const QString& message);

    ClusterSession* session() const { return m_session; }
    WorkloadTableModel* workloadModel() const { return m_model; }

private:
    enum class Dot { Neutral, Busy, Good, Bad };

    void buildUi();
    void onContextChosen(int index);
    void onNamespaceChosen(int index);
    void onNamespacesLoaded(const QStringList& names);
    void onWorkloadsLoaded(const QString& namespaceName, const QList<WorkloadRow>& rows);
    void onConnectionFailed(const QString& message, ClusterSession::FailureKind kind);
    void setNamespaceChoices(const QStringList& names, const QString& current);
    void setStatus(Dot dot, const QString& words);
    void showConnectedStatus();
    void showPlaceholder(const QString& title, const QString& detail = {});
    void updateFreshness();

    struct Source {
        kube::Kubeconfig config;
        bool demo = false;
    };
    std::vector<Source> m_sources;

    ClusterSession* m_session = nullptr;
    WorkloadTableModel* m_model = nullptr;

    QComboBox* m_contextBox = nullptr;
    QComboBox* m_namespaceBox = nullptr;
    QLabel* m_heading = nullptr;
    QStackedWidget* m_stack = nullptr;
    QTableView* m_table = nullptr;
    QWidget* m_placeholderPage = nullptr;
    QLabel* m_placeholderTitle = nullptr;
    QLabel* m_placeholder = nullptr;
    QLabel* m_dot = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_tlsWarning = nullptr;
    QLabel* m_demoNote = nullptr;
    QLabel* m_freshness = nullptr;
    QTimer m_freshnessTimer;

    bool m_connected = false;
    QString m_version;
    QString m_gitVersion;
    QString m_identity;
    QString m_identityProblem;
    QDateTime m_lastUpdate;
};

}  // namespace scaledeck::ui
