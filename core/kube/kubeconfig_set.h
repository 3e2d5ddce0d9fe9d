// KubeconfigSet: the kubeconfig kubectl would use, merged from the files it would read, and the
// place where a context becomes a ResolvedContext. The files are, as in kubectl: an explicit
// path (--kubeconfig; it must exist), else every file in $KUBECONFIG (colon-separated; missing
// files are skipped), else ~/.kube/config (missing: no contexts); when no file defines a context
// and this is a pod (KUBERNETES_SERVICE_HOST/PORT and a service-account token), the set offers
// the in-cluster context "in-cluster" instead.
// Merging follows kubectl: for clusters, users and contexts, the first file that defines a name
// wins; current-context comes from the first file that sets one. Every entry keeps the file it
// came from, so relative paths resolve against that file's folder and every message names it.
// resolve() reads certificate and token files, decodes base64 and picks the credential source:
// static, token file (re-read on change) or exec plugin (approved once, see ExecApprovals). It
// runs no plugin and no shell: that is refresh()'s job on a worker thread, so resolve() is safe
// on the GUI thread. The public API uses no Qt types (a fuzzer drives it). Never throws; a set
// is an immutable value once loaded and may be copied across threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "kube/exec_credential_source.h"
#include "kube/in_cluster_config.h"
#include "kube/kubeconfig.h"
#include "kube/resolved_context.h"

namespace scaledeck::kube {

class KubeconfigSet {
public:
    struct LoadOptions {
        std::string explicitPath;                               // --kubeconfig; empty: none
        std::optional<std::string> kubeconfigVariable;          // nullopt: $KUBECONFIG
        std::optional<std::string> home;                        // nullopt: $HOME
        std::optional<InClusterConfig::Environment> inCluster;  // nullopt: this process's
    };

    // The files kubectl would read, in precedence order, whether or not they exist.
    static std::vector<std::string> candidatePaths(const LoadOptions& options = {});
    // Loads and merges them. Fails on the first file that exists but cannot be read or parsed
    // (the message names it), and when an explicit path does not exist.
    static base::Result<KubeconfigSet> load(const LoadOptions& options = {});
    // A set of already parsed files, first one winning.
    static KubeconfigSet fromFiles(std::vector<Kubeconfig> files);

    // How exec plugins run (approval store, PATH lookup, timeout). Default: the user's store
    // and the login shell's PATH.
    void setExecOptions(ExecCredentialSource::Options options) {
        m_execOptions = std::move(options);
    }
    const ExecCredentialSource::Options& execOptions() const { return m_execOptions; }

    const std::vector<Kubeconfig>& files() const { return m_files; }
    // The files that were looked at (including missing ones), for messages.
    const std::vector<std::string>& searchedPaths() const { return m_searched; }
    // "~/.kube/config", "~/a:~/b", or "in-cluster service account"; for window titles.
    std::string displayName() const;
    bool usesInCluster() const { return m_inCluster.has_value(); }

    // The merged current-context ("in-cluster" when that is what the set offers).
    std::string currentContext() const;
    // Every context name: the first file's in its order, then new names of the next files.
    std::vector<std::string> contextNames() const;

    const Kubeconfig::Context* findContext(const std::string& name) const;
    const Kubeconfig::Cluster* findCluster(const std::string& name) const;
    const Kubeconfig::User* findUser(const std::string& name) const;

    // Follows a context (empty: current-context) to a usable connection description.
    // `credentials` is never null on success. Errors name the file, the entry and what to do.
    base::Result<ResolvedContext> resolve(const std::string& contextName = {}) const;

private:
    std::string filesLabel() const;

    std::vector<Kubeconfig> m_files;
    std::vector<std::string> m_searched;
    std::optional<InClusterConfig::Environment> m_inCluster;
    ExecCredentialSource::Options m_execOptions;
};

}  // namespace scaledeck::kube
