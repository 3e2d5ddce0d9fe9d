// Kubeconfig: loading one file and resolving contexts, including every error a person can make
// in a kubeconfig, each of which must name the file and the entry.
#include "kube/kubeconfig.h"

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <cstdlib>
#include <string>

#include "base/base64.h"
#include "kube/exec_approvals.h"

using scaledeck::base::ErrorKind;
using scaledeck::kube::Credentials;
using scaledeck::kube::Kubeconfig;
using scaledeck::kube::ResolvedContext;

namespace {

Credentials secrets(const ResolvedContext& context) {
    return context.credentials ? context.credentials->cached().value_or(Credentials{})
                               : Credentials{};
}

const std::string kCaPem =
    "-----BEGIN "
    "CERTIFICATE-----\nMIIBdzCCAR2gAwIBAgIBATAKBggqhkjOPQQDAjAAMB4XDTI0MDEwMTAwMDAwMFoX\n"
    "-----END CERTIFICATE-----\n";
const std::string kCertPem =
    "-----BEGIN CERTIFICATE-----\nMIIBclientcertificate\n-----END CERTIFICATE-----\n";
const std::string kKeyPem =
    "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIkey\n-----END EC PRIVATE KEY-----\n";

void writeFile(const QString& path, const std::string& content) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content.data(), static_cast<qint64>(content.size()));
}

// A valid kubeconfig with a token user, a certificate user and three contexts.
std::string goodConfig() {
    using scaledeck::base::base64Encode;
    return "apiVersion: v1\n"
           "kind: Config\n"
           "current-context: dev\n"
           "clusters:\n"
           "- name: dev-cluster\n"
           "  cluster:\n"
           "    server: https://10.0.0.1:6443/\n"
           "    certificate-authority-data: " +
           base64Encode(kCaPem) +
           "\n"
           "    tls-server-name: api.dev.example\n"
           "- name: lab\n"
           "  cluster:\n"
           "    server: https://lab.example:443\n"
           "    insecure-skip-tls-verify: true\n"
           "users:\n"
           "- name: alice\n"
           "  user:\n"
           "    token: s3cr3t-token\n"
           "- name: robot\n"
           "  user:\n"
           "    client-certificate-data: " +
           base64Encode(kCertPem) +
           "\n"
           "    client-key-data: " +
           base64Encode(kKeyPem) +
           "\n"
           "contexts:\n"
           "- name: dev\n"
           "  context:\n"
           "    cluster: dev-cluster\n"
           "    user: alice\n"
           "    namespace: greenlang\n"
           "- name: lab-robot\n"
           "  context:\n"
           "    cluster: lab\n"
           "    user: robot\n"
           "- name: anonymous\n"
           "  context:\n"
           "    cluster: lab\n";
}

TEST(Kubeconfig, ResolvesTheCurrentContextWithDecodedCaAndToken) {
    auto config = Kubeconfig::parse(goodConfig(), "/etc/kube/config");
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(config->currentContext(), "dev");
    EXPECT_EQ(config->contextNames(), (std::vector<std::string>{"dev", "lab-robot", "anonymous"}));

    auto dev = config->resolve();
    ASSERT_TRUE(dev.ok()) << dev.error().message;
    EXPECT_EQ(dev->contextName, "dev");
    EXPECT_EQ(dev->clusterName, "dev-cluster");
    EXPECT_EQ(dev->userName, "alice");
    EXPECT_EQ(dev->namespaceName, "greenlang");
    EXPECT_EQ(dev->server, "https://10.0.0.1:6443");  // the trailing slash would double up
    EXPECT_EQ(dev->certificateAuthorityPem, kCaPem);
    EXPECT_EQ(dev->tlsServerName, "api.dev.example");
    EXPECT_FALSE(dev->insecureSkipTlsVerify);
    EXPECT_EQ(secrets(*dev).token, "s3cr3t-token");
    EXPECT_TRUE(secrets(*dev).clientCertificatePem.empty());
    EXPECT_EQ(dev->sourcePath, "/etc/kube/config");
}

