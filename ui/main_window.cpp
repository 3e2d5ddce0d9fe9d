#include "ui/main_window.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPalette>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include "ui/models/workload_table_model.h"
#include "ui/plain_text.h"

namespace scaledeck::ui {

namespace {

constexpr int kContextNameRole = Qt::UserRole;
constexpr int kSourceIndexRole = Qt::UserRole + 1;

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

}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      m_session(new ClusterSession(this)),
      m_model(new WorkloadTableModel(this)) {
    setWindowTitle(QStringLiteral("ScaleDeck"));
    buildUi();

    connect(m_session, &ClusterSession::versionLoaded, this,
            [this](const QString& version, const QString& gitVersion) {
                m_version = version;
                m_gitVersion = gitVersion;
                if (m_connected)
                    showConnectedStatus();
            });
    connect(m_session, &ClusterSession::identityLoaded, this, [this](const QString& user) {
        m_identity = user;
        if (m_connected)
            showConnectedStatus();
    });
    connect(m_session, &ClusterSession::identityFailed, this, [this](const QString& message) {
        m_identityProblem = message;
        if (m_connected)
            showConnectedStatus();
    });
    connect(m_session, &ClusterSession::namespacesLoaded, this, &MainWindow::onNamespacesLoaded);
    connect(m_session, &ClusterSession::workloadsLoaded, this, &MainWindow::onWorkloadsLoaded);
    connect(m_session, &ClusterSession::connectionFailed, this, &MainWindow::onConnectionFailed);

    m_freshnessTimer.setInterval(1000);
    connect(&m_freshnessTimer, &QTimer::timeout, this, &MainWindow::updateFreshness);
    m_freshnessTimer.start();

    setStatus(Dot::Neutral, tr("no context chosen"));
    showPlaceholder(tr("No context chosen"), tr("Choose a context to see its workloads."));
    resize(980, 620);
}

MainWindow::~MainWindow() = default;

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

    auto* refresh = new QAction(tr("Refresh"), this);
    refresh->setShortcut(QKeySequence::Refresh);
    connect(refresh, &QAction::triggered, m_session, &ClusterSession::refresh);
    addAction(refresh);
    auto* quit = new QAction(tr("Quit"), this);
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);
    addAction(quit);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    m_heading = plainLabel(QStringLiteral("workloadHeading"), central);
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.25);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    auto* explanation = plainLabel(QStringLiteral("workloadExplanation"), central);
    explanation->setText(tr("Deployments and StatefulSets with their ready and desired replicas, "
                            "refreshed every %1 s.")
                             .arg(ClusterSession::kPollInterval.count() / 1000));
    explanation->setForegroundRole(QPalette::PlaceholderText);

    m_table = new QTableView(central);
    m_table->setObjectName(QStringLiteral("workloadTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    QHeaderView* header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Compact columns keep the numbers next to the name they belong to on a wide screen.
    header->setStretchLastSection(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);

    m_placeholderPage = new QWidget(central);
    auto* placeholderLayout = new QVBoxLayout(m_placeholderPage);
    m_placeholderTitle = plainLabel(QStringLiteral("workloadPlaceholderTitle"), m_placeholderPage);
    m_placeholderTitle->setAlignment(Qt::AlignCenter);
    m_placeholderTitle->setWordWrap(true);
    m_placeholderTitle->setFont(headingFont);
    m_placeholder = plainLabel(QStringLiteral("workloadPlaceholder"), m_placeholderPage);
    m_placeholder->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_placeholder->setWordWrap(true);
    m_placeholder->setTextInteractionFlags(Qt::TextSelectableByMouse);
    placeholderLayout->addStretch(1);
    placeholderLayout->addWidget(m_placeholderTitle);
    placeholderLayout->addSpacing(8);
    placeholderLayout->addWidget(m_placeholder);
    placeholderLayout->addStretch(2);
    placeholderLayout->setContentsMargins(48, 24, 48, 24);

    m_stack = new QStackedWidget(central);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_placeholderPage);
    layout->addWidget(m_heading);
    layout->addWidget(explanation);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    m_dot = plainLabel(QStringLiteral("connectionDot"), this);
    m_dot->setText(QStringLiteral("●"));
    m_status = plainLabel(QStringLiteral("connectionStatus"), this);
    // Long error messages are clipped here rather than widening the window; the whole text is
    // in the tooltip and in the central area.
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tlsWarning = plainLabel(QStringLiteral("tlsWarning"), this);
    m_tlsWarning->setText(tr("⚠ TLS verification off (insecure-skip-tls-verify in kubeconfig)"));
    m_tlsWarning->hide();
    m_demoNote = plainLabel(QStringLiteral("demoNote"), this);
    m_demoNote->setText(tr("demo cluster, simulated inside ScaleDeck"));
    m_demoNote->hide();
    m_freshness = plainLabel(QStringLiteral("freshness"), this);
    statusBar()->addWidget(m_dot);
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_tlsWarning);
    statusBar()->addPermanentWidget(m_demoNote);
    statusBar()->addPermanentWidget(m_freshness);
}

