// cli_vs_kubectl_bench: `scaledeck-cli get pods -A -o name` against `kubectl get pods -A -o
// name` on the same simulated 10,000-pod cluster. Starts scaledeck-sim (--scale 10000:500
// --clock manual) as its own process, runs each tool once untimed (a fresh KUBECACHEDIR each,
// warmed by that run; the same kubeconfig), then five timed runs each, interleaved, writing
// stdout to a file. Reports wall time (best and median), CPU time (user + system) and the peak
// RSS of each run's process (wait4's rusage), checks that both printed the same names (10,000+),
// and prints a Markdown table with the ratio. Exit code 1 if the outputs differ or a tool fails.
//
// --front adds a second, diagnostic measurement in the same run: both tools then talk to an
// HTTPS front in this process (its own self-signed certificate, made with the openssl command)
// that forwards every request to the same simulator and answers as kube-apiserver's transport
// would: Accept-Encoding reduced to "gzip" when the client offered it (else "identity"), and
// TCP_NODELAY on its connections (Go's net/http sets it; cpp-httplib, which serves the simulator,
// does not by default, so a response on a kept-alive connection waits for the client's delayed
// ACK, about 40 ms). The front reaches the simulator on a fresh connection per request (which the
// delayed ACK does not hit); the table says how long each run waited for the simulator.
// Usage: cli_vs_kubectl_bench [--runs N] [--scale PODS:NODES] [--sim PATH] [--cli PATH]
//                             [--kubectl PATH] [--front]
#include <fcntl.h>
#include <httplib.h>
#include <signal.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

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
    // Through the front only: requests it forwarded and the time spent waiting for the simulator.
    long frontRequests = 0;
    double frontUpstreamSeconds = 0;
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
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty())
            out.push_back(line);
    }
    return out;
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

std::string base64(const std::string& in) {
    static constexpr char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        const unsigned v = (static_cast<unsigned char>(in[i]) << 16) |
                           (static_cast<unsigned char>(in[i + 1]) << 8) |
                           static_cast<unsigned char>(in[i + 2]);
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
        out += kAlphabet[v & 63];
    }
    if (i + 1 == in.size()) {
        const unsigned v = static_cast<unsigned char>(in[i]) << 16;
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += "==";
    } else if (i + 2 == in.size()) {
        const unsigned v = (static_cast<unsigned char>(in[i]) << 16) |
                           (static_cast<unsigned char>(in[i + 1]) << 8);
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
        out += '=';
    }
    return out;
}

