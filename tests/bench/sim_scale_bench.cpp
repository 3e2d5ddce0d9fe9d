// sim_scale_bench: how fast scaledeck-sim serves large lists and how much memory it holds.
// Starts the simulator in-process with a generated cluster (--scale), lists all pods over HTTPS
// several times (JSON, the form clients decode, and the server-side Table kubectl asks for),
// and prints a table. Usage: sim_scale_bench [PODS:NODES ...]  (default 10000:500 150000:5000)
#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "sim/simulator.h"

namespace {

long rssKiB() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    }
    return 0;
}

struct Sample {
    double seconds = 0;
    std::size_t bytes = 0;
};

Sample timeList(const std::string& caFile, int port, const std::string& token,
                const std::string& accept, bool gzip = false) {
    httplib::SSLClient cli("127.0.0.1", port);
    // Time the bytes on the wire: what kubectl (Accept-Encoding: gzip) receives, not decoded.
    cli.set_decompress(false);
    cli.set_ca_cert_path(caFile.c_str());
    cli.enable_server_certificate_verification(true);
    cli.set_read_timeout(std::chrono::seconds(300));
    httplib::Headers h = {{"Authorization", "Bearer " + token},
                          {"Accept", accept},
                          {"Accept-Encoding", gzip ? "gzip" : "identity"}};
    const auto t0 = std::chrono::steady_clock::now();
    auto res = cli.Get("/api/v1/pods", h);
    const auto t1 = std::chrono::steady_clock::now();
    Sample s;
    s.seconds = std::chrono::duration<double>(t1 - t0).count();
    s.bytes = res ? res->body.size() : 0;
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> specs;
    for (int i = 1; i < argc; ++i)
        specs.emplace_back(argv[i]);
    if (specs.empty())
        specs = {"10000:500", "150000:5000"};

    std::printf(
        "| cluster (pods:nodes) | start (s) | RSS (MiB) | RSS per pod (KiB) | list JSON (MB) | "
        "JSON best (s) | JSON MB/s | gzip JSON (MB) | gzip best (s) | list Table best (s) |\n");
    std::printf("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (const auto& spec : specs) {
        scaledeck::sim::SimulatorOptions opts;
        opts.clock = "manual";
        opts.kubeconfigOut = "/tmp/sim-bench-" + spec.substr(0, spec.find(':')) + ".kubeconfig";
        if (auto st = scaledeck::sim::parseScaleSpec(spec, opts); !st.ok()) {
            std::fprintf(stderr, "%s\n", st.error().message.c_str());
            return 2;
        }
        const long rssBefore = rssKiB();
        const auto t0 = std::chrono::steady_clock::now();
        auto sim = scaledeck::sim::Simulator::start(opts);
        if (!sim.ok()) {
            std::fprintf(stderr, "simulator: %s\n", sim.error().message.c_str());
            return 1;
        }
        const double startSeconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const long rss = rssKiB() - rssBefore;
        const std::string caFile = "/tmp/sim-bench-ca.pem";
        std::ofstream(caFile) << (*sim)->caPem();
        Sample bestJson{1e9, 0}, bestGzip{1e9, 0}, bestTable{1e9, 0};
        for (int i = 0; i < 3; ++i) {
            auto s = timeList(caFile, (*sim)->port(), (*sim)->adminToken(), "application/json");
            if (s.seconds < bestJson.seconds)
                bestJson = s;
            auto g =
                timeList(caFile, (*sim)->port(), (*sim)->adminToken(), "application/json", true);
            if (g.seconds < bestGzip.seconds)
                bestGzip = g;
            auto t = timeList(caFile, (*sim)->port(), (*sim)->adminToken(),
                              "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
            if (t.seconds < bestTable.seconds)
                bestTable = t;
        }
        const auto pods = static_cast<double>(opts.scalePods);
        std::printf("| %s | %.1f | %.0f | %.1f | %.1f | %.3f | %.0f | %.1f | %.3f | %.3f |\n",
                    spec.c_str(), startSeconds, rss / 1024.0, rss / pods, bestJson.bytes / 1e6,
                    bestJson.seconds, bestJson.bytes / 1e6 / bestJson.seconds, bestGzip.bytes / 1e6,
                    bestGzip.seconds, bestTable.seconds);
        std::fflush(stdout);
        (*sim)->stop();
    }
    return 0;
}
