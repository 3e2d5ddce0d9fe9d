// ExecConfig: the `user.exec` stanza of a kubeconfig, as written: which credential plugin to run
// (client.authentication.k8s.io/v1 or v1beta1), with which arguments and extra environment, and
// how it may interact with the user. Plain data; what it means (path lookup, approval, running
// it) is ExecCredentialSource's job. Copies are independent and may cross threads.
#pragma once

#include <string>
#include <vector>

namespace scaledeck::kube {

struct ExecEnvVar {
    std::string name;
    std::string value;

    bool operator==(const ExecEnvVar&) const = default;
};

struct ExecConfig {
    std::string apiVersion;  // client.authentication.k8s.io/v1 or /v1beta1
    std::string command;     // as written: absolute, relative to the kubeconfig, or a bare name
    std::vector<std::string> args;
    std::vector<ExecEnvVar> env;  // added to ScaleDeck's environment, in this order
    std::string interactiveMode;  // Never, IfAvailable or Always; empty when not written
    bool provideClusterInfo = false;
    std::string installHint;  // shown when the command cannot be found
};

}  // namespace scaledeck::kube
