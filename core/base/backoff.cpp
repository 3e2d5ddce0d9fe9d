#include "base/backoff.h"

#include <algorithm>
#include <cmath>

namespace scaledeck::base {

namespace {

// A policy that cannot produce sensible delays is repaired rather than rejected: a retry loop
// has no one to report a configuration error to.
BackoffPolicy sanitized(BackoffPolicy p) {
    using std::chrono::milliseconds;
    p.initial = std::max(p.initial, milliseconds{0});
    p.cap = std::max(p.cap, p.initial);
    if (!(p.factor >= 1.0))
        p.factor = 1.0;
    if (!(p.jitter >= 0.0))
        p.jitter = 0.0;
    p.jitter = std::min(p.jitter, 1.0);
    return p;
}

std::uint64_t freshSeed() {
    std::random_device device;
    return (static_cast<std::uint64_t>(device()) << 32) ^ device();
}

}  // namespace

Backoff::Backoff(BackoffPolicy policy) : Backoff(policy, freshSeed()) {}

Backoff::Backoff(BackoffPolicy policy, std::uint64_t seed)
    : m_policy(sanitized(policy)), m_random(seed) {
    reset();
}

std::chrono::milliseconds Backoff::next() {
    const double base = m_baseMs;
    m_baseMs = std::min(m_baseMs * m_policy.factor, static_cast<double>(m_policy.cap.count()));
    ++m_steps;
    double delay = base;
    if (m_policy.jitter > 0.0) {
        std::uniform_real_distribution<double> fraction(0.0, m_policy.jitter);
        delay = base * (1.0 - fraction(m_random));
    }
    return std::chrono::milliseconds{static_cast<std::int64_t>(std::llround(delay))};
}

std::chrono::milliseconds Backoff::currentBase() const {
    return std::chrono::milliseconds{static_cast<std::int64_t>(std::llround(m_baseMs))};
}

void Backoff::reset() {
    m_baseMs = static_cast<double>(m_policy.initial.count());
    m_steps = 0;
}

}  // namespace scaledeck::base
