#include "sim/schema_check.h"

#include <map>
#include <sstream>
#include <string_view>
#include <utility>

namespace scaledeck::sim {
namespace {

using nlohmann::json;

// The schema is written as one line of field declarations per API type:
//   name          a scalar, a list of scalars, or anything we do not look into
//   name:*        an object we accept as free-form (status, rarely used nested types)
//   name:{}       a free-form map (labels, data, resources.requests): any key
//   name:Type     an object of a type declared in this table
//   name:[Type]   a list of objects of that type
// Field lists follow the Kubernetes 1.32 API reference.
constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
    // ---- meta ----
    {"ObjectMeta",
     "name generateName namespace selfLink uid resourceVersion generation creationTimestamp "
     "deletionTimestamp deletionGracePeriodSeconds labels:{} annotations:{} "
     "ownerReferences:[OwnerReference] finalizers managedFields:[*]"},
    {"OwnerReference", "apiVersion kind name uid controller blockOwnerDeletion"},
    {"LabelSelector", "matchLabels:{} matchExpressions:[LabelSelectorRequirement]"},
    {"LabelSelectorRequirement", "key operator values"},
    {"ObjectReference", "kind namespace name uid apiVersion resourceVersion fieldPath"},
    {"LocalObjectReference", "name"},

    // ---- pods ----
    {"Pod", "apiVersion kind metadata:ObjectMeta spec:PodSpec status:*"},
    {"PodTemplateSpec", "metadata:ObjectMeta spec:PodSpec"},
    {"PodSpec",
     "volumes:[Volume] initContainers:[Container] containers:[Container] "
     "ephemeralContainers:[EphemeralContainer] restartPolicy terminationGracePeriodSeconds "
     "activeDeadlineSeconds dnsPolicy nodeSelector:{} serviceAccountName serviceAccount "
     "automountServiceAccountToken nodeName hostNetwork hostPID hostIPC shareProcessNamespace "
     "securityContext:PodSecurityContext imagePullSecrets:[LocalObjectReference] hostname "
     "subdomain affinity:Affinity schedulerName tolerations:[Toleration] "
     "hostAliases:[HostAlias] priorityClassName priority dnsConfig:PodDNSConfig "
     "readinessGates:[PodReadinessGate] runtimeClassName enableServiceLinks preemptionPolicy "
     "overhead:{} topologySpreadConstraints:[TopologySpreadConstraint] setHostnameAsFQDN "
     "os:PodOS hostUsers schedulingGates:[PodSchedulingGate] resourceClaims:[PodResourceClaim] "
     "resources:ResourceRequirements"},
    {"Volume",
     "name hostPath:* emptyDir:* gcePersistentDisk:* awsElasticBlockStore:* gitRepo:* secret:* "
     "nfs:* iscsi:* glusterfs:* persistentVolumeClaim:* rbd:* flexVolume:* cinder:* cephfs:* "
     "flocker:* downwardAPI:* fc:* azureFile:* configMap:* vsphereVolume:* quobyte:* "
     "azureDisk:* photonPersistentDisk:* projected:* portworxVolume:* scaleIO:* storageos:* "
     "csi:* ephemeral:* image:*"},
    {"Container",
     "name image command args workingDir ports:[ContainerPort] envFrom:[EnvFromSource] "
     "env:[EnvVar] resources:ResourceRequirements resizePolicy:[ContainerResizePolicy] "
     "restartPolicy volumeMounts:[VolumeMount] volumeDevices:[VolumeDevice] "
     "livenessProbe:Probe readinessProbe:Probe startupProbe:Probe lifecycle:Lifecycle "
     "terminationMessagePath terminationMessagePolicy imagePullPolicy "
     "securityContext:SecurityContext stdin stdinOnce tty"},
    {"EphemeralContainer",
     "name image command args workingDir ports:[ContainerPort] envFrom:[EnvFromSource] "
     "env:[EnvVar] resources:ResourceRequirements resizePolicy:[ContainerResizePolicy] "
     "restartPolicy volumeMounts:[VolumeMount] volumeDevices:[VolumeDevice] "
     "livenessProbe:Probe readinessProbe:Probe startupProbe:Probe lifecycle:Lifecycle "
     "terminationMessagePath terminationMessagePolicy imagePullPolicy "
     "securityContext:SecurityContext stdin stdinOnce tty targetContainerName"},
    {"ContainerPort", "name hostPort containerPort protocol hostIP"},
    {"EnvFromSource", "prefix configMapRef:* secretRef:*"},
    {"EnvVar", "name value valueFrom:EnvVarSource"},
    {"EnvVarSource", "fieldRef:* resourceFieldRef:* configMapKeyRef:* secretKeyRef:*"},
    {"ResourceRequirements", "limits:{} requests:{} claims:[*]"},
    {"ContainerResizePolicy", "resourceName restartPolicy"},
    {"VolumeMount",
     "name readOnly recursiveReadOnly mountPath subPath mountPropagation subPathExpr"},
    {"VolumeDevice", "name devicePath"},
    {"Probe",
     "exec:* httpGet:HTTPGetAction tcpSocket:* grpc:* initialDelaySeconds timeoutSeconds "
     "periodSeconds successThreshold failureThreshold terminationGracePeriodSeconds"},
    {"HTTPGetAction", "path port host scheme httpHeaders:[HTTPHeader]"},
    {"HTTPHeader", "name value"},
    {"Lifecycle", "postStart:LifecycleHandler preStop:LifecycleHandler"},
    {"LifecycleHandler", "exec:* httpGet:HTTPGetAction tcpSocket:* sleep:*"},
    {"SecurityContext",
     "capabilities:* privileged seLinuxOptions:* windowsOptions:* runAsUser runAsGroup "
     "runAsNonRoot readOnlyRootFilesystem allowPrivilegeEscalation procMount seccompProfile:* "
     "appArmorProfile:*"},
    {"PodSecurityContext",
     "seLinuxOptions:* windowsOptions:* runAsUser runAsGroup runAsNonRoot supplementalGroups "
     "supplementalGroupsPolicy fsGroup sysctls:[*] fsGroupChangePolicy seccompProfile:* "
     "appArmorProfile:* seLinuxChangePolicy"},
    {"Affinity", "nodeAffinity:* podAffinity:* podAntiAffinity:*"},
    {"Toleration", "key operator value effect tolerationSeconds"},
    {"HostAlias", "ip hostnames"},
    {"PodDNSConfig", "nameservers searches options:[*]"},
    {"PodReadinessGate", "conditionType"},
    {"TopologySpreadConstraint",
     "maxSkew topologyKey whenUnsatisfiable labelSelector:LabelSelector minDomains "
     "nodeAffinityPolicy nodeTaintsPolicy matchLabelKeys"},
    {"PodOS", "name"},
    {"PodSchedulingGate", "name"},
    {"PodResourceClaim", "name resourceClaimName resourceClaimTemplateName"},

