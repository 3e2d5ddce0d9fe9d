// CredentialSource: where a context's credentials come from when a request needs them. A static
// token or certificate never changes; a tokenFile is re-read when the file changes (projected
// service-account tokens rotate); an exec plugin is run, its answer cached until its
// expirationTimestamp. The REST client asks cached() on every request (cheap, never blocks) and,
// when that is empty or the server answered 401, calls invalidate() then refresh() on a worker
// thread, never on the GUI thread, because a plugin may take seconds.
// Implementations are thread-safe. Credentials are secrets: never log or persist them.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "base/result.h"

namespace scaledeck::kube {

struct Credentials {
    std::string token;                 // bearer token; empty if none
    std::string clientCertificatePem;  // both set, or both empty
    std::string clientKeyPem;
    // When the credentials stop being valid (exec plugins say so); empty: no known expiry.
    std::optional<std::chrono::system_clock::time_point> expiry;
};

class CredentialSource {
public:
    virtual ~CredentialSource() = default;

    // Credentials that are valid now, without blocking; empty when refresh() must run first.
    virtual std::optional<Credentials> cached() const = 0;
    // Obtains fresh credentials: re-reads a token file, runs an exec plugin (with a timeout).
    // Blocks; thread-safe. An exec command the user has not approved yet fails with
    // ErrorKind::ApprovalRequired and a message naming the command and the kubeconfig.
    virtual base::Result<Credentials> refresh() = 0;
    // The server rejected the cached credentials (HTTP 401): forget them, so that the next
    // cached() is empty and the caller refreshes once before giving up.
    virtual void invalidate() = 0;
};

// Credentials written in the kubeconfig itself (token, client certificate/key, or none).
class StaticCredentialSource final : public CredentialSource {
public:
    explicit StaticCredentialSource(Credentials credentials)
        : m_credentials(std::move(credentials)) {}
    std::optional<Credentials> cached() const override { return m_credentials; }
    base::Result<Credentials> refresh() override { return m_credentials; }
    void invalidate() override {}

private:
    Credentials m_credentials;
};

}  // namespace scaledeck::kube
