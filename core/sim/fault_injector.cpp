#include "sim/fault_injector.h"

namespace scaledeck::sim {

FaultInjector::Decision FaultInjector::decide(const std::string& path) {
    std::lock_guard<std::mutex> lock(m_mutex);
    Decision d;
    for (auto& rule : m_rules) {
        if (path.compare(0, rule.pathPrefix.size(), rule.pathPrefix) != 0) continue;
        d.latencyMs += rule.latencyMs;
        if (!d.error && rule.errorRate > 0 && rule.remaining != 0) {
            std::uniform_real_distribution<double> u(0.0, 1.0);
            if (u(m_random) < rule.errorRate) {
                d.error = rule;
                if (rule.remaining > 0) --rule.remaining;
            }
        }
    }
    return d;
}

void FaultInjector::addRule(const FaultRule& rule) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_rules.push_back(rule);
}

void FaultInjector::clear() {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_rules.clear();
    m_expireNext = false;
}

nlohmann::json FaultInjector::describe() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    nlohmann::json rules = nlohmann::json::array();
    for (const auto& r : m_rules) {
        rules.push_back({{"pathPrefix", r.pathPrefix},
                         {"latencyMs", r.latencyMs},
                         {"errorRate", r.errorRate},
                         {"errorStatus", r.errorStatus},
                         {"retryAfterSeconds", r.retryAfterSeconds},
                         {"remaining", r.remaining}});
    }
    return {{"rules", rules}, {"expireNextWatch", m_expireNext.load()}};
}

}  // namespace scaledeck::sim