    // ---- apps ----
    {"Deployment", "apiVersion kind metadata:ObjectMeta spec:DeploymentSpec status:*"},
    {"DeploymentSpec",
     "replicas selector:LabelSelector template:PodTemplateSpec strategy:DeploymentStrategy "
     "minReadySeconds revisionHistoryLimit paused progressDeadlineSeconds"},
    {"DeploymentStrategy", "type rollingUpdate:RollingUpdateDeployment"},
    {"RollingUpdateDeployment", "maxUnavailable maxSurge"},
    {"ReplicaSet", "apiVersion kind metadata:ObjectMeta spec:ReplicaSetSpec status:*"},
    {"ReplicaSetSpec", "replicas minReadySeconds selector:LabelSelector template:PodTemplateSpec"},
    {"StatefulSet", "apiVersion kind metadata:ObjectMeta spec:StatefulSetSpec status:*"},
    {"StatefulSetSpec",
     "replicas selector:LabelSelector template:PodTemplateSpec "
     "volumeClaimTemplates:[PersistentVolumeClaim] serviceName podManagementPolicy "
     "updateStrategy:StatefulSetUpdateStrategy revisionHistoryLimit minReadySeconds "
     "persistentVolumeClaimRetentionPolicy:StatefulSetPVCRetentionPolicy ordinals:*"},
    {"StatefulSetUpdateStrategy", "type rollingUpdate:RollingUpdateStatefulSetStrategy"},
    {"RollingUpdateStatefulSetStrategy", "partition maxUnavailable"},
    {"StatefulSetPVCRetentionPolicy", "whenDeleted whenScaled"},
    {"PersistentVolumeClaim", "apiVersion kind metadata:ObjectMeta spec:* status:*"},
    {"ControllerRevision", "apiVersion kind metadata:ObjectMeta data:* revision"},

