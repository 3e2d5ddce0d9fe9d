// PodFacts: small, shared readings of pod and workload JSON that several controllers need:
// readiness as the kubelet reports it, summed container requests, the pod-template hash a
// Deployment uses to tell its ReplicaSets apart, and percent-or-int fields ("25%").
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace scaledeck::sim {

struct Resources {
    std::int64_t cpuMilli = 0;
    std::int64_t memoryBytes = 0;
};

bool podIsReady(const nlohmann::json& pod);
bool podIsTerminating(const nlohmann::json& pod);
bool podIsActive(const nlohmann::json& pod);  // not terminating, not Succeeded/Failed
// Sum over containers of requests (or limits if a request is absent, as the API defaults).
Resources podRequests(const nlohmann::json& podSpec);
Resources podLimits(const nlohmann::json& podSpec);
std::int64_t quantityMilli(const nlohmann::json& value);  // 0 when absent or unparsable
std::int64_t quantityValue(const nlohmann::json& value);

// Hash of a pod template (without its pod-template-hash label) in the Kubernetes name alphabet.
std::string podTemplateHash(const nlohmann::json& templateSpec);

// "25%" of total, rounded up or down; plain integers pass through.
int scaledValue(const nlohmann::json& intOrPercent, int total, bool roundUp, int fallback);

// Sets (or replaces) a condition by type, moving lastTransitionTime only when status flips.
void setCondition(nlohmann::json& conditions, const std::string& type, const std::string& status,
                  const std::string& reason, const std::string& message,
                  const std::string& timestamp, bool withUpdateTime = false);

}  // namespace scaledeck::sim
