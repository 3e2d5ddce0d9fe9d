// scaledeck-sim: the cluster simulator as a standalone HTTPS server. Prints the path of the
// kubeconfig it wrote and serves until SIGINT or SIGTERM, then exits 0.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "sim/simulator.h"

namespace {

void usage(FILE* out) {
    std::fprintf(out,
                 "usage: scaledeck-sim [--port N] [--host ADDR] [--no-tls] [--scenario FILE]\n"
                 "                     [--kubeconfig-out FILE] [--clock real|manual|xN] [--seed N]\n"
                 "                     [--scale PODS:NODES]\n"
                 "\n"
                 "A simulated Kubernetes cluster (API 1.32) that kubectl and ScaleDeck accept.\n"
                 "Defaults: HTTPS on a free loopback port, the bundled GL-006 scenario, real time.\n");
}

}  // namespace

int main(int argc, char** argv) {
    scaledeck::sim::SimulatorOptions options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&](const char* flag) -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "scaledeck-sim: %s needs a value\n", flag);
                std::exit(2);
            }
            return argv[++i];
        };
        if (arg == "--port") {
            const std::string v = value("--port");
            char* end = nullptr;
            const long port = std::strtol(v.c_str(), &end, 10);
            if (*end != '\0' || port < 0 || port > 65535) {
                std::fprintf(stderr, "scaledeck-sim: --port %s: expected a number from 0 to 65535\n", v.c_str());
                return 2;
            }
            options.port = static_cast<int>(port);
        } else if (arg == "--host") {
            options.host = value("--host");
        } else if (arg == "--no-tls") {
            options.tls = false;
        } else if (arg == "--scenario") {
            options.scenarioPath = value("--scenario");
        } else if (arg == "--kubeconfig-out") {
            options.kubeconfigOut = value("--kubeconfig-out");
        } else if (arg == "--clock") {
            options.clock = value("--clock");
        } else if (arg == "--seed") {
            options.seed = std::strtoull(value("--seed").c_str(), nullptr, 10);
        } else if (arg == "--scale") {
            if (auto st = scaledeck::sim::parseScaleSpec(value("--scale"), options); !st.ok()) {
                std::fprintf(stderr, "scaledeck-sim: %s\n", st.error().message.c_str());
                return 2;
            }
        } else if (arg == "-h" || arg == "--help") {
            usage(stdout);
            return 0;
        } else {
            std::fprintf(stderr, "scaledeck-sim: unknown argument %s\n", arg.c_str());
            usage(stderr);
            return 2;
        }
    }

    // Block the stop signals before any thread starts so only sigwait sees them.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    auto sim = scaledeck::sim::Simulator::start(options);
    if (!sim.ok()) {
        std::fprintf(stderr, "scaledeck-sim: %s\n", sim.error().message.c_str());
        return 1;
    }
    std::printf("scaledeck-sim: serving %s (clock %s)\n", (*sim)->serverUrl().c_str(), options.clock.c_str());
    std::printf("kubeconfig: %s\n", (*sim)->kubeconfigPath().c_str());
    std::printf("try: KUBECONFIG=%s kubectl get pods -n greenlang\n", (*sim)->kubeconfigPath().c_str());
    std::fflush(stdout);

    int sig = 0;
    sigwait(&signals, &sig);
    std::fprintf(stderr, "scaledeck-sim: received %s, shutting down\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    (*sim)->stop();
    return 0;
}
