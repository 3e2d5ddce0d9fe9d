// scaledeck-cli against a real scaledeck-sim over HTTPS, side by side with the real kubectl on
// the same kubeconfig: the same names for `get pods -A -o name`, the same table cells for `get
// hpa` and `get pods -A` (AGE aside: kubectl's ages come from the simulator's manual clock,
// ours from this machine's), kubectl's "No resources found" line, and one clear line with exit
// code 1 for a forbidden list, a rejected token, an unknown context, an unreachable server and
// an exec plugin awaiting approval (2 for usage errors). The simulator runs the bundled GL-006
// scenario with one change: the viewer may only read namespace greenlang.
#include <gtest/gtest.h>

#include <QString>
#include <QTemporaryDir>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/sim_instance.h"
#include "support/subprocess.h"
#include "support/text_lines.h"
#include "unit/kube/kube_fixtures.h"

#ifndef SCALEDECK_CLI_BINARY
#error "tests/CMakeLists.txt defines SCALEDECK_CLI_BINARY"
#endif

namespace scaledeck::test {
namespace {

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

void writeFile(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

std::vector<std::string> lines(const std::string& text) {
    return scaledeck::test::nonEmptyLines(text);
}

// A table line split into cells: kubectl separates columns by at least three spaces, and no
// cell of these tables holds two spaces in a row.
std::vector<std::string> cells(const std::string& line) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < line.size()) {
        const std::size_t gap = line.find("  ", at);
        out.push_back(line.substr(at, gap - at));
        if (gap == std::string::npos)
            break;
        at = line.find_first_not_of(' ', gap);
    }
    return out;
}

// Every line's cells without the column headed `dropped`.
std::vector<std::vector<std::string>> tableWithout(const std::string& text, const char* dropped) {
    std::vector<std::vector<std::string>> rows;
    std::size_t column = std::string::npos;
    for (const auto& line : lines(text)) {
        auto row = cells(line);
        if (rows.empty()) {
            const auto found = std::find(row.begin(), row.end(), dropped);
            column = found == row.end() ? std::string::npos
                                        : static_cast<std::size_t>(found - row.begin());
        }
        if (column < row.size())
            row.erase(row.begin() + static_cast<std::ptrdiff_t>(column));
        rows.push_back(std::move(row));
    }
    return rows;
}

class CliGetTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        const std::string bundled =
            readFile(std::string(SCALEDECK_SOURCE_DIR) + "/resources/scenarios/gl-006.yaml");
        const std::string viewer = "  - name: viewer\n";
        const std::string everywhere = "namespaces: [\"*\"]}";
        const auto user = bundled.find(viewer);
        ASSERT_NE(user, std::string::npos) << "the bundled scenario changed its users";
        const auto rule = bundled.find(everywhere, user);
        ASSERT_NE(rule, std::string::npos);
        std::string scenario = bundled;
        scenario.replace(rule, everywhere.size(), "namespaces: [greenlang]}");
        s_scenarioDir = std::make_unique<QTemporaryDir>();
        const std::string path =
            s_scenarioDir->filePath(QStringLiteral("gl-006-viewer.yaml")).toStdString();
        writeFile(path, scenario);
        s_sim = SimInstance::start({"--clock", "manual", "--scenario", path});
        ASSERT_TRUE(s_sim);
        s_sim->advance(120);  // the scenario's pods are scheduled, started and ready
    }
    static void TearDownTestSuite() {
        s_sim.reset();
        s_scenarioDir.reset();
    }

    static const SimInstance& sim() { return *s_sim; }

    // Runs scaledeck-cli with the simulator's kubeconfig; approvals go to a scratch folder.
    static ProcessResult cli(const std::vector<std::string>& args,
                             std::map<std::string, std::string> env = {}) {
        std::vector<std::string> argv = {SCALEDECK_CLI_BINARY};
        argv.insert(argv.end(), args.begin(), args.end());
        env.try_emplace("KUBECONFIG", sim().kubeconfig());
        env.try_emplace("HOME", sim().dir());
        env.try_emplace("XDG_CONFIG_HOME", sim().dir() + "/config");
        return runProcess(argv, env, {}, std::chrono::seconds(60));
    }

    static std::string scratch(const std::string& name) { return sim().dir() + "/" + name; }

    static std::unique_ptr<SimInstance> s_sim;
    static std::unique_ptr<QTemporaryDir> s_scenarioDir;
};