TEST(Kubeconfig, ResolvesClientCertificatesInsecureClustersAndTheDefaultNamespace) {
    auto config = Kubeconfig::parse(goodConfig(), "/etc/kube/config");
    ASSERT_TRUE(config.ok()) << config.error().message;
    auto robot = config->resolve("lab-robot");
    ASSERT_TRUE(robot.ok()) << robot.error().message;
    EXPECT_EQ(robot->namespaceName, "default");
    EXPECT_TRUE(robot->insecureSkipTlsVerify);
    EXPECT_TRUE(robot->certificateAuthorityPem.empty());
    EXPECT_EQ(secrets(*robot).clientCertificatePem, kCertPem);
    EXPECT_EQ(secrets(*robot).clientKeyPem, kKeyPem);
    EXPECT_TRUE(secrets(*robot).token.empty());

    auto anonymous = config->resolve("anonymous");
    ASSERT_TRUE(anonymous.ok()) << anonymous.error().message;
    EXPECT_TRUE(anonymous->userName.empty());
    EXPECT_TRUE(secrets(*anonymous).token.empty());
}

TEST(Kubeconfig, ResolvesRelativeFilesAgainstTheKubeconfigDirectory) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    writeFile(dir.filePath(QStringLiteral("kube/pki/ca.crt")), kCaPem);
    writeFile(dir.filePath(QStringLiteral("kube/pki/robot.crt")), kCertPem);
    writeFile(dir.filePath(QStringLiteral("kube/pki/robot.key")), kKeyPem);
    writeFile(dir.filePath(QStringLiteral("kube/token")), "  file-token\n");
    const QString path = dir.filePath(QStringLiteral("kube/config"));
    writeFile(path,
              "clusters:\n"
              "- name: c\n"
              "  cluster: {server: 'https://c.example', certificate-authority: pki/ca.crt}\n"
              "users:\n"
              "- name: robot\n"
              "  user: {client-certificate: pki/robot.crt, client-key: pki/robot.key}\n"
              "- name: bot\n"
              "  user: {tokenFile: token}\n"
              "contexts:\n"
              "- {name: robot, context: {cluster: c, user: robot}}\n"
              "- {name: bot, context: {cluster: c, user: bot}}\n");
    // The working directory must not matter: kubectl resolves against the file's directory.
    const QString previous = QDir::currentPath();
    QDir::setCurrent(QDir::rootPath());
    auto config = Kubeconfig::loadFile(path.toStdString());
    ASSERT_TRUE(config.ok()) << config.error().message;
    auto robot = config->resolve("robot");
    auto bot = config->resolve("bot");
    QDir::setCurrent(previous);
    ASSERT_TRUE(robot.ok()) << robot.error().message;
    EXPECT_EQ(robot->certificateAuthorityPem, kCaPem);
    EXPECT_EQ(secrets(*robot).clientCertificatePem, kCertPem);
    EXPECT_EQ(secrets(*robot).clientKeyPem, kKeyPem);
    ASSERT_TRUE(bot.ok()) << bot.error().message;
    EXPECT_EQ(secrets(*bot).token, "file-token");
}

TEST(Kubeconfig, FirstDefinitionOfADuplicateNameWins) {
    auto config = Kubeconfig::parse(
        "clusters:\n"
        "- {name: c, cluster: {server: 'https://first'}}\n"
        "- {name: c, cluster: {server: 'https://second'}}\n"
        "contexts:\n"
        "- {name: x, context: {cluster: c}}\n",
        "/k");
    ASSERT_TRUE(config.ok()) << config.error().message;
    auto x = config->resolve("x");
    ASSERT_TRUE(x.ok()) << x.error().message;
    EXPECT_EQ(x->server, "https://first");
}

TEST(Kubeconfig, AnEmptyFileHasNoContexts) {
    auto config = Kubeconfig::parse("", "/k");
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_TRUE(config->contextNames().empty());
    auto r = config->resolve();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "/k: no current-context is set; choose one of its 0 contexts");
}

struct LoadErrorCase {
    const char* name;
    std::string yaml;
    ErrorKind kind;
    std::string message;  // the exact message, or a prefix when `prefixOnly`
    bool prefixOnly = false;
};

class KubeconfigLoadError : public ::testing::TestWithParam<LoadErrorCase> {};

