// LoginShellPath: the PATH the user's terminal would have, and command lookup on it as kubectl
// does. A desktop app started from a menu inherits the session's short PATH, not the one the
// shell profile builds, so plugins such as aws, gcloud or kubelogin are "not found" although
// kubectl finds them in a terminal. This class asks the login shell once
// (`$SHELL -l -i -c 'printf …'`, between markers so profile banners are ignored, at most 3 s) and
// caches the answer; if that fails it falls back to the current PATH plus the usual install
// folders (/usr/local/bin, ~/.local/bin, ~/bin, /opt/homebrew/bin, ~/go/bin, ~/.krew/bin).
// directories() blocks the first time (never call it on the GUI thread); thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"

namespace scaledeck::kube {

class LoginShellPath {
public:
    struct Options {
        std::string shell;  // empty: $SHELL, else /bin/sh
        // Long enough for a heavy zsh setup (oh-my-zsh, nvm), short enough not to stall a
        // sign-in when a profile waits for input.
        std::chrono::milliseconds timeout{3000};
        std::optional<std::string> currentPath;  // nullopt: $PATH
        std::optional<std::string> home;         // nullopt: $HOME
    };

    LoginShellPath();
    explicit LoginShellPath(Options options);

    // The process-wide instance (asks the shell at most once per process).
    static std::shared_ptr<LoginShellPath> shared();

    // The search folders in order, without duplicates or empty entries.
    std::vector<std::string> directories();
    // directories() joined with ':', for the PATH of a child process.
    std::string path();
    // Whether directories() came from the login shell (false: the fallback list).
    bool fromLoginShell();

    // Finds an exec plugin command as kubectl does: an absolute path is used as is, a path with a
    // slash is relative to `kubeconfigDir`, a bare name is searched on directories(). The result
    // is an absolute path to an executable file. NotFound names the command and, for a bare
    // name, lists the folders searched.
    base::Result<std::string> resolveCommand(const std::string& command,
                                             const std::string& kubeconfigDir);

    // The fallback list for a given PATH and home folder; public for tests.
    static std::vector<std::string> fallbackDirectories(const std::string& currentPath,
                                                        const std::string& home);

private:
    void ensureLoaded();

    Options m_options;
    std::mutex m_mutex;
    bool m_loaded = false;
    bool m_fromShell = false;
    std::vector<std::string> m_directories;
};

}  // namespace scaledeck::kube
