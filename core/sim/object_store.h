// ObjectStore: the simulator's etcd. Objects live as their serialized JSON (so a LIST is string
// concatenation) plus the few fields lists and indexes need; the JSON tree is parsed on demand.
// One global resourceVersion counter increments on every effective write; writes that change
// nothing keep the old version and emit no event. A bounded history of events serves watches
// that resume from a resourceVersion; anything older is "compacted" and answers 410.
//
// Thread-safety: every method requires the world lock (lock()) to be held by the caller. Watch
// handlers wait on it with waitForEvent(). Returned ObjectPtrs are immutable snapshots and may
// be used after the lock is released.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <variant>
#include <chrono>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/time_format.h"
#include "sim/api_error.h"

namespace scaledeck::sim {

struct ResourceInfo;

struct StoredObject {
    std::string raw;  // canonical serialized JSON, including kind and apiVersion
    std::string namespaceName;
    std::string name;
    std::string uid;
    std::uint64_t resourceVersion = 0;
    std::vector<std::pair<std::string, std::string>> labels;  // sorted by key
    std::string controllerUid;                               // ownerReference with controller=true
    std::string nodeName;                                    // pods only

    nlohmann::json parse() const { return nlohmann::json::parse(raw); }
    std::string key() const { return namespaceName + "/" + name; }
};
using ObjectPtr = std::shared_ptr<const StoredObject>;

struct StoreEvent {
    enum class Type { Added, Modified, Deleted };
    Type type = Type::Added;
    std::string storage;  // "apps/deployments"
    ObjectPtr object;     // new state (for Deleted: the final state with the deletion RV)
    ObjectPtr previous;   // old state; null for Added
    std::uint64_t resourceVersion = 0;
};

template <typename T>
using ApiResult = std::variant<T, ApiError>;

class ObjectStore {
public:
    using Clock = std::function<base::UnixMillis()>;
    ObjectStore(Clock clock, std::uint64_t seed, std::size_t historyLimit);

    std::unique_lock<std::mutex> lock() const { return std::unique_lock<std::mutex>(m_mutex); }

    // Reads (lock held).
    ObjectPtr get(const std::string& storage, const std::string& ns, const std::string& name) const;
    // All objects of a storage, optionally in one namespace, ordered by namespace then name,
    // starting strictly after `afterKey` ("ns/name") when given.
    std::vector<ObjectPtr> list(const std::string& storage, const std::string& ns = {},
                                const std::string& afterKey = {}, std::size_t limit = 0) const;
    std::size_t count(const std::string& storage) const;
    std::vector<ObjectPtr> byController(const std::string& storage, const std::string& uid) const;
    std::vector<ObjectPtr> byNode(const std::string& nodeName) const;  // pods

    std::uint64_t currentResourceVersion() const { return m_rv; }
    // Watches may resume from any version >= this one.
    std::uint64_t oldestWatchableVersion() const { return m_compactedRv; }

    // Writes (lock held). `obj` must be a complete object; the store fills uid,
    // creationTimestamp, resourceVersion, generation and namespace defaults. With dryRun the
    // would-be result is returned and nothing changes.
    ApiResult<ObjectPtr> create(const ResourceInfo& r, nlohmann::json obj, bool dryRun = false);
    // Replaces an existing object. With checkVersion, a metadata.resourceVersion that differs
    // from the stored one is a 409 Conflict. An update equal to the stored object is a no-op.
    ApiResult<ObjectPtr> update(const ResourceInfo& r, nlohmann::json obj, bool checkVersion,
                                bool dryRun = false);
    ApiResult<ObjectPtr> remove(const ResourceInfo& r, const std::string& ns,
                                const std::string& name, bool dryRun = false);

    // Events since a version (exclusive), for watches; caller checks oldestWatchableVersion().
    std::vector<StoreEvent> eventsSince(std::uint64_t rv, std::size_t max = 0) const;
    // Blocks (releasing the lock) until an event newer than `rv` exists, the deadline passes,
    // or wakeAll() is called. Returns true if an event is available.
    bool waitForEvent(std::unique_lock<std::mutex>& lock, std::uint64_t rv,
                      std::chrono::steady_clock::time_point deadline) const;
    void wakeAll() const { m_cond.notify_all(); }

    // Called synchronously (lock held) after each effective write; must be cheap.
    void addListener(std::function<void(const StoreEvent&)> listener);

    std::string newUid();
    std::mt19937_64& random() { return m_random; }

private:
    ApiResult<ObjectPtr> commit(const ResourceInfo& r, nlohmann::json obj, ObjectPtr previous,
                                bool dryRun);
    void record(StoreEvent ev);

    Clock m_clock;
    std::mt19937_64 m_random;
    std::size_t m_historyLimit;
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_cond;
    std::uint64_t m_rv = 1000;
    std::uint64_t m_compactedRv = 1000;
    std::map<std::string, std::map<std::string, ObjectPtr>> m_objects;  // storage -> key -> obj
    std::map<std::string, std::map<std::string, ObjectPtr>> m_byController;  // uid -> "storage|key"
    std::map<std::string, std::map<std::string, ObjectPtr>> m_podsByNode;
    std::deque<StoreEvent> m_history;
    std::vector<std::function<void(const StoreEvent&)>> m_listeners;
};

}  // namespace scaledeck::sim
