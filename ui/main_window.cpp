#include "ui/main_window.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QMessageBox>
#include <QPalette>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>
#include <algorithm>

#include "cache/informer_factory.h"
#include "kube/exec_approvals.h"
#include "ui/dashboard/dashboard_feed.h"
#include "ui/dashboard/dashboard_page.h"
#include "ui/plain_text.h"

namespace scaledeck::ui {

namespace {

using Phase = cache::ConnectionState::Phase;

constexpr int kContextNameRole = Qt::UserRole;
constexpr int kSourceIndexRole = Qt::UserRole + 1;
constexpr int kNamespaceRole = Qt::UserRole;

// Text from a kubeconfig or the cluster must never be interpreted as markup.
QLabel* plainLabel(const QString& objectName, QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    return label;
}

bool isDark(const QPalette& palette) {
    return palette.color(QPalette::Window).lightness() < 128;
}

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

QString secondsText(std::chrono::milliseconds span) {
    const auto seconds = std::max<qint64>(0, (span.count() + 999) / 1000);
    return QStringLiteral("%1 s").arg(seconds);
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), m_session(new ClusterSession(this)) {
    setWindowTitle(QStringLiteral("ScaleDeck"));
    buildUi();

    connect(m_session, &ClusterSession::versionLoaded, this,
            [this](const QString& version, const QString& gitVersion) {
                m_version = version;
                m_gitVersion = gitVersion;
                showConnectionStatus();
            });
    connect(m_session, &ClusterSession::identityLoaded, this, [this](const QString& user) {
        m_identity = user;
        showConnectionStatus();
    });
    connect(m_session, &ClusterSession::identityFailed, this, [this](const QString& message) {
        m_identityProblem = message;
        showConnectionStatus();
    });
    connect(m_session, &ClusterSession::namespacesLoaded, this, &MainWindow::onNamespacesLoaded);
    connect(m_session, &ClusterSession::connectionChanged, this, &MainWindow::onConnectionChanged);

    m_statusTicker.setInterval(1000);
    connect(&m_statusTicker, &QTimer::timeout, this, &MainWindow::showConnectionStatus);

    setStatus(Dot::Neutral, tr("no context chosen"));
    showPlaceholder(tr("No context chosen"), tr("Choose a context to see its dashboard."));
    resize(1280, 860);
}

MainWindow::~MainWindow() {
    // The feed's subscriptions deliver to the dashboard: end them before the widgets go.
    m_feed.reset();
}

void MainWindow::buildUi() {
    auto* bar = new QToolBar(tr("Cluster"), this);
    bar->setObjectName(QStringLiteral("clusterToolBar"));
    bar->setMovable(false);
    bar->setFloatable(false);
    addToolBar(Qt::TopToolBarArea, bar);

    auto* contextLabel = new QLabel(tr("&Context "), bar);
    m_contextBox = new QComboBox(bar);
    m_contextBox->setObjectName(QStringLiteral("contextSelector"));
    m_contextBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_contextBox->setMinimumContentsLength(16);
    contextLabel->setBuddy(m_contextBox);
    auto* namespaceLabel = new QLabel(tr("  &Namespace "), bar);
    m_namespaceBox = new QComboBox(bar);
    m_namespaceBox->setObjectName(QStringLiteral("namespaceSelector"));
    m_namespaceBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_namespaceBox->setMinimumContentsLength(14);
    namespaceLabel->setBuddy(m_namespaceBox);
    bar->addWidget(contextLabel);
    bar->addWidget(m_contextBox);
    bar->addWidget(namespaceLabel);
    bar->addWidget(m_namespaceBox);
    connect(m_contextBox, &QComboBox::currentIndexChanged, this, &MainWindow::onContextChosen);
    connect(m_namespaceBox, &QComboBox::currentIndexChanged, this, &MainWindow::onNamespaceChosen);

    auto* quit = new QAction(tr("Quit"), this);
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);
    addAction(quit);

    m_dashboard = new DashboardPage(this);