TEST_P(KubeconfigLoadError, NamesTheFileAndTheEntry) {
    const LoadErrorCase& c = GetParam();
    auto config = Kubeconfig::parse(c.yaml, "/home/x/.kube/config");
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.error().kind, c.kind);
    if (c.prefixOnly) {
        EXPECT_EQ(config.error().message.rfind(c.message, 0), 0u) << config.error().message;
    } else {
        EXPECT_EQ(config.error().message, c.message);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, KubeconfigLoadError,
    ::testing::Values(
        LoadErrorCase{"BadYaml", "clusters:\n- name: a\n  cluster: {server: [\n", ErrorKind::Parse,
                      "/home/x/.kube/config: invalid YAML at line ", true},
        LoadErrorCase{"NotAMap", "just a sentence\n", ErrorKind::Invalid,
                      "/home/x/.kube/config: not a kubeconfig (expected a YAML map)"},
        LoadErrorCase{"WrongKind", "kind: Pod\n", ErrorKind::Invalid,
                      "/home/x/.kube/config: kind is \"Pod\", expected \"Config\""},
        LoadErrorCase{"ClustersNotAList", "clusters: {a: b}\n", ErrorKind::Invalid,
                      "/home/x/.kube/config: clusters must be a list"},
        LoadErrorCase{"EntryWithoutName", "users:\n- user: {token: t}\n", ErrorKind::Invalid,
                      "/home/x/.kube/config: users[0] has no name"},
        LoadErrorCase{"ServerNotAString", "clusters:\n- name: prod\n  cluster: {server: {a: 1}}\n",
                      ErrorKind::Invalid,
                      "/home/x/.kube/config: cluster \"prod\": server must be a string"},
        LoadErrorCase{"InsecureNotABool",
                      "clusters:\n- name: prod\n  cluster: {insecure-skip-tls-verify: maybe}\n",
                      ErrorKind::Invalid,
                      "/home/x/.kube/config: cluster \"prod\": insecure-skip-tls-verify must be "
                      "true or false"},
        LoadErrorCase{"BodyNotAMap", "contexts:\n- name: c\n  context: [1]\n", ErrorKind::Invalid,
                      "/home/x/.kube/config: context \"c\": context must be a map"},
        LoadErrorCase{"ExecNotAMap", "users:\n- {name: u, user: {exec: aws}}\n", ErrorKind::Invalid,
                      "/home/x/.kube/config: user \"u\": exec must be a map"},
        LoadErrorCase{"ExecArgsNotAList", "users:\n- {name: u, user: {exec: {args: token}}}\n",
                      ErrorKind::Invalid,
                      "/home/x/.kube/config: user \"u\": exec.args must be a list of strings"},
        LoadErrorCase{"ExecArgNotAString", "users:\n- {name: u, user: {exec: {args: [a, [b]]}}}\n",
                      ErrorKind::Invalid,
                      "/home/x/.kube/config: user \"u\": exec.args[1] must be a string"},
        LoadErrorCase{"ExecEnvNotAList", "users:\n- {name: u, user: {exec: {env: {A: b}}}}\n",
                      ErrorKind::Invalid,
                      "/home/x/.kube/config: user \"u\": exec.env must be a list of {name, value} "
                      "maps"},
        LoadErrorCase{
            "ExecEnvWithoutName", "users:\n- {name: u, user: {exec: {env: [{value: b}]}}}\n",
            ErrorKind::Invalid, "/home/x/.kube/config: user \"u\": exec.env[0] has no name"},
        LoadErrorCase{"ExecEnvValueNotAString",
                      "users:\n- {name: u, user: {exec: {env: [{name: A, value: [1]}]}}}\n",
                      ErrorKind::Invalid,
                      "/home/x/.kube/config: user \"u\": exec.env[0].value must be a string"},
        LoadErrorCase{"ProvideClusterInfoNotABool",
                      "users:\n- {name: u, user: {exec: {provideClusterInfo: often}}}\n",
                      ErrorKind::Invalid,
                      "/home/x/.kube/config: user \"u\": exec.provideClusterInfo must be true or "
                      "false"},
        LoadErrorCase{"ExtensionsNotAList",
                      "clusters:\n- {name: c, cluster: {extensions: {a: b}}}\n", ErrorKind::Invalid,
                      "/home/x/.kube/config: cluster \"c\": extensions must be a list of {name, "
                      "extension} maps"}),
    [](const auto& info) { return std::string(info.param.name); });

struct ResolveErrorCase {
    const char* name;
    std::string yaml;
    std::string context;
    ErrorKind kind;
    std::string message;
};

class KubeconfigResolveError : public ::testing::TestWithParam<ResolveErrorCase> {};

