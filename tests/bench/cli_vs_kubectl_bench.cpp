// cli_vs_kubectl_bench: `scaledeck-cli get pods -A -o name` against `kubectl get pods -A -o
// name` on the same simulated 10,000-pod cluster. Starts scaledeck-sim (--scale 10000:500
// --clock manual) as its own process, runs each tool once untimed (a fresh KUBECACHEDIR each,
// warmed by that run; the same kubeconfig), then five timed runs each, interleaved, writing
// stdout to a file. Reports wall time (best and median), CPU time (user + system) and the peak
// RSS of each run's process (wait4's rusage), checks that both printed the same names (10,000+),
// and prints a Markdown table with the ratio. Exit code 1 if the outputs differ or a tool fails.
//
// The simulator answers as kube-apiserver's transport does (gzip level 1 for JSON of 128 KiB or
// more, never brotli; TCP_NODELAY on), so the figures compare the tools, not the server.
// Usage: cli_vs_kubectl_bench [--runs N] [--scale PODS:NODES] [--sim PATH] [--cli PATH]
//                             [--kubectl PATH]
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/text_lines.h"

#ifndef SCALEDECK_SIM_BINARY
#error "tests/bench/CMakeLists.txt defines SCALEDECK_SIM_BINARY"
#endif
#ifndef SCALEDECK_CLI_BINARY
#error "tests/bench/CMakeLists.txt defines SCALEDECK_CLI_BINARY"
#endif

extern char** environ;

namespace {

struct Run {
    int status = -1;
    double seconds = 0;
    long maxRssKiB = 0;
    double cpuSeconds = 0;  // user + system of the process
};

std::vector<char*> cStrings(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings)
        out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

// The parent's environment with `extra` set on top.
std::vector<std::string> environmentWith(const std::map<std::string, std::string>& extra) {
    std::vector<std::string> env;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string entry = *e;
        const std::string name = entry.substr(0, entry.find('='));
        if (!extra.contains(name))
            env.push_back(entry);
    }
    for (const auto& [name, value] : extra)
        env.push_back(name + "=" + value);
    return env;
}

