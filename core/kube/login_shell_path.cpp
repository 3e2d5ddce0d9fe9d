#include "kube/login_shell_path.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "kube/child_process.h"
#include "kube/kubeconfig.h"

extern char** environ;

namespace scaledeck::kube {

namespace {

namespace fs = std::filesystem;

// Unlikely to appear in any profile's output; PATH is taken from between two of them.
constexpr const char* kMarker = "_SCALEDECK_PATH_8d1f3c_";

std::string envOr(const char* name, const std::string& fallback) {
    const char* v = std::getenv(name);
    return v ? std::string(v) : fallback;
}

std::vector<std::string> splitPath(const std::string& path) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t colon = path.find(':', start);
        const std::string dir =
            path.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
        // Empty entries mean "the working directory" to a shell, which a GUI app must not search.
        if (!dir.empty() && dir.front() == '/' &&
            std::find(out.begin(), out.end(), dir) == out.end()) {
            out.push_back(dir);
        }
        if (colon == std::string::npos)
            break;
        start = colon + 1;
    }
    return out;
}

std::string join(const std::vector<std::string>& dirs, const char* sep) {
    std::string out;
    for (const auto& d : dirs) {
        if (!out.empty())
            out += sep;
        out += d;
    }
    return out;
}

bool isExecutableFile(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
           ::access(path.c_str(), X_OK) == 0;
}

std::string shellCommandFor(const std::string& shell) {
    const std::string name = fs::path(shell).filename().string();
    const std::string marker(kMarker);
    if (name == "fish") {
        // fish keeps PATH as a list; "$PATH" would join it with spaces.
        return "printf '%s' " + marker + "; string join : $PATH; printf '%s' " + marker;
    }
    return "printf '%s%s%s' " + marker + " \"$PATH\" " + marker;
}

// The environment the shell starts with: ours, so that profiles see the usual variables.
std::vector<std::string> currentEnvironment() {
    std::vector<std::string> env;
    for (char** e = environ; e && *e; ++e)
        env.emplace_back(*e);
    return env;
}

}  // namespace

LoginShellPath::LoginShellPath() : LoginShellPath(Options{}) {}

LoginShellPath::LoginShellPath(Options options) : m_options(std::move(options)) {}

std::shared_ptr<LoginShellPath> LoginShellPath::shared() {
    static const std::shared_ptr<LoginShellPath> instance = std::make_shared<LoginShellPath>();
    return instance;
}

std::vector<std::string> LoginShellPath::fallbackDirectories(const std::string& currentPath,
                                                             const std::string& home) {
    std::vector<std::string> dirs = splitPath(currentPath);
    std::vector<std::string> extra = {"/usr/local/bin", "/usr/bin", "/bin"};
    if (!home.empty()) {
        for (const char* sub : {"/.local/bin", "/bin"})
            extra.push_back(home + sub);
    }
    extra.push_back("/opt/homebrew/bin");
    if (!home.empty()) {
        for (const char* sub : {"/go/bin", "/.krew/bin"})
            extra.push_back(home + sub);
    }
    for (auto& d : extra) {
        if (std::find(dirs.begin(), dirs.end(), d) == dirs.end())
            dirs.push_back(std::move(d));
    }
    return dirs;
}

void LoginShellPath::ensureLoaded() {
    if (m_loaded)
        return;
    m_loaded = true;
    const std::string currentPath = m_options.currentPath.value_or(envOr("PATH", ""));
    const std::string home = m_options.home.value_or(envOr("HOME", ""));
    std::string shell = m_options.shell;
    if (shell.empty())
        shell = envOr("SHELL", "");
    if (shell.empty() || shell.front() != '/')
        shell = "/bin/sh";

    ChildProcessSpec spec;
    spec.program = shell;
    spec.args = {"-l", "-i", "-c", shellCommandFor(shell)};
    spec.environment = currentEnvironment();
    spec.timeout = m_options.timeout;
    spec.outputLimit = 1024 * 1024;
    const ChildProcessResult run = runChildProcess(spec);
    if (run.started && !run.timedOut && !run.crashed) {
        const std::string marker(kMarker);
        const std::size_t begin = run.out.find(marker);
        const std::size_t end = begin == std::string::npos
                                    ? std::string::npos
                                    : run.out.find(marker, begin + marker.size());
        if (end != std::string::npos) {
            const std::vector<std::string> dirs =
                splitPath(run.out.substr(begin + marker.size(), end - begin - marker.size()));
            if (!dirs.empty()) {
                m_directories = dirs;
                m_fromShell = true;
                return;
            }
        }
    }
    m_directories = fallbackDirectories(currentPath, home);
}

std::vector<std::string> LoginShellPath::directories() {
    std::lock_guard lock(m_mutex);
    ensureLoaded();
    return m_directories;
}

std::string LoginShellPath::path() {
    return join(directories(), ":");
}

bool LoginShellPath::fromLoginShell() {
    std::lock_guard lock(m_mutex);
    ensureLoaded();
    return m_fromShell;
}

base::Result<std::string> LoginShellPath::resolveCommand(const std::string& command,
                                                         const std::string& kubeconfigDir) {
    if (command.empty())
        return base::Error::invalid("the exec plugin command is empty");
    if (command.find('/') != std::string::npos) {
        const fs::path p(command);
        const std::string full =
            p.is_absolute() ? command : (fs::path(kubeconfigDir) / p).lexically_normal().string();
        if (isExecutableFile(full))
            return full;
        std::error_code ec;
        const bool exists = fs::exists(full, ec);
        return base::Error{
            exists ? base::ErrorKind::Invalid : base::ErrorKind::NotFound,
            "the exec plugin command \"" + command + "\" " +
                (exists ? "(" + Kubeconfig::displayPath(full) + ") is not an executable file"
                        : "was not found at " + Kubeconfig::displayPath(full)),
            0, false};
    }
    const std::vector<std::string> dirs = directories();
    for (const auto& dir : dirs) {
        const std::string candidate = dir + "/" + command;
        if (isExecutableFile(candidate))
            return candidate;
    }
    std::vector<std::string> shown;
    for (const auto& d : dirs)
        shown.push_back(Kubeconfig::displayPath(d));
    return base::Error{base::ErrorKind::NotFound,
                       "the exec plugin command \"" + command +
                           "\" was not found in any of these folders: " + join(shown, ", "),
                       0, false};
}

}  // namespace scaledeck::kube