std::unique_ptr<SimInstance> CliGetTest::s_sim;
std::unique_ptr<QTemporaryDir> CliGetTest::s_scenarioDir;

TEST_F(CliGetTest, PodNamesMatchKubectl) {
    const auto ours = cli({"get", "pods", "-A", "-o", "name"});
    const auto theirs = sim().kubectl({"get", "pods", "-A", "-o", "name"});
    ASSERT_EQ(ours.exitCode, 0) << ours.err;
    ASSERT_EQ(theirs.exitCode, 0) << theirs.err;
    const auto ourLines = lines(ours.out);
    const auto theirLines = lines(theirs.out);
    EXPECT_GE(ourLines.size(), 5u);
    EXPECT_EQ(std::set<std::string>(ourLines.begin(), ourLines.end()),
              std::set<std::string>(theirLines.begin(), theirLines.end()));
    EXPECT_EQ(ourLines, theirLines) << "in the server's order";
    EXPECT_EQ(ours.err, "");
}

TEST_F(CliGetTest, NamesWithSelectorAndGroupPrefixesMatchKubectl) {
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"get", "po", "-n", "greenlang", "-l", "app=gl-006-heatreclaim",
                                   "-o", "name"},
          {"get", "deploy", "-A", "-o", "name"},
          {"get", "sts", "-n", "greenlang", "-o", "name"},
          {"get", "hpa", "-n", "greenlang", "-o", "name"},
          {"get", "pdb", "-n", "greenlang", "-o", "name"},
          {"get", "no", "-o", "name"}}) {
        SCOPED_TRACE(args[1]);
        const auto ours = cli(args);
        const auto theirs = sim().kubectl(args);
        ASSERT_EQ(ours.exitCode, 0) << ours.err;
        ASSERT_EQ(theirs.exitCode, 0) << theirs.err;
        EXPECT_FALSE(ours.out.empty());
        EXPECT_EQ(ours.out, theirs.out);
    }
}

TEST_F(CliGetTest, HpaColumnsMatchKubectl) {
    const auto ours = cli({"get", "hpa", "-n", "greenlang"});
    const auto theirs = sim().kubectl({"get", "hpa", "-n", "greenlang"});
    ASSERT_EQ(ours.exitCode, 0) << ours.err;
    ASSERT_EQ(theirs.exitCode, 0) << theirs.err;
    const auto ourTable = tableWithout(ours.out, "AGE");
    ASSERT_GE(ourTable.size(), 2u);
    EXPECT_EQ(ourTable.front(), (std::vector<std::string>{"NAME", "REFERENCE", "TARGETS", "MINPODS",
                                                          "MAXPODS", "REPLICAS"}));
    EXPECT_EQ(ourTable, tableWithout(theirs.out, "AGE"));
    // The same layout: every column but AGE starts where kubectl's does.
    EXPECT_EQ(lines(ours.out).front(), lines(theirs.out).front());
}

TEST_F(CliGetTest, PodTableAcrossNamespacesMatchesKubectl) {
    const auto ours = cli({"get", "pods", "--all-namespaces"});
    const auto theirs = sim().kubectl({"get", "pods", "--all-namespaces"});
    ASSERT_EQ(ours.exitCode, 0) << ours.err;
    ASSERT_EQ(theirs.exitCode, 0) << theirs.err;
    const auto ourTable = tableWithout(ours.out, "AGE");
    EXPECT_EQ(ourTable.front(),
              (std::vector<std::string>{"NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS"}));
    EXPECT_EQ(ourTable, tableWithout(theirs.out, "AGE"));
}

