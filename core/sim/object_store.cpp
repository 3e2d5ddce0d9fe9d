#include "sim/object_store.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "sim/resource_registry.h"

namespace scaledeck::sim {
namespace {

std::shared_ptr<StoredObject> makeStored(const nlohmann::json& obj) {
    auto s = std::make_shared<StoredObject>();
    s->raw = obj.dump();
    const auto& meta = obj["metadata"];
    s->namespaceName = meta.value("namespace", "");
    s->name = meta.value("name", "");
    s->uid = meta.value("uid", "");
    s->resourceVersion = std::strtoull(meta.value("resourceVersion", "0").c_str(), nullptr, 10);
    if (auto it = meta.find("labels"); it != meta.end() && it->is_object()) {
        for (const auto& [k, v] : it->items()) {
            s->labels.emplace_back(k, v.is_string() ? v.get<std::string>() : v.dump());
        }
    }
    if (auto it = meta.find("ownerReferences"); it != meta.end() && it->is_array()) {
        for (const auto& ref : *it) {
            if (ref.value("controller", false)) s->controllerUid = ref.value("uid", "");
        }
    }
    if (obj.value("kind", "") == "Pod") {
        if (auto spec = obj.find("spec"); spec != obj.end() && spec->is_object()) {
            s->nodeName = spec->value("nodeName", "");
        }
    }
    return s;
}

// Everything but metadata and status: a change here bumps metadata.generation.
bool specChanged(const nlohmann::json& a, const nlohmann::json& b) {
    for (const auto& [k, v] : a.items()) {
        if (k == "metadata" || k == "status") continue;
        auto it = b.find(k);
        if (it == b.end() || *it != v) return true;
    }
    for (const auto& [k, v] : b.items()) {
        if (k == "metadata" || k == "status") continue;
        if (!a.contains(k)) return true;
    }
    return false;
}

}  // namespace

ObjectStore::ObjectStore(Clock clock, std::uint64_t seed, std::size_t historyLimit)
    : m_clock(std::move(clock)), m_random(seed), m_historyLimit(historyLimit) {}

std::string ObjectStore::newUid() {
    std::uniform_int_distribution<std::uint32_t> d(0, 0xffffffffU);
    std::uint32_t w[4] = {d(m_random), d(m_random), d(m_random), d(m_random)};
    w[1] = (w[1] & 0xffff0fffU) | 0x00004000U;  // version 4
    w[2] = (w[2] & 0x3fffffffU) | 0x80000000U;  // variant
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%04x%08x", w[0], w[1] >> 16, w[1] & 0xffff,
                  w[2] >> 16, w[2] & 0xffff, w[3]);
    return buf;
}

ObjectPtr ObjectStore::get(const std::string& storage, const std::string& ns,
                           const std::string& name) const {
    auto s = m_objects.find(storage);
    if (s == m_objects.end()) return nullptr;
    auto it = s->second.find(ns + "/" + name);
    return it == s->second.end() ? nullptr : it->second;
}

std::vector<ObjectPtr> ObjectStore::list(const std::string& storage, const std::string& ns,
                                         const std::string& afterKey, std::size_t limit) const {
    std::vector<ObjectPtr> out;
    auto s = m_objects.find(storage);
    if (s == m_objects.end()) return out;
    const auto& m = s->second;
    const std::string prefix = ns.empty() ? std::string() : ns + "/";
    auto it = afterKey.empty() ? m.lower_bound(prefix) : m.upper_bound(afterKey);
    for (; it != m.end(); ++it) {
        if (!prefix.empty() && it->first.compare(0, prefix.size(), prefix) != 0) break;
        out.push_back(it->second);
        if (limit && out.size() >= limit) break;
    }
    return out;
}

std::size_t ObjectStore::count(const std::string& storage) const {
    auto s = m_objects.find(storage);
    return s == m_objects.end() ? 0 : s->second.size();
}

std::vector<ObjectPtr> ObjectStore::byController(const std::string& storage,
                                                 const std::string& uid) const {
    std::vector<ObjectPtr> out;
    auto it = m_byController.find(uid);
    if (it == m_byController.end()) return out;
    const std::string prefix = storage + "|";
    for (auto e = it->second.lower_bound(prefix); e != it->second.end(); ++e) {
        if (e->first.compare(0, prefix.size(), prefix) != 0) break;
        out.push_back(e->second);
    }
    return out;
}

std::vector<ObjectPtr> ObjectStore::byNode(const std::string& nodeName) const {
    std::vector<ObjectPtr> out;
    auto it = m_podsByNode.find(nodeName);
    if (it == m_podsByNode.end()) return out;
    for (const auto& [k, v] : it->second) out.push_back(v);
    return out;
}

ApiResult<ObjectPtr> ObjectStore::create(const ResourceInfo& r, nlohmann::json obj, bool dryRun) {
    auto& meta = obj["metadata"];
    if (!meta.is_object()) meta = nlohmann::json::object();
    const std::string name = meta.value("name", "");
    const std::string ns = r.namespaced ? meta.value("namespace", "default") : "";
    if (get(r.storage, ns, name)) return ApiError::alreadyExists(r, name);
    if (r.namespaced) meta["namespace"] = ns;
    meta["uid"] = newUid();
    meta["creationTimestamp"] = base::formatRfc3339(m_clock());
    meta["generation"] = 1;
    meta.erase("deletionTimestamp");
    meta.erase("managedFields");
    return commit(r, std::move(obj), nullptr, dryRun);
}

