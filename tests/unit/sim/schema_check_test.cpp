#include "sim/schema_check.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using nlohmann::json;
using scaledeck::sim::unknownFields;

namespace {

using Paths = std::vector<std::string>;

// A Deployment using a broad set of real fields, as `kubectl get -o json` would print it.
json fullDeployment() {
    return json::parse(R"({
      "apiVersion": "apps/v1", "kind": "Deployment",
      "metadata": {
        "name": "web", "namespace": "shop", "uid": "u-1", "resourceVersion": "12", "generation": 3,
        "creationTimestamp": "2026-11-28T15:51:53Z",
        "labels": {"app": "web", "anything.example.com/free-form": "yes"},
        "annotations": {"deployment.kubernetes.io/revision": "2",
                        "kubectl.kubernetes.io/last-applied-configuration": "{}"},
        "ownerReferences": [{"apiVersion": "v1", "kind": "X", "name": "x", "uid": "u",
          "controller": true}],
        "managedFields": [{"manager": "kubectl", "operation": "Update", "fieldsV1": {"f:spec": {}}}]
      },
      "spec": {
        "replicas": 3, "revisionHistoryLimit": 10, "progressDeadlineSeconds": 600, "paused": false,
        "selector": {"matchLabels": {"app": "web"},
                     "matchExpressions": [{"key": "tier", "operator": "In", "values": ["fe"]}]},
        "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%",
          "maxUnavailable": 0}},
        "template": {
          "metadata": {"labels": {"app": "web"}, "creationTimestamp": null,
                       "annotations": {
                         "kubectl.kubernetes.io/restartedAt": "2026-11-28T15:51:53Z"}},
          "spec": {
            "nodeSelector": {"disk": "ssd"}, "serviceAccountName": "web",
              "priorityClassName": "high",
            "terminationGracePeriodSeconds": 30, "dnsPolicy": "ClusterFirst",
              "restartPolicy": "Always",
            "schedulerName": "default-scheduler", "securityContext": {"runAsNonRoot": true,
              "fsGroup": 2000},
            "imagePullSecrets": [{"name": "regcred"}],
            "tolerations": [{"key": "k", "operator": "Exists", "effect": "NoSchedule"}],
            "affinity": {"podAntiAffinity": {
              "preferredDuringSchedulingIgnoredDuringExecution": []}},
            "topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "zone",
                                           "whenUnsatisfiable": "ScheduleAnyway",
                                           "labelSelector": {"matchLabels": {"app": "web"}}}],
            "volumes": [{"name": "cfg", "configMap": {"name": "web-config"}},
                        {"name": "tmp", "emptyDir": {}}],
            "initContainers": [{"name": "migrate", "image": "migrate:1", "command": ["sh", "-c",
              "true"]}],
            "containers": [{
              "name": "web", "image": "nginx:1.25", "imagePullPolicy": "IfNotPresent",
              "command": ["nginx"], "args": ["-g", "daemon off;"], "workingDir": "/srv",
              "ports": [{"name": "http", "containerPort": 80, "protocol": "TCP"}],
              "env": [{"name": "A", "value": "1"},
                      {"name": "POD", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}}],
              "envFrom": [{"configMapRef": {"name": "web-config"}}],
              "resources": {"requests": {"cpu": "250m", "memory": "128Mi",
                "example.com/widget": "1"},
                            "limits": {"cpu": "1"}},
              "volumeMounts": [{"name": "cfg", "mountPath": "/etc/web", "readOnly": true}],
              "livenessProbe": {"httpGet": {"path": "/healthz", "port": 80, "scheme": "HTTP",
                                            "httpHeaders": [{"name": "X", "value": "y"}]},
                                "periodSeconds": 10, "failureThreshold": 3},
              "readinessProbe": {"tcpSocket": {"port": 80}, "initialDelaySeconds": 2},
              "startupProbe": {"exec": {"command": ["true"]}},
              "lifecycle": {"preStop": {"sleep": {"seconds": 5}}},
              "securityContext": {"allowPrivilegeEscalation": false,
                "capabilities": {"drop": ["ALL"]}},
              "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File",
              "stdin": false, "tty": false
            }]
          }
        }
      },
      "status": {"replicas": 3, "anything": {"goes": "here"}}
    })");
}

}  // namespace

TEST(SchemaCheck, KnownFieldsPass) {
    EXPECT_EQ(unknownFields("deployments", fullDeployment()), Paths{});
}

