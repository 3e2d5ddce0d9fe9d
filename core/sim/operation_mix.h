// OperationMix: the kinds of request a simulated workload serves, each with the CPU it burns,
// the memory it holds and how long it runs when it has that CPU (the guide's §8.1 table is one
// such mix), and the share of arrivals it takes. Parsed from a load spec's `mix:` list; every
// value is checked, and errors name the entry and field ("mix[2].cpu: ..."). Immutable after
// parsing, so it is safe to copy between threads.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"

namespace scaledeck::sim {

struct Operation {
    std::string name;
    double weight = 0;           // relative share of arrivals
    double cpuCores = 0;         // average CPU while running at full speed
    double memoryBytes = 0;      // held while running
    double durationSeconds = 0;  // service time at full speed

    // The CPU work one request needs, whatever speed it runs at.
    double workCoreSeconds() const { return cpuCores * durationSeconds; }
};

class OperationMix {
public:
    // `mix` is a list of {name, weight, cpu, memory, durationSeconds}; cpu and memory are
    // Kubernetes quantities ("50m", "200Mi") or plain numbers (cores, bytes).
    static base::Result<OperationMix> fromJson(const nlohmann::json& mix);

    // A Kubernetes quantity as a plain number: "500m" -> 0.5, "1Gi" -> 1073741824, 2 -> 2.
    // Empty when the value is not a non-negative quantity.
    static std::optional<double> parseQuantity(const nlohmann::json& value);

    const std::vector<Operation>& operations() const { return m_operations; }
    double totalWeight() const { return m_totalWeight; }
    // Share of arrivals that are operation i (weights normalised to 1).
    double fraction(std::size_t i) const;
    // Mean CPU work per request over the mix, in core-seconds.
    double averageWorkCoreSeconds() const;

private:
    std::vector<Operation> m_operations;
    double m_totalWeight = 0;
};

}  // namespace scaledeck::sim