ApiResult<ObjectPtr> ObjectStore::update(const ResourceInfo& r, nlohmann::json obj,
                                         bool checkVersion, bool dryRun) {
    auto& meta = obj["metadata"];
    const std::string name = meta.value("name", "");
    const std::string ns = r.namespaced ? meta.value("namespace", "") : "";
    auto previous = get(r.storage, ns, name);
    if (!previous) return ApiError::notFound(r, name);
    const std::string sentRv = meta.value("resourceVersion", "");
    if (checkVersion && !sentRv.empty() && sentRv != std::to_string(previous->resourceVersion)) {
        return ApiError::conflict(r, name);
    }
    const auto old = previous->parse();
    const auto& oldMeta = old["metadata"];
    // Fields the server owns: a client cannot change them by sending other values.
    meta["uid"] = oldMeta["uid"];
    meta["creationTimestamp"] = oldMeta["creationTimestamp"];
    if (r.namespaced) meta["namespace"] = ns;
    meta.erase("managedFields");
    if (oldMeta.contains("deletionTimestamp")) meta["deletionTimestamp"] = oldMeta["deletionTimestamp"];
    const std::int64_t gen = oldMeta.value("generation", 1);
    meta["generation"] = specChanged(old, obj) ? gen + 1 : gen;
    meta["resourceVersion"] = oldMeta.value("resourceVersion", "");
    if (obj == old) return previous;  // no-op: same resourceVersion, no event
    return commit(r, std::move(obj), previous, dryRun);
}

ApiResult<ObjectPtr> ObjectStore::remove(const ResourceInfo& r, const std::string& ns,
                                         const std::string& name, bool dryRun) {
    auto previous = get(r.storage, ns, name);
    if (!previous) return ApiError::notFound(r, name);
    auto obj = previous->parse();
    if (dryRun) return previous;
    obj["metadata"]["resourceVersion"] = std::to_string(++m_rv);
    auto finalState = makeStored(obj);
    auto& objects = m_objects[r.storage];
    objects.erase(previous->key());
    if (!previous->controllerUid.empty()) {
        auto it = m_byController.find(previous->controllerUid);
        if (it != m_byController.end()) {
            it->second.erase(r.storage + "|" + previous->key());
            if (it->second.empty()) m_byController.erase(it);
        }
    }
    if (!previous->nodeName.empty()) m_podsByNode[previous->nodeName].erase(previous->key());
    record({StoreEvent::Type::Deleted, r.storage, finalState, previous, m_rv});
    return ObjectPtr(finalState);
}

ApiResult<ObjectPtr> ObjectStore::commit(const ResourceInfo& r, nlohmann::json obj,
                                         ObjectPtr previous, bool dryRun) {
    obj["kind"] = r.kind;
    obj["apiVersion"] = r.groupVersion();
    if (dryRun) {
        obj["metadata"]["resourceVersion"] =
            previous ? std::to_string(previous->resourceVersion) : std::string();
        return ObjectPtr(makeStored(obj));
    }
    obj["metadata"]["resourceVersion"] = std::to_string(++m_rv);
    auto stored = makeStored(obj);
    const std::string key = stored->key();
    m_objects[r.storage][key] = stored;
    if (previous && previous->controllerUid != stored->controllerUid &&
        !previous->controllerUid.empty()) {
        m_byController[previous->controllerUid].erase(r.storage + "|" + key);
    }
    if (!stored->controllerUid.empty()) m_byController[stored->controllerUid][r.storage + "|" + key] = stored;
    if (previous && !previous->nodeName.empty() && previous->nodeName != stored->nodeName) {
        m_podsByNode[previous->nodeName].erase(key);
    }
    if (!stored->nodeName.empty()) m_podsByNode[stored->nodeName][key] = stored;
    record({previous ? StoreEvent::Type::Modified : StoreEvent::Type::Added, r.storage, stored,
            previous, m_rv});
    return ObjectPtr(stored);
}

void ObjectStore::record(StoreEvent ev) {
    for (const auto& l : m_listeners) l(ev);
    m_history.push_back(std::move(ev));
    while (m_history.size() > m_historyLimit) {
        m_compactedRv = m_history.front().resourceVersion;
        m_history.pop_front();
    }
    m_cond.notify_all();
}

std::vector<StoreEvent> ObjectStore::eventsSince(std::uint64_t rv, std::size_t max) const {
    std::vector<StoreEvent> out;
    auto it = std::upper_bound(m_history.begin(), m_history.end(), rv,
                               [](std::uint64_t v, const StoreEvent& e) { return v < e.resourceVersion; });
    for (; it != m_history.end(); ++it) {
        out.push_back(*it);
        if (max && out.size() >= max) break;
    }
    return out;
}

bool ObjectStore::waitForEvent(std::unique_lock<std::mutex>& lock, std::uint64_t rv,
                               std::chrono::steady_clock::time_point deadline) const {
    m_cond.wait_until(lock, deadline);
    return m_rv > rv;
}

void ObjectStore::addListener(std::function<void(const StoreEvent&)> listener) {
    m_listeners.push_back(std::move(listener));
}

}  // namespace scaledeck::sim
