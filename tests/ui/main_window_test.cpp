// MainWindow against the in-process demo cluster, offscreen: it connects through the informers
// and shows the live dashboard, follows changes made with the real kubectl, switches namespace
// and context, says in the status bar where it stands with the cluster and what to do when it
// cannot connect, asks before running an exec credential plugin, and shows text from
// kubeconfigs and clusters literally.
#include "ui/main_window.h"

#include <gtest/gtest.h>

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <set>

#include "base/base64.h"
#include "cache/informer_factory.h"
#include "kube/exec_approvals.h"
#include "kube/kubeconfig_set.h"
#include "support/demo_cluster.h"
#include "support/subprocess.h"
#include "ui/dashboard/dashboard_feed.h"
#include "ui/dashboard/dashboard_page.h"
#include "ui/dashboard/hpa_card.h"
#include "ui/dashboard/hpa_card_list.h"
#include "ui/dashboard/table_section.h"
#include "ui/models/event_feed_model.h"
#include "ui/models/node_table_model.h"
#include "ui/models/pod_table_model.h"

using scaledeck::kube::ExecApprovals;
using scaledeck::kube::KubeconfigSet;
using scaledeck::test::DemoCluster;
using scaledeck::ui::MainWindow;

namespace {

constexpr int kWaitMs = 20000;
const std::string kNs = "greenlang";
const std::string kDeploy = "gl-006-heatreclaim";

class MainWindowTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(DemoCluster::instance().ok()) << DemoCluster::instance().startError();
        m_window = std::make_unique<MainWindow>();
        QObject::connect(m_window.get(), &MainWindow::dashboardShown, m_window.get(),
                         [this] { ++m_shown; });
        QObject::connect(m_window->session(), &scaledeck::ui::ClusterSession::identityLoaded,
                         m_window.get(), [this](const QString& user) { m_identity = user; });
        m_window->show();
    }

    // Opens the demo kubeconfig and connects to one of its contexts.
    void openDemo(const QString& context = QStringLiteral("scaledeck-demo")) {
        auto set = KubeconfigSet::load({.explicitPath = DemoCluster::instance().kubeconfigPath()});
        ASSERT_TRUE(set.ok()) << set.error().message;
        m_window->addKubeconfigs(*set, true);
        ASSERT_TRUE(m_window->selectContext(context));
    }

    void openDemoDashboard() {
        openDemo();
        ASSERT_TRUE(waitFor([&] { return m_shown > 0; })) << statusText().toStdString();
    }

    QString writeScratch(const QString& fileName, const std::string& text) const {
        const QString path = DemoCluster::instance().scratchDir() + QLatin1Char('/') + fileName;
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(text.data(), static_cast<qint64>(text.size()));
        return path;
    }

    // Writes a kubeconfig to the scratch directory and connects to `context` in it.
    void openKubeconfig(const QString& fileName, const std::string& yaml, const QString& context,
                        std::shared_ptr<ExecApprovals> approvals = {}) {
        const QString path = writeScratch(fileName, yaml);
        auto set = KubeconfigSet::load({.explicitPath = path.toStdString()});
        ASSERT_TRUE(set.ok()) << set.error().message;
        if (approvals) {
            auto options = set->execOptions();
            options.approvals = std::move(approvals);
            set->setExecOptions(options);
        }
        m_window->addKubeconfigs(*set, false);
        ASSERT_TRUE(m_window->selectContext(context));
    }

    static std::string singleContextYaml(const std::string& context, const std::string& cluster,
                                         const std::string& user) {
        return "apiVersion: v1\nkind: Config\ncurrent-context: '" + context +
               "'\nclusters:\n- name: c\n  cluster:\n" + cluster + "users:\n- name: u\n  user:\n" +
               user + "contexts:\n- name: '" + context +
               "'\n  context: {cluster: c, user: u, namespace: greenlang}\n";
    }

    static std::string demoCluster() {
        auto& sim = DemoCluster::instance().sim();
        return "    server: " + sim.serverUrl() +
               "\n    certificate-authority-data: " + scaledeck::base::base64Encode(sim.caPem()) +
               "\n";
    }

    template <typename T>
    T* child(const char* name) const {
        T* widget = m_window->findChild<T*>(QString::fromLatin1(name));
        EXPECT_NE(widget, nullptr) << name;
        return widget;
    }

    QString statusText() const { return child<QLabel>("connectionStatus")->text(); }
    QString placeholderTitle() const { return child<QLabel>("placeholderTitle")->text(); }
    QString placeholderDetail() const { return child<QLabel>("placeholderDetail")->text(); }

    scaledeck::ui::PodTableModel* pods() const { return m_window->dashboard()->podModel(); }

    // Namespace/name of every pod the dashboard's table holds.
    std::set<std::string> podKeys() const {
        std::set<std::string> keys;
        for (int row = 0; row < pods()->rowCount(); ++row)
            keys.insert(pods()->keyAt(row));
        return keys;
    }
    int podsNamed(const std::string& prefix) const {
        int count = 0;
        for (const std::string& key : podKeys())
            count += key.rfind(kNs + "/" + prefix, 0) == 0 ? 1 : 0;
        return count;
    }
    const scaledeck::kube::objects::HpaRow* hpa() const {
        const auto cards = m_window->dashboard()->hpaCards()->cards();
        return cards.isEmpty() ? nullptr : cards.front()->hpa();
    }

    // The real kubectl against the demo cluster, with a fresh discovery cache.
    scaledeck::test::ProcessResult kubectl(const std::vector<std::string>& args,
                                           const std::string& input = {}) {
        std::vector<std::string> argv{"kubectl"};
        argv.insert(argv.end(), args.begin(), args.end());
        return scaledeck::test::runProcess(
            argv,
            {{"KUBECONFIG", DemoCluster::instance().kubeconfigPath()},
             {"KUBECACHEDIR", m_kubeCache.path().toStdString()}},
            input);
    }

    bool waitFor(const std::function<bool()>& condition) const {
        return QTest::qWaitFor(condition, kWaitMs);
    }

    QTemporaryDir m_kubeCache;
    std::unique_ptr<MainWindow> m_window;
    int m_shown = 0;
    QString m_identity;
};