TEST(SchemaCheck, ReportsUnknownFieldsWithTheirPaths) {
    struct Row {
        const char* name;
        const char* pointer;  // JSON pointer of the field to add
        Paths expected;
    } rows[] = {
        {"top level", "/foo", {"foo"}},
        {"spec", "/spec/foo", {"spec.foo"}},
        {"metadata", "/metadata/labelz", {"metadata.labelz"}},
        {"container in a list",
         "/spec/template/spec/containers/0/resourcez",
         {"spec.template.spec.containers[0].resourcez"}},
        {"init container",
         "/spec/template/spec/initContainers/0/imagez",
         {"spec.template.spec.initContainers[0].imagez"}},
        {"probe handler",
         "/spec/template/spec/containers/0/livenessProbe/httpGet/verb",
         {"spec.template.spec.containers[0].livenessProbe.httpGet.verb"}},
        {"env var",
         "/spec/template/spec/containers/0/env/1/valueFromm",
         {"spec.template.spec.containers[0].env[1].valueFromm"}},
        {"strategy",
         "/spec/strategy/rollingUpdate/maxSurges",
         {"spec.strategy.rollingUpdate.maxSurges"}},
        {"selector", "/spec/selector/matchLabel", {"spec.selector.matchLabel"}},
        {"resources block",
         "/spec/template/spec/containers/0/resources/request",
         {"spec.template.spec.containers[0].resources.request"}},
        {"template metadata", "/spec/template/metadata/label", {"spec.template.metadata.label"}},
    };
    for (const auto& r : rows) {
        json d = fullDeployment();
        d[json::json_pointer(r.pointer)] = 1;
        EXPECT_EQ(unknownFields("deployments", d), r.expected) << r.name;
    }
}

TEST(SchemaCheck, FreeFormMapsAcceptAnyKey) {
    json d = fullDeployment();
    d["metadata"]["labels"]["whatever/you-like"] = "x";
    d["metadata"]["annotations"]["free"] = "form";
    d["spec"]["template"]["spec"]["nodeSelector"]["new-key"] = "v";
    d["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"]["nvidia.com/gpu"] = "1";
    d["spec"]["selector"]["matchLabels"]["extra"] = "1";
    d["status"]["conditions"] = json::array({{{"type", "Available"}, {"madeUp", true}}});
    EXPECT_EQ(unknownFields("deployments", d), Paths{});

    const json cm = json::parse(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},
        "data":{"any key":"v","LOG_LEVEL":"debug"},"binaryData":{"b":"AA=="},"immutable":false})");
    EXPECT_EQ(unknownFields("configmaps", cm), Paths{});
    json bad = cm;
    bad["datas"] = json::object();
    EXPECT_EQ(unknownFields("configmaps", bad), Paths{"datas"});
}

TEST(SchemaCheck, SeveralUnknownFieldsInKeyOrder) {
    json d = fullDeployment();
    d["spec"]["foo"] = 1;
    d["spec"]["bar"] = 2;
    d["spec"]["template"]["spec"]["containers"][0]["resourcez"] = json::object();
    EXPECT_EQ(unknownFields("deployments", d),
              (Paths{"spec.bar", "spec.foo", "spec.template.spec.containers[0].resourcez"}));
}

TEST(SchemaCheck, HpaVersionsHaveTheirOwnSchemas) {
    const json v2 = json::parse(R"({
      "apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
      "metadata": {"name": "web"},
      "spec": {
        "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
        "minReplicas": 2, "maxReplicas": 10,
        "metrics": [
          {"type": "Resource",
           "resource": {"name": "cpu",
                        "target": {"type": "Utilization", "averageUtilization": 60}}},
          {"type": "Pods",
           "pods": {"metric": {"name": "rps", "selector": {"matchLabels": {"a": "b"}}},
                    "target": {"type": "AverageValue", "averageValue": "1k"}}},
          {"type": "Object",
           "object": {"describedObject": {"kind": "Ingress", "name": "main",
                                          "apiVersion": "networking.k8s.io/v1"},
                      "metric": {"name": "hits"},
                      "target": {"type": "Value", "value": "10"}}},
          {"type": "External",
           "external": {"metric": {"name": "queue"},
                        "target": {"type": "Value", "value": "30"}}},
          {"type": "ContainerResource",
           "containerResource": {"name": "memory", "container": "web",
                                 "target": {"type": "AverageValue", "averageValue": "300Mi"}}}
        ],
        "behavior": {
          "scaleUp": {"stabilizationWindowSeconds": 0, "selectPolicy": "Max",
                      "policies": [{"type": "Percent", "value": 100, "periodSeconds": 15}]},
          "scaleDown": {"stabilizationWindowSeconds": 300,
                        "policies": [{"type": "Pods", "value": 1, "periodSeconds": 60}]}
        }
      },
      "status": {"currentReplicas": 3}
    })");
    EXPECT_EQ(unknownFields("horizontalpodautoscalers", v2), Paths{});

    json v2bad = v2;
    v2bad["spec"]["targetCPUUtilizationPercentage"] = 50;
    v2bad["spec"]["behavior"]["scaleUp"]["policies"][0]["periodSecond"] = 15;
    v2bad["spec"]["metrics"][0]["resource"]["target"]["averageUtilisation"] = 60;
    EXPECT_EQ(unknownFields("horizontalpodautoscalers", v2bad),
              (Paths{"spec.behavior.scaleUp.policies[0].periodSecond",
                     "spec.metrics[0].resource.target.averageUtilisation",
                     "spec.targetCPUUtilizationPercentage"}));

    const json v1 = json::parse(R"({"apiVersion":"autoscaling/v1","kind":"HorizontalPodAutoscaler",
        "metadata":{"name":"web"},"spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},
        "maxReplicas":5,"targetCPUUtilizationPercentage":50}})");
    EXPECT_EQ(unknownFields("horizontalpodautoscalers", v1), Paths{});
    json v1bad = v1;
    v1bad["spec"]["metrics"] = json::array();
    EXPECT_EQ(unknownFields("horizontalpodautoscalers", v1bad), Paths{"spec.metrics"});

    // Without apiVersion (a patch body, say) either version's fields are accepted.
    json neither = v1bad;
    neither.erase("apiVersion");
    EXPECT_EQ(unknownFields("horizontalpodautoscalers", neither), Paths{});
}

