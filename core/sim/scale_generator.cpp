#include "sim/scale_generator.h"

#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/object_store.h"
#include "sim/pod_facts.h"
#include "sim/resource_registry.h"

namespace scaledeck::sim {
namespace {

constexpr std::size_t kPodsPerDeployment = 10;
constexpr std::size_t kDeploymentsPerNamespace = 50;

const ResourceInfo& info(const char* storage) { return *ResourceRegistry::instance().byStorage(storage); }

std::string pad(std::size_t n, int width) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%0*zu", width, n);
    return buf;
}

}  // namespace

base::Status generateScaleCluster(ObjectStore& store, std::size_t pods, std::size_t nodes,
                                  std::int64_t nowMs) {
    if (pods == 0) return {};
    if (nodes == 0) return base::Error::invalid("--scale needs at least one node (PODS:NODES)");
    const std::string ts = base::formatRfc3339(nowMs);
    const std::size_t podsPerNode = (pods + nodes - 1) / nodes;
    for (std::size_t n = 0; n < nodes; ++n) {
        const std::string name = "scale-node-" + pad(n, 5);
        nlohmann::json node = {
            {"apiVersion", "v1"},
            {"kind", "Node"},
            {"metadata",
             {{"name", name},
              {"labels",
               {{"kubernetes.io/hostname", name},
                {"kubernetes.io/os", "linux"},
                {"node-role.kubernetes.io/worker", ""},
                {"topology.kubernetes.io/zone", "zone-" + std::to_string(n % 3)}}}}},
            {"spec", {{"podCIDR", "10.200." + std::to_string(n % 250) + ".0/24"}}},
            {"status",
             {{"capacity", {{"cpu", "64"}, {"memory", "256Gi"}, {"pods", std::to_string(podsPerNode + 50)}}},
              {"allocatable", {{"cpu", "63500m"}, {"memory", "250Gi"}, {"pods", std::to_string(podsPerNode + 50)}}},
              {"conditions",
               {{{"type", "Ready"}, {"status", "True"}, {"reason", "KubeletReady"},
                 {"message", "kubelet is posting ready status"},
                 {"lastHeartbeatTime", ts}, {"lastTransitionTime", ts}}}},
              {"addresses", {{{"type", "InternalIP"}, {"address", "10.1." + std::to_string(n / 250) + "." + std::to_string(n % 250)}},
                             {{"type", "Hostname"}, {"address", name}}}},
              {"nodeInfo", {{"kubeletVersion", "v1.32.4"}, {"osImage", "Debian GNU/Linux 12 (bookworm)"},
                            {"kernelVersion", "6.1.0-28-amd64"}, {"containerRuntimeVersion", "containerd://1.7.24"},
                            {"architecture", "amd64"}, {"operatingSystem", "linux"}}}}}};
        auto nodeRes = store.create(info("core/nodes"), std::move(node));
        if (auto* e = std::get_if<ApiError>(&nodeRes)) {
            return base::Error::internal("--scale: " + e->message);
        }
    }
    const std::size_t deployments = (pods + kPodsPerDeployment - 1) / kPodsPerDeployment;
    std::size_t podIndex = 0;
    for (std::size_t d = 0; d < deployments; ++d) {
        const std::string ns = "scale-" + pad(d / kDeploymentsPerNamespace, 4);
        if (d % kDeploymentsPerNamespace == 0) {
            nlohmann::json nsObj = {{"apiVersion", "v1"}, {"kind", "Namespace"},
                                    {"metadata", {{"name", ns}, {"labels", {{"kubernetes.io/metadata.name", ns}}}}},
                                    {"spec", {{"finalizers", {"kubernetes"}}}},
                                    {"status", {{"phase", "Active"}}}};
            (void)store.create(info("core/namespaces"), std::move(nsObj));
        }
        const std::string app = "svc-" + pad(d, 6);
        const std::size_t replicas = std::min(kPodsPerDeployment, pods - podIndex);
        nlohmann::json container = {{"name", "app"}, {"image", "registry.example/app:1.4." + std::to_string(d % 7)},
                                    {"ports", {{{"containerPort", 8080}, {"protocol", "TCP"}}}},
                                    {"resources", {{"requests", {{"cpu", "100m"}, {"memory", "128Mi"}}},
                                                   {"limits", {{"cpu", "500m"}, {"memory", "256Mi"}}}}},
                                    {"imagePullPolicy", "IfNotPresent"},
                                    {"terminationMessagePath", "/dev/termination-log"},
                                    {"terminationMessagePolicy", "File"}};
        nlohmann::json podSpec = {{"containers", {container}}, {"restartPolicy", "Always"},
                                  {"dnsPolicy", "ClusterFirst"}, {"schedulerName", "default-scheduler"},
                                  {"terminationGracePeriodSeconds", 30}};
        nlohmann::json labels = {{"app", app}, {"tier", d % 2 ? "backend" : "frontend"}};
        // The deployment controller's own hash of the template: with any other value it would
        // see no current replica set and roll every generated pod out again at start.
        const std::string hash = podTemplateHash({{"metadata", {{"labels", labels}}}, {"spec", podSpec}});
        nlohmann::json deploy = {
            {"apiVersion", "apps/v1"}, {"kind", "Deployment"},
            {"metadata", {{"name", app}, {"namespace", ns}, {"labels", labels},
                          {"annotations", {{"deployment.kubernetes.io/revision", "1"}}}}},
            {"spec", {{"replicas", replicas}, {"selector", {{"matchLabels", {{"app", app}}}}},
                      {"template", {{"metadata", {{"labels", labels}}}, {"spec", podSpec}}},
                      {"strategy", {{"type", "RollingUpdate"}, {"rollingUpdate", {{"maxSurge", "25%"}, {"maxUnavailable", "25%"}}}}},
                      {"revisionHistoryLimit", 10}, {"progressDeadlineSeconds", 600}}},
            {"status", {{"observedGeneration", 1}, {"replicas", replicas}, {"updatedReplicas", replicas},
                        {"readyReplicas", replicas}, {"availableReplicas", replicas},
                        {"conditions", {{{"type", "Available"}, {"status", "True"}, {"reason", "MinimumReplicasAvailable"},
                                         {"message", "Deployment has minimum availability."}, {"lastUpdateTime", ts}, {"lastTransitionTime", ts}},
                                        {{"type", "Progressing"}, {"status", "True"}, {"reason", "NewReplicaSetAvailable"},
                                         {"message", "ReplicaSet \"" + app + "-" + hash + "\" has successfully progressed."},
                                         {"lastUpdateTime", ts}, {"lastTransitionTime", ts}}}}}}};
        auto dRes = store.create(info("apps/deployments"), std::move(deploy));
        if (auto* e = std::get_if<ApiError>(&dRes)) return base::Error::internal("--scale: " + e->message);
        const auto dPtr = std::get<ObjectPtr>(dRes);
        nlohmann::json rsLabels = labels;
        rsLabels["pod-template-hash"] = hash;
        const std::string rsName = app + "-" + hash;
        nlohmann::json rs = {
            {"apiVersion", "apps/v1"}, {"kind", "ReplicaSet"},
            {"metadata", {{"name", rsName}, {"namespace", ns}, {"labels", rsLabels},
                          {"annotations", {{"deployment.kubernetes.io/revision", "1"},
                                           {"deployment.kubernetes.io/desired-replicas", std::to_string(replicas)},
                                           {"deployment.kubernetes.io/max-replicas", std::to_string(replicas + 3)}}},
                          {"ownerReferences", {{{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"name", app},
                                                {"uid", dPtr->uid}, {"controller", true}, {"blockOwnerDeletion", true}}}}}},
            {"spec", {{"replicas", replicas},
                      {"selector", {{"matchLabels", {{"app", app}, {"pod-template-hash", hash}}}}},
                      {"template", {{"metadata", {{"labels", rsLabels}}}, {"spec", podSpec}}}}},
            {"status", {{"replicas", replicas}, {"fullyLabeledReplicas", replicas}, {"readyReplicas", replicas},
                        {"availableReplicas", replicas}, {"observedGeneration", 1}}}};
        auto rsRes = store.create(info("apps/replicasets"), std::move(rs));
        if (auto* e = std::get_if<ApiError>(&rsRes)) return base::Error::internal("--scale: " + e->message);
        const auto rsPtr = std::get<ObjectPtr>(rsRes);
        for (std::size_t r = 0; r < replicas; ++r, ++podIndex) {
            const std::string podName = rsName + "-" + pad(r, 5);
            const std::string node = "scale-node-" + pad(podIndex % nodes, 5);
            const std::string ip = "10.200." + std::to_string((podIndex / 250) % 250) + "." + std::to_string(podIndex % 250);
            nlohmann::json pod = {
                {"apiVersion", "v1"}, {"kind", "Pod"},
                {"metadata", {{"name", podName}, {"namespace", ns}, {"generateName", rsName + "-"}, {"labels", rsLabels},
                              {"ownerReferences", {{{"apiVersion", "apps/v1"}, {"kind", "ReplicaSet"}, {"name", rsName},
                                                    {"uid", rsPtr->uid}, {"controller", true}, {"blockOwnerDeletion", true}}}}}},
                {"spec", podSpec},
                {"status", {{"phase", "Running"}, {"hostIP", "10.1.0.1"}, {"podIP", ip}, {"podIPs", {{{"ip", ip}}}},
                            {"startTime", ts}, {"qosClass", "Burstable"},
                            {"conditions", {{{"type", "Initialized"}, {"status", "True"}, {"lastTransitionTime", ts}},
                                            {{"type", "Ready"}, {"status", "True"}, {"lastTransitionTime", ts}},
                                            {{"type", "ContainersReady"}, {"status", "True"}, {"lastTransitionTime", ts}},
                                            {{"type", "PodScheduled"}, {"status", "True"}, {"lastTransitionTime", ts}}}},
                            {"containerStatuses", {{{"name", "app"}, {"image", container["image"]},
                                                    {"imageID", "registry.example/app@sha256:0"},
                                                    {"containerID", "containerd://" + pad(podIndex, 16)},
                                                    {"ready", true}, {"started", true}, {"restartCount", static_cast<int>(podIndex % 3)},
                                                    {"state", {{"running", {{"startedAt", ts}}}}}}}}}}};
            pod["spec"]["nodeName"] = node;
            auto podRes = store.create(info("core/pods"), std::move(pod));
            if (auto* e = std::get_if<ApiError>(&podRes)) {
                return base::Error::internal("--scale: " + e->message);
            }
        }
    }
    return {};
}

}  // namespace scaledeck::sim