// The value after `key` on the first line containing `key` after `from`, or empty.
std::string valueAfter(const std::string& text, const std::string& key, std::size_t from = 0) {
    const std::size_t at = text.find(key, from);
    if (at == std::string::npos)
        return {};
    const std::size_t start = at + key.size();
    const std::size_t end = text.find('\n', start);
    return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

bool iequals(const std::string& a, const char* b) {
    return strcasecmp(a.c_str(), b) == 0;
}

// An HTTPS front to the simulator that encodes as kube-apiserver does (see the header comment).
class ApiServerFront {
public:
    // `dir`: where the certificate, key and kubeconfig go; `simKubeconfig`: the simulator's.
    bool start(const std::string& dir, const std::string& simKubeconfig) {
        const std::string simConfig = readFile(simKubeconfig);
        const std::string server = valueAfter(simConfig, "server: https://127.0.0.1:");
        const std::string token =
            valueAfter(simConfig, "token: ", simConfig.find("- name: admin\n"));
        if (server.empty() || token.empty())
            return false;
        m_simPort = std::atoi(server.c_str());
        const std::string cert = dir + "/front.crt";
        const std::string key = dir + "/front.key";
        const Run made = timed({which("openssl"), "req", "-x509", "-newkey", "ec", "-pkeyopt",
                                "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj",
                                "/CN=scaledeck-bench-front", "-addext",
                                "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert},
                               {}, dir + "/openssl.out", dir + "/openssl.err");
        if (made.status != 0) {
            std::fprintf(stderr, "openssl: %s\n", readFile(dir + "/openssl.err").c_str());
            return false;
        }
        m_server = std::make_unique<httplib::SSLServer>(cert.c_str(), key.c_str());
        // Go's net/http (kube-apiserver) disables Nagle's algorithm on every connection.
        m_server->set_tcp_nodelay(true);
        m_server->set_keep_alive_max_count(1000);  // cpp-httplib closes after 5 requests
        m_server->Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
            forward(req, res);
        });
        const int port = m_server->bind_to_any_port("127.0.0.1");
        if (port <= 0)
            return false;
        m_thread = std::thread([this] { m_server->listen_after_bind(); });
        m_kubeconfig = dir + "/front.kubeconfig";
        std::ofstream(m_kubeconfig)
            << "apiVersion: v1\nkind: Config\nclusters:\n  - name: front\n    cluster:\n"
            << "      server: https://127.0.0.1:" << port << "\n"
            << "      certificate-authority-data: " << base64(readFile(cert)) << "\n"
            << "users:\n  - name: admin\n    user:\n      token: " << token << "\n"
            << "contexts:\n  - name: front\n    context:\n      cluster: front\n"
            << "      user: admin\n      namespace: default\ncurrent-context: front\n";
        return true;
    }
    ~ApiServerFront() {
        if (m_server)
            m_server->stop();
        if (m_thread.joinable())
            m_thread.join();
    }
    const std::string& kubeconfig() const { return m_kubeconfig; }
    // Requests forwarded and seconds spent in them upstream since the last call.
    std::pair<long, double> takeCounters() {
        return {m_requests.exchange(0), static_cast<double>(m_upstreamMicros.exchange(0)) / 1e6};
    }

private:
    void forward(const httplib::Request& req, httplib::Response& res) {
        // A fresh connection to the simulator per request: on a kept-alive one the simulator
        // (Nagle's algorithm on) would make this hop wait for delayed ACKs (about 40 ms a
        // request), which is what the front is there to take out. A TLS handshake on loopback
        // costs a few milliseconds.
        httplib::SSLClient client("127.0.0.1", m_simPort);
        client.enable_server_certificate_verification(false);  // loopback, the bench's simulator
        client.set_decompress(false);
        client.set_keep_alive(false);
        client.set_read_timeout(std::chrono::seconds(300));
        httplib::Headers headers;
        for (const auto& [name, value] : req.headers) {
            if (!iequals(name, "Host") && !iequals(name, "Accept-Encoding") &&
                !iequals(name, "Connection") && !iequals(name, "REMOTE_ADDR") &&
                !iequals(name, "REMOTE_PORT") && !iequals(name, "LOCAL_ADDR") &&
                !iequals(name, "LOCAL_PORT"))
                headers.emplace(name, value);
        }
        const std::string offered = req.get_header_value("Accept-Encoding");
        headers.emplace("Accept-Encoding",
                        offered.find("gzip") != std::string::npos ? "gzip" : "identity");
        const auto start = std::chrono::steady_clock::now();
        auto answer = client.Get(req.target.c_str(), headers);
        m_upstreamMicros += std::chrono::duration_cast<std::chrono::microseconds>(
                                std::chrono::steady_clock::now() - start)
                                .count();
        ++m_requests;
        if (!answer) {
            res.status = 502;
            return;
        }
        res.status = answer->status;
        res.body = std::move(answer->body);
        std::string type = answer->get_header_value("Content-Type");
        // The front's own library would compress an exact "application/json" again.
        if (type == "application/json")
            type += ";charset=utf-8";
        if (!type.empty())
            res.set_header("Content-Type", type);
        if (answer->has_header("Content-Encoding"))
            res.set_header("Content-Encoding", answer->get_header_value("Content-Encoding"));
    }

    int m_simPort = 0;
    std::atomic<long> m_requests{0};
    std::atomic<long long> m_upstreamMicros{0};
    std::unique_ptr<httplib::SSLServer> m_server;
    std::thread m_thread;
    std::string m_kubeconfig;
};

