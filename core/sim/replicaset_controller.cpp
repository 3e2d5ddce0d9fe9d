#include "sim/replicaset_controller.h"

#include <algorithm>

#include "sim/controller_context.h"
#include "sim/event_recorder.h"
#include "sim/pod_facts.h"

namespace scaledeck::sim {

namespace {

// Lower rank = deleted first (mirrors the ReplicaSet controller's ActivePodsWithRanks order).
int deletionRank(const nlohmann::json& pod) {
    const auto& spec = pod["spec"];
    if (!spec.contains("nodeName") || spec["nodeName"].get<std::string>().empty()) return 0;
    const std::string phase = pod["status"].value("phase", "");
    if (phase == "Pending") return 1;
    if (!podIsReady(pod)) return 2;
    return 3;
}

}  // namespace

void ReplicaSetController::reconcile(ControllerContext& ctx, const std::string& ns,
                                     const std::string& name) {
    auto rsPtr = ctx.store.get("apps/replicasets", ns, name);
    if (!rsPtr) return;
    nlohmann::json rs = rsPtr->parse();
    const int desired = rs["spec"].value("replicas", 1);

    std::vector<nlohmann::json> active;
    for (const auto& p : ctx.store.byController("core/pods", rsPtr->uid)) {
        auto pod = p->parse();
        if (podIsActive(pod)) active.push_back(std::move(pod));
    }

    if (static_cast<int>(active.size()) < desired) {
        const auto& tmpl = rs["spec"]["template"];
        for (int i = static_cast<int>(active.size()); i < desired; ++i) {
            nlohmann::json pod = {{"apiVersion", "v1"}, {"kind", "Pod"}};
            pod["metadata"] = tmpl.value("metadata", nlohmann::json::object());
            // generateName can collide (27^5 suffixes); the API server would answer 409 and the
            // controller try again, so pick a free name here rather than lose a step.
            std::string podName;
            do {
                podName = name + "-" + randomSuffix(ctx.random, 5);
            } while (ctx.store.get("core/pods", ns, podName));
            pod["metadata"]["name"] = podName;
            pod["metadata"]["namespace"] = ns;
            pod["metadata"]["generateName"] = name + "-";
            pod["metadata"]["ownerReferences"] = {{{"apiVersion", "apps/v1"},
                                                   {"kind", "ReplicaSet"},
                                                   {"name", name},
                                                   {"uid", rsPtr->uid},
                                                   {"controller", true},
                                                   {"blockOwnerDeletion", true}}};
            pod["spec"] = tmpl.value("spec", nlohmann::json::object());
            pod["status"] = {{"phase", "Pending"}, {"qosClass", "Burstable"}};
            if (auto created = ctx.create("core/pods", pod)) {
                ctx.events.record(ctx, rs, "Normal", "SuccessfulCreate", "Created pod: " + created->name,
                                  "replicaset-controller");
                active.push_back(created->parse());
            }
        }
    } else if (static_cast<int>(active.size()) > desired) {
        std::stable_sort(active.begin(), active.end(), [](const auto& a, const auto& b) {
            const int ra = deletionRank(a);
            const int rb = deletionRank(b);
            if (ra != rb) return ra < rb;
            // Newer pods go first.
            return a["metadata"].value("creationTimestamp", "") > b["metadata"].value("creationTimestamp", "");
        });
        const std::size_t excess = active.size() - static_cast<std::size_t>(desired);
        for (std::size_t i = 0; i < excess; ++i) {
            auto pod = active[i];
            pod["metadata"]["deletionTimestamp"] = base::formatRfc3339(ctx.now);
            pod["metadata"]["deletionGracePeriodSeconds"] = 30;
            ctx.update("core/pods", pod);
            ctx.events.record(ctx, rs, "Normal", "SuccessfulDelete",
                              "Deleted pod: " + pod["metadata"].value("name", ""),
                              "replicaset-controller");
        }
        active.erase(active.begin(), active.begin() + static_cast<std::ptrdiff_t>(excess));
    }

    int ready = 0;
    for (const auto& p : active) ready += podIsReady(p) ? 1 : 0;
    nlohmann::json status = rs.value("status", nlohmann::json::object());
    status["replicas"] = static_cast<int>(active.size());
    status["fullyLabeledReplicas"] = static_cast<int>(active.size());
    status["readyReplicas"] = ready;
    status["availableReplicas"] = ready;
    status["observedGeneration"] = rs["metadata"].value("generation", 1);
    if (ready == 0) {
        status.erase("readyReplicas");
        status.erase("availableReplicas");
    }
    if (status != rs.value("status", nlohmann::json::object())) {
        rs["status"] = status;
        ctx.update("apps/replicasets", std::move(rs));
    }
}

}  // namespace scaledeck::sim