TEST_P(KubeconfigResolveError, NamesTheFileAndTheEntry) {
    const ResolveErrorCase& c = GetParam();
    auto config = Kubeconfig::parse(c.yaml, "/k/config");
    ASSERT_TRUE(config.ok()) << config.error().message;
    auto resolved = config->resolve(c.context);
    ASSERT_FALSE(resolved.ok());
    EXPECT_EQ(resolved.error().kind, c.kind);
    EXPECT_EQ(resolved.error().message, c.message);
    EXPECT_EQ(resolved.error().message.find("s3cr3t"), std::string::npos);
}

const std::string kCluster = "clusters:\n- {name: c, cluster: {server: 'https://c'}}\n";

INSTANTIATE_TEST_SUITE_P(
    Cases, KubeconfigResolveError,
    ::testing::Values(
        ResolveErrorCase{"MissingContext", kCluster, "prod", ErrorKind::NotFound,
                         "/k/config: context \"prod\" is not defined"},
        ResolveErrorCase{"MissingCurrentContext", kCluster + "current-context: gone\n", "",
                         ErrorKind::NotFound, "/k/config: current-context \"gone\" is not defined"},
        ResolveErrorCase{"UndefinedCluster",
                         "contexts:\n- {name: prod, context: {cluster: x, user: u}}\n", "prod",
                         ErrorKind::Invalid,
                         "/k/config: context \"prod\" names cluster \"x\", which is not defined"},
        ResolveErrorCase{"NoCluster", "contexts:\n- {name: prod, context: {user: u}}\n", "prod",
                         ErrorKind::Invalid, "/k/config: context \"prod\" names no cluster"},
        ResolveErrorCase{"UndefinedUser",
                         kCluster + "contexts:\n- {name: prod, context: {cluster: c, user: u}}\n",
                         "prod", ErrorKind::Invalid,
                         "/k/config: context \"prod\" names user \"u\", which is not defined"},
        ResolveErrorCase{"NoServer",
                         "clusters:\n- {name: c, cluster: {}}\n"
                         "contexts:\n- {name: prod, context: {cluster: c}}\n",
                         "prod", ErrorKind::Invalid, "/k/config: cluster \"c\" has no server"},
        ResolveErrorCase{"ServerWithoutScheme",
                         "clusters:\n- {name: c, cluster: {server: 'c.example:6443'}}\n"
                         "contexts:\n- {name: prod, context: {cluster: c}}\n",
                         "prod", ErrorKind::Invalid,
                         "/k/config: cluster \"c\": server \"c.example:6443\" must start with "
                         "https:// or http://"},
        ResolveErrorCase{"CaNotPem",
                         "clusters:\n- {name: c, cluster: {server: 'https://c', "
                         "certificate-authority-data: aGVsbG8=}}\n"
                         "contexts:\n- {name: prod, context: {cluster: c}}\n",
                         "prod", ErrorKind::Invalid,
                         "/k/config: cluster \"c\": certificate-authority does not hold a PEM "
                         "certificate"},
        ResolveErrorCase{"MissingCaFile",
                         "clusters:\n- {name: c, cluster: {server: 'https://c', "
                         "certificate-authority: no/such/ca.crt}}\n"
                         "contexts:\n- {name: prod, context: {cluster: c}}\n",
                         "prod", ErrorKind::Invalid,
                         "/k/config: cluster \"c\": certificate-authority \"no/such/ca.crt\": "
                         "/k/no/such/ca.crt: cannot read: No such file or directory"},
        ResolveErrorCase{"ExecPluginAndToken",
                         kCluster +
                             "users:\n- {name: u, user: {exec: {command: aws}, token: s3cr3t}}\n"
                             "contexts:\n- {name: prod, context: {cluster: c, user: u}}\n",
                         "prod", ErrorKind::Invalid,
                         "/k/config: user \"u\" has both an exec plugin and a token; remove one "
                         "of them"},
        ResolveErrorCase{"ExecWithoutCommand",
                         kCluster + "users:\n- {name: u, user: {exec: {apiVersion: "
                                    "client.authentication.k8s.io/v1, interactiveMode: Never}}}\n"
                                    "contexts:\n- {name: prod, context: {cluster: c, user: u}}\n",
                         "prod", ErrorKind::Invalid, "/k/config: user \"u\": exec has no command"},
        ResolveErrorCase{"ExecWithoutApiVersion",
                         kCluster + "users:\n- {name: u, user: {exec: {command: aws}}}\n"
                                    "contexts:\n- {name: prod, context: {cluster: c, user: u}}\n",
                         "prod", ErrorKind::Invalid,
                         "/k/config: user \"u\": exec has no apiVersion; set it to "
                         "client.authentication.k8s.io/v1 (or v1beta1 if the plugin's "
                         "documentation says so)"},
        ResolveErrorCase{"ExecRemovedApiVersion",
                         kCluster + "users:\n- {name: u, user: {exec: {command: aws, apiVersion: "
                                    "client.authentication.k8s.io/v1alpha1}}}\n"
                                    "contexts:\n- {name: prod, context: {cluster: c, user: u}}\n",
                         "prod", ErrorKind::Unsupported,
                         "/k/config: user \"u\": exec.apiVersion "
                         "client.authentication.k8s.io/v1alpha1 was removed from Kubernetes; use "
                         "client.authentication.k8s.io/v1 or client.authentication.k8s.io/v1beta1 "
                         "with an up-to-date plugin"},
        ResolveErrorCase{"ExecUnknownApiVersion",
                         kCluster +
                             "users:\n- {name: u, user: {exec: {command: aws, apiVersion: v1}}}\n"
                             "contexts:\n- {name: prod, context: {cluster: c, user: u}}\n",
                         "prod", ErrorKind::Invalid,
                         "/k/config: user \"u\": exec.apiVersion \"v1\" is not a credential "
                         "plugin API; use client.authentication.k8s.io/v1 or "
                         "client.authentication.k8s.io/v1beta1"},
        ResolveErrorCase{"ExecV1WithoutInteractiveMode",
                         kCluster + "users:\n- {name: u, user: {exec: {command: aws, apiVersion: "
                                    "client.authentication.k8s.io/v1}}}\n"
                                    "contexts:\n- {name: prod, context: {cluster: c, user: u}}\n",
                         "prod", ErrorKind::Invalid,
                         "/k/config: user \"u\": exec.interactiveMode is required with "
                         "client.authentication.k8s.io/v1; set it to Never or IfAvailable"},
        ResolveErrorCase{"ExecBadInteractiveMode",
                         kCluster +
                             "users:\n- {name: u, user: {exec: {command: aws, apiVersion: "
                             "client.authentication.k8s.io/v1, interactiveMode: Sometimes}}}\n"
                             "contexts:\n- {name: prod, context: {cluster: c, user: u}}\n",
                         "prod", ErrorKind::Invalid,
                         "/k/config: user \"u\": exec.interactiveMode \"Sometimes\" must be "
                         "Never, IfAvailable or Always"},
        ResolveErrorCase{"ExecInteractiveAlways",
                         kCluster +
                             "users:\n- {name: u, user: {exec: {command: kubelogin, apiVersion: "
                             "client.authentication.k8s.io/v1, interactiveMode: Always}}}\n"
                             "contexts:\n- {name: prod, context: {cluster: c, user: u}}\n",
                         "prod", ErrorKind::Unsupported,
                         "/k/config: user \"u\": exec.interactiveMode is Always, but ScaleDeck "
                         "has no terminal for the plugin \"kubelogin\" to ask you questions on; "
                         "set interactiveMode to IfAvailable if the plugin can sign in without a "
                         "prompt (for example through a browser), or sign in from a terminal "
                         "first"},
        ResolveErrorCase{"AuthProviderGcp",
                         kCluster + "users:\n- {name: u, user: {auth-provider: {name: gcp, config: "
                                    "{access-token: s3cr3t}}}}\n"
                                    "contexts:\n- {name: prod, context: {cluster: c, user: u}}\n",
                         "prod", ErrorKind::Unsupported,
                         "/k/config: user \"u\" uses the auth-provider \"gcp\", which "
                         "Kubernetes removed from kubectl and ScaleDeck does not support; install "
                         "gke-gcloud-auth-plugin (gcloud components install "
                         "gke-gcloud-auth-plugin) and run `gcloud container clusters "
                         "get-credentials` again, which writes an exec entry"},
        ResolveErrorCase{"AuthProviderAzure",
                         kCluster + "users:\n- {name: u, user: {auth-provider: {name: azure}}}\n"
                                    "contexts:\n- {name: prod, context: {cluster: c, user: u}}\n",
                         "prod", ErrorKind::Unsupported,
                         "/k/config: user \"u\" uses the auth-provider \"azure\", which "
                         "Kubernetes removed from kubectl and ScaleDeck does not support; install "
                         "kubelogin (github.com/Azure/kubelogin) and run `kubelogin "
                         "convert-kubeconfig`, which turns this entry into an exec entry"},
        ResolveErrorCase{"AuthProviderOidc",
                         kCluster +
                             "users:\n- {name: u, user: {auth-provider: {name: oidc, config: "
                             "{id-token: s3cr3t}}}}\n"
                             "contexts:\n- {name: prod, context: {cluster: c, user: u}}\n",
                         "prod", ErrorKind::Unsupported,
                         "/k/config: user \"u\" uses the auth-provider \"oidc\", which "
                         "Kubernetes removed from kubectl and ScaleDeck does not support; install "
                         "kubelogin (github.com/int128/kubelogin, `kubectl oidc-login`) and "
                         "replace this entry with an exec entry that runs `kubectl oidc-login "
                         "get-token`"},
        ResolveErrorCase{"BasicAuth",
                         kCluster + "users:\n- {name: u, user: {username: me, password: s3cr3t}}\n"
                                    "contexts:\n- {name: prod, context: {cluster: c, user: u}}\n",
                         "prod", ErrorKind::Unsupported,
                         "/k/config: user \"u\" uses a username and password, which Kubernetes "
                         "no longer supports; use a token or a client certificate"},
        ResolveErrorCase{"ProxyWithBadScheme",
                         "clusters:\n- {name: c, cluster: {server: 'https://c', proxy-url: "
                         "'ftp://proxy:21'}}\n"
                         "contexts:\n- {name: prod, context: {cluster: c}}\n",
                         "prod", ErrorKind::Invalid,
                         "/k/config: cluster \"c\": proxy-url \"ftp://proxy:21\" uses the scheme "
                         "\"ftp\"; only http://, https:// and socks5:// proxies are supported"},
        ResolveErrorCase{"ProxyNotAUrl",
                         "clusters:\n- {name: c, cluster: {server: 'https://c', proxy-url: "
                         "'proxy:3128'}}\n"
                         "contexts:\n- {name: prod, context: {cluster: c}}\n",
                         "prod", ErrorKind::Invalid,
                         "/k/config: cluster \"c\": proxy-url \"proxy:3128\" is not a URL; write "
                         "it as http://host:port, https://host:port or socks5://host:port"},
        ResolveErrorCase{"MissingTokenFile",
                         kCluster + "users:\n- {name: u, user: {tokenFile: secrets/token}}\n"
                                    "contexts:\n- {name: prod, context: {cluster: c, user: u}}\n",
                         "prod", ErrorKind::NotFound,
                         "/k/config: user \"u\": tokenFile \"secrets/token\": "
                         "/k/secrets/token: cannot read: No such file or directory"},
        ResolveErrorCase{"MissingClientKeyFile",
                         kCluster + "users:\n- {name: u, user: {client-certificate-data: aGVsbG8=, "
                                    "client-key: u.key}}\n"
                                    "contexts:\n- {name: prod, context: {cluster: c, user: u}}\n",
                         "prod", ErrorKind::Invalid,
                         "/k/config: user \"u\": client-key \"u.key\": /k/u.key: cannot read: No "
                         "such file or directory"},
        ResolveErrorCase{"CertificateWithoutKey",
                         kCluster +
                             "users:\n- {name: u, user: {client-certificate-data: aGVsbG8=}}\n"
                             "contexts:\n- {name: prod, context: {cluster: c, user: u}}\n",
                         "prod", ErrorKind::Invalid,
                         "/k/config: user \"u\" has a client-certificate but no client-key"}),
    [](const auto& info) { return std::string(info.param.name); });

