// Subprocess: runs a program with arguments and extra environment, captures stdout and stderr
// separately, optionally feeds stdin, with a timeout. Used by tests to drive the real kubectl
// and to start scaledeck-sim as its own process.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace scaledeck::test {

struct ProcessResult {
    int exitCode = -1;  // -1: killed by the timeout or a signal
    std::string out;
    std::string err;
};

ProcessResult runProcess(const std::vector<std::string>& argv,
                         const std::map<std::string, std::string>& env = {},
                         const std::string& input = {},
                         std::chrono::milliseconds timeout = std::chrono::seconds(60));

// A long-running child (e.g. `kubectl get -w`): started now, output collected until stop().
class BackgroundProcess {
public:
    BackgroundProcess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env);
    ~BackgroundProcess();
    // Waits until stdout contains `text` (true) or the timeout passes (false).
    bool waitForOutput(const std::string& text, std::chrono::milliseconds timeout);
    // Waits for the process to exit by itself; returns its result (exitCode -1 if still running).
    ProcessResult waitForExit(std::chrono::milliseconds timeout);
    ProcessResult stop();
    const std::string& out() const { return m_out; }
    int pid() const { return m_pid; }

private:
    void pump(std::chrono::milliseconds wait);
    int m_pid = -1;
    int m_outFd = -1;
    int m_errFd = -1;
    std::string m_out;
    std::string m_err;
    int m_exitCode = -1;
    bool m_exited = false;
};

}  // namespace scaledeck::test
