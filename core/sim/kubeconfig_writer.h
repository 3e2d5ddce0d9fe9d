// Kubeconfig writer: the file through which kubectl (and the desktop app) reach the simulator.
// One cluster, one entry per user (bearer token and/or client certificate, embedded as
// *-data), a main context using the default user and one context per user named
// "<contextName>-<user>", all pointing at the same cluster and namespace. The CA is embedded as
// certificate-authority-data unless the spec asks for insecure-skip-tls-verify (kubectl refuses a
// cluster that has both).
//
// writeKubeconfig never leaves a half-written file: it writes a 0600 temporary file next to the
// target and renames it over, so a kubectl running at that moment sees the old or the new file.
#pragma once

#include <string>
#include <vector>

#include "base/result.h"

namespace scaledeck::sim {

struct KubeconfigUser {
    std::string name;
    std::string token;                 // empty: no bearer token
    std::string clientCertificatePem;  // empty: no client certificate
    std::string clientKeyPem;
};

struct KubeconfigSpec {
    std::string clusterName = "scaledeck-demo";
    std::string server;  // https://127.0.0.1:PORT
    std::string caPem;   // PEM text; base64-encoded into the file
    bool insecure = false;
    std::vector<KubeconfigUser> users;
    std::string contextName = "scaledeck-demo";
    std::string defaultUser;       // the main context's user; empty: the first user
    std::string defaultNamespace;  // empty: the context names no namespace
};

// The YAML text. Total: it renders whatever the spec holds; writeKubeconfig checks the spec.
std::string renderKubeconfig(const KubeconfigSpec& spec);

// Invalid when the spec has no server, a user with no name or a certificate without its key, or
// a defaultUser that is not one of the users; Internal when the file cannot be written (the
// message names the path). Creates missing parent directories (0700).
base::Status writeKubeconfig(const std::string& path, const KubeconfigSpec& spec);

}  // namespace scaledeck::sim
