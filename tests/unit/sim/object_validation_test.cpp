#include "sim/object_validation.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>

using nlohmann::json;
using scaledeck::sim::defaultObject;
using scaledeck::sim::FieldCauses;
using scaledeck::sim::validateObject;

namespace {

json deployment() {
    return json::parse(R"({
      "apiVersion": "apps/v1", "kind": "Deployment",
      "metadata": {"name": "web", "namespace": "shop", "labels": {"app": "web"}},
      "spec": {
        "selector": {"matchLabels": {"app": "web"}},
        "template": {
          "metadata": {"labels": {"app": "web", "tier": "fe"}},
          "spec": {"containers": [{"name": "web", "image": "nginx:1.25",
                                   "ports": [{"containerPort": 80}],
                                   "resources": {"requests": {"cpu": "250m", "memory": "128Mi"},
                                                 "limits": {"cpu": "1", "memory": "256Mi"}}}]}
        }
      }
    })");
}

json statefulSet() {
    return json::parse(R"({
      "apiVersion": "apps/v1", "kind": "StatefulSet",
      "metadata": {"name": "redis", "namespace": "shop"},
      "spec": {
        "serviceName": "redis",
        "selector": {"matchLabels": {"app": "redis"}},
        "template": {"metadata": {"labels": {"app": "redis"}},
                     "spec": {"containers": [{"name": "redis", "image": "redis:7"}]}}
      }
    })");
}

FieldCauses defaultedAndValidated(const std::string& resource, json obj) {
    defaultObject(resource, obj);
    return validateObject(resource, obj);
}

std::string describe(const FieldCauses& causes) {
    std::string out;
    for (const auto& c : causes)
        out += c.field + ": " + c.message + " [" + c.reason + "]\n";
    return out;
}

}  // namespace

TEST(ObjectDefaults, DeploymentGetsTheApiServerDefaults) {
    json d = deployment();
    defaultObject("deployments", d);
    const json& spec = d["spec"];
    EXPECT_EQ(spec["replicas"], 1);
    EXPECT_EQ(spec["strategy"],
              json::parse(
                  R"({"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%",
              "maxSurge":"25%"}})"));
    EXPECT_EQ(spec["revisionHistoryLimit"], 10);
    EXPECT_EQ(spec["progressDeadlineSeconds"], 600);
    const json& pod = spec["template"]["spec"];
    EXPECT_EQ(pod["restartPolicy"], "Always");
    EXPECT_EQ(pod["dnsPolicy"], "ClusterFirst");
    EXPECT_EQ(pod["schedulerName"], "default-scheduler");
    EXPECT_EQ(pod["terminationGracePeriodSeconds"], 30);
    EXPECT_EQ(pod["securityContext"], json::object());
    EXPECT_FALSE(pod.contains("enableServiceLinks"));  // a Pod defaulter, not a template one
    const json& c = pod["containers"][0];
    EXPECT_EQ(c["terminationMessagePath"], "/dev/termination-log");
    EXPECT_EQ(c["terminationMessagePolicy"], "File");
    EXPECT_EQ(c["imagePullPolicy"], "IfNotPresent");
    EXPECT_EQ(c["ports"][0]["protocol"], "TCP");
    // Templates keep requests as written; only Pods copy limits into missing requests.
    EXPECT_EQ(c["resources"]["requests"], json::parse(R"({"cpu":"250m","memory":"128Mi"})"));
}

TEST(ObjectDefaults, ImagePullPolicyFollowsTheTag) {
    struct Row {
        const char* image;
        const char* policy;
    } rows[] = {
        {"nginx", "Always"},
        {"nginx:latest", "Always"},
        {"nginx:1.25", "IfNotPresent"},
        {"registry.local:5000/team/nginx", "Always"},
        {"registry.local:5000/team/nginx:2.0", "IfNotPresent"},
        {"nginx@sha256:0123456789abcdef", "IfNotPresent"},
        {"nginx:latest@sha256:0123456789abcdef", "Always"},
    };
    for (const auto& r : rows) {
        json d = deployment();
        d["spec"]["template"]["spec"]["containers"][0]["image"] = r.image;
        defaultObject("deployments", d);
        EXPECT_EQ(d["spec"]["template"]["spec"]["containers"][0]["imagePullPolicy"], r.policy)
            << r.image;
    }
}