TEST_F(MainWindowTest, ShowsTheDemoClusterDashboardLive) {
    EXPECT_EQ(m_window->windowTitle(), QStringLiteral("ScaleDeck"));
    openDemoDashboard();
    EXPECT_EQ(child<QComboBox>("contextSelector")->currentText(),
              QStringLiteral("scaledeck-demo (demo)"));
    auto* namespaces = child<QComboBox>("namespaceSelector");
    EXPECT_EQ(namespaces->currentText(), QStringLiteral("greenlang"));
    ASSERT_TRUE(waitFor([&] { return namespaces->findText(QStringLiteral("kube-system")) >= 0; }))
        << "namespaces were never listed";
    EXPECT_EQ(namespaces->itemText(0), QStringLiteral("All namespaces"));

    EXPECT_TRUE(m_window->dashboard()->isVisible());
    EXPECT_EQ(podsNamed(kDeploy + "-"), 3);
    EXPECT_EQ(podsNamed("redis-"), 3);
    for (const std::string& key : podKeys())
        EXPECT_EQ(key.rfind(kNs + "/", 0), 0u) << key;
    ASSERT_NE(hpa(), nullptr);
    EXPECT_EQ(hpa()->meta.name, "gl-006-heatreclaim-hpa");
    EXPECT_GE(m_window->dashboard()->nodeModel()->rowCount(), 3);
    EXPECT_GT(m_window->dashboard()->eventModel()->rowCount(), 0);

    ASSERT_TRUE(waitFor([&] { return !m_identity.isEmpty(); })) << statusText().toStdString();
    const QString server = QString::fromStdString(DemoCluster::instance().sim().serverUrl());
    const QString expected =
        QStringLiteral("connected · %1 · v1.32 · %2 · live").arg(server, m_identity);
    EXPECT_TRUE(waitFor([&] { return statusText() == expected; }))
        << statusText().toStdString() << " != " << expected.toStdString();
    EXPECT_EQ(child<QLabel>("connectionStatus")->textFormat(), Qt::PlainText);
    EXPECT_TRUE(child<QLabel>("tlsWarning")->isHidden());
    EXPECT_FALSE(child<QLabel>("demoNote")->isHidden());
    EXPECT_EQ(m_window->windowTitle(), QStringLiteral("scaledeck-demo — ScaleDeck"));
}

