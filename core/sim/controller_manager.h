// ControllerManager: runs every simulated controller, kube-controller-manager style. A store
// listener turns writes into work (dirty workloads, pods with a pending lifecycle transition,
// unscheduled pods, owners whose dependents must be garbage-collected, HPAs to sync), so a step
// costs in proportion to what changed, not to the size of the cluster. step() advances time by
// one tick and runs timed transitions; reconcile() handles only reactive work at the current
// instant (used while a manual clock stands still). Both require the world lock.
#pragma once

#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>

#include "sim/deployment_controller.h"
#include "sim/event_recorder.h"
#include "sim/hpa_sim_controller.h"
#include "sim/object_store.h"
#include "sim/pdb_controller.h"
#include "sim/pod_lifecycle.h"
#include "sim/pod_scheduler.h"
#include "sim/replicaset_controller.h"
#include "sim/scenario.h"
#include "sim/statefulset_controller.h"
#include "sim/usage_controller.h"

namespace scaledeck::sim {

class MetricsSource;

class ControllerManager {
public:
    ControllerManager(ObjectStore& store, MetricsSource& metrics, const Scenario& scenario,
                      std::uint64_t seed);

    // Advances from the previous step to `now` (one tick) and runs every controller.
    void step(base::UnixMillis now, double dtSeconds);
    // Reactive work only (no time passes).
    void reconcile(base::UnixMillis now);
    bool hasPendingWork() const;

    UsageController& usage() { return m_usage; }
    const HpaSimController& hpa() const { return m_hpa; }

private:
    struct UidEntry {
        std::string storage;
        std::string key;
    };
    void onEvent(const StoreEvent& ev);
    void drainDirty(ControllerContext& ctx);
    ControllerContext context(base::UnixMillis now);

    ObjectStore& m_store;
    MetricsSource& m_metrics;
    LifecycleTimings m_timings;
    std::mt19937_64 m_random;
    EventRecorder m_events;
    DeploymentController m_deployments;
    ReplicaSetController m_replicaSets;
    StatefulSetController m_statefulSets;
    PodScheduler m_scheduler;
    PodLifecycle m_lifecycle;
    PdbController m_pdbs;
    HpaSimController m_hpa;
    UsageController m_usage;

    base::UnixMillis m_now = 0;
    std::map<std::string, UidEntry> m_uids;
    std::set<std::string> m_dirtyDeployments, m_dirtyReplicaSets, m_dirtyStatefulSets;
    std::set<std::string> m_dirtyPdbNamespaces;
    std::set<std::string> m_lifecyclePods, m_unscheduledPods;
    std::set<std::string> m_orphanedOwners;  // uids whose dependents must go
};

}  // namespace scaledeck::sim
