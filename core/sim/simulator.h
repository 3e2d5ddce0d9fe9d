// Simulator: a whole simulated cluster in one object — store, clock, controllers, metrics,
// access control, fault injection and the HTTPS API server — built from a scenario. It writes
// a kubeconfig (admin token user, client-certificate user, one context per scenario user) so any
// Kubernetes client, kubectl included, can connect. Used by scaledeck-sim, by the desktop app as
// its embedded demo cluster, and by the integration tests.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "base/result.h"
#include "sim/api_server.h"

namespace scaledeck::sim {

struct SimulatorOptions {
    std::string host = "127.0.0.1";
    int port = 0;                  // 0: a free port
    bool tls = true;
    std::string scenarioPath;      // empty: the bundled GL-006 scenario
    std::string kubeconfigOut;     // empty: $XDG_RUNTIME_DIR or /tmp, per process
    std::string clock = "real";    // real | manual | xN
    std::uint64_t seed = 1;
    std::size_t scalePods = 0;     // --scale PODS:NODES adds a generated cluster
    std::size_t scaleNodes = 0;
    std::size_t historyLimit = 50000;  // watch events kept before 410 Expired
};

// Parses "10000:500" for --scale.
base::Status parseScaleSpec(const std::string& spec, SimulatorOptions& options);

class Simulator {
public:
    static base::Result<std::unique_ptr<Simulator>> start(const SimulatorOptions& options);
    ~Simulator();
    Simulator(const Simulator&) = delete;
    Simulator& operator=(const Simulator&) = delete;

    int port() const;
    std::string serverUrl() const;
    const std::string& kubeconfigPath() const;
    const std::string& adminToken() const;
    const std::string& caPem() const;
    std::string tokenFor(const std::string& user) const;

    // Advances the simulated clock deterministically (what POST /sim/v1/clock/advance does).
    void advance(double seconds);
    void stop();

    class Impl;

private:
    explicit Simulator(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace scaledeck::sim
