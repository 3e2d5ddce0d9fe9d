#include "kube/exec_approval_request.h"

#include <algorithm>
#include <string_view>

#include "kube/kubeconfig.h"

namespace scaledeck::kube {

namespace {

// Characters that never need quoting in a POSIX shell word.
bool isPlainWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("-_./:=@%+,").find(c) != std::string_view::npos;
}

std::string shellQuote(const std::string& word) {
    if (!word.empty() && std::all_of(word.begin(), word.end(), isPlainWordChar))
        return word;
    std::string out = "'";
    for (char c : word) {
        if (c == '\'')
            out += "'\\''";
        else
            out.push_back(c);
    }
    return out + "'";
}

}  // namespace

std::string ExecApprovalRequest::commandLine() const {
    std::string out = shellQuote(command);
    for (const auto& arg : args)
        out += " " + shellQuote(arg);
    return out;
}

std::string ExecApprovalRequest::describe() const {
    std::string text = "The kubeconfig " + Kubeconfig::displayPath(kubeconfigPath) +
                       " asks ScaleDeck to run this command to sign in as user \"" + userName +
                       "\":\n\n    " + commandLine() + "\n";
    if (!env.empty()) {
        text += "\nwith these environment variables:\n";
        for (const auto& var : env)
            text += "    " + var.name + "=" + shellQuote(var.value) + "\n";
    }
    text +=
        "\nIt runs with your permissions whenever the cluster needs new credentials. Approve it "
        "only if you trust this kubeconfig; if the command changes, ScaleDeck asks again.";
    return text;
}

}  // namespace scaledeck::kube
