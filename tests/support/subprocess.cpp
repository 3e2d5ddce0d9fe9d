#include "support/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

extern char** environ;

namespace scaledeck::test {
namespace {

int spawn(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
          int& inFd, int& outFd, int& errFd) {
    int in[2], out[2], err[2];
    if (pipe(in) || pipe(out) || pipe(err)) return -1;
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        dup2(err[1], 2);
        for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) close(fd);
        for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        setpgid(0, 0);
        execvp(args[0], args.data());
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    close(err[1]);
    inFd = in[1];
    outFd = out[0];
    errFd = err[0];
    fcntl(outFd, F_SETFL, O_NONBLOCK);
    fcntl(errFd, F_SETFL, O_NONBLOCK);
    return pid;
}

bool drain(int fd, std::string& into) {
    char buf[65536];
    while (true) {
        const ssize_t n = read(fd, buf, sizeof buf);
        if (n > 0) {
            into.append(buf, static_cast<std::size_t>(n));
            continue;
        }
        return n == 0;  // true: EOF
    }
}

}  // namespace

ProcessResult runProcess(const std::vector<std::string>& argv,
                         const std::map<std::string, std::string>& env, const std::string& input,
                         std::chrono::milliseconds timeout) {
    ProcessResult r;
    int inFd = -1, outFd = -1, errFd = -1;
    const int pid = spawn(argv, env, inFd, outFd, errFd);
    if (pid < 0) return r;
    if (!input.empty()) {
        std::size_t off = 0;
        while (off < input.size()) {
            const ssize_t n = write(inFd, input.data() + off, input.size() - off);
            if (n <= 0) break;
            off += static_cast<std::size_t>(n);
        }
    }
    close(inFd);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    bool outEof = false, errEof = false;
    while (!(outEof && errEof)) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            kill(-pid, SIGKILL);
            break;
        }
        pollfd fds[2] = {{outFd, POLLIN, 0}, {errFd, POLLIN, 0}};
        poll(fds, 2, static_cast<int>(std::min<long long>(left.count(), 200)));
        if (!outEof) outEof = drain(outFd, r.out);
        if (!errEof) errEof = drain(errFd, r.err);
    }
    close(outFd);
    close(errFd);
    int status = 0;
    waitpid(pid, &status, 0);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& argv,
                                     const std::map<std::string, std::string>& env) {
    int inFd = -1;
    m_pid = spawn(argv, env, inFd, m_outFd, m_errFd);
    if (inFd >= 0) close(inFd);
}

BackgroundProcess::~BackgroundProcess() { stop(); }

void BackgroundProcess::pump(std::chrono::milliseconds wait) {
    if (m_outFd < 0) return;
    pollfd fds[2] = {{m_outFd, POLLIN, 0}, {m_errFd, POLLIN, 0}};
    poll(fds, 2, static_cast<int>(wait.count()));
    drain(m_outFd, m_out);
    drain(m_errFd, m_err);
    if (!m_exited) {
        int status = 0;
        if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_exited = true;
            m_exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            drain(m_outFd, m_out);
            drain(m_errFd, m_err);
        }
    }
}

bool BackgroundProcess::waitForOutput(const std::string& text, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    pump(std::chrono::milliseconds(0));  // read what arrived since the last call first
    while (std::chrono::steady_clock::now() < deadline) {
        if (m_out.find(text) != std::string::npos) return true;
        if (m_exited) return m_out.find(text) != std::string::npos;
        pump(std::chrono::milliseconds(50));
    }
    return m_out.find(text) != std::string::npos;
}

ProcessResult BackgroundProcess::waitForExit(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!m_exited && std::chrono::steady_clock::now() < deadline) pump(std::chrono::milliseconds(50));
    return {m_exited ? m_exitCode : -1, m_out, m_err};
}

ProcessResult BackgroundProcess::stop() {
    if (m_pid > 0 && !m_exited) {
        kill(-m_pid, SIGTERM);
        waitForExit(std::chrono::seconds(5));
        if (!m_exited) {
            kill(-m_pid, SIGKILL);
            waitForExit(std::chrono::seconds(5));
        }
    }
    if (m_outFd >= 0) {
        close(m_outFd);
        close(m_errFd);
        m_outFd = m_errFd = -1;
    }
    return {m_exitCode, m_out, m_err};
}

}  // namespace scaledeck::test
