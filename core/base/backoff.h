// Backoff: the delays between attempts of something that failed, growing exponentially from
// `initial` by `factor` up to `cap`, each one shortened by a random fraction of at most `jitter`
// so that many clients that failed together do not retry together. The cap is a hard bound: a
// delay is always in [base × (1 − jitter), base] with base = min(initial × factor^n, cap), so a
// person is never kept waiting longer than the cap promises. reset() starts again from
// `initial` (after a healthy period, or after a success).
// Deterministic for a given seed, so tests can assert exact sequences; the default seed comes
// from std::random_device. Not thread-safe: one Backoff per retry loop. Standard library only.
#pragma once

#include <chrono>
#include <cstdint>
#include <random>

namespace scaledeck::base {

struct BackoffPolicy {
    std::chrono::milliseconds initial{800};
    double factor = 2.0;  // >= 1; 1 gives a constant delay
    std::chrono::milliseconds cap{30000};
    double jitter = 0.2;  // 0..1: the largest fraction a delay may be shortened by

    // client-go's reflector: 0.8 s doubling to 30 s, which the informers reuse; half the
    // delay is random because every informer of a window reconnects after the same outage.
    static BackoffPolicy informer() {
        return {std::chrono::milliseconds{800}, 2.0, std::chrono::milliseconds{30000}, 0.5};
    }
};

class Backoff {
public:
    explicit Backoff(BackoffPolicy policy = {});
    Backoff(BackoffPolicy policy, std::uint64_t seed);

    // The delay to wait before the next attempt; each call grows the following one.
    std::chrono::milliseconds next();
    // What next() would grow from, without jitter and without consuming it.
    std::chrono::milliseconds currentBase() const;
    // Starts again from `initial`.
    void reset();
    // How many delays next() handed out since construction or the last reset().
    int steps() const { return m_steps; }
    const BackoffPolicy& policy() const { return m_policy; }

private:
    BackoffPolicy m_policy;
    std::mt19937_64 m_random;
    double m_baseMs = 0;  // the un-jittered delay of the next step
    int m_steps = 0;
};

}  // namespace scaledeck::base
