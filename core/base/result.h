// Result<T>: a value or an Error, the only way failures cross a core module boundary.
// An Error carries a kind a caller can branch on, the HTTP status when one was involved, a
// message written for the person at the keyboard (what went wrong and what to do), and whether
// trying again may help. No exceptions escape a core API.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace scaledeck::base {

enum class ErrorKind {
    Invalid,          // the input is wrong; the message says which field and why
    NotFound,
    AlreadyExists,
    Conflict,         // optimistic-concurrency clash: re-read and retry
    Gone,             // resourceVersion too old: relist
    TooManyRequests,  // back off, honour Retry-After
    Unauthorized,
    Forbidden,
    Network,
    Timeout,
    Parse,
    Unsupported,
    ApprovalRequired,  // the user must approve something first (an exec credential plugin)
    Internal,
};

struct Error {
    ErrorKind kind = ErrorKind::Internal;
    std::string message;
    int httpStatus = 0;
    bool retriable = false;

    static Error invalid(std::string msg) { return {ErrorKind::Invalid, std::move(msg), 0, false}; }
    static Error parse(std::string msg) { return {ErrorKind::Parse, std::move(msg), 0, false}; }
    static Error internal(std::string msg) {
        return {ErrorKind::Internal, std::move(msg), 0, false};
    }
};

const char* toString(ErrorKind kind);

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_data(std::move(value)) {}  // NOLINT(google-explicit-constructor)
    Result(Error error) : m_data(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    const T& value() const& {
        assert(ok());
        return std::get<T>(m_data);
    }
    T& value() & {
        assert(ok());
        return std::get<T>(m_data);
    }
    T&& value() && {
        assert(ok());
        return std::get<T>(std::move(m_data));
    }
    const T& operator*() const& { return value(); }
    T& operator*() & { return value(); }
    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }

    const Error& error() const {
        assert(!ok());
        return std::get<Error>(m_data);
    }

    T valueOr(T fallback) const { return ok() ? value() : std::move(fallback); }

private:
    std::variant<T, Error> m_data;
};

// Result<void> equivalent: success carries nothing.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Error error) : m_error(std::move(error)) {}  // NOLINT(google-explicit-constructor)
    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const {
        assert(!ok());
        return *m_error;
    }

private:
    std::optional<Error> m_error;
};

}  // namespace scaledeck::base
