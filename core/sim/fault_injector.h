// FaultInjector: the failures the simulator can be told to produce, so clients are tested
// against the errors real clusters throw: added latency and error bursts (500/503/429 with
// Retry-After) per path prefix, closing every open watch, forcing the next watch to 410 Gone.
// Thread-safe: consulted by every request thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace scaledeck::sim {

struct FaultRule {
    std::string pathPrefix;   // "" matches every API path
    int latencyMs = 0;
    double errorRate = 0.0;   // 0..1
    int errorStatus = 500;    // 500, 503 or 429
    int retryAfterSeconds = 1;
    int remaining = -1;       // errors left to inject; -1 = unlimited
};

class FaultInjector {
public:
    explicit FaultInjector(std::uint64_t seed) : m_random(seed) {}

    struct Decision {
        int latencyMs = 0;
        std::optional<FaultRule> error;  // set: answer with this error instead
    };
    Decision decide(const std::string& path);

    void addRule(const FaultRule& rule);
    void clear();
    nlohmann::json describe() const;

    // Watches compare the generation they started with; a bump closes them all.
    void closeAllWatches() { ++m_watchGeneration; }
    std::uint64_t watchGeneration() const { return m_watchGeneration.load(); }
    void expireNextWatch() { m_expireNext = true; }
    bool takeExpireNextWatch() { return m_expireNext.exchange(false); }

private:
    mutable std::mutex m_mutex;
    std::mt19937_64 m_random;
    std::vector<FaultRule> m_rules;
    std::atomic<std::uint64_t> m_watchGeneration{0};
    std::atomic<bool> m_expireNext{false};
};

}  // namespace scaledeck::sim
