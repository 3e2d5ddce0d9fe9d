// scaledeck: the desktop console. Finds a kubeconfig (or starts the embedded demo cluster when
// there is none, or with --demo), builds the main window and runs the event loop.
#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QTimer>
#include <memory>
#include <utility>

#include "kube/kubeconfig.h"
#include "sim/simulator.h"
#include "ui/cluster_session.h"
#include "ui/main_window.h"

using namespace scaledeck;

int main(int argc, char** argv) {
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
    const auto screenshot =
        option("screenshot", "Save the window as PNG once workloads show, then quit.", "FILE");
    parser.addOptions({demo, kubeconfig, context, screenshot});
    parser.process(app);

    std::string path = parser.isSet(kubeconfig) ? parser.value(kubeconfig).toStdString()
                                                : kube::Kubeconfig::defaultPath();
    const bool useDemo = parser.isSet(demo) || (!parser.isSet(kubeconfig) &&
                                                !QFileInfo::exists(QString::fromStdString(path)));
    std::unique_ptr<sim::Simulator> simulator;  // outlives the window and its connections
    ui::MainWindow window;
    if (useDemo) {
        sim::SimulatorOptions options;
        options.clock = "real";
        auto started = sim::Simulator::start(options);
        if (started.ok()) {
            simulator = std::move(started).value();
            path = simulator->kubeconfigPath();
        } else {
            window.showProblem(QStringLiteral("the demo cluster did not start: ") +
                               QString::fromStdString(started.error().message));
        }
    }
    if (!useDemo || simulator) {
        auto config = kube::Kubeconfig::loadFile(path);
        if (!config.ok()) {
            window.showProblem(QString::fromStdString(config.error().message));
        } else {
            window.addKubeconfig(*config, useDemo);
            if (!window.selectContext(parser.value(context))) {
                window.showProblem(
                    QStringLiteral("context \"%1\" is not in %2")
                        .arg(parser.value(context),
                             QString::fromStdString(kube::Kubeconfig::displayPath(path))));
            }
        }
    }
    if (parser.isSet(screenshot)) {
        auto done = std::make_shared<bool>(false);
        const auto shoot = [&window, done, file = parser.value(screenshot)] {
            if (std::exchange(*done, true))
                return;
            QCoreApplication::exit(window.grab().save(file, "PNG") ? 0 : 1);
        };
        // A moment after the first rows, so the version and identity have arrived and painted.
        QObject::connect(window.session(), &ui::ClusterSession::workloadsLoaded, &window,
                         [shoot] { QTimer::singleShot(500, shoot); });
        QTimer::singleShot(5000, &window, shoot);
    }
    window.show();
    return QApplication::exec();
}