// Runs argv with stdout to `outPath` and stderr to `errPath`; times it from fork to reaping.
Run timed(std::vector<std::string> argv, const std::map<std::string, std::string>& extraEnv,
          const std::string& outPath, const std::string& errPath) {
    std::vector<std::string> env = environmentWith(extraEnv);
    auto args = cStrings(argv);
    auto envp = cStrings(env);
    Run run;
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    if (pid == 0) {
        const int out = open(outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int err = open(errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int in = open("/dev/null", O_RDONLY);
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        execve(args[0], args.data(), envp.data());
        std::perror("execve");
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    run.maxRssKiB = usage.ru_maxrss;
    const auto tv = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    run.cpuSeconds = tv(usage.ru_utime) + tv(usage.ru_stime);
    return run;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::vector<std::string> lines(const std::string& text) {
    return scaledeck::test::nonEmptyLines(text);
}

std::string which(const std::string& program) {
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path != nullptr ? path : "/usr/bin:/bin");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        const std::string candidate = dir + "/" + program;
        if (access(candidate.c_str(), X_OK) == 0)
            return candidate;
    }
    return program;
}

// The simulator as a child process; the kubeconfig path once it serves.
class SimProcess {
public:
    SimProcess(const std::string& binary, const std::string& scale, const std::string& dir)
        : m_kubeconfig(dir + "/kubeconfig") {
        int pipeFds[2];
        if (pipe(pipeFds) != 0)
            return;
        m_pid = fork();
        if (m_pid == 0) {
            dup2(pipeFds[1], 1);
            close(pipeFds[0]);
            execl(binary.c_str(), binary.c_str(), "--scale", scale.c_str(), "--clock", "manual",
                  "--kubeconfig-out", m_kubeconfig.c_str(), static_cast<char*>(nullptr));
            std::perror("execl scaledeck-sim");
            _exit(127);
        }
        close(pipeFds[1]);
        m_stdout = pipeFds[0];
    }
    ~SimProcess() {
        if (m_pid > 0) {
            kill(m_pid, SIGTERM);
            waitpid(m_pid, nullptr, 0);
        }
        if (m_stdout >= 0)
            close(m_stdout);
    }

    // Blocks until the simulator printed its kubeconfig line (it does so once it serves).
    bool waitUntilServing() {
        std::string seen;
        char buffer[4096];
        while (seen.find("kubeconfig:") == std::string::npos) {
            const ssize_t n = read(m_stdout, buffer, sizeof buffer);
            if (n <= 0)
                return false;
            seen.append(buffer, static_cast<std::size_t>(n));
        }
        return true;
    }
    const std::string& kubeconfig() const { return m_kubeconfig; }

private:
    pid_t m_pid = -1;
    int m_stdout = -1;
    std::string m_kubeconfig;
};

struct Tool {
    std::string label;
    std::vector<std::string> argv;
    std::string cacheDir;
    std::vector<Run> runs;
    std::vector<std::string> names;
};

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// Warm-up plus `runs` interleaved timed runs of each tool against `kubeconfig`; prints the table.
// Returns 0, or 1 if a tool failed or the outputs differ.
int measure(const std::string& title, const std::string& kubeconfig, const std::string& dir,
            const std::string& cliBinary, const std::string& kubectl, int runs,
            const std::string& scale) {
    const std::vector<std::string> get = {"get", "pods", "-A", "-o", "name"};
    // A fresh KUBECACHEDIR per tool: kubectl's discovery cache starts empty and is filled by its
    // warm-up run, as after a user's first command against a cluster.
    std::vector<Tool> tools = {{"scaledeck-cli", {cliBinary}, dir + "/cache-scaledeck", {}, {}},
                               {"kubectl", {kubectl}, dir + "/cache-kubectl", {}, {}}};
    for (auto& tool : tools) {
        tool.argv.insert(tool.argv.end(), get.begin(), get.end());
        std::filesystem::create_directories(tool.cacheDir);
    }
    const auto envFor = [&](const Tool& tool) {
        return std::map<std::string, std::string>{{"KUBECONFIG", kubeconfig},
                                                  {"KUBECACHEDIR", tool.cacheDir},
                                                  {"HOME", dir},
                                                  {"XDG_CONFIG_HOME", dir + "/config"}};
    };
    const std::string out = dir + "/out.txt";
    const std::string err = dir + "/err.txt";
    int exitCode = 0;
    // One untimed run each: kubectl fills its discovery cache, both fault in their binaries.
    for (auto& tool : tools) {
        const Run warm = timed(tool.argv, envFor(tool), out, err);
        tool.names = lines(readFile(out));
        std::fprintf(stderr, "[%s] %s (warm-up): %.3f s, %zu names, exit %d\n", title.c_str(),
                     tool.label.c_str(), warm.seconds, tool.names.size(), warm.status);
        if (warm.status != 0) {
            std::fprintf(stderr, "%s failed: %s\n", tool.label.c_str(), readFile(err).c_str());
            exitCode = 1;
        }
    }
    for (int i = 0; i < runs && exitCode == 0; ++i) {
        for (auto& tool : tools) {
            Run run = timed(tool.argv, envFor(tool), out, err);
            std::fprintf(stderr, "[%s] %s run %d: %.3f s (CPU %.3f s)\n", title.c_str(),
                         tool.label.c_str(), i + 1, run.seconds, run.cpuSeconds);
            if (run.status != 0 || lines(readFile(out)) != tool.names) {
                std::fprintf(stderr, "%s run %d: exit %d or different output: %s\n",
                             tool.label.c_str(), i + 1, run.status, readFile(err).c_str());
                exitCode = 1;
            }
            tool.runs.push_back(run);
        }
    }
    const std::set<std::string> ours(tools[0].names.begin(), tools[0].names.end());
    const std::set<std::string> theirs(tools[1].names.begin(), tools[1].names.end());
    const bool same = ours == theirs && tools[0].names.size() == tools[1].names.size();
    if (!same || ours.size() < 10000) {
        std::fprintf(stderr, "outputs differ or are short: scaledeck-cli %zu names, kubectl %zu\n",
                     ours.size(), theirs.size());
        exitCode = 1;
    }
    if (exitCode != 0)
        return exitCode;

    std::printf(
        "%s: `get pods -A -o name`, %s pods:nodes, %zu names (identical sets and order: %s), "
        "%d timed runs each\n\n",
        title.c_str(), scale.c_str(), ours.size(),
        tools[0].names == tools[1].names ? "yes" : "sets only", runs);
    std::printf(
        "| tool | wall best (s) | wall median (s) | CPU user+sys median (s) | peak RSS (MiB, "
        "highest run) |\n");
    std::printf("| --- | --- | --- | --- | --- |\n");
    std::vector<double> bests, medians, rss;
    for (const auto& tool : tools) {
        std::vector<double> seconds, memory, cpu;
        for (const auto& run : tool.runs) {
            seconds.push_back(run.seconds);
            memory.push_back(static_cast<double>(run.maxRssKiB) / 1024.0);
            cpu.push_back(run.cpuSeconds);
        }
        bests.push_back(*std::min_element(seconds.begin(), seconds.end()));
        medians.push_back(median(seconds));
        rss.push_back(*std::max_element(memory.begin(), memory.end()));
        std::printf("| %s | %.3f | %.3f | %.3f | %.0f |\n", tool.label.c_str(), bests.back(),
                    medians.back(), median(cpu), rss.back());
    }
    std::printf("| kubectl / scaledeck-cli | %.2f× | %.2f× | | %.1f× |\n\n", bests[1] / bests[0],
                medians[1] / medians[0], rss[1] / rss[0]);
    std::fflush(stdout);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 5;
    std::string scale = "10000:500";
    std::string simBinary = SCALEDECK_SIM_BINARY;
    std::string cliBinary = SCALEDECK_CLI_BINARY;
    std::string kubectl = which("kubectl");
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        if (i + 1 >= argc) {
            std::fprintf(stderr, "cli_vs_kubectl_bench: %s needs a value\n", flag.c_str());
            return 2;
        }
        const std::string value = argv[++i];
        if (flag == "--runs")
            runs = std::max(1, std::atoi(value.c_str()));
        else if (flag == "--scale")
            scale = value;
        else if (flag == "--sim")
            simBinary = value;
        else if (flag == "--cli")
            cliBinary = value;
        else if (flag == "--kubectl")
            kubectl = value;
        else {
            std::fprintf(stderr, "cli_vs_kubectl_bench: unknown flag %s\n", flag.c_str());
            return 2;
        }
    }

    char dirTemplate[] = "/tmp/scaledeck-cli-bench-XXXXXX";
    const std::string dir = mkdtemp(dirTemplate);
    int exitCode = 0;
    {
        std::fprintf(stderr, "starting scaledeck-sim --scale %s --clock manual ...\n",
                     scale.c_str());
        const auto simStart = std::chrono::steady_clock::now();
        SimProcess sim(simBinary, scale, dir);
        if (!sim.waitUntilServing()) {
            std::fprintf(stderr, "cli_vs_kubectl_bench: scaledeck-sim did not start\n");
            return 1;
        }
        std::fprintf(
            stderr, "serving after %.1f s\n",
            std::chrono::duration<double>(std::chrono::steady_clock::now() - simStart).count());
        exitCode = measure("scaledeck-sim", sim.kubeconfig(), dir, cliBinary, kubectl, runs, scale);
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
    return exitCode;
}
