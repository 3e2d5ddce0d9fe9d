// MainWindow against the in-process demo cluster, offscreen: it connects, lists namespaces and
// workloads, follows namespace changes, says in the status bar where it is connected and why it
// is not, and shows text from kubeconfigs and clusters literally.
#include "ui/main_window.h"

#include <gtest/gtest.h>

#include <QComboBox>
#include <QFile>
#include <QItemSelectionModel>
#include <QLabel>
#include <QTableView>
#include <QTest>

#include "base/base64.h"
#include "support/demo_cluster.h"
#include "ui/models/workload_table_model.h"

using namespace std::chrono_literals;
using scaledeck::kube::Kubeconfig;
using scaledeck::test::DemoCluster;
using scaledeck::ui::ClusterSession;
using scaledeck::ui::MainWindow;
using scaledeck::ui::WorkloadRow;
using scaledeck::ui::WorkloadTableModel;

namespace {

constexpr int kWaitMs = 20000;

class MainWindowTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(DemoCluster::instance().ok()) << DemoCluster::instance().startError();
        m_window = std::make_unique<MainWindow>();
        m_window->session()->setPollInterval(100ms);
        QObject::connect(m_window->session(), &ClusterSession::workloadsLoaded, m_window.get(),
                         [this](const QString& ns, const QList<WorkloadRow>&) {
                             m_loadedNamespaces.append(ns);
                         });
        QObject::connect(m_window->session(), &ClusterSession::identityLoaded, m_window.get(),
                         [this](const QString& user) { m_identity = user; });
        m_window->show();
    }

    // Opens the demo kubeconfig and connects to one of its contexts.
    void openDemo(const QString& context = QStringLiteral("scaledeck-demo")) {
        auto config = Kubeconfig::loadFile(DemoCluster::instance().kubeconfigPath());
        ASSERT_TRUE(config.ok()) << config.error().message;
        m_window->addKubeconfig(*config, true);
        ASSERT_TRUE(m_window->selectContext(context));
    }

    // Writes a kubeconfig with one context to the scratch directory and connects to it.
    void openKubeconfig(const QString& fileName, const std::string& yaml, const QString& context) {
        const QString path = DemoCluster::instance().scratchDir() + QLatin1Char('/') + fileName;
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(yaml.data(), static_cast<qint64>(yaml.size()));
        file.close();
        auto config = Kubeconfig::loadFile(path.toStdString());
        ASSERT_TRUE(config.ok()) << config.error().message;
        m_window->addKubeconfig(*config, false);
        ASSERT_TRUE(m_window->selectContext(context));
    }

    static std::string singleContextYaml(const std::string& context, const std::string& cluster,
                                         const std::string& user) {
        return "apiVersion: v1\nkind: Config\ncurrent-context: '" + context +
               "'\nclusters:\n- name: c\n  cluster:\n" + cluster + "users:\n- name: u\n  user:\n" +
               user + "contexts:\n- name: '" + context +
               "'\n  context: {cluster: c, user: u, namespace: greenlang}\n";
    }

    template <typename T>
    T* child(const char* name) const {
        T* widget = m_window->findChild<T*>(QString::fromLatin1(name));
        EXPECT_NE(widget, nullptr) << name;
        return widget;
    }

    QString statusText() const { return child<QLabel>("connectionStatus")->text(); }

    int rowOf(const QString& kind, const QString& name) const {
        const auto& rows = m_window->workloadModel()->rows();
        for (int i = 0; i < rows.size(); ++i) {
            if (rows[i].kind == kind && rows[i].name == name)
                return i;
        }
        return -1;
    }

    bool waitFor(const std::function<bool()>& condition) const {
        return QTest::qWaitFor(condition, kWaitMs);
    }

    std::unique_ptr<MainWindow> m_window;
    QStringList m_loadedNamespaces;
    QString m_identity;
};

TEST_F(MainWindowTest, ConnectsToTheDemoClusterAndListsItsWorkloads) {
    EXPECT_EQ(m_window->windowTitle(), QStringLiteral("ScaleDeck"));
    openDemo();
    auto* contexts = child<QComboBox>("contextSelector");
    EXPECT_EQ(contexts->currentText(), QStringLiteral("scaledeck-demo (demo)"));
    auto* namespaces = child<QComboBox>("namespaceSelector");
    EXPECT_EQ(namespaces->currentText(), QStringLiteral("greenlang"));

    ASSERT_TRUE(waitFor([&] { return namespaces->findText(QStringLiteral("kube-system")) >= 0; }))
        << "namespaces were never listed";
    EXPECT_GE(namespaces->findText(QStringLiteral("greenlang")), 0);
    EXPECT_GE(namespaces->findText(QStringLiteral("default")), 0);

    const QString deployment = QStringLiteral("Deployment");
    const QString name = QStringLiteral("gl-006-heatreclaim");
    ASSERT_TRUE(waitFor([&] { return rowOf(deployment, name) >= 0; }));
    const WorkloadTableModel* model = m_window->workloadModel();
    const int row = rowOf(deployment, name);
    EXPECT_EQ(model->index(row, WorkloadTableModel::ReadyColumn).data().toInt(), 3);
    EXPECT_EQ(model->index(row, WorkloadTableModel::DesiredColumn).data().toInt(), 3);
    for (const WorkloadRow& r : model->rows()) {
        EXPECT_EQ(r.namespaceName, QStringLiteral("greenlang"));
    }
    EXPECT_TRUE(child<QTableView>("workloadTable")->isVisible());
}