    m_placeholderPage = new QWidget(this);
    auto* placeholderLayout = new QVBoxLayout(m_placeholderPage);
    m_placeholderTitle = plainLabel(QStringLiteral("placeholderTitle"), m_placeholderPage);
    m_placeholderTitle->setAlignment(Qt::AlignCenter);
    m_placeholderTitle->setWordWrap(true);
    QFont headingFont = m_placeholderTitle->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.25);
    headingFont.setBold(true);
    m_placeholderTitle->setFont(headingFont);
    m_placeholder = plainLabel(QStringLiteral("placeholderDetail"), m_placeholderPage);
    m_placeholder->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_placeholder->setWordWrap(true);
    m_placeholder->setTextInteractionFlags(Qt::TextSelectableByMouse);
    placeholderLayout->addStretch(1);
    placeholderLayout->addWidget(m_placeholderTitle);
    placeholderLayout->addSpacing(8);
    placeholderLayout->addWidget(m_placeholder);
    placeholderLayout->addStretch(2);
    placeholderLayout->setContentsMargins(48, 24, 48, 24);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_dashboard);
    m_stack->addWidget(m_placeholderPage);
    setCentralWidget(m_stack);

    m_dot = plainLabel(QStringLiteral("connectionDot"), this);
    m_dot->setText(QStringLiteral("●"));
    m_status = plainLabel(QStringLiteral("connectionStatus"), this);
    // Long error messages are clipped here rather than widening the window; the whole text is
    // in the tooltip and, before anything is shown, in the central area.
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tlsWarning = plainLabel(QStringLiteral("tlsWarning"), this);
    m_tlsWarning->setText(tr("⚠ TLS verification off (insecure-skip-tls-verify in kubeconfig)"));
    m_tlsWarning->hide();
    m_demoNote = plainLabel(QStringLiteral("demoNote"), this);
    m_demoNote->setText(tr("demo cluster, simulated inside ScaleDeck"));
    m_demoNote->hide();
    statusBar()->addWidget(m_dot);
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_tlsWarning);
    statusBar()->addPermanentWidget(m_demoNote);
}

void MainWindow::addKubeconfigs(const kube::KubeconfigSet& kubeconfigs, bool demo) {
    const int source = static_cast<int>(m_sources.size());
    m_sources.push_back({kubeconfigs, demo});
    const QSignalBlocker blocker(m_contextBox);
    const bool wasEmpty = m_contextBox->count() == 0;
    for (const std::string& name : kubeconfigs.contextNames()) {
        const QString qname = qs(name);
        m_contextBox->addItem(demo ? tr("%1 (demo)").arg(qname) : qname);
        const int row = m_contextBox->count() - 1;
        m_contextBox->setItemData(row, qname, kContextNameRole);
        m_contextBox->setItemData(row, source, kSourceIndexRole);
        m_contextBox->setItemData(
            row,
            plainTooltip(tr("context %1\nfrom %2%3")
                             .arg(qname, qs(kubeconfigs.displayName()),
                                  demo ? tr("\nthe embedded demo cluster, running inside ScaleDeck")
                                       : QString())),
            Qt::ToolTipRole);
    }
    if (wasEmpty)
        m_contextBox->setCurrentIndex(-1);
}

bool MainWindow::selectContext(const QString& name) {
    QString wanted = name;
    if (wanted.isEmpty() && !m_sources.empty())
        wanted = qs(m_sources.front().kubeconfigs.currentContext());
    int index = -1;
    for (int i = 0; i < m_contextBox->count(); ++i) {
        if (m_contextBox->itemData(i, kContextNameRole).toString() == wanted) {
            index = i;
            break;
        }
    }
    if (index < 0 && name.isEmpty() && m_contextBox->count() > 0)
        index = 0;
    if (index < 0)
        return false;
    if (index == m_contextBox->currentIndex()) {
        onContextChosen(index);  // reconnect, as the caller asked for it
    } else {
        m_contextBox->setCurrentIndex(index);
    }
    return true;
}

bool MainWindow::selectNamespace(const QString& name) {
    for (int i = 0; i < m_namespaceBox->count(); ++i) {
        if (m_namespaceBox->itemData(i, kNamespaceRole).toString() == name) {
            m_namespaceBox->setCurrentIndex(i);
            return true;
        }
    }
    return false;
}

void MainWindow::showProblem(const QString& message) {
    setStatus(Dot::Bad, message);
    showPlaceholder(tr("Cannot connect"), message);
}