TEST_F(MainWindowTest, KubectlScaleAndPatchHpaAppearInTheDashboard) {
    openDemoDashboard();
    auto& sim = DemoCluster::instance().sim();
    ASSERT_EQ(podsNamed("redis-"), 3);

    // The redis StatefulSet has no HPA, so nothing but kubectl decides its size.
    auto scaled = kubectl({"scale", "statefulset", "redis", "--replicas=5", "-n", kNs});
    ASSERT_EQ(scaled.exitCode, 0) << scaled.err;
    EXPECT_EQ(scaled.out, "statefulset.apps/redis scaled\n");
    sim.advance(60);
    EXPECT_TRUE(waitFor([&] { return podsNamed("redis-") == 5; })) << podsNamed("redis-");
    EXPECT_EQ(podKeys().count(kNs + "/redis-4"), 1u);

    auto patched = kubectl({"patch", "hpa", "gl-006-heatreclaim-hpa", "-n", kNs, "-p",
                            R"({"spec":{"minReplicas":4,"maxReplicas":12}})"});
    ASSERT_EQ(patched.exitCode, 0) << patched.err;
    EXPECT_TRUE(
        waitFor([&] { return hpa() && hpa()->minReplicas == 4 && hpa()->maxReplicas == 12; }));
    EXPECT_EQ(m_window->dashboard()->hpaCards()->cardCount(), 1);

    // Put the shared demo cluster back as the other tests expect it.
    ASSERT_EQ(kubectl({"patch", "hpa", "gl-006-heatreclaim-hpa", "-n", kNs, "-p",
                       R"({"spec":{"minReplicas":3,"maxReplicas":10}})"})
                  .exitCode,
              0);
    ASSERT_EQ(kubectl({"scale", "statefulset", "redis", "--replicas=3", "-n", kNs}).exitCode, 0);
    sim.advance(60);
    EXPECT_TRUE(waitFor([&] { return podsNamed("redis-") == 3; })) << podsNamed("redis-");
    EXPECT_TRUE(waitFor([&] { return hpa() && hpa()->minReplicas == 3; }));
}

TEST_F(MainWindowTest, MarkupFromTheClusterIsShownLiterally) {
    openDemoDashboard();
    const std::string reason = "<b>Evil</b>";
    const std::string message = "<img src=x onerror=alert(1)> & more";
    const std::string event = R"({"apiVersion":"v1","kind":"Event","metadata":{"name":"evil-1",
        "namespace":"greenlang"},"involvedObject":{"kind":"Pod","namespace":"greenlang",
        "name":"redis-0"},"reason":")" +
                              reason + R"(","message":")" + message +
                              R"(","type":"Warning","count":1})";
    auto created = kubectl({"create", "-f", "-"}, event);
    ASSERT_EQ(created.exitCode, 0) << created.err;

    auto* events = m_window->dashboard()->eventModel();
    int row = -1;
    ASSERT_TRUE(waitFor([&] {
        for (int r = 0; r < events->rowCount(); ++r) {
            if (events->rowAt(r)->reason.str() == reason)
                row = r;
        }
        return row >= 0;
    }));
    bool sawMessage = false;
    for (int column = 0; column < events->columnCount(); ++column) {
        const QModelIndex index = events->index(row, column);
        const QString text = index.data(Qt::DisplayRole).toString();
        sawMessage = sawMessage || text == QString::fromStdString(message);
        const QString tip = index.data(Qt::ToolTipRole).toString();
        EXPECT_FALSE(tip.contains(QStringLiteral("<img"))) << tip.toStdString();
        EXPECT_FALSE(tip.contains(QStringLiteral("<b>"))) << tip.toStdString();
    }
    EXPECT_TRUE(sawMessage);
    ASSERT_EQ(kubectl({"delete", "event", "evil-1", "-n", kNs}).exitCode, 0);
}