// Base64 errors are the decoder's words; only the frame is ours.
TEST(Kubeconfig, BadBase64NamesTheClusterAndTheField) {
    auto config = Kubeconfig::parse(
        "clusters:\n- {name: c, cluster: {server: 'https://c', certificate-authority-data: "
        "'@@@'}}\ncontexts:\n- {name: prod, context: {cluster: c}}\n",
        "/k/config");
    ASSERT_TRUE(config.ok());
    auto r = config->resolve("prod");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message.rfind(
                  "/k/config: cluster \"c\": certificate-authority-data is not valid base64", 0),
              0u)
        << r.error().message;
}

TEST(Kubeconfig, CaAndInsecureTogetherAreRefused) {
    auto config = Kubeconfig::parse(
        "clusters:\n- name: c\n  cluster:\n    server: https://c\n"
        "    insecure-skip-tls-verify: true\n"
        "    certificate-authority-data: " +
            scaledeck::base::base64Encode(kCaPem) +
            "\ncontexts:\n- {name: prod, context: {cluster: c}}\n",
        "/k/config");
    ASSERT_TRUE(config.ok());
    auto r = config->resolve("prod");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message,
              "/k/config: cluster \"c\": certificate-authority and insecure-skip-tls-verify "
              "cannot both be set");
}