    // ---- core ----
    {"Service", "apiVersion kind metadata:ObjectMeta spec:ServiceSpec status:*"},
    {"ServiceSpec",
     "ports:[ServicePort] selector:{} clusterIP clusterIPs type externalIPs sessionAffinity "
     "loadBalancerIP loadBalancerSourceRanges externalName externalTrafficPolicy "
     "healthCheckNodePort publishNotReadyAddresses sessionAffinityConfig:* ipFamilies "
     "ipFamilyPolicy allocateLoadBalancerNodePorts loadBalancerClass internalTrafficPolicy "
     "trafficDistribution"},
    {"ServicePort", "name protocol appProtocol port targetPort nodePort"},
    {"ConfigMap", "apiVersion kind metadata:ObjectMeta data:{} binaryData:{} immutable"},
    {"Namespace", "apiVersion kind metadata:ObjectMeta spec:NamespaceSpec status:*"},
    {"NamespaceSpec", "finalizers"},
    {"Node", "apiVersion kind metadata:ObjectMeta spec:NodeSpec status:*"},
    {"NodeSpec",
     "podCIDR podCIDRs providerID unschedulable taints:[Taint] configSource:* externalID"},
    {"Taint", "key value effect timeAdded"},
    {"EventSource", "component host"},
    {"EventSeries", "count lastObservedTime"},
    {"CoreEvent",
     "apiVersion kind metadata:ObjectMeta involvedObject:ObjectReference reason message "
     "source:EventSource firstTimestamp lastTimestamp count type eventTime series:EventSeries "
     "action related:ObjectReference reportingComponent reportingInstance"},
    {"EventsV1Event",
     "apiVersion kind metadata:ObjectMeta eventTime series:EventSeries reportingController "
     "reportingInstance action reason regarding:ObjectReference related:ObjectReference note "
     "type deprecatedSource:EventSource deprecatedFirstTimestamp deprecatedLastTimestamp "
     "deprecatedCount"},
    // Without an apiVersion the object may be either kind of Event.
    {"AnyEvent",
     "apiVersion kind metadata:ObjectMeta involvedObject:ObjectReference reason message "
     "source:EventSource firstTimestamp lastTimestamp count type eventTime series:EventSeries "
     "action related:ObjectReference reportingComponent reportingInstance reportingController "
     "regarding:ObjectReference note deprecatedSource:EventSource deprecatedFirstTimestamp "
     "deprecatedLastTimestamp deprecatedCount"},

    // ---- policy ----
    {"PodDisruptionBudget",
     "apiVersion kind metadata:ObjectMeta spec:PodDisruptionBudgetSpec status:*"},
    {"PodDisruptionBudgetSpec",
     "minAvailable selector:LabelSelector maxUnavailable unhealthyPodEvictionPolicy"},