void MainWindow::resetClusterFacts() {
    m_feed.reset();
    m_session->disconnectFromCluster();
    m_shown = false;
    m_connection = {};
    m_version.clear();
    m_gitVersion.clear();
    m_identity.clear();
    m_identityProblem.clear();
    m_knownNamespaces.clear();
    m_tlsWarning->hide();
    m_statusTicker.stop();
}

void MainWindow::onContextChosen(int index) {
    if (index < 0)
        return;
    const QString name = m_contextBox->itemData(index, kContextNameRole).toString();
    const auto source =
        static_cast<std::size_t>(m_contextBox->itemData(index, kSourceIndexRole).toInt());
    if (source >= m_sources.size())
        return;
    if (m_approvalDialog)
        m_approvalDialog->reject();
    resetClusterFacts();
    m_demoNote->setVisible(m_sources[source].demo);
    setWindowTitle(tr("%1 — ScaleDeck").arg(name));

    const kube::KubeconfigSet& kubeconfigs = m_sources[source].kubeconfigs;
    auto resolved = kubeconfigs.resolve(name.toStdString());
    if (!resolved.ok()) {
        rebuildNamespaceChoices();
        const QString words =
            tr("cannot use context %1: %2").arg(name, qs(resolved.error().message));
        setStatus(Dot::Bad, words);
        showPlaceholder(tr("This context cannot be used"), words);
        return;
    }
    if (resolved->execApproval) {
        auto approvals = kubeconfigs.execOptions().approvals;
        if (!approvals)
            approvals = kube::ExecApprovals::shared();
        if (!approvals->isApproved(*resolved->execApproval)) {
            askExecApproval(*resolved, std::move(approvals));
            return;
        }
    }
    connectToContext(*resolved);
}

// A kubeconfig from an untrusted source must not run code silently: the exact command is shown
// and runs only after the user said yes; the answer is remembered per kubeconfig and user until
// the command changes.
void MainWindow::askExecApproval(const kube::ResolvedContext& context,
                                 std::shared_ptr<kube::ExecApprovals> approvals) {
    const kube::ExecApprovalRequest& request = *context.execApproval;
    const QString contextName = qs(context.contextName);
    setStatus(Dot::Busy, tr("waiting for your approval to run %1").arg(qs(request.command)));
    showPlaceholder(
        tr("Approve the sign-in command?"),
        tr("Context %1 signs in by running a program named in the kubeconfig.").arg(contextName));

    auto* dialog = new QMessageBox(QMessageBox::Question, tr("Run a sign-in command?"),
                                   tr("Context %1 wants ScaleDeck to run this command to get "
                                      "credentials:\n\n%2\n\nRun it only if you trust the "
                                      "kubeconfig it comes from.")
                                       .arg(contextName, qs(request.commandLine())),
                                   QMessageBox::NoButton, this);
    dialog->setObjectName(QStringLiteral("execApprovalDialog"));
    dialog->setTextFormat(Qt::PlainText);
    dialog->setDetailedText(qs(request.describe()));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->addButton(tr("Run and remember"), QMessageBox::AcceptRole)
        ->setObjectName(QStringLiteral("approveButton"));
    dialog->addButton(QMessageBox::Cancel)->setObjectName(QStringLiteral("declineButton"));
    m_approvalDialog = dialog;
    connect(dialog, &QMessageBox::finished, this, [this, dialog, context, approvals](int) {
        if (m_approvalDialog != dialog)
            return;  // superseded by another choice
        m_approvalDialog = nullptr;
        const bool approved =
            dialog->buttonRole(dialog->clickedButton()) == QMessageBox::AcceptRole;
        if (!approved) {
            const QString words = tr("not connected: you did not approve the sign-in command of "
                                     "context %1. Choose the context again to be asked again.")
                                      .arg(qs(context.contextName));
            setStatus(Dot::Bad, words);
            showPlaceholder(tr("Sign-in command not approved"), words);
            return;
        }
        if (auto saved = approvals->approve(*context.execApproval); !saved.ok()) {
            // Approved for this session anyway; the user just gets asked again next time.
            statusBar()->showMessage(
                tr("Could not remember the approval: %1").arg(qs(saved.error().message)), 10000);
        }
        connectToContext(context);
    });
    dialog->open();
}