TEST_F(CliGetTest, JsonListsTheSameObjects) {
    const auto ours = cli({"get", "deployments", "-n", "greenlang", "-o", "json"});
    ASSERT_EQ(ours.exitCode, 0) << ours.err;
    const auto doc = nlohmann::json::parse(ours.out, nullptr, false);
    ASSERT_FALSE(doc.is_discarded()) << ours.out;
    EXPECT_EQ(doc["apiVersion"], "scaledeck.io/cli/v1");
    EXPECT_EQ(doc["kind"], "DeploymentList");
    const auto theirs = sim().kubectl({"get", "deployments", "-n", "greenlang", "-o", "json"});
    ASSERT_EQ(theirs.exitCode, 0) << theirs.err;
    const auto list = nlohmann::json::parse(theirs.out);
    ASSERT_EQ(doc["items"].size(), list["items"].size());
    for (std::size_t i = 0; i < list["items"].size(); ++i) {
        EXPECT_EQ(doc["items"][i]["name"], list["items"][i]["metadata"]["name"]);
        EXPECT_EQ(doc["items"][i]["replicas"], list["items"][i]["spec"]["replicas"]);
    }
}

TEST_F(CliGetTest, EmptyListSaysSoLikeKubectl) {
    const auto ours = cli({"get", "pods", "-n", "nothing-here"});
    const auto theirs = sim().kubectl({"get", "pods", "-n", "nothing-here"});
    EXPECT_EQ(ours.exitCode, 0);
    EXPECT_EQ(ours.out, "");
    EXPECT_EQ(ours.err, theirs.err);
    EXPECT_EQ(ours.err, "No resources found in nothing-here namespace.\n");
}

TEST_F(CliGetTest, ForbiddenListQuotesTheServerAndSaysWhatToDo) {
    const auto ours = cli({"get", "pods", "-A", "--context", "scaledeck-demo-viewer"});
    const auto theirs = sim().kubectl({"get", "pods", "-A", "--context", "scaledeck-demo-viewer"});
    EXPECT_EQ(ours.exitCode, 1);
    EXPECT_NE(theirs.exitCode, 0);
    EXPECT_EQ(ours.out, "");
    EXPECT_EQ(lines(ours.err).size(), 1u) << ours.err;
    const std::string serverSays =
        "pods is forbidden: User \"viewer\" cannot list resource \"pods\" in API group \"\" at "
        "the cluster scope";
    EXPECT_NE(theirs.err.find(serverSays), std::string::npos) << theirs.err;
    EXPECT_NE(ours.err.find(serverSays), std::string::npos) << ours.err;
    EXPECT_NE(ours.err.find("-n NAMESPACE"), std::string::npos) << ours.err;
    // What the viewer may read still works.
    const auto allowed =
        cli({"get", "pods", "-n", "greenlang", "--context", "scaledeck-demo-viewer", "-o", "name"});
    EXPECT_EQ(allowed.exitCode, 0) << allowed.err;
    EXPECT_FALSE(allowed.out.empty());
}

TEST_F(CliGetTest, RejectedTokenIsOneLineWithoutTheToken) {
    std::string kubeconfig = readFile(sim().kubeconfig());
    const std::string token = sim().token("admin");
    ASSERT_FALSE(token.empty());
    const std::string wrong = "not-the-admin-token-5d1c0e";
    for (auto at = kubeconfig.find(token); at != std::string::npos; at = kubeconfig.find(token))
        kubeconfig.replace(at, token.size(), wrong);
    writeFile(scratch("bad-token.yaml"), kubeconfig);
    const auto ours = cli({"get", "nodes", "--kubeconfig", scratch("bad-token.yaml")});
    EXPECT_EQ(ours.exitCode, 1);
    EXPECT_EQ(lines(ours.err).size(), 1u) << ours.err;
    EXPECT_NE(ours.err.find("rejected the credentials of user \"admin\""), std::string::npos)
        << ours.err;
    EXPECT_NE(ours.err.find("HTTP 401"), std::string::npos) << ours.err;
    EXPECT_EQ(ours.err.find(wrong), std::string::npos) << "never print a token";
    EXPECT_EQ(ours.err.find(token), std::string::npos);
}

TEST_F(CliGetTest, UnreachableServerNamesItAndSaysWhatToCheck) {
    std::string kubeconfig = readFile(sim().kubeconfig());
    const std::string server = "https://127.0.0.1:" + std::to_string(sim().port());
    ASSERT_NE(kubeconfig.find(server), std::string::npos);
    kubeconfig.replace(kubeconfig.find(server), server.size(), "https://127.0.0.1:1");
    writeFile(scratch("unreachable.yaml"), kubeconfig);
    const auto ours = cli({"get", "pods", "--kubeconfig", scratch("unreachable.yaml")});
    EXPECT_EQ(ours.exitCode, 1);
    EXPECT_EQ(lines(ours.err).size(), 1u) << ours.err;
    EXPECT_NE(ours.err.find("https://127.0.0.1:1"), std::string::npos) << ours.err;
    EXPECT_NE(ours.err.find("check that the cluster is running"), std::string::npos) << ours.err;
}

