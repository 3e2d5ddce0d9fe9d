#include "cli/cli_options.h"

#include <cstddef>
#include <vector>

#include "cli/resource_kind.h"

namespace scaledeck::cli {

namespace {

enum class Flag {
    Namespace,
    AllNamespaces,
    Selector,
    Output,
    Kubeconfig,
    Context,
    ApproveExec,
    Help
};

struct FlagSpec {
    Flag flag;
    std::string_view longName;
    char shortName;  // 0: none
    bool takesValue;
};

constexpr FlagSpec kFlags[] = {
    {Flag::Namespace, "namespace", 'n', true},
    {Flag::AllNamespaces, "all-namespaces", 'A', false},
    {Flag::Selector, "selector", 'l', true},
    {Flag::Output, "output", 'o', true},
    {Flag::Kubeconfig, "kubeconfig", 0, true},
    {Flag::Context, "context", 0, true},
    {Flag::ApproveExec, "approve-exec", 0, false},
    {Flag::Help, "help", 'h', false},
};

const FlagSpec* findLong(std::string_view name) {
    for (const auto& spec : kFlags) {
        if (spec.longName == name)
            return &spec;
    }
    return nullptr;
}

const FlagSpec* findShort(char name) {
    for (const auto& spec : kFlags) {
        if (spec.shortName == name)
            return &spec;
    }
    return nullptr;
}

std::string shown(const FlagSpec& spec) {
    std::string text = "--" + std::string(spec.longName);
    if (spec.shortName != 0)
        text = std::string("-") + spec.shortName + "/" + text;
    return text;
}

base::Error usageError(std::string message) {
    return base::Error::invalid(std::move(message));
}

class Parser {
public:
    explicit Parser(std::span<const std::string> args) : m_args(args) {}

    base::Result<CliOptions> run() {
        bool flagsEnded = false;
        for (m_at = 0; m_at < m_args.size(); ++m_at) {
            const std::string& arg = m_args[m_at];
            base::Status status;
            if (flagsEnded || arg == "-" || arg.size() < 2 || arg[0] != '-')
                status = positional(arg);
            else if (arg == "--")
                flagsEnded = true;
            else if (arg[1] == '-')
                status = longFlag(std::string_view(arg).substr(2));
            else
                status = shortFlags(std::string_view(arg).substr(1));
            if (!status.ok())
                return status.error();
        }
        if (m_options.help)
            return m_options;
        if (m_positionals.empty())
            return usageError("missing command: try `scaledeck-cli get pods`");
        if (m_options.resourceType.empty())
            return usageError("get needs a resource type, one of: " +
                              ResourceKinds::supportedText());
        return m_options;
    }

private:
    base::Status positional(const std::string& arg) {
        m_positionals.push_back(arg);
        if (m_positionals.size() == 1) {
            if (arg != "get")
                return usageError("unknown command \"" + arg +
                                  "\": scaledeck-cli has one command, get");
            return {};
        }
        if (m_positionals.size() == 2) {
            if (arg.empty())
                return usageError("get needs a resource type, one of: " +
                                  ResourceKinds::supportedText());
            m_options.resourceType = arg;
            return {};
        }
        return usageError("get takes one resource type and no object names (got \"" + arg +
                          "\" after \"" + m_options.resourceType +
                          "\"); filter with -l SELECTOR instead");
    }

    base::Status longFlag(std::string_view body) {
        const auto equals = body.find('=');
        const std::string_view name = body.substr(0, equals);
        const FlagSpec* spec = findLong(name);
        if (spec == nullptr)
            return usageError("unknown flag --" + std::string(name));
        std::optional<std::string> inlineValue;
        if (equals != std::string_view::npos)
            inlineValue = std::string(body.substr(equals + 1));
        return apply(*spec, std::move(inlineValue));
    }

    // "-A", "-n NS", "-nNS", "-n=NS", "-Ao name": boolean shorthands may be grouped, and a
    // shorthand that takes a value takes the rest of the argument.
    base::Status shortFlags(std::string_view body) {
        for (std::size_t i = 0; i < body.size(); ++i) {
            const FlagSpec* spec = findShort(body[i]);
            if (spec == nullptr)
                return usageError("unknown shorthand flag -" + std::string(1, body[i]));
            if (!spec->takesValue) {
                if (auto status = apply(*spec, std::nullopt); !status.ok())
                    return status;
                continue;
            }
            std::optional<std::string> inlineValue;
            if (i + 1 < body.size()) {
                std::string_view rest = body.substr(i + 1);
                if (rest.front() == '=')
                    rest.remove_prefix(1);
                inlineValue = std::string(rest);
            }
            return apply(*spec, std::move(inlineValue));
        }
        return {};
    }