    // ---- autoscaling ----
    {"CrossVersionObjectReference", "kind name apiVersion"},
    {"HPAv2", "apiVersion kind metadata:ObjectMeta spec:HPASpecV2 status:*"},
    {"HPASpecV2",
     "scaleTargetRef:CrossVersionObjectReference minReplicas maxReplicas metrics:[MetricSpec] "
     "behavior:HPABehavior"},
    {"HPAv1", "apiVersion kind metadata:ObjectMeta spec:HPASpecV1 status:*"},
    {"HPASpecV1",
     "scaleTargetRef:CrossVersionObjectReference minReplicas maxReplicas "
     "targetCPUUtilizationPercentage"},
    {"AnyHPA", "apiVersion kind metadata:ObjectMeta spec:AnyHPASpec status:*"},
    {"AnyHPASpec",
     "scaleTargetRef:CrossVersionObjectReference minReplicas maxReplicas metrics:[MetricSpec] "
     "behavior:HPABehavior targetCPUUtilizationPercentage"},
    {"MetricSpec",
     "type object:ObjectMetricSource pods:PodsMetricSource resource:ResourceMetricSource "
     "containerResource:ContainerResourceMetricSource external:ExternalMetricSource"},
    {"ObjectMetricSource",
     "describedObject:CrossVersionObjectReference target:MetricTarget metric:MetricIdentifier"},
    {"PodsMetricSource", "metric:MetricIdentifier target:MetricTarget"},
    {"ResourceMetricSource", "name target:MetricTarget"},
    {"ContainerResourceMetricSource", "name target:MetricTarget container"},
    {"ExternalMetricSource", "metric:MetricIdentifier target:MetricTarget"},
    {"MetricIdentifier", "name selector:LabelSelector"},
    {"MetricTarget", "type value averageValue averageUtilization"},
    {"HPABehavior", "scaleUp:HPAScalingRules scaleDown:HPAScalingRules"},
    {"HPAScalingRules", "stabilizationWindowSeconds selectPolicy policies:[HPAScalingPolicy]"},
    {"HPAScalingPolicy", "type value periodSeconds"},
};

struct Field {
    enum class Kind { Unchecked, Object, Array };
    Kind kind = Kind::Unchecked;
    std::string type;  // for Object and Array
};

using TypeTable = std::map<std::string, std::map<std::string, Field, std::less<>>, std::less<>>;

const TypeTable& types() {
    static const TypeTable table = [] {
        TypeTable t;
        for (const auto& [name, decl] : kTypes) {
            auto& fields = t[std::string(name)];
            std::istringstream in{std::string(decl)};
            std::string token;
            while (in >> token) {
                const auto colon = token.find(':');
                Field f;
                if (colon != std::string::npos) {
                    std::string spec = token.substr(colon + 1);
                    token.resize(colon);
                    if (spec.size() > 2 && spec.front() == '[' && spec.back() == ']') {
                        spec = spec.substr(1, spec.size() - 2);
                        if (spec != "*")
                            f = {Field::Kind::Array, spec};
                    } else if (spec != "*" && spec != "{}") {
                        f = {Field::Kind::Object, spec};
                    }
                }
                fields[token] = f;
            }
        }
        return t;
    }();
    return table;
}

void walk(const json& value, std::string_view typeName, const std::string& path,
          std::vector<std::string>& out) {
    if (!value.is_object())
        return;
    const auto& table = types();
    const auto type = table.find(typeName);
    if (type == table.end())
        return;  // a typo in the table must not reject user input
    for (const auto& [key, v] : value.items()) {
        const std::string fieldPath = path.empty() ? key : path + "." + key;
        const auto f = type->second.find(key);
        if (f == type->second.end()) {
            out.push_back(fieldPath);
            continue;
        }
        if (f->second.kind == Field::Kind::Object) {
            walk(v, f->second.type, fieldPath, out);
        } else if (f->second.kind == Field::Kind::Array && v.is_array()) {
            for (std::size_t i = 0; i < v.size(); ++i) {
                walk(v[i], f->second.type, fieldPath + "[" + std::to_string(i) + "]", out);
            }
        }
    }
}

std::string_view rootType(const std::string& resource, const json& obj) {
    std::string apiVersion;
    if (obj.is_object()) {
        auto it = obj.find("apiVersion");
        if (it != obj.end() && it->is_string())
            apiVersion = it->get<std::string>();
    }
    if (resource == "horizontalpodautoscalers") {
        if (apiVersion == "autoscaling/v1")
            return "HPAv1";
        if (apiVersion == "autoscaling/v2")
            return "HPAv2";
        return "AnyHPA";
    }
    if (resource == "events") {
        if (apiVersion == "events.k8s.io/v1")
            return "EventsV1Event";
        if (apiVersion == "v1")
            return "CoreEvent";
        return "AnyEvent";
    }
    static const std::map<std::string, std::string_view, std::less<>> kRoots = {
        {"pods", "Pod"},
        {"deployments", "Deployment"},
        {"replicasets", "ReplicaSet"},
        {"statefulsets", "StatefulSet"},
        {"controllerrevisions", "ControllerRevision"},
        {"services", "Service"},
        {"configmaps", "ConfigMap"},
        {"namespaces", "Namespace"},
        {"nodes", "Node"},
        {"poddisruptionbudgets", "PodDisruptionBudget"},
    };
    auto it = kRoots.find(resource);
    return it == kRoots.end() ? std::string_view() : it->second;
}

}  // namespace

std::vector<std::string> unknownFields(const std::string& resource, const nlohmann::json& obj) {
    std::vector<std::string> out;
    const std::string_view root = rootType(resource, obj);
    if (root.empty())
        return out;
    try {
        walk(obj, root, "", out);
    } catch (const std::exception&) {
        // Only allocation can fail here; report what was found so far.
    }
    return out;
}

}  // namespace scaledeck::sim