TEST(Kubeconfig, MissingFileIsNotFoundAndNamesThePath) {
    auto r = Kubeconfig::loadFile("/nonexistent/dir/config");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::NotFound);
    EXPECT_EQ(r.error().message, "/nonexistent/dir/config: cannot read: No such file or directory");
}

TEST(Kubeconfig, DisplayPathShowsTheHomeDirectoryAsTilde) {
    const char* home = std::getenv("HOME");
    ASSERT_NE(home, nullptr);
    EXPECT_EQ(Kubeconfig::displayPath(std::string(home) + "/.kube/config"), "~/.kube/config");
    EXPECT_EQ(Kubeconfig::displayPath("/etc/kubernetes/admin.conf"), "/etc/kubernetes/admin.conf");
    // A sibling directory whose name merely starts like home is not home.
    EXPECT_EQ(Kubeconfig::displayPath(std::string(home) + "x/config"),
              std::string(home) + "x/config");
}

TEST(Kubeconfig, DefaultPathIsTheFirstEntryOfKubeconfigVariable) {
    const QByteArray saved = qgetenv("KUBECONFIG");
    const bool wasSet = qEnvironmentVariableIsSet("KUBECONFIG");
    qputenv("KUBECONFIG", "/a/first:/b/second");
    EXPECT_EQ(Kubeconfig::defaultPath(), "/a/first");
    qunsetenv("KUBECONFIG");
    EXPECT_EQ(Kubeconfig::defaultPath(), std::string(std::getenv("HOME")) + "/.kube/config");
    if (wasSet)
        qputenv("KUBECONFIG", saved);
}