TEST(ObjectDefaults, NeverOverwritesWhatIsSet) {
    json d = deployment();
    d["spec"]["replicas"] = 0;
    d["spec"]["strategy"] = {{"type", "Recreate"}};
    d["spec"]["revisionHistoryLimit"] = 2;
    d["spec"]["template"]["spec"]["containers"][0]["imagePullPolicy"] = "Never";
    d["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] = 5;
    defaultObject("deployments", d);
    EXPECT_EQ(d["spec"]["replicas"], 0);
    EXPECT_EQ(d["spec"]["strategy"], (json{{"type", "Recreate"}}));
    EXPECT_EQ(d["spec"]["revisionHistoryLimit"], 2);
    EXPECT_EQ(d["spec"]["template"]["spec"]["containers"][0]["imagePullPolicy"], "Never");
    EXPECT_EQ(d["spec"]["template"]["spec"]["terminationGracePeriodSeconds"], 5);

    json twice = deployment();
    defaultObject("deployments", twice);
    json again = twice;
    defaultObject("deployments", again);
    EXPECT_EQ(again, twice);
}

TEST(ObjectDefaults, StatefulSetPodServiceAndNamespace) {
    json s = statefulSet();
    defaultObject("statefulsets", s);
    EXPECT_EQ(s["spec"]["replicas"], 1);
    EXPECT_EQ(s["spec"]["podManagementPolicy"], "OrderedReady");
    EXPECT_EQ(s["spec"]["updateStrategy"],
              json::parse(R"({"type":"RollingUpdate","rollingUpdate":{"partition":0}})"));
    EXPECT_EQ(s["spec"]["revisionHistoryLimit"], 10);
    EXPECT_EQ(s["spec"]["template"]["spec"]["restartPolicy"], "Always");
    EXPECT_EQ(s["spec"]["template"]["spec"]["containers"][0]["imagePullPolicy"], "IfNotPresent");

    json pod = json::parse(R"({"metadata":{"name":"p"},"spec":{"containers":[
        {"name":"c","image":"busybox","resources":{"limits":{"cpu":"1","memory":"1Gi"},
                                                    "requests":{"cpu":"100m"}},
         "readinessProbe":{"httpGet":{"port":8080}}}]}})");
    defaultObject("pods", pod);
    const json& c = pod["spec"]["containers"][0];
    EXPECT_EQ(c["resources"]["requests"], json::parse(R"({"cpu":"100m","memory":"1Gi"})"));
    EXPECT_EQ(c["imagePullPolicy"], "Always");
    EXPECT_EQ(c["readinessProbe"],
              json::parse(R"({"httpGet":{"port":8080,"path":"/","scheme":"HTTP"},"timeoutSeconds":1,
                              "periodSeconds":10,"successThreshold":1,"failureThreshold":3})"));
    EXPECT_EQ(pod["spec"]["enableServiceLinks"], true);
    EXPECT_EQ(pod["spec"]["restartPolicy"], "Always");

    json svc = json::parse(R"({"metadata":{"name":"web"},"spec":{"ports":[{"port":80},
                              {"port":443,"targetPort":8443,"protocol":"UDP"}]}})");
    defaultObject("services", svc);
    EXPECT_EQ(svc["spec"]["type"], "ClusterIP");
    EXPECT_EQ(svc["spec"]["sessionAffinity"], "None");
    EXPECT_EQ(svc["spec"]["internalTrafficPolicy"], "Cluster");
    EXPECT_EQ(svc["spec"]["ports"][0],
              json::parse(R"({"port":80,"protocol":"TCP","targetPort":80})"));
    EXPECT_EQ(svc["spec"]["ports"][1],
              json::parse(R"({"port":443,"protocol":"UDP","targetPort":8443})"));

    json ns = json::parse(R"({"metadata":{"name":"shop"}})");
    defaultObject("namespaces", ns);
    EXPECT_EQ(ns["metadata"]["labels"]["kubernetes.io/metadata.name"], "shop");
    EXPECT_EQ(ns["status"]["phase"], "Active");
}

