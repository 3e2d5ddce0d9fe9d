// scaledeck: the desktop console. Reads the kubeconfig kubectl would read (or starts the
// embedded demo cluster when there is none, or with --demo), builds the main window and runs the
// event loop. --measure prints, for benchmarks, how long the dashboard took to show and how much
// memory the process holds once it has settled, then quits.
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QTimer>
#include <cstdio>
#include <memory>
#include <utility>

#include "kube/kubeconfig_set.h"
#include "sim/simulator.h"
#include "ui/main_window.h"

using namespace scaledeck;

namespace {

// Resident set size in KiB from /proc (Linux); 0 where unknown.
long residentKib() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ScaleDeck"));
    QCommandLineParser parser;
    parser.addHelpOption();
    const auto option = [](const char* name, const char* help, const char* value = "") {
        return QCommandLineOption(QLatin1String(name), QLatin1String(help), QLatin1String(value));
    };
    const auto demo = option("demo", "Open the embedded demo cluster.");
    const auto kubeconfig = option("kubeconfig", "Read this kubeconfig file.", "FILE");
    const auto context = option("context", "Start in this context.", "NAME");
    const auto namespaceOption =
        option("namespace", "Start in this namespace (\"\" for all namespaces).", "NAME");
    const auto screenshot =
        option("screenshot", "Save the window as PNG once the dashboard shows, then quit.", "FILE");
    const auto measure = option(
        "measure",
        "Print the time to the first painted dashboard and the resident memory SECONDS later, "
        "then quit.",
        "SECONDS");
    parser.addOptions({demo, kubeconfig, context, namespaceOption, screenshot, measure});
    parser.process(app);

    ui::MainWindow window;
    std::unique_ptr<sim::Simulator> simulator;  // outlives the window's connections

    kube::KubeconfigSet::LoadOptions loadOptions;
    loadOptions.explicitPath = parser.value(kubeconfig).toStdString();
    auto kubeconfigs = kube::KubeconfigSet::load(loadOptions);
    if (!kubeconfigs.ok()) {
        window.showProblem(QString::fromStdString(kubeconfigs.error().message));
    } else if (!kubeconfigs->contextNames().empty()) {
        window.addKubeconfigs(*kubeconfigs, false);
    }
    const bool useDemo = parser.isSet(demo) || (!parser.isSet(kubeconfig) && kubeconfigs.ok() &&
                                                kubeconfigs->contextNames().empty());
    if (useDemo) {
        sim::SimulatorOptions options;
        options.clock = "real";
        auto started = sim::Simulator::start(options);
        auto demoConfig =
            started.ok() ? kube::KubeconfigSet::load({.explicitPath = (*started)->kubeconfigPath()})
                         : base::Result<kube::KubeconfigSet>(started.error());
        if (demoConfig.ok()) {
            simulator = std::move(started).value();
            window.addKubeconfigs(*demoConfig, true);
        } else {
            window.showProblem(QStringLiteral("the demo cluster did not start: ") +
                               QString::fromStdString(demoConfig.error().message));
        }
    }
    if (kubeconfigs.ok() || simulator) {
        QString wanted = parser.value(context);
        if (useDemo && wanted.isEmpty())
            wanted = QStringLiteral("scaledeck-demo");
        if (!window.selectContext(wanted)) {
            window.showProblem(
                QStringLiteral("context \"%1\" is in none of the kubeconfigs read (%2)")
                    .arg(wanted,
                         QString::fromStdString(kubeconfigs.ok() ? kubeconfigs->displayName()
                                                                 : std::string("none"))));
        } else if (parser.isSet(namespaceOption)) {
            // The namespace list arrives from the cluster; choose once it does.
            const QString ns = parser.value(namespaceOption);
            if (!window.selectNamespace(ns)) {
                auto pending = std::make_shared<QMetaObject::Connection>();
                *pending = QObject::connect(window.session(), &ui::ClusterSession::namespacesLoaded,
                                            &window, [&window, ns, pending] {
                                                if (window.selectNamespace(ns))
                                                    QObject::disconnect(*pending);
                                            });
            }
        }
    }

    if (parser.isSet(screenshot)) {
        const auto shoot = [&window, file = parser.value(screenshot)] {
            QCoreApplication::exit(window.grab().save(file, "PNG") ? 0 : 1);
        };
        // A moment after the data, so the version, identity and charts have arrived and painted.
        QObject::connect(&window, &ui::MainWindow::dashboardShown, &window,
                         [shoot] { QTimer::singleShot(1500, shoot); });
        QTimer::singleShot(30000, &window, shoot);
    }
    if (parser.isSet(measure)) {
        const int settle = parser.value(measure).toInt();
        QObject::connect(
            &window, &ui::MainWindow::dashboardShown, &window, [&window, &sinceStart, settle] {
                // Paint now, so the time is to a dashboard on screen, not one about to be.
                window.repaint();
                const qint64 shownMs = sinceStart.elapsed();
                const long shownKib = residentKib();
                QTimer::singleShot(settle * 1000, &window, [shownMs, shownKib] {
                    std::printf(
                        "dashboard_shown_ms=%lld rss_at_shown_kib=%ld rss_settled_kib=%ld\n",
                        static_cast<long long>(shownMs), shownKib, residentKib());
                    std::fflush(stdout);
                    QCoreApplication::exit(0);
                });
            });
    }
    window.show();
    return QApplication::exec();
}
