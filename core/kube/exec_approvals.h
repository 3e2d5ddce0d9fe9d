// ExecApprovals: the exec credential plugin commands the user has approved, one per kubeconfig
// file and user entry, kept in a small JSON file (default
// $XDG_CONFIG_HOME/scaledeck/exec-approvals.json). What is stored is a SHA-256 fingerprint of
// the command, its arguments and its extra environment, never the command itself, so the file
// holds nothing secret and a changed command (a kubeconfig edited behind the user's back) is not
// approved and asks again.
// The file is re-read on every question, so an approval given in one window or process is seen
// by the others; writes replace it atomically (QSaveFile, mode 0600). A corrupt or unreadable
// file counts as empty (nothing approved) and is moved aside to "<file>.corrupt" on the next
// approve(), which still works. Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/result.h"
#include "kube/exec_approval_request.h"
#include "kube/exec_config.h"

namespace scaledeck::kube {

class ExecApprovals {
public:
    explicit ExecApprovals(std::string storePath);

    // $XDG_CONFIG_HOME/scaledeck/exec-approvals.json (~/.config/... when unset).
    static std::string defaultPath();
    // The process-wide store at defaultPath(), used when a caller injects none.
    static std::shared_ptr<ExecApprovals> shared();

    // "sha256:<hex>" over the command, each argument and each NAME=value, length-prefixed so
    // that moving text between fields changes the fingerprint.
    static std::string fingerprint(const std::string& command, const std::vector<std::string>& args,
                                   const std::vector<ExecEnvVar>& env);

    // Whether the user approved exactly this fingerprint for this kubeconfig file and user.
    bool isApproved(const std::string& kubeconfigPath, const std::string& userName,
                    const std::string& fingerprint) const;
    bool isApproved(const ExecApprovalRequest& request) const;

    // Records the approval (replacing an earlier one for the same file and user). Internal when
    // the file cannot be written; the message names it.
    base::Status approve(const std::string& kubeconfigPath, const std::string& userName,
                         const std::string& fingerprint);
    base::Status approve(const ExecApprovalRequest& request);

    // Forgets the approval for this kubeconfig file and user (no error if there was none).
    base::Status revoke(const std::string& kubeconfigPath, const std::string& userName);

    const std::string& storePath() const { return m_path; }

private:
    struct Entry {
        std::string kubeconfig;
        std::string user;
        std::string fingerprint;
        std::string approvedAt;
    };
    struct Loaded {
        std::vector<Entry> entries;
        bool corrupt = false;
    };

    Loaded load() const;
    base::Status save(const Loaded& loaded) const;

    std::string m_path;
    mutable std::mutex m_mutex;
};

}  // namespace scaledeck::kube