TEST(ObjectValidation, ValidObjectsPass) {
    EXPECT_EQ(describe(defaultedAndValidated("deployments", deployment())), "");
    EXPECT_EQ(describe(defaultedAndValidated("statefulsets", statefulSet())), "");
    json rs = deployment();
    rs["kind"] = "ReplicaSet";
    EXPECT_EQ(describe(defaultedAndValidated("replicasets", rs)), "");
    EXPECT_EQ(describe(defaultedAndValidated("configmaps",
                                             json::parse(R"({"metadata":{"name":"web-config"},
                                  "data":{"app.properties":"x","LOG_LEVEL":"info","-_.x":"y"}})"))),
              "");
    EXPECT_EQ(describe(defaultedAndValidated(
                  "poddisruptionbudgets",
                  json::parse(R"({"metadata":{"name":"web"},"spec":{"minAvailable":"50%",
                                  "selector":{"matchLabels":{"app":"web"}}}})"))),
              "");
    EXPECT_EQ(describe(defaultedAndValidated(
                  "services",
                  json::parse(R"({"metadata":{"name":"web"},"spec":{"ports":[{"port":80}]}})"))),
              "");
    // Equal quantities written differently are not "greater".
    json equal = deployment();
    equal["spec"]["template"]["spec"]["containers"][0]["resources"] = json::parse(
        R"({"requests":{"cpu":"1000m","memory":"1Gi"},"limits":{"cpu":"1","memory":"1024Mi"}})");
    EXPECT_EQ(describe(defaultedAndValidated("deployments", equal)), "");
}

TEST(ObjectValidation, DeploymentErrorsCarryTheRealPathsAndMessages) {
    using Mutate = std::function<void(json&)>;
    struct Row {
        const char* name;
        const char* resource;
        Mutate mutate;
        const char* field;
        const char* reason;
        const char* message;
    } rows[] = {
        {"negative replicas", "deployments", [](json& d) { d["spec"]["replicas"] = -1; },
         "spec.replicas", "FieldValueInvalid",
         "Invalid value: -1: must be greater than or equal to 0"},
        {"missing selector", "deployments", [](json& d) { d["spec"].erase("selector"); },
         "spec.selector", "FieldValueRequired", "Required value"},
        {"selector does not match", "deployments",
         [](json& d) { d["spec"]["selector"]["matchLabels"]["app"] = "api"; },
         "spec.template.metadata.labels", "FieldValueInvalid",
         "Invalid value: map[string]string{\"app\":\"web\", \"tier\":\"fe\"}: `selector` does "
         "not match template `labels`"},
        {"empty selector", "deployments", [](json& d) { d["spec"]["selector"] = json::object(); },
         "spec.selector", "FieldValueInvalid",
         "Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), "
         "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for "
         "deployment"},
        {"no containers", "deployments",
         [](json& d) { d["spec"]["template"]["spec"]["containers"] = json::array(); },
         "spec.template.spec.containers", "FieldValueRequired", "Required value"},
        {"container without image", "deployments",
         [](json& d) { d["spec"]["template"]["spec"]["containers"][0].erase("image"); },
         "spec.template.spec.containers[0].image", "FieldValueRequired", "Required value"},
        {"container without name", "deployments",
         [](json& d) { d["spec"]["template"]["spec"]["containers"][0].erase("name"); },
         "spec.template.spec.containers[0].name", "FieldValueRequired", "Required value"},
        {"cpu request above limit", "deployments",
         [](json& d) {
             d["spec"]["template"]["spec"]["containers"][0]["resources"]["requests"]["cpu"] = "2";
         },
         "spec.template.spec.containers[0].resources.requests", "FieldValueInvalid",
         "Invalid value: \"2\": must be less than or equal to cpu limit of 1"},
        {"memory request above limit", "deployments",
         [](json& d) {
             d["spec"]["template"]["spec"]["containers"][0]["resources"]["requests"]["memory"] =
                 "1Gi";
         },
         "spec.template.spec.containers[0].resources.requests", "FieldValueInvalid",
         "Invalid value: \"1Gi\": must be less than or equal to memory limit of 256Mi"},
        {"negative limit", "deployments",
         [](json& d) {
             auto& r = d["spec"]["template"]["spec"]["containers"][0]["resources"];
             r = {{"limits", {{"cpu", "-1"}}}};
         },
         "spec.template.spec.containers[0].resources.limits[cpu]", "FieldValueInvalid",
         "Invalid value: \"-1\": must be greater than or equal to 0"},
        {"extended resources cannot be overcommitted", "deployments",
         [](json& d) {
             auto& r = d["spec"]["template"]["spec"]["containers"][0]["resources"];
             r = {{"limits", {{"nvidia.com/gpu", "2"}}}, {"requests", {{"nvidia.com/gpu", "1"}}}};
         },
         "spec.template.spec.containers[0].resources.requests", "FieldValueInvalid",
         "Invalid value: \"1\": must be equal to nvidia.com/gpu limit of 2"},
        {"template must restart always", "deployments",
         [](json& d) { d["spec"]["template"]["spec"]["restartPolicy"] = "OnFailure"; },
         "spec.template.spec.restartPolicy", "FieldValueNotSupported",
         "Unsupported value: \"OnFailure\": supported values: \"Always\""},
        {"surge and unavailable both zero", "deployments",
         [](json& d) {
             d["spec"]["strategy"] = {
                 {"type", "RollingUpdate"},
                 {"rollingUpdate", {{"maxSurge", 0}, {"maxUnavailable", "0%"}}}};
         },
         "spec.strategy.rollingUpdate.maxUnavailable", "FieldValueInvalid",
         "Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"0%\"}: may not be 0 when "
         "`maxSurge` is 0"},
        {"recreate with rolling parameters", "deployments",
         [](json& d) {
             d["spec"]["strategy"] = {{"type", "Recreate"}, {"rollingUpdate", {{"maxSurge", 1}}}};
         },
         "spec.strategy.rollingUpdate", "FieldValueForbidden",
         "Forbidden: may not be specified when strategy `type` is 'Recreate'"},
        {"invalid name", "deployments", [](json& d) { d["metadata"]["name"] = "Web_1"; },
         "metadata.name", "FieldValueInvalid",
         "Invalid value: \"Web_1\": a lowercase RFC 1123 subdomain must consist of lower case "
         "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric "
         "character (e.g. 'example.com', regex used for validation is "
         "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"},
        {"missing name", "deployments", [](json& d) { d["metadata"].erase("name"); },
         "metadata.name", "FieldValueRequired", "Required value: name or generateName is required"},
        {"invalid container name", "deployments",
         [](json& d) { d["spec"]["template"]["spec"]["containers"][0]["name"] = "Web"; },
         "spec.template.spec.containers[0].name", "FieldValueInvalid",
         "Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case "
         "alphanumeric characters or '-', and must start and end with an alphanumeric character "
         "(e.g. 'my-name',  or '123-abc', regex used for validation is "
         "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')"},
        {"duplicate container names", "deployments",
         [](json& d) {
             auto& cs = d["spec"]["template"]["spec"]["containers"];
             cs.push_back({{"name", "web"}, {"image", "busybox"}, {"imagePullPolicy", "Always"}});
         },
         "spec.template.spec.containers[1].name", "FieldValueDuplicate",
         "Duplicate value: \"web\""},
        {"invalid label value", "deployments",
         [](json& d) { d["metadata"]["labels"]["team"] = "a b"; }, "metadata.labels",
         "FieldValueInvalid",
         "Invalid value: \"a b\": a valid label must be an empty string or consist of "
         "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
         "character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
         "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"},
        {"bad container port", "deployments",
         [](json& d) {
             d["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"] = 70000;
         },
         "spec.template.spec.containers[0].ports[0].containerPort", "FieldValueInvalid",
         "Invalid value: 70000: must be between 1 and 65535, inclusive"},
        {"statefulset negative replicas", "statefulsets",
         [](json& s) { s["spec"]["replicas"] = -1; }, "spec.replicas", "FieldValueInvalid",
         "Invalid value: -1: must be greater than or equal to 0"},
        {"statefulset missing selector", "statefulsets",
         [](json& s) { s["spec"].erase("selector"); }, "spec.selector", "FieldValueRequired",
         "Required value"},
        {"statefulset selector mismatch", "statefulsets",
         [](json& s) { s["spec"]["template"]["metadata"]["labels"]["app"] = "cache"; },
         "spec.template.metadata.labels", "FieldValueInvalid",
         "Invalid value: map[string]string{\"app\":\"cache\"}: `selector` does not match "
         "template `labels`"},
        {"statefulset pod management policy", "statefulsets",
         [](json& s) { s["spec"]["podManagementPolicy"] = "Random"; }, "spec.podManagementPolicy",
         "FieldValueInvalid", "Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'"},
    };
    for (const auto& r : rows) {
        json obj = std::string(r.resource) == "statefulsets" ? statefulSet() : deployment();
        defaultObject(r.resource, obj);
        r.mutate(obj);
        const FieldCauses causes = validateObject(r.resource, obj);
        ASSERT_EQ(causes.size(), 1u) << r.name << "\n" << describe(causes);
        EXPECT_EQ(causes[0].field, r.field) << r.name;
        EXPECT_EQ(causes[0].reason, r.reason) << r.name;
        EXPECT_EQ(causes[0].message, r.message) << r.name;
    }
}

TEST(ObjectValidation, SeveralErrorsAreAllReported) {
    json d = deployment();
    defaultObject("deployments", d);
    d["spec"]["replicas"] = -3;
    d["spec"]["template"]["spec"]["containers"][0].erase("image");
    d["metadata"]["name"] = "-web";
    const FieldCauses causes = validateObject("deployments", d);
    ASSERT_EQ(causes.size(), 3u) << describe(causes);
    EXPECT_EQ(causes[0].field, "metadata.name");
    EXPECT_EQ(causes[1].field, "spec.replicas");
    EXPECT_EQ(causes[2].field, "spec.template.spec.containers[0].image");
}

TEST(ObjectValidation, FieldsTheServerDefaultsAreNotRequired) {
    // Real servers default before they validate, so policies left empty never fail.
    EXPECT_EQ(describe(validateObject("deployments", deployment())), "");
    EXPECT_EQ(describe(validateObject("statefulsets", statefulSet())), "");

    // A missing template is an empty one: it neither matches the selector nor has containers.
    json d = deployment();
    d["spec"].erase("template");
    const FieldCauses causes = validateObject("deployments", d);
    ASSERT_EQ(causes.size(), 2u) << describe(causes);
    EXPECT_EQ(causes[0].field, "spec.template.metadata.labels");
    EXPECT_EQ(causes[0].message,
              "Invalid value: map[string]string(nil): `selector` does not match template "
              "`labels`");
    EXPECT_EQ(causes[1].field, "spec.template.spec.containers");
    EXPECT_EQ(causes[1].reason, "FieldValueRequired");
}

TEST(ObjectValidation, PodDisruptionBudgets) {
    auto pdb = [](json spec) {
        return json{{"metadata", {{"name", "web"}}}, {"spec", std::move(spec)}};
    };
    FieldCauses both =
        validateObject("poddisruptionbudgets", pdb({{"minAvailable", 1}, {"maxUnavailable", 1}}));
    ASSERT_EQ(both.size(), 1u) << describe(both);
    EXPECT_EQ(both[0].field, "spec");
    EXPECT_EQ(both[0].reason, "FieldValueInvalid");
    EXPECT_NE(both[0].message.find(": minAvailable and maxUnavailable cannot be both set"),
              std::string::npos);
    EXPECT_EQ(both[0].message.rfind("Invalid value: policy.PodDisruptionBudgetSpec{", 0), 0u);

    FieldCauses over = validateObject("poddisruptionbudgets", pdb({{"maxUnavailable", "150%"}}));
    ASSERT_EQ(over.size(), 1u) << describe(over);
    EXPECT_EQ(over[0].field, "spec.maxUnavailable");
    EXPECT_EQ(over[0].message,
              "Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"150%\"}: must not be "
              "greater than 100%");

    FieldCauses negative = validateObject("poddisruptionbudgets", pdb({{"minAvailable", -1}}));
    ASSERT_EQ(negative.size(), 1u) << describe(negative);
    EXPECT_EQ(negative[0].field, "spec.minAvailable");
    EXPECT_EQ(negative[0].message, "Invalid value: -1: must be greater than or equal to 0");

    FieldCauses badPercent =
        validateObject("poddisruptionbudgets", pdb({{"minAvailable", "half"}}));
    ASSERT_EQ(badPercent.size(), 1u) << describe(badPercent);
    EXPECT_EQ(badPercent[0].message,
              "Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"half\"}: a valid "
              "percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or "
              "'93%', regex used for validation is '[0-9]+%')");
}

TEST(ObjectValidation, ConfigMapKeys) {
    const json cm = json::parse(R"({"metadata":{"name":"web-config"},
        "data":{"bad key":"1","good":"2"},"binaryData":{"good":"Mg==","..hidden":"Mw=="}})");
    const FieldCauses causes = validateObject("configmaps", cm);
    ASSERT_EQ(causes.size(), 3u) << describe(causes);
    EXPECT_EQ(causes[0].field, "data[bad key]");
    EXPECT_EQ(causes[0].message,
              "Invalid value: \"bad key\": a valid config key must consist of alphanumeric "
              "characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key_name', "
              "regex used for validation is '[-._a-zA-Z0-9]+')");
    EXPECT_EQ(causes[1].field, "binaryData[..hidden]");
    EXPECT_EQ(causes[1].message, "Invalid value: \"..hidden\": must not start with '..'");
    EXPECT_EQ(causes[2].field, "binaryData");
    EXPECT_EQ(causes[2].message, "Invalid value: \"good\": duplicate of key present in data");
}

