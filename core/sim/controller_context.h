// ControllerContext: what every simulated controller shares for one step: the store (world
// lock held by the caller), the clock's current instant, the metrics samples, the event
// recorder, the lifecycle timings and a seeded random source. Write helpers log and swallow
// conflicts because a controller simply retries on its next pass, as real ones do.
#pragma once

#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/object_store.h"
#include "sim/scenario.h"

namespace scaledeck::sim {

class EventRecorder;
class MetricsSource;
struct ResourceInfo;

struct ControllerContext {
    ObjectStore& store;
    MetricsSource& metrics;
    EventRecorder& events;
    const LifecycleTimings& timings;
    std::mt19937_64& random;
    base::UnixMillis now = 0;

    ObjectPtr create(const std::string& storage, nlohmann::json obj);
    ObjectPtr update(const std::string& storage, nlohmann::json obj);
    void remove(const std::string& storage, const std::string& ns, const std::string& name);
    static const ResourceInfo& info(const std::string& storage);
};

// "hello-5d4f8b7c9" style random suffix from the Kubernetes name alphabet.
std::string randomSuffix(std::mt19937_64& random, int length);

}  // namespace scaledeck::sim