TEST_F(MainWindowTest, SwitchingNamespaceChangesTheDashboard) {
    openDemoDashboard();
    auto* namespaces = child<QComboBox>("namespaceSelector");
    ASSERT_TRUE(waitFor([&] { return namespaces->findText(QStringLiteral("kube-system")) >= 0; }));

    const int before = m_shown;
    ASSERT_TRUE(m_window->selectNamespace(QStringLiteral("kube-system")));
    ASSERT_TRUE(waitFor([&] { return m_shown > before; }));
    EXPECT_EQ(m_window->feed()->namespaceName(), QStringLiteral("kube-system"));
    EXPECT_EQ(podsNamed(""), 0);
    EXPECT_EQ(hpa(), nullptr);
    for (const std::string& key : podKeys())
        EXPECT_EQ(key.rfind("kube-system/", 0), 0u) << key;
    EXPECT_TRUE(child<QLabel>("dashboardTitle")->text().contains(QStringLiteral("kube-system")));

    ASSERT_TRUE(m_window->selectNamespace(QString()));
    ASSERT_TRUE(waitFor([&] { return podsNamed(kDeploy + "-") == 3; }));
    std::set<std::string> namespacesSeen;
    for (const std::string& key : podKeys())
        namespacesSeen.insert(key.substr(0, key.find('/')));
    EXPECT_TRUE(namespacesSeen.count("greenlang")) << namespacesSeen.size();
    EXPECT_TRUE(namespacesSeen.count("kube-system")) << namespacesSeen.size();
    EXPECT_EQ(namespaces->currentText(), QStringLiteral("All namespaces"));
    // As kubectl get -A: the namespace is a column, the first one, only in this view.
    QTableView* podView = m_window->dashboard()->podSection()->view();
    const int nsColumn = scaledeck::ui::PodTableModel::NamespaceColumn;
    EXPECT_FALSE(podView->isColumnHidden(nsColumn));
    EXPECT_EQ(podView->horizontalHeader()->visualIndex(nsColumn), 0);
    EXPECT_EQ(pods()->headerData(nsColumn, Qt::Horizontal).toString(), QStringLiteral("Namespace"));
    EXPECT_FALSE(m_window->dashboard()->eventSection()->view()->isColumnHidden(
        scaledeck::ui::EventFeedModel::NamespaceColumn));
    // The cluster-wide pods and the nodes are one informer each, shared by both views.
    EXPECT_EQ(m_window->session()->informers()->activeInformers(), 4u);

    ASSERT_TRUE(m_window->selectNamespace(QStringLiteral("greenlang")));
    EXPECT_TRUE(waitFor([&] {
        const auto keys = podKeys();
        return hpa() != nullptr && podsNamed(kDeploy + "-") == 3 &&
               std::all_of(keys.begin(), keys.end(),
                           [](const std::string& key) { return key.rfind(kNs + "/", 0) == 0; });
    }));
    EXPECT_TRUE(podView->isColumnHidden(nsColumn));
}

TEST_F(MainWindowTest, SwitchingContextReconnectsAsTheOtherUser) {
    openDemoDashboard();
    ASSERT_TRUE(waitFor([&] { return !m_identity.isEmpty(); }));
    const QString admin = m_identity;
    auto* contexts = child<QComboBox>("contextSelector");
    const int viewer = contexts->findText(QStringLiteral("scaledeck-demo-viewer (demo)"));
    ASSERT_GE(viewer, 0);
    const int before = m_shown;
    m_identity.clear();
    contexts->setCurrentIndex(viewer);
    EXPECT_EQ(m_window->session()->contextName(), QStringLiteral("scaledeck-demo-viewer"));
    ASSERT_TRUE(waitFor([&] { return m_shown > before; })) << statusText().toStdString();
    ASSERT_TRUE(waitFor([&] { return !m_identity.isEmpty(); }));
    EXPECT_NE(m_identity, admin);
    EXPECT_EQ(podsNamed(kDeploy + "-"), 3);
    EXPECT_TRUE(waitFor([&] { return statusText().contains(m_identity); }))
        << statusText().toStdString();
}