TEST_F(MainWindowTest, StatusBarNamesServerVersionAndIdentity) {
    openDemo();
    ASSERT_TRUE(waitFor([&] { return !m_identity.isEmpty(); })) << statusText().toStdString();
    const QString server = QString::fromStdString(DemoCluster::instance().sim().serverUrl());
    const QString expected = QStringLiteral("connected · %1 · v1.32 · %2").arg(server, m_identity);
    EXPECT_TRUE(waitFor([&] { return statusText() == expected; }))
        << statusText().toStdString() << " != " << expected.toStdString();
    EXPECT_EQ(child<QLabel>("connectionStatus")->textFormat(), Qt::PlainText);
    EXPECT_TRUE(child<QLabel>("freshness")->text().startsWith(QStringLiteral("updated ")));
    EXPECT_TRUE(child<QLabel>("tlsWarning")->isHidden());
    EXPECT_FALSE(child<QLabel>("demoNote")->isHidden());
}

TEST_F(MainWindowTest, SwitchingNamespaceChangesTheTable) {
    openDemo();
    const QString gl006 = QStringLiteral("gl-006-heatreclaim");
    const QString deployment = QStringLiteral("Deployment");
    ASSERT_TRUE(waitFor([&] { return rowOf(deployment, gl006) >= 0; }));
    auto* namespaces = child<QComboBox>("namespaceSelector");
    ASSERT_TRUE(waitFor([&] { return namespaces->findText(QStringLiteral("kube-system")) >= 0; }));

    for (const QString& ns : {QStringLiteral("kube-system"), QStringLiteral("default")}) {
        m_loadedNamespaces.clear();
        namespaces->setCurrentIndex(namespaces->findText(ns));
        EXPECT_EQ(m_window->session()->namespaceName(), ns);
        ASSERT_TRUE(waitFor([&] { return m_loadedNamespaces.contains(ns); })) << ns.toStdString();
        EXPECT_EQ(rowOf(deployment, gl006), -1) << ns.toStdString();
        for (const WorkloadRow& r : m_window->workloadModel()->rows()) {
            EXPECT_EQ(r.namespaceName, ns);
        }
        EXPECT_TRUE(child<QLabel>("workloadHeading")->text().contains(ns));
        if (m_window->workloadModel()->rowCount() == 0) {
            EXPECT_EQ(child<QLabel>("workloadPlaceholder")->text(),
                      QStringLiteral("No Deployments or StatefulSets in namespace %1.").arg(ns));
        }
    }
    namespaces->setCurrentIndex(namespaces->findText(QStringLiteral("greenlang")));
    EXPECT_TRUE(waitFor([&] { return rowOf(deployment, gl006) >= 0; }));
}

TEST_F(MainWindowTest, SelectionSurvivesRefreshes) {
    openDemo();
    const QString gl006 = QStringLiteral("gl-006-heatreclaim");
    ASSERT_TRUE(waitFor([&] { return rowOf(QStringLiteral("Deployment"), gl006) >= 0; }));
    auto* table = child<QTableView>("workloadTable");
    table->selectRow(rowOf(QStringLiteral("Deployment"), gl006));
    m_loadedNamespaces.clear();
    ASSERT_TRUE(waitFor([&] { return m_loadedNamespaces.size() >= 3; }));
    const QModelIndexList selected =
        table->selectionModel()->selectedRows(WorkloadTableModel::NameColumn);
    ASSERT_EQ(selected.size(), 1);
    EXPECT_EQ(selected.front().data().toString(), gl006);
}

TEST_F(MainWindowTest, UnreachableClusterSaysWhatToCheck) {
    openKubeconfig(QStringLiteral("unreachable.yaml"),
                   singleContextYaml("down", "    server: https://127.0.0.1:1\n", "    token: t\n"),
                   QStringLiteral("down"));
    const QString expected = QStringLiteral(
        "unreachable: connection refused by https://127.0.0.1:1 — check that the cluster is "
        "running and the kubeconfig server URL is right");
    EXPECT_TRUE(waitFor([&] { return statusText() == expected; })) << statusText().toStdString();
    EXPECT_EQ(child<QLabel>("workloadPlaceholder")->text(), expected);
    EXPECT_EQ(child<QLabel>("workloadPlaceholderTitle")->text(),
              QStringLiteral("The cluster does not answer"));
}

TEST_F(MainWindowTest, RejectedTokenSaysUnauthorized) {
    auto& sim = DemoCluster::instance().sim();
    openKubeconfig(
        QStringLiteral("badtoken.yaml"),
        singleContextYaml("bad-token",
                          "    server: " + sim.serverUrl() + "\n    certificate-authority-data: " +
                              scaledeck::base::base64Encode(sim.caPem()) + "\n",
                          "    token: not-the-right-token\n"),
        QStringLiteral("bad-token"));
    EXPECT_TRUE(waitFor([&] { return statusText().startsWith(QStringLiteral("unauthorized: ")); }))
        << statusText().toStdString();
    EXPECT_FALSE(statusText().contains(QStringLiteral("not-the-right-token")));
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
    EXPECT_TRUE(status->text().contains(
        QStringLiteral("context \"<b>bold</b>\" names cluster \"nowhere\", which is not defined")));
    EXPECT_FALSE(status->toolTip().contains(QStringLiteral("<b>bold</b>")));
    EXPECT_TRUE(status->toolTip().contains(QStringLiteral("&lt;b&gt;bold&lt;/b&gt;")));
    auto* placeholder = child<QLabel>("workloadPlaceholder");
    EXPECT_EQ(placeholder->textFormat(), Qt::PlainText);
    EXPECT_EQ(placeholder->text(), status->text());
    EXPECT_EQ(child<QLabel>("workloadHeading")->textFormat(), Qt::PlainText);
}

}  // namespace