void MainWindow::connectToContext(const kube::ResolvedContext& context) {
    m_tlsWarning->setVisible(context.insecureSkipTlsVerify);
    m_session->connectTo(context);
    const QString ns = m_session->contextNamespace();
    m_sinceConnectionChange.start();
    m_statusTicker.start();
    showConnectionStatus();
    showPlaceholder(tr("Connecting to %1 …").arg(m_session->server()));
    showNamespace(ns);
}

void MainWindow::onNamespaceChosen(int index) {
    if (index < 0 || !m_session->isConnected())
        return;
    const QString ns = m_namespaceBox->itemData(index, kNamespaceRole).toString();
    if (m_feed && ns == m_feed->namespaceName())
        return;
    showNamespace(ns);
}

void MainWindow::showNamespace(const QString& namespaceName) {
    m_shown = false;
    showPlaceholder(namespaceName.isEmpty() ? tr("Loading all namespaces …")
                                            : tr("Loading namespace %1 …").arg(namespaceName));
    // The new feed first: informers both feeds use (nodes, every pod) stay open and are not
    // listed again.
    auto feed =
        std::make_unique<DashboardFeed>(*m_session->informers(), *m_dashboard, namespaceName);
    connect(feed.get(), &DashboardFeed::ready, this, &MainWindow::onDashboardUpdated);
    m_feed = std::move(feed);
    rebuildNamespaceChoices();
}

void MainWindow::onNamespacesLoaded(const QStringList& names) {
    m_knownNamespaces = names;
    rebuildNamespaceChoices();
}

void MainWindow::rebuildNamespaceChoices() {
    const QSignalBlocker blocker(m_namespaceBox);
    m_namespaceBox->clear();
    if (!m_session->isConnected())
        return;
    QStringList choices = m_knownNamespaces;
    // The shown namespace and the context's stay choosable even if they do not exist (yet) or
    // cannot be listed: the dashboard then says it is empty rather than showing another one.
    const QString current = m_feed ? m_feed->namespaceName() : m_session->contextNamespace();
    for (const QString& name : {current, m_session->contextNamespace()}) {
        if (!name.isEmpty() && !choices.contains(name))
            choices.append(name);
    }
    choices.sort();
    if (m_session->mayListNamespaces())
        m_namespaceBox->addItem(tr("All namespaces"), QString());
    for (const QString& name : choices)
        m_namespaceBox->addItem(name, name);
    for (int i = 0; i < m_namespaceBox->count(); ++i) {
        if (m_namespaceBox->itemData(i, kNamespaceRole).toString() == current)
            m_namespaceBox->setCurrentIndex(i);
    }
}

void MainWindow::onDashboardUpdated() {
    if (m_shown || !m_feed)
        return;
    m_shown = true;
    m_stack->setCurrentWidget(m_dashboard);
    showConnectionStatus();
    Q_EMIT dashboardShown();
}

void MainWindow::onConnectionChanged(const cache::ConnectionSummary& summary) {
    m_connection = summary;
    m_sinceConnectionChange.restart();
    showConnectionStatus();
}

