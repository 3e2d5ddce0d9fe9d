#include "sim/controller_manager.h"

#include "sim/controller_context.h"
#include "sim/metrics_source.h"
#include "sim/pod_facts.h"

namespace scaledeck::sim {
namespace {

std::pair<std::string, std::string> splitKey(const std::string& key) {
    const auto slash = key.find('/');
    return {key.substr(0, slash), key.substr(slash + 1)};
}

}  // namespace

ControllerManager::ControllerManager(ObjectStore& store, MetricsSource& metrics,
                                     const Scenario& scenario, std::uint64_t seed)
    : m_store(store),
      m_metrics(metrics),
      m_timings(scenario.timings),
      m_random(seed ^ 0x5ca1edecc0ffeeULL),
      m_usage(scenario.loads, seed) {
    m_store.addListener([this](const StoreEvent& ev) { onEvent(ev); });
}

ControllerContext ControllerManager::context(base::UnixMillis now) {
    return ControllerContext{m_store, m_metrics, m_events, m_timings, m_random, now};
}

void ControllerManager::onEvent(const StoreEvent& ev) {
    const auto& o = *ev.object;
    const std::string key = o.key();
    const bool deleted = ev.type == StoreEvent::Type::Deleted;
    if (deleted) {
        m_uids.erase(o.uid);
        m_orphanedOwners.insert(o.uid);
    } else {
        m_uids[o.uid] = {ev.storage, key};
    }
    auto markOwner = [&](const std::string& ownerUid) {
        auto it = m_uids.find(ownerUid);
        if (it == m_uids.end()) return;
        if (it->second.storage == "apps/replicasets") m_dirtyReplicaSets.insert(it->second.key);
        if (it->second.storage == "apps/deployments") m_dirtyDeployments.insert(it->second.key);
        if (it->second.storage == "apps/statefulsets") m_dirtyStatefulSets.insert(it->second.key);
    };

    if (ev.storage == "core/pods") {
        markOwner(o.controllerUid);
        if (ev.previous && ev.previous->controllerUid != o.controllerUid) markOwner(ev.previous->controllerUid);
        m_dirtyPdbNamespaces.insert(o.namespaceName);
        if (deleted) {
            m_lifecyclePods.erase(key);
            m_unscheduledPods.erase(key);
            m_scheduler.forget(key);
            return;
        }
        const auto pod = o.parse();
        const bool steady = !podIsTerminating(pod) && podIsReady(pod) &&
                            pod["status"].value("phase", "") == "Running";
        if (steady) {
            m_lifecyclePods.erase(key);
        } else {
            m_lifecyclePods.insert(key);
        }
        if (o.nodeName.empty() && !podIsTerminating(pod)) {
            m_unscheduledPods.insert(key);
        } else {
            m_unscheduledPods.erase(key);
        }
    } else if (ev.storage == "apps/deployments") {
        if (!deleted) m_dirtyDeployments.insert(key);
    } else if (ev.storage == "apps/replicasets") {
        if (!deleted) m_dirtyReplicaSets.insert(key);
        markOwner(o.controllerUid);
    } else if (ev.storage == "apps/statefulsets") {
        if (!deleted) m_dirtyStatefulSets.insert(key);
    } else if (ev.storage == "policy/poddisruptionbudgets") {
        if (!deleted) m_dirtyPdbNamespaces.insert(o.namespaceName);
    } else if (ev.storage == "autoscaling/horizontalpodautoscalers") {
        if (deleted) {
            m_hpa.untrack(key, o.uid);
        } else {
            m_hpa.track(key, m_now);
        }
    } else if (ev.storage == "core/nodes") {
        // Readiness of the node's pods follows the node.
        for (const auto& p : m_store.byNode(o.name)) m_lifecyclePods.insert(p->key());
        if (deleted) m_metrics.removeNode(o.name);
        // A node that appears or recovers may fit pods that waited.
    }
}

bool ControllerManager::hasPendingWork() const {
    return !m_dirtyDeployments.empty() || !m_dirtyReplicaSets.empty() ||
           !m_dirtyStatefulSets.empty() || !m_dirtyPdbNamespaces.empty() ||
           !m_orphanedOwners.empty();
}

void ControllerManager::drainDirty(ControllerContext& ctx) {
    for (int pass = 0; pass < 8 && hasPendingWork(); ++pass) {
        // Garbage collection: dependents of deleted owners go too (background propagation).
        auto orphans = std::move(m_orphanedOwners);
        m_orphanedOwners.clear();
        for (const auto& uid : orphans) {
            for (const char* storage : {"apps/replicasets", "apps/controllerrevisions"}) {
                for (const auto& dep : m_store.byController(storage, uid)) {
                    ctx.remove(storage, dep->namespaceName, dep->name);
                }
            }
            for (const auto& pod : m_store.byController("core/pods", uid)) {
                auto p = pod->parse();
                if (!podIsTerminating(p)) {
                    p["metadata"]["deletionTimestamp"] = base::formatRfc3339(ctx.now);
                    p["metadata"]["deletionGracePeriodSeconds"] = 30;
                    ctx.update("core/pods", std::move(p));
                }
            }
        }
        auto deployments = std::move(m_dirtyDeployments);
        m_dirtyDeployments.clear();
        for (const auto& key : deployments) {
            auto [ns, name] = splitKey(key);
            m_deployments.reconcile(ctx, ns, name);
        }
        auto replicaSets = std::move(m_dirtyReplicaSets);
        m_dirtyReplicaSets.clear();
        for (const auto& key : replicaSets) {
            auto [ns, name] = splitKey(key);
            m_replicaSets.reconcile(ctx, ns, name);
        }
        auto statefulSets = std::move(m_dirtyStatefulSets);
        m_dirtyStatefulSets.clear();
        for (const auto& key : statefulSets) {
            auto [ns, name] = splitKey(key);
            m_statefulSets.reconcile(ctx, ns, name);
        }
        auto pdbNamespaces = std::move(m_dirtyPdbNamespaces);
        m_dirtyPdbNamespaces.clear();
        for (const auto& ns : pdbNamespaces) {
            for (const auto& pdb : m_store.list("policy/poddisruptionbudgets", ns)) {
                m_pdbs.reconcile(ctx, ns, pdb->name);
            }
        }
    }
}

void ControllerManager::reconcile(base::UnixMillis now) {
    m_now = now;
    auto ctx = context(now);
    drainDirty(ctx);
}

void ControllerManager::step(base::UnixMillis now, double dtSeconds) {
    m_now = now;
    auto ctx = context(now);
    m_usage.advance(ctx, dtSeconds);
    drainDirty(ctx);
    m_scheduler.beginPass();
    for (const auto& key : std::set<std::string>(m_unscheduledPods)) {
        auto [ns, name] = splitKey(key);
        m_scheduler.schedule(ctx, ns, name);
    }
    for (const auto& key : std::set<std::string>(m_lifecyclePods)) {
        auto [ns, name] = splitKey(key);
        if (!m_lifecycle.advance(ctx, ns, name)) m_lifecyclePods.erase(key);
    }
    drainDirty(ctx);
    m_usage.scrapeIfDue(ctx);
    m_hpa.syncDue(ctx);
    drainDirty(ctx);
}

}  // namespace scaledeck::sim