TEST(ObjectValidation, NameRulesPerKind) {
    // Services are DNS-1035 labels, namespaces DNS-1123 labels, most others subdomains.
    const json svc = json::parse(R"({"metadata":{"name":"1web"},"spec":{"ports":[{"port":80}]}})");
    FieldCauses s = defaultedAndValidated("services", svc);
    ASSERT_EQ(s.size(), 1u) << describe(s);
    EXPECT_EQ(s[0].message,
              "Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric "
              "characters or '-', start with an alphabetic character, and end with an "
              "alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation "
              "is '[a-z]([-a-z0-9]*[a-z0-9])?')");

    FieldCauses ns =
        defaultedAndValidated("namespaces", json::parse(R"({"metadata":{"name":"a.b"}})"));
    ASSERT_EQ(ns.size(), 1u) << describe(ns);
    EXPECT_EQ(ns[0].field, "metadata.name");

    EXPECT_TRUE(
        validateObject("configmaps", json::parse(R"({"metadata":{"name":"a.b-c"}})")).empty());
    FieldCauses tooLong =
        validateObject("configmaps", json{{"metadata", {{"name", std::string(254, 'a')}}}});
    ASSERT_EQ(tooLong.size(), 1u) << describe(tooLong);
    EXPECT_EQ(tooLong[0].message, "Invalid value: \"" + std::string(254, 'a') +
                                      "\": must be no more than 253 characters");
}

TEST(ObjectValidation, MalformedShapesDoNotThrow) {
    EXPECT_NO_THROW(validateObject("deployments", json("not an object")));
    EXPECT_NO_THROW(validateObject("deployments", json::parse(R"({"spec":[1,2]})")));
    json weird = json::parse(
        R"({"metadata":{"name":"x"},"spec":{"template":{"spec":{"containers":"no"}}}})");
    EXPECT_NO_THROW(defaultObject("deployments", weird));
    EXPECT_NO_THROW(validateObject("deployments", weird));
    json scalar = 5;
    EXPECT_NO_THROW(defaultObject("pods", scalar));
    EXPECT_EQ(scalar, 5);
}