TEST(Kubeconfig, ReadsEveryExecField) {
    auto config = Kubeconfig::parse(
        "users:\n"
        "- name: eks\n"
        "  user:\n"
        "    exec:\n"
        "      apiVersion: client.authentication.k8s.io/v1beta1\n"
        "      command: aws\n"
        "      args: [eks, get-token, --cluster-name, prod]\n"
        "      env:\n"
        "      - {name: AWS_PROFILE, value: prod}\n"
        "      - {name: EMPTY}\n"
        "      interactiveMode: IfAvailable\n"
        "      provideClusterInfo: true\n"
        "      installHint: brew install awscli\n",
        "/k/config");
    ASSERT_TRUE(config.ok()) << config.error().message;
    const auto* user = config->findUser("eks");
    ASSERT_NE(user, nullptr);
    ASSERT_TRUE(user->exec.has_value());
    EXPECT_EQ(user->exec->apiVersion, "client.authentication.k8s.io/v1beta1");
    EXPECT_EQ(user->exec->command, "aws");
    EXPECT_EQ(user->exec->args,
              (std::vector<std::string>{"eks", "get-token", "--cluster-name", "prod"}));
    ASSERT_EQ(user->exec->env.size(), 2u);
    EXPECT_EQ(user->exec->env[0], (scaledeck::kube::ExecEnvVar{"AWS_PROFILE", "prod"}));
    EXPECT_EQ(user->exec->env[1], (scaledeck::kube::ExecEnvVar{"EMPTY", ""}));
    EXPECT_EQ(user->exec->interactiveMode, "IfAvailable");
    EXPECT_TRUE(user->exec->provideClusterInfo);
    EXPECT_EQ(user->exec->installHint, "brew install awscli");
}

// spec.cluster.config of KUBERNETES_EXEC_INFO is JSON, typed as sigs.k8s.io/yaml would type it.
TEST(Kubeconfig, TurnsTheExecExtensionIntoJson) {
    auto config = Kubeconfig::parse(
        "clusters:\n"
        "- name: c\n"
        "  cluster:\n"
        "    server: https://c\n"
        "    extensions:\n"
        "    - name: other\n"
        "      extension: {ignored: true}\n"
        "    - name: client.authentication.k8s.io/exec\n"
        "      extension:\n"
        "        audience: \"sts.example\"\n"
        "        port: 443\n"
        "        ratio: 0.5\n"
        "        enabled: true\n"
        "        quoted: \"true\"\n"
        "        nothing: null\n"
        "        list: [a, 1]\n"
        "        text: \"line\\n\\\"quoted\\\"\"\n",
        "/k/config");
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(config->findCluster("c")->execExtensionJson,
              R"({"audience":"sts.example","port":443,"ratio":0.5,"enabled":true,)"
              R"("quoted":"true","nothing":null,"list":["a",1],"text":"line\n\"quoted\""})");
}

