#include "sim/kubeconfig_writer.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "base/base64.h"

using scaledeck::base::base64Decode;
using scaledeck::base::ErrorKind;
using scaledeck::sim::KubeconfigSpec;
using scaledeck::sim::KubeconfigUser;
using scaledeck::sim::renderKubeconfig;
using scaledeck::sim::writeKubeconfig;

namespace fs = std::filesystem;

namespace {

const std::string kCaPem =
    "-----BEGIN CERTIFICATE-----\nMIIBfake+ca/data==\n-----END CERTIFICATE-----\n";
const std::string kCertPem =
    "-----BEGIN CERTIFICATE-----\nMIIBfake+client/cert\n-----END CERTIFICATE-----\n";
const std::string kKeyPem =
    "-----BEGIN PRIVATE KEY-----\nMIGHfake+key\n-----END PRIVATE KEY-----\n";

// The shape the simulator writes: a token admin, a certificate user, a read-only token user.
KubeconfigSpec demoSpec() {
    KubeconfigSpec spec;
    spec.server = "https://127.0.0.1:6443";
    spec.caPem = kCaPem;
    spec.users = {{"admin", "t-admin", "", ""},
                  {"admin-cert", "", kCertPem, kKeyPem},
                  {"viewer", "t-view", "", ""}};
    spec.defaultUser = "admin";
    spec.defaultNamespace = "greenlang";
    return spec;
}

std::string decoded(const YAML::Node& node) {
    auto r = base64Decode(node.as<std::string>());
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? r.value() : std::string();
}

YAML::Node findNamed(const YAML::Node& seq, const std::string& name) {
    for (const auto& item : seq) {
        if (item["name"].as<std::string>() == name)
            return item;
    }
    return YAML::Node();
}

TEST(KubeconfigWriter, RendersClusterUsersAndContexts) {
    const YAML::Node kc = YAML::Load(renderKubeconfig(demoSpec()));
    EXPECT_EQ(kc["apiVersion"].as<std::string>(), "v1");
    EXPECT_EQ(kc["kind"].as<std::string>(), "Config");
    EXPECT_EQ(kc["current-context"].as<std::string>(), "scaledeck-demo");
    EXPECT_TRUE(kc["preferences"].IsMap());
    EXPECT_EQ(kc["preferences"].size(), 0u);

    ASSERT_EQ(kc["clusters"].size(), 1u);
    const YAML::Node cluster = kc["clusters"][0];
    EXPECT_EQ(cluster["name"].as<std::string>(), "scaledeck-demo");
    EXPECT_EQ(cluster["cluster"]["server"].as<std::string>(), "https://127.0.0.1:6443");
    EXPECT_EQ(decoded(cluster["cluster"]["certificate-authority-data"]), kCaPem);
    EXPECT_FALSE(cluster["cluster"]["insecure-skip-tls-verify"]);

    ASSERT_EQ(kc["users"].size(), 3u);
    const YAML::Node admin = findNamed(kc["users"], "admin");
    ASSERT_TRUE(admin);
    EXPECT_EQ(admin["user"]["token"].as<std::string>(), "t-admin");
    EXPECT_FALSE(admin["user"]["client-certificate-data"]);
    EXPECT_FALSE(admin["user"]["client-key-data"]);
    const YAML::Node certUser = findNamed(kc["users"], "admin-cert");
    ASSERT_TRUE(certUser);
    EXPECT_FALSE(certUser["user"]["token"]);
    EXPECT_EQ(decoded(certUser["user"]["client-certificate-data"]), kCertPem);
    EXPECT_EQ(decoded(certUser["user"]["client-key-data"]), kKeyPem);

    struct ContextRow {
        std::string name;
        std::string user;
    };
    const std::vector<ContextRow> contexts = {{"scaledeck-demo", "admin"},
                                              {"scaledeck-demo-admin", "admin"},
                                              {"scaledeck-demo-admin-cert", "admin-cert"},
                                              {"scaledeck-demo-viewer", "viewer"}};
    ASSERT_EQ(kc["contexts"].size(), contexts.size());
    for (std::size_t i = 0; i < contexts.size(); ++i) {
        const YAML::Node ctx = kc["contexts"][i];
        EXPECT_EQ(ctx["name"].as<std::string>(), contexts[i].name);
        EXPECT_EQ(ctx["context"]["cluster"].as<std::string>(), "scaledeck-demo");
        EXPECT_EQ(ctx["context"]["user"].as<std::string>(), contexts[i].user);
        EXPECT_EQ(ctx["context"]["namespace"].as<std::string>(), "greenlang");
    }
}

TEST(KubeconfigWriter, CustomNamesFlowThrough) {
    KubeconfigSpec spec = demoSpec();
    spec.clusterName = "lab";
    spec.contextName = "lab-ctx";
    spec.defaultUser = "viewer";
    const YAML::Node kc = YAML::Load(renderKubeconfig(spec));
    EXPECT_EQ(kc["clusters"][0]["name"].as<std::string>(), "lab");
    EXPECT_EQ(kc["current-context"].as<std::string>(), "lab-ctx");
    const YAML::Node main = findNamed(kc["contexts"], "lab-ctx");
    ASSERT_TRUE(main);
    EXPECT_EQ(main["context"]["cluster"].as<std::string>(), "lab");
    EXPECT_EQ(main["context"]["user"].as<std::string>(), "viewer");
    EXPECT_TRUE(findNamed(kc["contexts"], "lab-ctx-admin-cert"));
}

TEST(KubeconfigWriter, InsecureDropsTheCaAndPlainHttpHasNeither) {
    KubeconfigSpec spec = demoSpec();
    spec.insecure = true;
    YAML::Node cluster = YAML::Load(renderKubeconfig(spec))["clusters"][0]["cluster"];
    EXPECT_TRUE(cluster["insecure-skip-tls-verify"].as<bool>());
    EXPECT_FALSE(cluster["certificate-authority-data"]);

    spec = demoSpec();
    spec.server = "http://127.0.0.1:8080";
    spec.caPem.clear();
    cluster = YAML::Load(renderKubeconfig(spec))["clusters"][0]["cluster"];
    EXPECT_FALSE(cluster["insecure-skip-tls-verify"]);
    EXPECT_FALSE(cluster["certificate-authority-data"]);
}

TEST(KubeconfigWriter, DefaultsToTheFirstUserAndOmitsAnEmptyNamespace) {
    KubeconfigSpec spec = demoSpec();
    spec.defaultUser.clear();
    spec.defaultNamespace.clear();
    const YAML::Node kc = YAML::Load(renderKubeconfig(spec));
    const YAML::Node main = findNamed(kc["contexts"], "scaledeck-demo");
    ASSERT_TRUE(main);
    EXPECT_EQ(main["context"]["user"].as<std::string>(), "admin");
    EXPECT_FALSE(main["context"]["namespace"]);
}

// kubectl reads YAML 1.1 style: a plain `token: true` would be a bool, `0755` a number. Such
// values must come out quoted (yaml-cpp tags quoted scalars "!") and round-trip unchanged.
TEST(KubeconfigWriter, ValuesThatLookLikeOtherTypesAreQuoted) {
    struct Row {
        std::string token;
        bool mustQuote;
    };
    const std::vector<Row> rows = {
        {"true", true},        {"False", true},    {"yes", true},   {"off", true},
        {"null", true},        {"~", true},        {"12345", true}, {"0755", true},
        {"0x1F", true},        {"1e3", true},      {"-1.5", true},  {"1:20", true},
        {".inf", true},        {"a: b", false},    {"# c", false},  {"- x", false},
        {"'q'", false},        {"t-admin", false}, {"x\"y", false}, {"line\nbreak", false},
        {"  padded  ", false}, {"ünïcödé", false},
    };
    for (const auto& row : rows) {
        KubeconfigSpec spec = demoSpec();
        spec.users = {{"u", row.token, "", ""}};
        spec.defaultNamespace = row.token;
        const std::string text = renderKubeconfig(spec);
        const YAML::Node kc = YAML::Load(text);
        const YAML::Node token = kc["users"][0]["user"]["token"];
        EXPECT_EQ(token.as<std::string>(), row.token) << text;
        EXPECT_EQ(kc["contexts"][0]["context"]["namespace"].as<std::string>(), row.token);
        if (row.mustQuote) {
            EXPECT_EQ(token.Tag(), "!") << "token " << row.token << " is not quoted:\n" << text;
        }
    }
}

class KubeconfigFile : public testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::path(testing::TempDir()) /
                ("kubeconfig_writer_" + std::to_string(::getpid()) + "_" +
                 testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    static std::string readAll(const fs::path& p) {
        std::ifstream in(p);
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    }
    static unsigned mode(const fs::path& p) {
        struct stat st {};
        EXPECT_EQ(::stat(p.c_str(), &st), 0);
        return st.st_mode & 07777;
    }

    fs::path m_dir;
};

TEST_F(KubeconfigFile, WritesAPrivateFileCreatingItsDirectory) {
    const fs::path target = m_dir / "nested" / "kube" / "config";
    const KubeconfigSpec spec = demoSpec();
    auto st = writeKubeconfig(target.string(), spec);
    ASSERT_TRUE(st.ok()) << st.error().message;
    EXPECT_EQ(readAll(target), renderKubeconfig(spec));
    EXPECT_EQ(mode(target), 0600u);
    EXPECT_EQ(mode(target.parent_path()), 0700u);
}

TEST_F(KubeconfigFile, ReplacesAnExistingFileWholeAndLeavesNoTemporaries) {
    fs::create_directories(m_dir);
    const fs::path target = m_dir / "config";
    std::ofstream(target) << "old content that is much longer than nothing\n";
    fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                fs::perms::others_read);
    const mode_t oldMask = ::umask(0);  // a permissive umask must not widen the file
    KubeconfigSpec spec = demoSpec();
    spec.server = "https://127.0.0.1:7000";
    auto st = writeKubeconfig(target.string(), spec);
    ::umask(oldMask);
    ASSERT_TRUE(st.ok()) << st.error().message;
    EXPECT_EQ(readAll(target), renderKubeconfig(spec));
    EXPECT_EQ(mode(target), 0600u);
    std::vector<std::string> entries;
    for (const auto& e : fs::directory_iterator(m_dir))
        entries.push_back(e.path().filename().string());
    EXPECT_EQ(entries, std::vector<std::string>{"config"});
    const YAML::Node kc = YAML::LoadFile(target.string());
    EXPECT_EQ(kc["clusters"][0]["cluster"]["server"].as<std::string>(), "https://127.0.0.1:7000");
}