TEST(SchemaCheck, EventsByApiVersion) {
    const json core = json::parse(R"({"apiVersion":"v1","kind":"Event","metadata":{"name":"e"},
        "involvedObject":{"kind":"Pod","name":"p","fieldPath":"spec.containers{web}"},
        "reason":"BackOff","message":"m","type":"Warning","source":{"component":"kubelet",
          "host":"n"},
        "firstTimestamp":"2026-11-28T15:51:53Z","lastTimestamp":"2026-11-28T15:51:53Z","count":2,
        "reportingComponent":"kubelet","reportingInstance":"n"})");
    EXPECT_EQ(unknownFields("events", core), Paths{});
    json coreWithNote = core;
    coreWithNote["note"] = "x";
    EXPECT_EQ(unknownFields("events", coreWithNote), Paths{"note"});

    const json modern = json::parse(R"({"apiVersion":"events.k8s.io/v1","kind":"Event",
        "metadata":{"name":"e"},"regarding":{"kind":"Pod","name":"p"},"note":"m","reason":"BackOff",
        "type":"Normal","reportingController":"kubelet","reportingInstance":"n","action":"Pull",
        "eventTime":"2026-11-28T15:51:53.000000Z","series":{"count":2,
          "lastObservedTime":"2026-11-28T15:51:53.000000Z"}})");
    EXPECT_EQ(unknownFields("events", modern), Paths{});
    json modernWithMessage = modern;
    modernWithMessage["message"] = "x";
    EXPECT_EQ(unknownFields("events", modernWithMessage), Paths{"message"});
}

TEST(SchemaCheck, OtherKinds) {
    struct Row {
        const char* resource;
        const char* object;
        Paths expected;
    } rows[] = {
        {"poddisruptionbudgets",
         R"({"spec":{"minAvailable":"50%","selector":{"matchLabels":{"a":"b"}},
           "unhealthyPodEvictionPolicy":"AlwaysAllow"}})",
         {}},
        {"poddisruptionbudgets", R"({"spec":{"minAvailible":1}})", {"spec.minAvailible"}},
        {"services",
         R"({"spec":{"type":"ClusterIP","selector":{"app":"web"},"ports":[{"name":"http","port":80,
           "targetPort":"http","protocol":"TCP"}]}})",
         {}},
        {"services", R"({"spec":{"ports":[{"port":80,"target":8080}]}})", {"spec.ports[0].target"}},
        {"namespaces",
         R"({"metadata":{"name":"shop"},"spec":{"finalizers":["kubernetes"]},
           "status":{"phase":"Active"}})",
         {}},
        {"nodes",
         R"({"spec":{"unschedulable":true,"taints":[{"key":"k","effect":"NoSchedule",
           "valu":"x"}]}})",
         {"spec.taints[0].valu"}},
        {"pods",
         R"({"spec":{"containers":[{"name":"c","image":"i","resources":{}}],"nodeName":"n"},
           "status":{"phase":"Running"}})",
         {}},
        {"pods", R"({"spec":{"container":[]}})", {"spec.container"}},
        {"statefulsets",
         R"({"spec":{"serviceName":"redis","podManagementPolicy":"Parallel",
           "updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":0}},
            "volumeClaimTemplates":[{"metadata":{"name":"data"},
              "spec":{"accessModes":["ReadWriteOnce"]}}],
            "persistentVolumeClaimRetentionPolicy":{"whenDeleted":"Retain",
              "whenScaled":"Delete"}}})",
         {}},
        {"replicasets", R"({"spec":{"replicas":1,"strategy":{}}})", {"spec.strategy"}},
        {"controllerrevisions", R"({"data":{"spec":{}},"revision":2})", {}},
        {"leases", R"({"spec":{"anything":1}})", {}},  // no schema, nothing to report
    };
    for (const auto& r : rows) {
        EXPECT_EQ(unknownFields(r.resource, json::parse(r.object)), r.expected)
            << r.resource << " " << r.object;
    }
}

TEST(SchemaCheck, NonObjectsAreNotWalked) {
    EXPECT_EQ(unknownFields("deployments", json("text")), Paths{});
    EXPECT_EQ(unknownFields("deployments",
                            json::parse(R"({"spec":{"template":{"spec":{"containers":"x"}}}})")),
              Paths{});
}