TEST_F(CliGetTest, UsageAndLookupErrors) {
    const auto unknownContext = cli({"get", "pods", "--context", "nope"});
    EXPECT_EQ(unknownContext.exitCode, 1);
    EXPECT_NE(unknownContext.err.find("context \"nope\" is not defined"), std::string::npos)
        << unknownContext.err;
    EXPECT_NE(unknownContext.err.find("scaledeck-demo-viewer"), std::string::npos);

    const auto unknownKind = cli({"get", "widgets"});
    EXPECT_EQ(unknownKind.exitCode, 1);
    EXPECT_NE(unknownKind.err.find("unknown resource type \"widgets\""), std::string::npos)
        << unknownKind.err;

    const auto badFlag = cli({"get", "pods", "--watch"});
    EXPECT_EQ(badFlag.exitCode, 2);
    EXPECT_NE(badFlag.err.find("unknown flag --watch"), std::string::npos) << badFlag.err;

    const auto missingFile = cli({"get", "pods", "--kubeconfig", scratch("absent.yaml")});
    EXPECT_EQ(missingFile.exitCode, 1);
    EXPECT_NE(missingFile.err.find("absent.yaml"), std::string::npos) << missingFile.err;

    const auto help = cli({"--help"});
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_NE(help.out.find("usage: scaledeck-cli get"), std::string::npos);
}

TEST_F(CliGetTest, ExecPluginRunsOnlyOnceApproved) {
    const QString plugins = QString::fromStdString(scratch("plugins"));
    ASSERT_TRUE(kube::testing::copyPluginFixtures(plugins));
    writeFile(scratch("admin.token"), sim().token("admin"));
    const std::string server = "https://127.0.0.1:" + std::to_string(sim().port());
    const std::string original = readFile(sim().kubeconfig());
    const auto caAt = original.find("certificate-authority-data: ");
    ASSERT_NE(caAt, std::string::npos);
    const std::string caLine = original.substr(caAt, original.find('\n', caAt) - caAt);
    writeFile(scratch("exec.yaml"),
              "apiVersion: v1\nkind: Config\ncurrent-context: sso\n"
              "clusters:\n- name: sim\n  cluster:\n    server: " +
                  server + "\n    " + caLine +
                  "\n"
                  "users:\n- name: sso-user\n  user:\n    exec:\n"
                  "      apiVersion: client.authentication.k8s.io/v1\n"
                  "      command: " +
                  plugins.toStdString() +
                  "/exec_token.sh\n"
                  "      args: [" +
                  scratch("admin.token") +
                  "]\n"
                  "      interactiveMode: Never\n"
                  "contexts:\n- name: sso\n  context: {cluster: sim, user: sso-user, namespace: "
                  "greenlang}\n");

    const auto refused = cli({"get", "sts", "-o", "name", "--kubeconfig", scratch("exec.yaml")});
    EXPECT_EQ(refused.exitCode, 1);
    EXPECT_EQ(lines(refused.err).size(), 1u) << refused.err;
    EXPECT_NE(refused.err.find("exec_token.sh"), std::string::npos) << refused.err;
    EXPECT_NE(refused.err.find("--approve-exec"), std::string::npos) << refused.err;

    const auto approved =
        cli({"get", "sts", "-o", "name", "--kubeconfig", scratch("exec.yaml"), "--approve-exec"});
    EXPECT_EQ(approved.exitCode, 0) << approved.err;
    EXPECT_NE(approved.out.find("statefulset.apps/redis"), std::string::npos) << approved.out;
    EXPECT_EQ(approved.err.find(sim().token("admin")), std::string::npos);

    const auto remembered = cli({"get", "sts", "-o", "name", "--kubeconfig", scratch("exec.yaml")});
    EXPECT_EQ(remembered.exitCode, 0) << remembered.err;
    EXPECT_EQ(remembered.out, approved.out);
}

}  // namespace
}  // namespace scaledeck::test
