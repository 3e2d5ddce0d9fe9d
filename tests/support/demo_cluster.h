// DemoCluster: one in-process simulator (manual clock, kubeconfig in a temporary directory)
// shared by the UI tests of this executable, started on first use. The tests only read from it.
#pragma once

#include <QTemporaryDir>
#include <memory>
#include <string>

#include "sim/simulator.h"

namespace scaledeck::test {

class DemoCluster {
public:
    static DemoCluster& instance() {
        static DemoCluster cluster;
        return cluster;
    }

    bool ok() const { return m_sim != nullptr; }
    const std::string& startError() const { return m_error; }
    sim::Simulator& sim() { return *m_sim; }
    std::string kubeconfigPath() const { return m_sim->kubeconfigPath(); }
    // A scratch directory for test kubeconfigs.
    QString scratchDir() const { return m_dir.path(); }

private:
    DemoCluster() {
        sim::SimulatorOptions options;
        options.clock = "manual";
        options.kubeconfigOut = m_dir.filePath(QStringLiteral("demo-kubeconfig")).toStdString();
        auto started = sim::Simulator::start(options);
        if (!started.ok()) {
            m_error = started.error().message;
            return;
        }
        m_sim = std::move(started).value();
        // Let the pods of the scenario start and become ready.
        m_sim->advance(120);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<sim::Simulator> m_sim;
    std::string m_error;
};

}  // namespace scaledeck::test