TEST_F(KubeconfigFile, RefusesSpecsKubectlCouldNotUse) {
    struct Row {
        const char* name;
        void (*mutate)(KubeconfigSpec&);
        std::string message;
    };
    const std::vector<Row> rows = {
        {"no_server", [](KubeconfigSpec& s) { s.server.clear(); },
         "the kubeconfig needs a server URL"},
        {"unknown_default_user", [](KubeconfigSpec& s) { s.defaultUser = "ghost"; },
         "the default user \"ghost\" is not one of the kubeconfig's users"},
        {"certificate_without_key", [](KubeconfigSpec& s) { s.users[1].clientKeyPem.clear(); },
         "kubeconfig user \"admin-cert\" needs both a client certificate and its key"},
        {"unnamed_user", [](KubeconfigSpec& s) { s.users[2].name.clear(); },
         "every kubeconfig user needs a name"},
        {"no_context_name", [](KubeconfigSpec& s) { s.contextName.clear(); },
         "the kubeconfig needs a cluster name and a context name"},
    };
    const fs::path target = m_dir / "config";
    for (const auto& row : rows) {
        KubeconfigSpec spec = demoSpec();
        row.mutate(spec);
        auto st = writeKubeconfig(target.string(), spec);
        ASSERT_FALSE(st.ok()) << row.name;
        EXPECT_EQ(st.error().kind, ErrorKind::Invalid) << row.name;
        EXPECT_EQ(st.error().message, row.message) << row.name;
        EXPECT_FALSE(fs::exists(target)) << row.name;
    }
}

TEST_F(KubeconfigFile, UnwritablePlaceIsAnErrorNamingThePath) {
    fs::create_directories(m_dir);
    const fs::path blocker = m_dir / "not-a-dir";
    std::ofstream(blocker) << "x";
    const std::string target = (blocker / "config").string();
    auto st = writeKubeconfig(target, demoSpec());
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().kind, ErrorKind::Internal);
    EXPECT_EQ(st.error().message.rfind("could not write the kubeconfig " + target + ": ", 0), 0u)
        << st.error().message;
}

}  // namespace