    base::Status apply(const FlagSpec& spec, std::optional<std::string> inlineValue) {
        if (!spec.takesValue) {
            bool on = true;
            if (inlineValue) {
                if (*inlineValue == "true")
                    on = true;
                else if (*inlineValue == "false")
                    on = false;
                else
                    return usageError(shown(spec) + " is a switch; it takes true or false, not \"" +
                                      *inlineValue + "\"");
            }
            setSwitch(spec.flag, on);
            return {};
        }
        std::string value;
        if (inlineValue) {
            value = std::move(*inlineValue);
        } else if (m_at + 1 < m_args.size()) {
            value = m_args[++m_at];
        } else {
            return usageError(shown(spec) + " needs a value");
        }
        return setValue(spec, std::move(value));
    }

    void setSwitch(Flag flag, bool on) {
        switch (flag) {
            case Flag::AllNamespaces:
                m_options.allNamespaces = on;
                break;
            case Flag::ApproveExec:
                m_options.approveExec = on;
                break;
            case Flag::Help:
                m_options.help = on;
                break;
            default:
                break;
        }
    }

    base::Status setValue(const FlagSpec& spec, std::string value) {
        switch (spec.flag) {
            case Flag::Namespace:
                if (value.empty())
                    return usageError(shown(spec) + " needs a namespace name");
                m_options.namespaceName = std::move(value);
                return {};
            case Flag::Selector:
                m_options.labelSelector = std::move(value);
                return {};
            case Flag::Output:
                if (value == "table")
                    m_options.output = OutputFormat::Table;
                else if (value == "json")
                    m_options.output = OutputFormat::Json;
                else if (value == "name")
                    m_options.output = OutputFormat::Name;
                else
                    return usageError("output format \"" + value +
                                      "\" is not supported; use -o table, -o json or -o name");
                return {};
            case Flag::Kubeconfig:
                if (value.empty())
                    return usageError("--kubeconfig needs a file name");
                m_options.kubeconfig = std::move(value);
                return {};
            case Flag::Context:
                if (value.empty())
                    return usageError("--context needs a context name");
                m_options.context = std::move(value);
                return {};
            default:
                return {};
        }
    }

    std::span<const std::string> m_args;
    std::size_t m_at = 0;
    std::vector<std::string> m_positionals;
    CliOptions m_options;
};

}  // namespace

base::Result<CliOptions> CliOptions::parse(std::span<const std::string> args) {
    return Parser(args).run();
}

std::string CliOptions::usage() {
    return "usage: scaledeck-cli get <type> [-n NAMESPACE | -A] [-l SELECTOR] [-o "
           "table|json|name]\n"
           "                     [--kubeconfig FILE] [--context NAME] [--approve-exec]\n"
           "\n"
           "Lists objects of one type from a Kubernetes cluster, as `kubectl get` does, through\n"
           "ScaleDeck's client (paged lists, streaming decode).\n"
           "\n"
           "types: " +
           ResourceKinds::supportedText() +
           "\n"
           "\n"
           "  -n, --namespace NAME    the namespace (default: the context's, else \"default\")\n"
           "  -A, --all-namespaces    every namespace\n"
           "  -l, --selector SEL      label selector, e.g. app=web,tier!=cache\n"
           "  -o, --output FORMAT     table (kubectl's columns), json (ScaleDeck's row schema)\n"
           "                          or name (kubectl's type/name lines)\n"
           "      --kubeconfig FILE   default: every file in $KUBECONFIG, else ~/.kube/config\n"
           "      --context NAME      default: the kubeconfig's current-context\n"
           "      --approve-exec      approve the context's exec credential plugin command\n"
           "                          (ScaleDeck runs such a command only once approved)\n"
           "\n"
           "Exit codes: 0 success, 1 failure (message on stderr), 2 usage error.\n";
}

}  // namespace scaledeck::cli
