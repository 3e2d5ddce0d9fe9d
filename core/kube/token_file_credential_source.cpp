#include "kube/token_file_credential_source.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>

#include "kube/local_file.h"

namespace scaledeck::kube {

namespace {

// A token file is a few KiB at most; a huge file is a mistake (wrong path), not a token.
constexpr std::size_t kMaxTokenBytes = 64 * 1024;

TokenFileCredentialSource::FileStamp stampOf(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return {};
    return {static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec,
            static_cast<std::int64_t>(st.st_size)};
}

std::string trimmed(std::string t) {
    const auto notSpace = [](unsigned char c) { return !std::isspace(c); };
    t.erase(std::find_if(t.rbegin(), t.rend(), notSpace).base(), t.end());
    t.erase(t.begin(), std::find_if(t.begin(), t.end(), notSpace));
    return t;
}

}  // namespace

TokenFileCredentialSource::TokenFileCredentialSource(std::string path, std::string where,
                                                     std::string asWritten, Credentials base,
                                                     Options options)
    : m_path(std::move(path)),
      m_where(std::move(where)),
      m_asWritten(std::move(asWritten)),
      m_base(std::move(base)),
      m_options(std::move(options)) {}

base::Result<std::shared_ptr<TokenFileCredentialSource>> TokenFileCredentialSource::open(
    std::string path, std::string where, std::string asWritten, Credentials base, Options options) {
    std::shared_ptr<TokenFileCredentialSource> source(
        new TokenFileCredentialSource(std::move(path), std::move(where), std::move(asWritten),
                                      std::move(base), std::move(options)));
    std::lock_guard lock(source->m_mutex);
    if (auto st = source->reloadLocked(); !st.ok())
        return st.error();
    return source;
}

base::Result<std::shared_ptr<TokenFileCredentialSource>> TokenFileCredentialSource::open(
    std::string path, std::string where, std::string asWritten, Credentials base) {
    return open(std::move(path), std::move(where), std::move(asWritten), std::move(base),
                Options{});
}

std::chrono::steady_clock::time_point TokenFileCredentialSource::now() const {
    return m_options.now ? m_options.now() : std::chrono::steady_clock::now();
}

base::Status TokenFileCredentialSource::reloadLocked() const {
    const FileStamp stamp = stampOf(m_path);
    auto content = readLocalFile(m_path);
    m_lastCheck = now();
    const std::string prefix = m_where + ": tokenFile \"" + m_asWritten + "\": ";
    if (!content.ok()) {
        base::Error e = content.error();
        e.message = prefix + e.message;
        return e;
    }
    if (content->size() > kMaxTokenBytes)
        return base::Error::invalid(prefix + "the file is too large to be a token");
    std::string token = trimmed(std::move(content).value());
    if (token.empty())
        return base::Error::invalid(prefix + "the file is empty");
    m_token = std::move(token);
    m_stamp = stamp;
    m_valid = true;
    return {};
}

std::optional<Credentials> TokenFileCredentialSource::cached() const {
    std::lock_guard lock(m_mutex);
    if (!m_valid)
        return std::nullopt;
    if (now() - m_lastCheck >= m_options.recheckInterval) {
        m_lastCheck = now();
        if (stampOf(m_path) != m_stamp) {
            // A failed re-read keeps the previous token: the kubelet replaces the file by
            // renaming, and the old token stays valid for a while after rotation.
            (void)reloadLocked();
        }
    }
    Credentials credentials = m_base;
    credentials.token = m_token;
    return credentials;
}

base::Result<Credentials> TokenFileCredentialSource::refresh() {
    std::lock_guard lock(m_mutex);
    if (auto st = reloadLocked(); !st.ok())
        return st.error();
    Credentials credentials = m_base;
    credentials.token = m_token;
    return credentials;
}

void TokenFileCredentialSource::invalidate() {
    std::lock_guard lock(m_mutex);
    m_valid = false;
}

}  // namespace scaledeck::kube