// Warm-up plus `runs` interleaved timed runs of each tool against `kubeconfig`; prints the table.
// Returns 0, or 1 if a tool failed or the outputs differ.
int measure(const std::string& title, const std::string& kubeconfig, const std::string& dir,
            const std::string& cliBinary, const std::string& kubectl, int runs,
            const std::string& scale, ApiServerFront* front = nullptr) {
    const std::vector<std::string> get = {"get", "pods", "-A", "-o", "name"};
    // A fresh KUBECACHEDIR per tool and per measurement: kubectl's discovery cache starts empty
    // and is filled by its warm-up run, as after a user's first command against a cluster.
    static int measurement = 0;
    const std::string tag = std::to_string(++measurement);
    std::vector<Tool> tools = {
        {"scaledeck-cli", {cliBinary}, dir + "/cache-scaledeck-" + tag, {}, {}},
        {"kubectl", {kubectl}, dir + "/cache-kubectl-" + tag, {}, {}}};
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
            if (front != nullptr)
                (void)front->takeCounters();
            Run run = timed(tool.argv, envFor(tool), out, err);
            if (front != nullptr)
                std::tie(run.frontRequests, run.frontUpstreamSeconds) = front->takeCounters();
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
        "| tool | wall best (s) | wall median (s) | CPU user+sys median (s) |%s peak "
        "RSS (MiB, highest run) |\n",
        front != nullptr ? " requests per run | waiting for the simulator, median (s) |" : "");
    std::printf("| --- | --- | --- | --- |%s --- |\n", front != nullptr ? " --- | --- |" : "");
    std::vector<double> bests, medians, rss;
    for (const auto& tool : tools) {
        std::vector<double> seconds, memory, cpu, upstream;
        long requests = 0;
        for (const auto& run : tool.runs) {
            seconds.push_back(run.seconds);
            memory.push_back(static_cast<double>(run.maxRssKiB) / 1024.0);
            cpu.push_back(run.cpuSeconds);
            upstream.push_back(run.frontUpstreamSeconds);
            requests = std::max(requests, run.frontRequests);
        }
        bests.push_back(*std::min_element(seconds.begin(), seconds.end()));
        medians.push_back(median(seconds));
        rss.push_back(*std::max_element(memory.begin(), memory.end()));
        std::printf("| %s | %.3f | %.3f | %.3f |", tool.label.c_str(), bests.back(), medians.back(),
                    median(cpu));
        if (front != nullptr)
            std::printf(" %ld | %.3f |", requests, median(upstream));
        std::printf(" %.0f |\n", rss.back());
    }
    std::printf("| kubectl / scaledeck-cli | %.2f× | %.2f× | |%s %.1f× |\n\n", bests[1] / bests[0],
                medians[1] / medians[0], front != nullptr ? " | |" : "", rss[1] / rss[0]);
    std::fflush(stdout);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 5;
    bool gzipFront = false;
    std::string scale = "10000:500";
    std::string simBinary = SCALEDECK_SIM_BINARY;
    std::string cliBinary = SCALEDECK_CLI_BINARY;
    std::string kubectl = which("kubectl");
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        if (flag == "--front") {
            gzipFront = true;
            continue;
        }
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
        exitCode = measure("Direct to scaledeck-sim", sim.kubeconfig(), dir, cliBinary, kubectl,
                           runs, scale);
        if (exitCode == 0 && gzipFront) {
            ApiServerFront front;
            if (!front.start(dir, sim.kubeconfig())) {
                std::fprintf(stderr, "cli_vs_kubectl_bench: the front did not start\n");
                exitCode = 1;
            } else {
                exitCode = measure(
                    "Through a kube-apiserver-like front (diagnostic: gzip only, TCP_NODELAY)",
                    front.kubeconfig(), dir, cliBinary, kubectl, runs, scale, &front);
            }
        }
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
    return exitCode;
}
