// SimInstance: a real scaledeck-sim process for one test (HTTPS on a free port, its own
// kubeconfig and kubectl cache directory), with helpers to call its API over TLS as a given
// user, to advance its manual clock, and to run the real kubectl against it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/subprocess.h"

namespace scaledeck::test {

struct HttpReply {
    int status = 0;  // 0: no answer (connection failed)
    std::string body;
    std::string contentType;
    std::string retryAfter;
    nlohmann::json json() const;
};

class SimInstance {
public:
    // Starts scaledeck-sim with the given extra arguments (default: a manual clock).
    static std::unique_ptr<SimInstance> start(std::vector<std::string> args = {"--clock", "manual"});
    ~SimInstance();

    int port() const { return m_port; }
    // The simulator CA certificate (PEM file), for other clients such as Prometheus.
    const std::string& caFile() const { return m_caFile; }
    const std::string& kubeconfig() const { return m_kubeconfig; }
    const std::string& dir() const { return m_dir; }
    std::string token(const std::string& user = "admin") const;

    HttpReply request(const std::string& method, const std::string& path, const std::string& body = {},
                      const std::string& contentType = "application/json",
                      const std::string& user = "admin", const std::string& accept = "application/json") const;
    nlohmann::json get(const std::string& path, const std::string& user = "admin") const;
    void advance(double seconds) const;

    // Runs kubectl with KUBECONFIG and a fresh cache dir; the exit code, stdout and stderr.
    ProcessResult kubectl(const std::vector<std::string>& args, const std::string& input = {},
                          const std::map<std::string, std::string>& env = {}) const;
    std::unique_ptr<BackgroundProcess> kubectlBackground(const std::vector<std::string>& args) const;
    int stop();  // SIGTERM; returns the simulator's exit code

private:
    std::unique_ptr<BackgroundProcess> m_process;
    int m_port = 0;
    std::string m_dir;
    std::string m_kubeconfig;
    std::string m_caFile;
    std::map<std::string, std::string> m_tokens;
};

}  // namespace scaledeck::test
