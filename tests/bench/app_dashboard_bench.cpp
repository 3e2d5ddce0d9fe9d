// app_dashboard_bench: what the desktop app costs, measured on the real binary. It runs
// `scaledeck --measure`, which prints the time from process start to the first painted
// dashboard and the resident memory at that moment and after the informers settle, and prints
// Markdown tables:
//   1. the embedded demo cluster (`scaledeck --demo`, simulator inside the process): time to a
//      painted dashboard, median of several runs (target <= 0.5 s);
//   2. a separate scaledeck-sim with a generated cluster beside GL-006 (default 10,000 pods /
//      500 nodes and 150,000 / 5,000): the dashboard of namespace greenlang (whose node totals
//      still follow every pod of the cluster) and of all namespaces (every pod in the table),
//      with the app's resident memory once settled (targets <= 150 MB at 10,000 pods and
//      <= 400 MB at 150,000). The simulator runs as its own process, so its memory is not
//      counted.
// Usage: app_dashboard_bench [--runs N] [--scale PODS:NODES[,PODS:NODES...]] [--settle SECONDS]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "support/subprocess.h"

using scaledeck::test::BackgroundProcess;
using scaledeck::test::runProcess;

namespace {

struct Measure {
    long shownMs = -1;
    long rssAtShownKib = -1;
    long rssSettledKib = -1;
};

std::optional<long> field(const std::string& out, const std::string& key) {
    const auto at = out.find(key + "=");
    if (at == std::string::npos)
        return std::nullopt;
    return std::strtol(out.c_str() + at + key.size() + 1, nullptr, 10);
}

std::optional<Measure> runApp(std::vector<std::string> args, int timeoutSeconds) {
    std::vector<std::string> argv{SCALEDECK_APP_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto result = runProcess(argv, {{"QT_QPA_PLATFORM", "offscreen"}}, {},
                                   std::chrono::seconds(timeoutSeconds));
    Measure m;
    const auto shown = field(result.out, "dashboard_shown_ms");
    const auto atShown = field(result.out, "rss_at_shown_kib");
    const auto settled = field(result.out, "rss_settled_kib");
    if (result.exitCode != 0 || !shown || !atShown || !settled) {
        std::fprintf(stderr, "scaledeck failed (exit %d): %s%s\n", result.exitCode,
                     result.out.c_str(), result.err.substr(0, 2000).c_str());
        return std::nullopt;
    }
    m.shownMs = *shown;
    m.rssAtShownKib = *atShown;
    m.rssSettledKib = *settled;
    return m;
}

long median(std::vector<long> values) {
    std::sort(values.begin(), values.end());
    return values.empty() ? -1 : values[values.size() / 2];
}

std::string mib(long kib) {
    char text[32];
    std::snprintf(text, sizeof text, "%.0f MB", static_cast<double>(kib) * 1024.0 / 1e6);
    return text;
}

std::string seconds(long ms) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f s", static_cast<double>(ms) / 1000.0);
    return text;
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 5;
    int settle = 15;
    std::vector<std::string> scales{"10000:500", "150000:5000"};
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string option = argv[i];
        if (option == "--runs") {
            runs = std::max(1, std::atoi(argv[i + 1]));
        } else if (option == "--settle") {
            settle = std::max(0, std::atoi(argv[i + 1]));
        } else if (option == "--scale") {
            scales.clear();
            std::stringstream list(argv[i + 1]);
            for (std::string item; std::getline(list, item, ',');)
                scales.push_back(item);
        } else {
            std::fprintf(stderr, "unknown option %s\n", option.c_str());
            return 2;
        }
    }

    std::printf("## Time to a painted dashboard on the embedded demo cluster\n\n");
    std::vector<long> shown;
    std::vector<long> rss;
    for (int run = 0; run < runs; ++run) {
        auto m = runApp({"--demo", "--measure", "0"}, 60);
        if (!m)
            return 1;
        shown.push_back(m->shownMs);
        rss.push_back(m->rssAtShownKib);
    }
    std::printf("| runs | median | min | max | target | RSS (app + in-process simulator) |\n");
    std::printf("| ---: | ---: | ---: | ---: | --- | ---: |\n");
    std::printf("| %d | %s | %s | %s | <= 0.50 s %s | %s |\n\n", runs,
                seconds(median(shown)).c_str(),
                seconds(*std::min_element(shown.begin(), shown.end())).c_str(),
                seconds(*std::max_element(shown.begin(), shown.end())).c_str(),
                median(shown) <= 500 ? "met" : "MISSED", mib(median(rss)).c_str());

    std::printf("## The app on a large cluster (simulator in its own process)\n\n");
    std::printf(
        "| cluster | namespace shown | time to dashboard | RSS at dashboard | RSS settled "
        "(>= %d s later) | target | |\n",
        settle);
    std::printf("| --- | --- | ---: | ---: | ---: | --- | --- |\n");
    bool allMet = median(shown) <= 500;
    for (const std::string& scale : scales) {
        const auto dir = std::filesystem::temp_directory_path() /
                         ("scaledeck-app-bench-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        const std::string kubeconfig = (dir / "kubeconfig").string();
        BackgroundProcess sim(
            {SCALEDECK_SIM_BINARY, "--scale", scale, "--kubeconfig-out", kubeconfig}, {});
        if (!sim.waitForOutput("kubeconfig:", std::chrono::minutes(5))) {
            std::fprintf(stderr, "scaledeck-sim --scale %s did not start\n", scale.c_str());
            return 1;
        }
        const long pods = std::strtol(scale.c_str(), nullptr, 10);
        const long targetKib = pods > 20000 ? 400'000'000 / 1024 : 150'000'000 / 1024;
        for (const std::string& ns : {std::string("greenlang"), std::string()}) {
            // Long enough for the cluster-wide pod list behind the node totals to finish.
            const long wait = std::max<long>(settle, pods / 3000);
            auto m = runApp(
                {"--kubeconfig", kubeconfig, "--namespace", ns, "--measure", std::to_string(wait)},
                600);
            if (!m)
                return 1;
            const bool met = m->rssSettledKib <= targetKib;
            allMet = allMet && met;
            std::printf("| %s pods:nodes | %s | %s | %s | %s | <= %s | %s |\n", scale.c_str(),
                        ns.empty() ? "all namespaces" : ns.c_str(), seconds(m->shownMs).c_str(),
                        mib(m->rssAtShownKib).c_str(), mib(m->rssSettledKib).c_str(),
                        pods > 20000 ? "400 MB" : "150 MB", met ? "met" : "MISSED");
            std::fflush(stdout);
        }
        sim.stop();
        std::filesystem::remove_all(dir);
    }
    return allMet ? 0 : 3;
}
