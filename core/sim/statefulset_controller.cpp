#include "sim/statefulset_controller.h"

#include <map>

#include "sim/controller_context.h"
#include "sim/event_recorder.h"
#include "sim/pod_facts.h"

namespace scaledeck::sim {

void StatefulSetController::reconcile(ControllerContext& ctx, const std::string& ns,
                                      const std::string& name) {
    auto sPtr = ctx.store.get("apps/statefulsets", ns, name);
    if (!sPtr) return;
    nlohmann::json sts = sPtr->parse();
    if (podIsTerminating(sts)) return;
    const int desired = sts["spec"].value("replicas", 1);
    const auto& tmpl = sts["spec"]["template"];
    const std::string revision = name + "-" + podTemplateHash(tmpl);
    const bool parallel = sts["spec"].value("podManagementPolicy", "OrderedReady") == "Parallel";

    std::map<int, nlohmann::json> pods;  // ordinal -> pod
    int terminating = 0;
    for (const auto& p : ctx.store.byController("core/pods", sPtr->uid)) {
        auto pod = p->parse();
        const auto dash = p->name.rfind('-');
        const int ordinal = std::atoi(p->name.substr(dash + 1).c_str());
        if (podIsTerminating(pod)) {
            ++terminating;
            continue;
        }
        pods[ordinal] = std::move(pod);
    }
    auto podRevision = [](const nlohmann::json& pod) {
        return pod["metadata"].value("labels", nlohmann::json::object()).value("controller-revision-hash", "");
    };
    auto createPod = [&](int ordinal) {
        const std::string podName = name + "-" + std::to_string(ordinal);
        if (ctx.store.get("core/pods", ns, podName)) return;  // previous incarnation still terminating
        nlohmann::json pod = {{"apiVersion", "v1"}, {"kind", "Pod"}};
        pod["metadata"] = tmpl.value("metadata", nlohmann::json::object());
        pod["metadata"]["name"] = podName;
        pod["metadata"]["namespace"] = ns;
        pod["metadata"]["labels"]["controller-revision-hash"] = revision;
        pod["metadata"]["labels"]["statefulset.kubernetes.io/pod-name"] = podName;
        pod["metadata"]["labels"]["apps.kubernetes.io/pod-index"] = std::to_string(ordinal);
        pod["metadata"]["ownerReferences"] = {{{"apiVersion", "apps/v1"},
                                               {"kind", "StatefulSet"},
                                               {"name", name},
                                               {"uid", sPtr->uid},
                                               {"controller", true},
                                               {"blockOwnerDeletion", true}}};
        pod["spec"] = tmpl.value("spec", nlohmann::json::object());
        pod["spec"]["hostname"] = podName;
        if (sts["spec"].contains("serviceName")) pod["spec"]["subdomain"] = sts["spec"]["serviceName"];
        pod["status"] = {{"phase", "Pending"}, {"qosClass", "Burstable"}};
        if (ctx.create("core/pods", pod)) {
            ctx.events.record(ctx, sts, "Normal", "SuccessfulCreate",
                              "create Pod " + podName + " in StatefulSet " + name + " successful",
                              "statefulset-controller");
        }
    };
    auto deletePod = [&](nlohmann::json pod) {
        const std::string podName = pod["metadata"].value("name", "");
        pod["metadata"]["deletionTimestamp"] = base::formatRfc3339(ctx.now);
        pod["metadata"]["deletionGracePeriodSeconds"] = 30;
        ctx.update("core/pods", std::move(pod));
        ctx.events.record(ctx, sts, "Normal", "SuccessfulDelete",
                          "delete Pod " + podName + " in StatefulSet " + name + " successful",
                          "statefulset-controller");
    };

    // Creation, in ordinal order.
    for (int i = 0; i < desired; ++i) {
        auto it = pods.find(i);
        if (it == pods.end()) {
            if (terminating > 0 && !parallel) break;
            createPod(i);
            if (!parallel) break;
            continue;
        }
        if (!parallel && !podIsReady(it->second)) break;
    }
    // Scale down from the highest ordinal, one at a time unless Parallel.
    bool allBelowReady = true;
    for (int i = 0; i < desired; ++i) {
        if (!pods.count(i) || !podIsReady(pods[i])) allBelowReady = false;
    }
    for (auto it = pods.rbegin(); it != pods.rend(); ++it) {
        if (it->first < desired) break;
        if (!parallel && terminating > 0) break;
        deletePod(it->second);
        if (!parallel) break;
    }
    // Rolling update: replace the highest outdated pod once everything is ready.
    if (allBelowReady && terminating == 0) {
        for (auto it = pods.rbegin(); it != pods.rend(); ++it) {
            if (it->first >= desired) continue;
            if (podRevision(it->second) != revision) {
                deletePod(it->second);
                break;
            }
        }
    }

    int replicas = 0, ready = 0, updated = 0;
    for (const auto& [ordinal, pod] : pods) {
        ++replicas;
        ready += podIsReady(pod) ? 1 : 0;
        updated += podRevision(pod) == revision ? 1 : 0;
    }
    nlohmann::json status = sts.value("status", nlohmann::json::object());
    status["observedGeneration"] = sts["metadata"].value("generation", 1);
    status["replicas"] = replicas;
    status["readyReplicas"] = ready;
    status["currentReplicas"] = updated;
    status["updatedReplicas"] = updated;
    status["availableReplicas"] = ready;
    status["currentRevision"] = revision;
    status["updateRevision"] = revision;
    status["collisionCount"] = 0;
    if (status != sts.value("status", nlohmann::json::object())) {
        sts["status"] = status;
        ctx.update("apps/statefulsets", std::move(sts));
    }
}

}  // namespace scaledeck::sim