void MainWindow::addKubeconfig(const kube::Kubeconfig& config, bool demo) {
    const int source = static_cast<int>(m_sources.size());
    m_sources.push_back({config, demo});
    const QSignalBlocker blocker(m_contextBox);
    const bool wasEmpty = m_contextBox->count() == 0;
    for (const std::string& name : config.contextNames()) {
        const QString qname = QString::fromStdString(name);
        m_contextBox->addItem(demo ? tr("%1 (demo)").arg(qname) : qname);
        const int row = m_contextBox->count() - 1;
        m_contextBox->setItemData(row, qname, kContextNameRole);
        m_contextBox->setItemData(row, source, kSourceIndexRole);
        m_contextBox->setItemData(
            row,
            plainTooltip(
                tr("context %1\nfrom %2%3")
                    .arg(qname,
                         QString::fromStdString(kube::Kubeconfig::displayPath(config.path())),
                         demo ? tr("\nthe embedded demo cluster, running inside ScaleDeck")
                              : QString())),
            Qt::ToolTipRole);
    }
    if (wasEmpty)
        m_contextBox->setCurrentIndex(-1);
}

bool MainWindow::selectContext(const QString& name) {
    QString wanted = name;
    if (wanted.isEmpty() && !m_sources.empty()) {
        wanted = QString::fromStdString(m_sources.front().config.currentContext());
    }
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

void MainWindow::showProblem(const QString& message) {
    setStatus(Dot::Bad, message);
    showPlaceholder(tr("Cannot connect"), message);
}

void MainWindow::onContextChosen(int index) {
    if (index < 0)
        return;
    const QString name = m_contextBox->itemData(index, kContextNameRole).toString();
    const auto source =
        static_cast<std::size_t>(m_contextBox->itemData(index, kSourceIndexRole).toInt());
    if (source >= m_sources.size())
        return;

    m_model->setRows({});
    m_demoNote->setVisible(m_sources[source].demo);
    m_connected = false;
    m_version.clear();
    m_gitVersion.clear();
    m_identity.clear();
    m_identityProblem.clear();
    m_lastUpdate = {};
    updateFreshness();

    auto resolved = m_sources[source].config.resolve(name.toStdString());
    if (!resolved.ok()) {
        m_session->disconnectFromCluster();
        m_tlsWarning->hide();
        setNamespaceChoices({}, {});
        m_heading->setText(tr("Workloads"));
        const QString words = tr("cannot use context %1: %2")
                                  .arg(name, QString::fromStdString(resolved.error().message));
        setStatus(Dot::Bad, words);
        showPlaceholder(tr("This context cannot be used"), words);
        return;
    }
    const QString server = QString::fromStdString(resolved->server);
    const QString ns = QString::fromStdString(resolved->namespaceName);
    m_tlsWarning->setVisible(resolved->insecureSkipTlsVerify);
    setNamespaceChoices({ns}, ns);
    m_heading->setText(tr("Workloads in %1").arg(ns));
    setStatus(Dot::Busy, tr("connecting · %1").arg(server));
    showPlaceholder(tr("Connecting to %1 …").arg(server));
    m_session->connectTo(*resolved);
}

void MainWindow::onNamespaceChosen(int index) {
    if (index < 0)
        return;
    const QString ns = m_namespaceBox->itemText(index);
    if (ns == m_session->namespaceName())
        return;
    m_model->setRows({});
    m_lastUpdate = {};
    updateFreshness();
    m_heading->setText(tr("Workloads in %1").arg(ns));
    showPlaceholder(tr("Loading the workloads of %1 …").arg(ns));
    m_session->setNamespace(ns);
}

void MainWindow::onNamespacesLoaded(const QStringList& names) {
    setNamespaceChoices(names, m_session->namespaceName());
}

void MainWindow::setNamespaceChoices(const QStringList& names, const QString& current) {
    QStringList choices = names;
    // The context's namespace stays choosable even if it does not exist (yet) or cannot be
    // listed: the table then says it is empty rather than silently showing another namespace.
    if (!current.isEmpty() && !choices.contains(current)) {
        choices.append(current);
        choices.sort();
    }
    const QSignalBlocker blocker(m_namespaceBox);
    m_namespaceBox->clear();
    m_namespaceBox->addItems(choices);
    m_namespaceBox->setCurrentIndex(static_cast<int>(choices.indexOf(current)));
}

void MainWindow::onWorkloadsLoaded(const QString& namespaceName, const QList<WorkloadRow>& rows) {
    if (namespaceName != m_session->namespaceName())
        return;
    m_model->setRows(rows);
    m_connected = true;
    m_lastUpdate = QDateTime::currentDateTimeUtc();
    updateFreshness();
    showConnectedStatus();
    m_heading->setText(
        rows.size() == 1
            ? tr("1 workload in %1").arg(namespaceName)
            : tr("%1 workloads in %2").arg(QString::number(rows.size()), namespaceName));
    if (rows.isEmpty()) {
        showPlaceholder(tr("No workloads"),
                        tr("No Deployments or StatefulSets in namespace %1.").arg(namespaceName));
    } else {
        m_stack->setCurrentWidget(m_table);
    }
}

void MainWindow::onConnectionFailed(const QString& message, ClusterSession::FailureKind kind) {
    m_connected = false;
    QString title;
    QString words;
    switch (kind) {
        case ClusterSession::FailureKind::Unreachable:
            title = tr("The cluster does not answer");
            words =
                tr("unreachable: %1 — check that the cluster is running and the kubeconfig "
                   "server URL is right");
            break;
        case ClusterSession::FailureKind::Untrusted:
            title = tr("The cluster's certificate is not trusted");
            words =
                tr("untrusted: %1 — check certificate-authority and "
                   "tls-server-name in the kubeconfig");
            break;
        case ClusterSession::FailureKind::Unauthorized:
            title = tr("The cluster did not accept your credentials");
            words =
                tr("unauthorized: %1 — the token or client certificate may have expired; "
                   "renew it in the kubeconfig");
            break;
        case ClusterSession::FailureKind::Forbidden:
            title = tr("You may not list these workloads");
            words =
                tr("forbidden: %1 — ask for read access to deployments and statefulsets in "
                   "this namespace");
            break;
        case ClusterSession::FailureKind::Misconfigured:
            title = tr("The kubeconfig cannot be used");
            words = tr("kubeconfig problem: %1");
            break;
        case ClusterSession::FailureKind::ServerError:
            title = tr("The cluster answered with an error");
            words = tr("server error: %1");
            break;
    }
    words = words.arg(message);
    setStatus(Dot::Bad, words);
    if (m_model->rowCount() == 0) {
        showPlaceholder(title, words);
    } else {
        // Rows already shown stay, but must not pass for live data.
        m_heading->setText(
            tr("Workloads in %1 · last known state, not updating").arg(m_session->namespaceName()));
    }
}

void MainWindow::showConnectedStatus() {
    QStringList parts{tr("connected"), m_session->server()};
    if (!m_version.isEmpty())
        parts.append(m_version);
    if (!m_identity.isEmpty()) {
        parts.append(m_identity);
    } else if (!m_identityProblem.isEmpty()) {
        const QString user = m_session->kubeconfigUser();
        parts.append(user.isEmpty() ? tr("identity unknown")
                                    : tr("identity unknown (kubeconfig user %1)").arg(user));
    }
    setStatus(Dot::Good, parts.join(QStringLiteral(" · ")));
    QStringList details{tr("context: %1").arg(m_session->contextName()),
                        tr("server: %1").arg(m_session->server())};
    if (!m_gitVersion.isEmpty())
        details.append(tr("Kubernetes %1").arg(m_gitVersion));
    if (!m_identity.isEmpty())
        details.append(tr("the cluster says you are %1").arg(m_identity));
    if (!m_identityProblem.isEmpty()) {
        details.append(tr("identity unknown: %1").arg(m_identityProblem));
    }
    m_status->setToolTip(plainTooltip(details.join(QLatin1Char('\n'))));
}

void MainWindow::setStatus(Dot dot, const QString& words) {
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
    m_status->setToolTip(plainTooltip(words));
}

void MainWindow::showPlaceholder(const QString& title, const QString& detail) {
    m_placeholderTitle->setText(title);
    m_placeholder->setText(detail);
    m_placeholder->setVisible(!detail.isEmpty());
    m_stack->setCurrentWidget(m_placeholderPage);
}

void MainWindow::updateFreshness() {
    if (!m_lastUpdate.isValid()) {
        m_freshness->clear();
        return;
    }
    const qint64 seconds = m_lastUpdate.secsTo(QDateTime::currentDateTimeUtc());
    m_freshness->setText(seconds < 60 ? tr("updated %1 s ago").arg(seconds)
                                      : tr("updated %1 min ago").arg(seconds / 60));
}

}  // namespace scaledeck::ui