void MainWindow::showConnectionStatus() {
    if (!m_session->isConnected())
        return;
    const cache::ConnectionState& state = m_connection.overall;
    const QString server = m_session->server();
    const QString reason = qs(state.reason);
    const auto retryIn =
        state.retryIn - std::chrono::milliseconds(m_sinceConnectionChange.isValid()
                                                      ? m_sinceConnectionChange.elapsed()
                                                      : 0);
    QString words;
    QString title;
    Dot dot = Dot::Busy;
    switch (state.phase) {
        case Phase::Connecting:
            words = tr("connecting · %1").arg(server);
            break;
        case Phase::Listing:
            words = state.itemsExpected
                        ? tr("loading · %1 of ~%2 objects · %3")
                              .arg(state.itemsListed)
                              .arg(*state.itemsExpected)
                              .arg(server)
                        : tr("loading · %1 objects · %2").arg(state.itemsListed).arg(server);
            break;
        case Phase::Relisting:
            words = tr("catching up · the cluster's change history expired, listing again (%1 "
                       "so far) · %2")
                        .arg(state.itemsListed)
                        .arg(server);
            break;
        case Phase::Reconnecting:
            if (m_shown) {
                words = tr("reconnecting in %1 · %2 · showing the last known state")
                            .arg(secondsText(retryIn), reason);
            } else {
                title = tr("The cluster does not answer");
                words = tr("cannot reach the cluster: %1 — check that the cluster is running and "
                           "the kubeconfig server URL is right (retrying in %2)")
                            .arg(reason, secondsText(retryIn));
            }
            break;
        case Phase::Unauthorized:
            dot = Dot::Bad;
            title = tr("The cluster did not accept your credentials");
            words = tr("unauthorized: %1 — the token or client certificate of user %2 may have "
                       "expired; renew it in %3 (retrying in %4)")
                        .arg(reason, m_session->kubeconfigUser(), m_session->kubeconfigFile(),
                             secondsText(retryIn));
            break;
        case Phase::Forbidden:
            dot = Dot::Bad;
            title = tr("You may not see this");
            words = tr("forbidden: %1 — ask for list and watch access to pods, nodes, "
                       "horizontalpodautoscalers and events (retrying in %2)")
                        .arg(reason, secondsText(retryIn));
            break;
        case Phase::Failed:
            dot = Dot::Bad;
            title = tr("The cluster cannot be used");
            words = tr("failed: %1").arg(reason);
            break;
        case Phase::Live: {
            dot = Dot::Good;
            QStringList parts{tr("connected"), server};
            if (!m_version.isEmpty())
                parts.append(m_version);
            if (!m_identity.isEmpty()) {
                parts.append(m_identity);
            } else if (!m_identityProblem.isEmpty()) {
                const QString user = m_session->kubeconfigUser();
                parts.append(user.isEmpty()
                                 ? tr("identity unknown")
                                 : tr("identity unknown (kubeconfig user %1)").arg(user));
            }
            parts.append(tr("live"));
            words = parts.join(QStringLiteral(" · "));
            break;
        }
    }
    QStringList details{tr("context: %1").arg(m_session->contextName()),
                        tr("server: %1").arg(server)};
    if (!m_gitVersion.isEmpty())
        details.append(tr("Kubernetes %1").arg(m_gitVersion));
    if (!m_identity.isEmpty())
        details.append(tr("the cluster says you are %1").arg(m_identity));
    if (!m_identityProblem.isEmpty())
        details.append(tr("identity unknown: %1").arg(m_identityProblem));
    details.append(
        tr("%1 of %2 live views up to date").arg(m_connection.live).arg(m_connection.informers));
    setStatus(dot, words, words + QLatin1Char('\n') + details.join(QLatin1Char('\n')));
    // Before anything was shown, the central area says it too, in full.
    if (!m_shown && !title.isEmpty())
        showPlaceholder(title, words);
}

void MainWindow::setStatus(Dot dot, const QString& words, const QString& details) {
    const bool dark = isDark(palette());
    QColor colour;
    switch (dot) {
        case Dot::Neutral:
            colour = palette().color(QPalette::PlaceholderText);
            break;
        case Dot::Busy:
            colour = dark ? QColor(0xd2, 0x99, 0x22) : QColor(0x9a, 0x67, 0x00);
            break;
        case Dot::Good:
            colour = dark ? QColor(0x3f, 0xb9, 0x50) : QColor(0x1a, 0x7f, 0x37);
            break;
        case Dot::Bad:
            colour = dark ? QColor(0xf8, 0x51, 0x49) : QColor(0xcf, 0x22, 0x2e);
            break;
    }
    QPalette dotPalette = m_dot->palette();
    dotPalette.setColor(QPalette::WindowText, colour);
    m_dot->setPalette(dotPalette);
    m_status->setText(words);
    m_status->setToolTip(plainTooltip(details.isEmpty() ? words : details));
}

void MainWindow::showPlaceholder(const QString& title, const QString& detail) {
    m_placeholderTitle->setText(title);
    m_placeholder->setText(detail);
    m_placeholder->setVisible(!detail.isEmpty());
    m_stack->setCurrentWidget(m_placeholderPage);
}

}  // namespace scaledeck::ui
