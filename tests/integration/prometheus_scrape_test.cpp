// A real Prometheus scrapes the simulator's /metrics over HTTPS (trusting the simulator's CA) and
// answers PromQL queries with exactly the series and values the simulator exposed: the proof that
// the exposition format is one a real scraper accepts, and the fixture later metrics tests use.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "support/sim_instance.h"
#include "support/subprocess.h"

using nlohmann::json;
using scaledeck::test::BackgroundProcess;
using scaledeck::test::SimInstance;

namespace {

int freeLoopbackPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        ::close(fd);
        return 0;
    }
    const int port = ntohs(addr.sin_port);
    ::close(fd);
    return port;
}

// Prometheus's own HTTP API over plain HTTP on loopback.
json promQuery(int port, const std::string& query) {
    httplib::Client cli("127.0.0.1", port);
    cli.set_read_timeout(std::chrono::seconds(10));
    auto res = cli.Get("/api/v1/query", httplib::Params{{"query", query}}, httplib::Headers{});
    if (!res || res->status != 200)
        return json();
    return json::parse(res->body, nullptr, false);
}

// pod name -> value of `metric` as the simulator serves it right now.
std::map<std::string, double> exposedValues(const SimInstance& sim, const std::string& metric) {
    std::map<std::string, double> out;
    auto text = sim.request("GET", "/metrics", {}, "application/json", "admin", "text/plain");
    std::istringstream lines(text.body);
    std::string line;
    const std::string prefix = metric + "{";
    while (std::getline(lines, line)) {
        if (line.rfind(prefix, 0) != 0)
            continue;
        const auto podAt = line.find("pod=\"");
        const auto podEnd = line.find('"', podAt + 5);
        out[line.substr(podAt + 5, podEnd - podAt - 5)] = std::stod(line.substr(line.rfind(' ') + 1));
    }
    return out;
}

class PrometheusScrape : public ::testing::Test {
protected:
    void SetUp() override {
        sim = SimInstance::start();
        ASSERT_TRUE(sim);
        // Enough load that every pod has calculations in flight and a filled histogram.
        json load = {{"kind", "Deployment"},
                     {"namespace", "greenlang"},
                     {"name", "gl-006-heatreclaim"},
                     {"rate", {{"type", "constant"}, {"rps", 0.6}}}};
        ASSERT_EQ(sim->request("PUT", "/sim/v1/load", load.dump()).status, 200);
        sim->advance(180);

        promPort = freeLoopbackPort();
        ASSERT_NE(promPort, 0);
        const std::string dir = sim->dir() + "/prometheus";
        std::filesystem::create_directories(dir + "/data");
        std::ofstream(dir + "/prometheus.yml")
            << "global:\n"
            << "  scrape_interval: 1s\n"
            << "  scrape_timeout: 1s\n"
            << "scrape_configs:\n"
            << "  - job_name: scaledeck-sim\n"
            << "    scheme: https\n"
            << "    tls_config:\n"
            << "      ca_file: " << sim->caFile() << "\n"
            << "    static_configs:\n"
            << "      - targets: ['127.0.0.1:" << sim->port() << "']\n";
        prometheus = std::make_unique<BackgroundProcess>(
            std::vector<std::string>{"prometheus", "--config.file=" + dir + "/prometheus.yml",
                                     "--storage.tsdb.path=" + dir + "/data",
                                     "--web.listen-address=127.0.0.1:" + std::to_string(promPort),
                                     "--log.level=warn"},
            std::map<std::string, std::string>{});
    }

    void TearDown() override {
        if (prometheus)
            prometheus->stop();
    }

    // Waits until a query returns at least `minSeries` series.
    json waitForSeries(const std::string& query, std::size_t minSeries) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        json last;
        while (std::chrono::steady_clock::now() < deadline) {
            last = promQuery(promPort, query);
            if (last.is_object() && last.value("status", "") == "success" &&
                last["data"]["result"].size() >= minSeries) {
                return last;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(250));
        }
        return last;
    }

    std::unique_ptr<SimInstance> sim;
    std::unique_ptr<BackgroundProcess> prometheus;
    int promPort = 0;
};

TEST_F(PrometheusScrape, ScrapesTheSimulatorOverHttpsAndServesItsValues) {
    // The target is up: TLS with the simulator's CA worked and the exposition parsed.
    const json up = waitForSeries("up{job=\"scaledeck-sim\"} == 1", 1);
    ASSERT_EQ(up["data"]["result"].size(), 1u) << up.dump();

    // One series per running GL-006 pod, with the same values the simulator exposes (the manual
    // clock does not move, so every scrape sees the same numbers).
    std::set<std::string> pods;
    const json podList =
        sim->get("/api/v1/namespaces/greenlang/pods?labelSelector=app%3Dgl-006-heatreclaim");
    for (const auto& p : podList["items"]) {
        pods.insert(p["metadata"]["name"].get<std::string>());
    }
    ASSERT_GE(pods.size(), 3u);
    const auto exposed = exposedValues(*sim, "gl006_active_calculations");
    ASSERT_EQ(exposed.size(), pods.size());

    const json active = waitForSeries("gl006_active_calculations", pods.size());
    ASSERT_EQ(active["data"]["result"].size(), pods.size()) << active.dump();
    double total = 0;
    for (const auto& series : active["data"]["result"]) {
        const std::string pod = series["metric"]["pod"];
        EXPECT_TRUE(pods.count(pod)) << pod;
        EXPECT_EQ(series["metric"]["namespace"], "greenlang");
        EXPECT_EQ(series["metric"]["job"], "scaledeck-sim");
        const double value = std::stod(series["value"][1].get<std::string>());
        EXPECT_DOUBLE_EQ(value, exposed.at(pod)) << pod;
        total += value;
    }
    EXPECT_GT(total, 0) << "0.6 rps of GL-006 work keeps calculations in flight";

    // The histogram is usable by PromQL: a p95 over the buckets exists for every pod and lies
    // within the bucket bounds.
    const json p95 = waitForSeries(
        "histogram_quantile(0.95, sum by (pod, le) (gl006_request_duration_seconds_bucket))",
        pods.size());
    ASSERT_EQ(p95["data"]["result"].size(), pods.size()) << p95.dump();
    for (const auto& series : p95["data"]["result"]) {
        const double seconds = std::stod(series["value"][1].get<std::string>());
        EXPECT_GT(seconds, 0);
        EXPECT_LE(seconds, 120);
    }
}

}  // namespace