TEST(Kubeconfig, InsecureClustersCarryAWarningAndProxiesAreKept) {
    auto config = Kubeconfig::parse(
        "clusters:\n"
        "- {name: lab, cluster: {server: 'https://lab', insecure-skip-tls-verify: true}}\n"
        "- {name: corp, cluster: {server: 'https://corp', proxy-url: 'socks5://127.0.0.1:1080'}}\n"
        "- {name: web, cluster: {server: 'https://web', proxy-url: 'HTTPS://proxy:3128'}}\n"
        "contexts:\n"
        "- {name: lab, context: {cluster: lab}}\n"
        "- {name: corp, context: {cluster: corp}}\n"
        "- {name: web, context: {cluster: web}}\n",
        "/k/config");
    ASSERT_TRUE(config.ok()) << config.error().message;
    auto lab = config->resolve("lab");
    ASSERT_TRUE(lab.ok()) << lab.error().message;
    ASSERT_EQ(lab->warnings.size(), 1u);
    EXPECT_NE(lab->warnings[0].find("/k/config: cluster \"lab\" sets insecure-skip-tls-verify"),
              std::string::npos)
        << lab->warnings[0];
    auto corp = config->resolve("corp");
    ASSERT_TRUE(corp.ok()) << corp.error().message;
    EXPECT_EQ(corp->proxyUrl, "socks5://127.0.0.1:1080");
    EXPECT_TRUE(corp->warnings.empty());
    auto web = config->resolve("web");
    ASSERT_TRUE(web.ok()) << web.error().message;
    EXPECT_EQ(web->proxyUrl, "HTTPS://proxy:3128");
}

TEST(Kubeconfig, EveryResolvedContextHasACredentialSource) {
    auto config = Kubeconfig::parse(goodConfig(), "/etc/kube/config");
    ASSERT_TRUE(config.ok()) << config.error().message;
    for (const std::string& name : config->contextNames()) {
        auto context = config->resolve(name);
        ASSERT_TRUE(context.ok()) << context.error().message;
        ASSERT_NE(context->credentials, nullptr) << name;
        EXPECT_TRUE(context->credentials->cached().has_value()) << name;
        EXPECT_FALSE(context->execApproval.has_value()) << name;
    }
}

TEST(Kubeconfig, ExecUsersResolveWithoutRunningAnythingAndCarryTheApprovalRequest) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const std::string marker = dir.filePath(QStringLiteral("ran")).toStdString();
    auto config = Kubeconfig::parse(
        "clusters:\n- {name: c, cluster: {server: 'https://c'}}\n"
        "users:\n"
        "- name: u\n"
        "  user:\n"
        "    exec:\n"
        "      apiVersion: client.authentication.k8s.io/v1\n"
        "      command: /bin/sh\n"
        "      args: [-c, 'touch " +
            marker +
            "']\n"
            "      env: [{name: AWS_PROFILE, value: prod}]\n"
            "      interactiveMode: Never\n"
            "contexts:\n- {name: prod, context: {cluster: c, user: u}}\n",
        "/k/config");
    ASSERT_TRUE(config.ok()) << config.error().message;
    auto context = config->resolve("prod");
    ASSERT_TRUE(context.ok()) << context.error().message;
    ASSERT_NE(context->credentials, nullptr);
    EXPECT_FALSE(context->credentials->cached().has_value());
    ASSERT_TRUE(context->execApproval.has_value());
    EXPECT_EQ(context->execApproval->kubeconfigPath, "/k/config");
    EXPECT_EQ(context->execApproval->userName, "u");
    EXPECT_EQ(context->execApproval->commandLine(), "/bin/sh -c 'touch " + marker + "'");
    EXPECT_EQ(context->execApproval->fingerprint,
              scaledeck::kube::ExecApprovals::fingerprint("/bin/sh", {"-c", "touch " + marker},
                                                          {{"AWS_PROFILE", "prod"}}));
    EXPECT_FALSE(QFile::exists(QString::fromStdString(marker)));
}

}  // namespace
