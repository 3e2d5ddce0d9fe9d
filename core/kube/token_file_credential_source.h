// TokenFileCredentialSource: a bearer token read from a file (a kubeconfig `tokenFile`, or the
// in-cluster service-account token), re-read when the file changes, because projected
// service-account tokens are rotated by the kubelet every hour or so. cached() looks at the
// file's modification time and size at most once per recheck interval (5 s: cheap enough for a
// per-request call, quick enough that a rotated token is used well before the old one expires);
// invalidate() (after a 401) forgets the token so the next refresh() reads the file again.
// A client certificate from the kubeconfig, if any, is passed through unchanged.
// If a re-read fails (the file is being replaced), the last good token is kept for cached();
// refresh() reports the error, naming the kubeconfig, the user and the file. Thread-safe; the
// token never appears in a message.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "base/result.h"
#include "kube/credential_source.h"

namespace scaledeck::kube {

class TokenFileCredentialSource final : public CredentialSource {
public:
    struct Options {
        std::chrono::milliseconds recheckInterval{5000};
        // Injectable for tests; empty: std::chrono::steady_clock::now.
        std::function<std::chrono::steady_clock::time_point()> now;
    };

    // Reads the token now. `where` starts every message ("~/.kube/config: user \"bot\""),
    // `asWritten` is the path as the kubeconfig wrote it, `path` the resolved absolute path.
    static base::Result<std::shared_ptr<TokenFileCredentialSource>> open(std::string path,
                                                                         std::string where,
                                                                         std::string asWritten,
                                                                         Credentials base,
                                                                         Options options);
    static base::Result<std::shared_ptr<TokenFileCredentialSource>> open(std::string path,
                                                                         std::string where,
                                                                         std::string asWritten,
                                                                         Credentials base = {});

    std::optional<Credentials> cached() const override;
    base::Result<Credentials> refresh() override;
    void invalidate() override;

    const std::string& path() const { return m_path; }

    struct FileStamp {
        std::int64_t mtimeNanos = -1;
        std::int64_t size = -1;
        bool operator==(const FileStamp&) const = default;
    };

private:
    TokenFileCredentialSource(std::string path, std::string where, std::string asWritten,
                              Credentials base, Options options);

    std::chrono::steady_clock::time_point now() const;
    // Reads the file into m_token; the caller holds m_mutex.
    base::Status reloadLocked() const;

    const std::string m_path;
    const std::string m_where;
    const std::string m_asWritten;
    const Credentials m_base;
    const Options m_options;

    mutable std::mutex m_mutex;
    mutable std::string m_token;
    mutable bool m_valid = false;
    mutable FileStamp m_stamp;
    mutable std::chrono::steady_clock::time_point m_lastCheck;
};

}  // namespace scaledeck::kube
