// ExecCredentialSource: credentials from an exec credential plugin (client.authentication.k8s.io
// v1 or v1beta1), the way kubectl runs aws, gke-gcloud-auth-plugin or kubelogin, with two
// additions for a desktop app: the command runs only once the user approved that exact command
// for that kubeconfig user (ExecApprovals; otherwise refresh() fails with
// ErrorKind::ApprovalRequired and runs nothing), and it is looked up on the login shell's PATH
// (LoginShellPath).
// The plugin gets ScaleDeck's environment with that PATH, the kubeconfig's env entries, and
// KUBERNETES_EXEC_INFO (spec.interactive=false; spec.cluster when provideClusterInfo). Its stdin
// is /dev/null and it has no terminal: there is none to prompt on. Its answer is cached until
// status.expirationTimestamp minus a 10 s margin (a credential that expires while a request is
// in flight would cost a 401 and a second run); invalidate() drops it. A plugin that runs
// longer than the timeout (30 s, enough for a browser sign-in the user is already doing) is
// killed. Error messages name the kubeconfig, the user and the plugin, quote the first lines of
// its stderr, and never its stdout, which may hold a token.
// refresh() blocks and serialises concurrent callers (one plugin run serves them all); cached()
// never blocks on a running plugin. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "base/result.h"
#include "kube/credential_source.h"
#include "kube/exec_approval_request.h"
#include "kube/exec_config.h"

namespace scaledeck::kube {

class ExecApprovals;
class LoginShellPath;

class ExecCredentialSource final : public CredentialSource {
public:
    static constexpr const char* kApiVersionV1 = "client.authentication.k8s.io/v1";
    static constexpr const char* kApiVersionV1Beta1 = "client.authentication.k8s.io/v1beta1";

    struct Options {
        std::shared_ptr<ExecApprovals> approvals;    // null: ExecApprovals::shared()
        std::shared_ptr<LoginShellPath> searchPath;  // null: LoginShellPath::shared()
        std::chrono::milliseconds timeout{30000};
        std::chrono::seconds expiryMargin{10};
        // Injectable for tests; empty: std::chrono::system_clock::now.
        std::function<std::chrono::system_clock::time_point()> now;
    };

    // What provideClusterInfo hands to the plugin (spec.cluster of KUBERNETES_EXEC_INFO).
    struct ClusterInfo {
        std::string server;
        std::string certificateAuthorityPem;
        bool insecureSkipTlsVerify = false;
        std::string tlsServerName;
        std::string proxyUrl;
        std::string configJson;  // the cluster's client.authentication.k8s.io/exec extension
    };

    struct Spec {
        std::string kubeconfigPath;  // the file that defines the user entry
        std::string userName;
        ExecConfig exec;
        ClusterInfo cluster;
        Credentials base;  // client certificate from the kubeconfig, used unless the plugin
                           // returns its own
    };

    // Checks what can be checked without running anything: a command, a supported apiVersion,
    // a usable interactiveMode. Messages start with `where` ("~/.kube/config: user \"u\"").
    static base::Status validate(const ExecConfig& exec, const std::string& where);

    explicit ExecCredentialSource(Spec spec);
    ExecCredentialSource(Spec spec, Options options);
    ~ExecCredentialSource() override;

    std::optional<Credentials> cached() const override;
    base::Result<Credentials> refresh() override;
    void invalidate() override;

    // The command this source runs, for the approval dialog.
    const ExecApprovalRequest& approvalRequest() const { return m_request; }

private:
    std::chrono::system_clock::time_point now() const;
    bool usable(const Credentials& c) const;
    base::Result<Credentials> run();
    std::string execInfoJson() const;
    base::Result<Credentials> parseOutput(const std::string& out) const;
    base::Error failure(base::ErrorKind kind, const std::string& what) const;

    const Spec m_spec;
    Options m_options;
    ExecApprovalRequest m_request;
    std::string m_where;  // "~/.kube/config: user \"u\""

    std::mutex m_refreshMutex;  // one plugin run at a time
    mutable std::mutex m_stateMutex;
    std::optional<Credentials> m_cached;
    std::atomic<std::uint64_t> m_generation{0};
};

}  // namespace scaledeck::kube