TEST_F(MainWindowTest, UnreachableClusterSaysWhatToCheck) {
    openKubeconfig(QStringLiteral("unreachable.yaml"),
                   singleContextYaml("down", "    server: https://127.0.0.1:1\n", "    token: t\n"),
                   QStringLiteral("down"));
    EXPECT_TRUE(waitFor([&] {
        return statusText().startsWith(QStringLiteral("cannot reach the cluster: "));
    })) << statusText().toStdString();
    EXPECT_TRUE(statusText().contains(QStringLiteral("https://127.0.0.1:1")))
        << statusText().toStdString();
    EXPECT_TRUE(statusText().contains(QStringLiteral(
        "check that the cluster is running and the kubeconfig server URL is right")));
    EXPECT_EQ(placeholderTitle(), QStringLiteral("The cluster does not answer"));
    EXPECT_EQ(placeholderDetail(), statusText());
    EXPECT_EQ(m_shown, 0);
}

TEST_F(MainWindowTest, UntrustedCertificateSaysWhatToCheck) {
    // No certificate-authority: the demo cluster's self-signed CA is not among the system's.
    auto& sim = DemoCluster::instance().sim();
    openKubeconfig(QStringLiteral("untrusted.yaml"),
                   singleContextYaml("untrusted", "    server: " + sim.serverUrl() + "\n",
                                     "    token: " + sim.adminToken() + "\n"),
                   QStringLiteral("untrusted"));
    EXPECT_TRUE(waitFor([&] {
        return statusText().startsWith(QStringLiteral("failed: TLS handshake with "));
    })) << statusText().toStdString();
    EXPECT_TRUE(statusText().contains(QStringLiteral("certificate-authority")))
        << statusText().toStdString();
    EXPECT_EQ(placeholderTitle(), QStringLiteral("The cluster cannot be used"));
    EXPECT_EQ(placeholderDetail(), statusText());
    EXPECT_EQ(m_shown, 0);
}

TEST_F(MainWindowTest, RejectedTokenSaysUnauthorized) {
    openKubeconfig(
        QStringLiteral("badtoken.yaml"),
        singleContextYaml("bad-token", demoCluster(), "    token: not-the-right-token\n"),
        QStringLiteral("bad-token"));
    EXPECT_TRUE(waitFor([&] { return statusText().startsWith(QStringLiteral("unauthorized: ")); }))
        << statusText().toStdString();
    EXPECT_TRUE(statusText().contains(QStringLiteral("of user u may have expired; renew it in ")))
        << statusText().toStdString();
    EXPECT_TRUE(statusText().contains(QStringLiteral("badtoken.yaml")))
        << statusText().toStdString();
    EXPECT_FALSE(statusText().contains(QStringLiteral("not-the-right-token")));
    EXPECT_FALSE(child<QLabel>("connectionStatus")
                     ->toolTip()
                     .contains(QStringLiteral("not-the-right-token")));
    EXPECT_EQ(placeholderTitle(), QStringLiteral("The cluster did not accept your credentials"));
}

TEST_F(MainWindowTest, InsecureContextConnectsAndSaysSo) {
    auto& sim = DemoCluster::instance().sim();
    openKubeconfig(
        QStringLiteral("insecure.yaml"),
        singleContextYaml(
            "lab", "    server: " + sim.serverUrl() + "\n    insecure-skip-tls-verify: true\n",
            "    token: " + sim.adminToken() + "\n"),
        QStringLiteral("lab"));
    EXPECT_TRUE(waitFor([&] { return statusText().startsWith(QStringLiteral("connected · ")); }))
        << statusText().toStdString();
    EXPECT_FALSE(child<QLabel>("tlsWarning")->isHidden());
    EXPECT_TRUE(child<QLabel>("demoNote")->isHidden()) << "not a demo kubeconfig";
}

