// libFuzzer target: arbitrary bytes as a kubeconfig. Parsing must never crash, hang or throw,
// and neither may resolving every context it defines (plus the current one) and asking each
// credential source for its cached credentials. The file "lives" in a private temporary folder,
// so relative certificate and token paths resolve there; exec plugins are resolved but never
// run (resolve() runs nothing), and their approvals store is in that folder too.
#include <stdlib.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "kube/exec_approvals.h"
#include "kube/exec_credential_source.h"
#include "kube/kubeconfig.h"
#include "kube/kubeconfig_set.h"
#include "kube/login_shell_path.h"

namespace {

const std::string& scratchDir() {
    static const std::string dir = [] {
        char templ[] = "/tmp/scaledeck-kubeconfig-fuzz-XXXXXX";
        const char* made = ::mkdtemp(templ);
        return std::string(made ? made : "/tmp");
    }();
    return dir;
}

const scaledeck::kube::ExecCredentialSource::Options& execOptions() {
    static const scaledeck::kube::ExecCredentialSource::Options options = [] {
        scaledeck::kube::ExecCredentialSource::Options o;
        o.approvals =
            std::make_shared<scaledeck::kube::ExecApprovals>(scratchDir() + "/approvals.json");
        scaledeck::kube::LoginShellPath::Options shell;
        shell.shell = "/nonexistent/shell";
        shell.currentPath = "/usr/bin:/bin";
        o.searchPath = std::make_shared<scaledeck::kube::LoginShellPath>(shell);
        return o;
    }();
    return options;
}

void exercise(const scaledeck::kube::KubeconfigSet& set, const std::string& name) {
    auto context = set.resolve(name);
    if (!context.ok())
        return;
    if (!context->credentials)
        __builtin_trap();  // resolve() promises a credential source
    (void)context->credentials->cached();
    if (context->execApproval)
        (void)context->execApproval->describe();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto config = scaledeck::kube::Kubeconfig::parse(text, scratchDir() + "/config");
    if (!config.ok())
        return 0;
    auto set = scaledeck::kube::KubeconfigSet::fromFiles({*config});
    set.setExecOptions(execOptions());
    for (const std::string& name : set.contextNames())
        exercise(set, name);
    exercise(set, {});
    (void)set.displayName();
    return 0;
}
