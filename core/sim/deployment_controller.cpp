#include "sim/deployment_controller.h"

#include <algorithm>

#include "sim/controller_context.h"
#include "sim/event_recorder.h"
#include "sim/pod_facts.h"

namespace scaledeck::sim {
namespace {

int revisionOf(const nlohmann::json& rs) {
    const auto& ann = rs["metadata"].value("annotations", nlohmann::json::object());
    return std::atoi(ann.value("deployment.kubernetes.io/revision", "0").c_str());
}

int specReplicas(const nlohmann::json& rs) { return rs["spec"].value("replicas", 0); }
int statusValue(const nlohmann::json& obj, const char* field) {
    return obj.contains("status") ? obj["status"].value(field, 0) : 0;
}

}  // namespace

void DeploymentController::reconcile(ControllerContext& ctx, const std::string& ns,
                                     const std::string& name) {
    auto dPtr = ctx.store.get("apps/deployments", ns, name);
    if (!dPtr) return;
    nlohmann::json d = dPtr->parse();
    if (podIsTerminating(d)) return;
    const int desired = d["spec"].value("replicas", 1);
    const auto& tmpl = d["spec"]["template"];
    const std::string hash = podTemplateHash(tmpl);

    std::vector<nlohmann::json> rss;
    for (const auto& p : ctx.store.byController("apps/replicasets", dPtr->uid)) rss.push_back(p->parse());
    std::sort(rss.begin(), rss.end(), [](const auto& a, const auto& b) { return revisionOf(a) < revisionOf(b); });

    nlohmann::json* newRs = nullptr;
    int maxRevision = 0;
    for (auto& rs : rss) {
        maxRevision = std::max(maxRevision, revisionOf(rs));
        const auto labels = rs["spec"]["template"]["metadata"].value("labels", nlohmann::json::object());
        if (labels.value("pod-template-hash", "") == hash) newRs = &rs;
    }
    const std::string ts = base::formatRfc3339(ctx.now);
    auto scaleRs = [&](nlohmann::json& rs, int to) {
        const int from = specReplicas(rs);
        if (from == to) return;
        rs["spec"]["replicas"] = to;
        rs["metadata"]["annotations"]["deployment.kubernetes.io/desired-replicas"] = std::to_string(desired);
        if (auto updated = ctx.update("apps/replicasets", rs)) rs = updated->parse();
        ctx.events.record(ctx, d, "Normal", "ScalingReplicaSet",
                          std::string(to > from ? "Scaled up" : "Scaled down") + " replica set " +
                              rs["metadata"].value("name", "") + " from " + std::to_string(from) +
                              " to " + std::to_string(to),
                          "deployment-controller");
    };

    if (!newRs) {
        nlohmann::json rs = {{"apiVersion", "apps/v1"}, {"kind", "ReplicaSet"}};
        rs["metadata"] = {{"name", name + "-" + hash},
                          {"namespace", ns},
                          {"labels", tmpl["metadata"].value("labels", nlohmann::json::object())},
                          {"annotations",
                           {{"deployment.kubernetes.io/revision", std::to_string(maxRevision + 1)},
                            {"deployment.kubernetes.io/desired-replicas", std::to_string(desired)},
                            {"deployment.kubernetes.io/max-replicas", std::to_string(desired + 1)}}},
                          {"ownerReferences",
                           {{{"apiVersion", "apps/v1"},
                             {"kind", "Deployment"},
                             {"name", name},
                             {"uid", dPtr->uid},
                             {"controller", true},
                             {"blockOwnerDeletion", true}}}}};
        rs["metadata"]["labels"]["pod-template-hash"] = hash;
        rs["spec"] = {{"replicas", 0}, {"selector", d["spec"]["selector"]}, {"template", tmpl}};
        rs["spec"]["selector"]["matchLabels"]["pod-template-hash"] = hash;
        rs["spec"]["template"]["metadata"]["labels"]["pod-template-hash"] = hash;
        auto created = ctx.create("apps/replicasets", rs);
        if (!created) return;
        rss.push_back(created->parse());
        newRs = &rss.back();
        // Pointers into rss may have moved; find it again.
        for (auto& r : rss) {
            if (r["metadata"].value("name", "") == name + "-" + hash) newRs = &r;
        }
    }

    bool hasOldReplicas = false;
    for (auto& rs : rss) {
        if (&rs != newRs && (specReplicas(rs) > 0 || statusValue(rs, "replicas") > 0)) hasOldReplicas = true;
    }

    const std::string strategy = d["spec"].contains("strategy") ? d["spec"]["strategy"].value("type", "RollingUpdate") : "RollingUpdate";
    if (!hasOldReplicas) {
        scaleRs(*newRs, desired);
    } else if (strategy == "Recreate") {
        bool oldPodsGone = true;
        for (auto& rs : rss) {
            if (&rs == newRs) continue;
            scaleRs(rs, 0);
            if (statusValue(rs, "replicas") > 0) oldPodsGone = false;
        }
        if (oldPodsGone) scaleRs(*newRs, desired);
    } else {
        const auto ru = d["spec"].contains("strategy") ? d["spec"]["strategy"].value("rollingUpdate", nlohmann::json::object()) : nlohmann::json::object();
        const int maxSurge = scaledValue(ru.value("maxSurge", nlohmann::json("25%")), desired, true, 1);
        int maxUnavailable = scaledValue(ru.value("maxUnavailable", nlohmann::json("25%")), desired, false, 0);
        if (maxSurge == 0 && maxUnavailable == 0) maxUnavailable = 1;
        int total = 0;
        for (auto& rs : rss) total += specReplicas(rs);
        // Scale the new ReplicaSet up within the surge budget.
        const int room = desired + maxSurge - total;
        if (room > 0 && specReplicas(*newRs) < desired) {
            scaleRs(*newRs, std::min(desired, specReplicas(*newRs) + room));
        }
        // Scale old ReplicaSets down: unhealthy pods first, then as far as availability allows.
        int available = 0;
        for (auto& rs : rss) available += statusValue(rs, "availableReplicas");
        int canRemove = available - (desired - maxUnavailable);
        for (auto& rs : rss) {
            if (&rs == newRs || specReplicas(rs) == 0) continue;
            const int unhealthy = std::max(0, specReplicas(rs) - statusValue(rs, "availableReplicas"));
            int target = specReplicas(rs) - unhealthy;
            const int extra = std::min(std::max(0, canRemove), target);
            target -= extra;
            canRemove -= extra;
            scaleRs(rs, target);
        }
    }

    // Status from the ReplicaSets' own status.
    int replicas = 0, ready = 0, availableAll = 0;
    for (auto& rs : rss) {
        replicas += statusValue(rs, "replicas");
        ready += statusValue(rs, "readyReplicas");
        availableAll += statusValue(rs, "availableReplicas");
    }
    const int updated = statusValue(*newRs, "replicas");
    nlohmann::json status = d.value("status", nlohmann::json::object());
    status["observedGeneration"] = d["metadata"].value("generation", 1);
    status["replicas"] = replicas;
    status["updatedReplicas"] = updated;
    status["readyReplicas"] = ready;
    status["availableReplicas"] = availableAll;
    status["unavailableReplicas"] = std::max(0, std::max(desired, replicas) - availableAll);
    for (const char* f : {"readyReplicas", "availableReplicas", "unavailableReplicas", "updatedReplicas", "replicas"}) {
        if (status[f] == 0) status.erase(f);
    }
    const auto ru = d["spec"].contains("strategy") ? d["spec"]["strategy"].value("rollingUpdate", nlohmann::json::object()) : nlohmann::json::object();
    const int maxUnavailable = scaledValue(ru.value("maxUnavailable", nlohmann::json("25%")), desired, false, 0);
    auto& conds = status["conditions"];
    if (availableAll >= desired - maxUnavailable) {
        setCondition(conds, "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", ts, true);
    } else {
        setCondition(conds, "Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", ts, true);
    }
    const std::string rsName = (*newRs)["metadata"].value("name", "");
    const bool complete = updated == desired && replicas == desired && availableAll == desired && !hasOldReplicas;
    if (complete) {
        setCondition(conds, "Progressing", "True", "NewReplicaSetAvailable", "ReplicaSet \"" + rsName + "\" has successfully progressed.", ts, true);
    } else {
        setCondition(conds, "Progressing", "True", "ReplicaSetUpdated", "ReplicaSet \"" + rsName + "\" is progressing.", ts, true);
    }
    d["metadata"]["annotations"]["deployment.kubernetes.io/revision"] = std::to_string(revisionOf(*newRs));
    if (status != d.value("status", nlohmann::json::object()) ||
        d["metadata"]["annotations"] != dPtr->parse()["metadata"].value("annotations", nlohmann::json::object())) {
        d["status"] = status;
        ctx.update("apps/deployments", std::move(d));
    }
}

}  // namespace scaledeck::sim