TEST_F(MainWindowTest, ExecPluginRunsOnlyAfterTheUserApprovedIt) {
    QTemporaryDir dir;
    const QString marker = dir.filePath(QStringLiteral("plugin-ran"));
    const QString script = dir.filePath(QStringLiteral("get-token.sh"));
    {
        QFile file(script);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(("#!/bin/sh\ntouch '" + marker.toStdString() +
                    "'\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":"
                    "\"ExecCredential\",\"status\":{\"token\":\"" +
                    DemoCluster::instance().sim().adminToken() + "\"}}'\n")
                       .c_str());
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    auto approvals = std::make_shared<ExecApprovals>(
        dir.filePath(QStringLiteral("approvals.json")).toStdString());
    const std::string user =
        "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
        "      command: " +
        script.toStdString() + "\n      interactiveMode: Never\n";
    openKubeconfig(QStringLiteral("exec.yaml"), singleContextYaml("sso", demoCluster(), user),
                   QStringLiteral("sso"), approvals);

    QMessageBox* dialog = m_window->execApprovalDialog();
    ASSERT_NE(dialog, nullptr);
    EXPECT_TRUE(dialog->text().contains(script)) << dialog->text().toStdString();
    EXPECT_EQ(placeholderTitle(), QStringLiteral("Approve the sign-in command?"));
    QTest::qWait(200);
    EXPECT_FALSE(QFile::exists(marker)) << "the plugin ran before the user approved it";

    dialog->findChild<QPushButton*>(QStringLiteral("declineButton"))->click();
    EXPECT_EQ(m_window->execApprovalDialog(), nullptr);
    EXPECT_TRUE(statusText().startsWith(QStringLiteral("not connected: you did not approve")))
        << statusText().toStdString();
    QTest::qWait(200);
    EXPECT_FALSE(QFile::exists(marker));

    ASSERT_TRUE(m_window->selectContext(QStringLiteral("sso")));
    dialog = m_window->execApprovalDialog();
    ASSERT_NE(dialog, nullptr) << "choosing the context again asks again";
    dialog->findChild<QPushButton*>(QStringLiteral("approveButton"))->click();
    ASSERT_TRUE(waitFor([&] { return m_shown > 0; })) << statusText().toStdString();
    EXPECT_TRUE(QFile::exists(marker));
    EXPECT_EQ(podsNamed(kDeploy + "-"), 3);

    // Remembered: no question the next time.
    ASSERT_TRUE(m_window->selectContext(QStringLiteral("sso")));
    EXPECT_EQ(m_window->execApprovalDialog(), nullptr);
    EXPECT_TRUE(waitFor([&] { return m_shown > 1; }));
}

TEST_F(MainWindowTest, MarkupFromAKubeconfigIsShownLiterally) {
    const std::string evil = "<b>bold</b>";
    const std::string yaml = "contexts:\n- name: '" + evil + "'\n  context: {cluster: nowhere}\n";
    openKubeconfig(QStringLiteral("markup.yaml"), yaml, QString::fromStdString(evil));
    auto* contexts = child<QComboBox>("contextSelector");
    EXPECT_EQ(contexts->currentText(), QString::fromStdString(evil));
    auto* status = child<QLabel>("connectionStatus");
    EXPECT_EQ(status->textFormat(), Qt::PlainText);
    EXPECT_TRUE(status->text().startsWith(QStringLiteral("cannot use context <b>bold</b>: ")))
        << status->text().toStdString();
    EXPECT_TRUE(status->text().contains(QStringLiteral("\"nowhere\"")))
        << status->text().toStdString();
    EXPECT_FALSE(status->toolTip().contains(QStringLiteral("<b>bold</b>")));
    EXPECT_TRUE(status->toolTip().contains(QStringLiteral("&lt;b&gt;bold&lt;/b&gt;")));
    auto* placeholder = child<QLabel>("placeholderDetail");
    EXPECT_EQ(placeholder->textFormat(), Qt::PlainText);
    EXPECT_EQ(placeholder->text(), status->text());
}

}  // namespace
