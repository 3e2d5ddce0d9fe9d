// CliOptions: kubectl's command-line forms (flags before or after the type, joined values,
// grouped switches, --) and the usage errors that exit with 2, table-driven.
#include "cli/cli_options.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace scaledeck::cli {
namespace {

struct Accepted {
    const char* name;
    std::vector<std::string> args;
    std::string type;
    std::optional<std::string> ns;
    bool all = false;
    std::string selector;
    OutputFormat output = OutputFormat::Table;
    std::string kubeconfig;
    std::string context;
    bool approveExec = false;
};

TEST(CliOptions, AcceptsKubectlForms) {
    const std::vector<Accepted> cases = {
        {"plain", {"get", "pods"}, "pods"},
        {"namespace after type", {"get", "po", "-n", "greenlang"}, "po", "greenlang"},
        {"namespace before command", {"-n", "greenlang", "get", "pods"}, "pods", "greenlang"},
        {"joined shorthand", {"get", "pods", "-ngreenlang"}, "pods", "greenlang"},
        {"shorthand with equals", {"get", "pods", "-n=greenlang"}, "pods", "greenlang"},
        {"long with equals", {"get", "pods", "--namespace=greenlang"}, "pods", "greenlang"},
        {"long with value", {"get", "pods", "--namespace", "greenlang"}, "pods", "greenlang"},
        {"all namespaces", {"get", "pods", "-A"}, "pods", std::nullopt, true},
        {"all namespaces long", {"get", "pods", "--all-namespaces"}, "pods", std::nullopt, true},
        {"all namespaces false", {"get", "pods", "--all-namespaces=false"}, "pods"},
        {"-A wins over -n", {"get", "pods", "-n", "x", "-A"}, "pods", "x", true},
        {"selector",
         {"get", "pods", "-l", "app=web,tier!=cache"},
         "pods",
         std::nullopt,
         false,
         "app=web,tier!=cache"},
        {"selector long",
         {"get", "pods", "--selector=app in (a,b)"},
         "pods",
         std::nullopt,
         false,
         "app in (a,b)"},
        {"output name",
         {"get", "pods", "-o", "name"},
         "pods",
         std::nullopt,
         false,
         "",
         OutputFormat::Name},
        {"output joined",
         {"get", "pods", "-ojson"},
         "pods",
         std::nullopt,
         false,
         "",
         OutputFormat::Json},
        {"output long",
         {"get", "pods", "--output=table"},
         "pods",
         std::nullopt,
         false,
         "",
         OutputFormat::Table},
        {"grouped switches",
         {"get", "pods", "-Ao", "name"},
         "pods",
         std::nullopt,
         true,
         "",
         OutputFormat::Name},
        {"grouped with joined value",
         {"get", "pods", "-Aoname"},
         "pods",
         std::nullopt,
         true,
         "",
         OutputFormat::Name},
        {"kubeconfig and context",
         {"--kubeconfig", "/tmp/k", "--context=prod", "get", "hpa"},
         "hpa",
         std::nullopt,
         false,
         "",
         OutputFormat::Table,
         "/tmp/k",
         "prod"},
        {"approve exec",
         {"get", "nodes", "--approve-exec"},
         "nodes",
         std::nullopt,
         false,
         "",
         OutputFormat::Table,
         "",
         "",
         true},
        {"double dash ends flags", {"get", "--", "pods"}, "pods"},
        {"type kept as typed", {"get", "Deployments.apps"}, "Deployments.apps"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        const auto parsed = CliOptions::parse(c.args);
        ASSERT_TRUE(parsed.ok()) << parsed.error().message;
        EXPECT_FALSE(parsed->help);
        EXPECT_EQ(parsed->resourceType, c.type);
        EXPECT_EQ(parsed->namespaceName, c.ns);
        EXPECT_EQ(parsed->allNamespaces, c.all);
        EXPECT_EQ(parsed->labelSelector, c.selector);
        EXPECT_EQ(parsed->output, c.output);
        EXPECT_EQ(parsed->kubeconfig, c.kubeconfig);
        EXPECT_EQ(parsed->context, c.context);
        EXPECT_EQ(parsed->approveExec, c.approveExec);
    }
}

TEST(CliOptions, HelpNeedsNoCommand) {
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"--help"}, {"-h"}, {"get", "-h"}}) {
        const auto parsed = CliOptions::parse(args);
        ASSERT_TRUE(parsed.ok()) << parsed.error().message;
        EXPECT_TRUE(parsed->help);
    }
    EXPECT_NE(CliOptions::usage().find("pods (po)"), std::string::npos);
}

struct Rejected {
    const char* name;
    std::vector<std::string> args;
    const char* messagePart;
};

TEST(CliOptions, RejectsUsageErrors) {
    const std::vector<Rejected> cases = {
        {"nothing", {}, "missing command"},
        {"unknown command", {"describe", "pods"}, "unknown command \"describe\""},
        {"no type", {"get"}, "needs a resource type"},
        {"no type after flags", {"get", "-A"}, "needs a resource type"},
        {"object names", {"get", "pods", "web-1"}, "no object names"},
        {"unknown long flag", {"get", "pods", "--watch"}, "unknown flag --watch"},
        {"unknown shorthand", {"get", "pods", "-w"}, "unknown shorthand flag -w"},
        {"missing value", {"get", "pods", "-n"}, "-n/--namespace needs a value"},
        {"missing long value", {"get", "pods", "--context"}, "--context needs a value"},
        {"empty namespace", {"get", "pods", "--namespace="}, "needs a namespace name"},
        {"unsupported output", {"get", "pods", "-o", "yaml"}, "\"yaml\" is not supported"},
        {"wide output", {"get", "pods", "-o", "wide"}, "use -o table, -o json or -o name"},
        {"switch with value", {"get", "pods", "--all-namespaces=yes"}, "takes true or false"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        const auto parsed = CliOptions::parse(c.args);
        ASSERT_FALSE(parsed.ok());
        EXPECT_EQ(parsed.error().kind, base::ErrorKind::Invalid);
        EXPECT_NE(parsed.error().message.find(c.messagePart), std::string::npos)
            << parsed.error().message;
    }
}

}  // namespace
}  // namespace scaledeck::cli
