#include "sim/strategic_merge_patch.h"

#include <gtest/gtest.h>

#include <string>

#include "sim/patch_apply.h"

using nlohmann::json;
using scaledeck::sim::applyJsonPatch;
using scaledeck::sim::applyMergePatch;
using scaledeck::sim::applyPatch;
using scaledeck::sim::applyStrategicMergePatch;
using scaledeck::sim::PatchType;
using scaledeck::sim::patchTypeFromContentType;

namespace {

// The GL-006 deployment as the simulator serves it: two containers, env, ports, tolerations.
json deployment() {
    return json::parse(R"({
      "apiVersion": "apps/v1", "kind": "Deployment",
      "metadata": {"name": "gl-006-heatreclaim", "namespace": "greenlang",
                   "labels": {"app": "gl-006", "tier": "backend"},
                   "finalizers": ["a", "b", "c"]},
      "spec": {
        "replicas": 3,
        "selector": {"matchLabels": {"app": "gl-006"}},
        "strategy": {"type": "RollingUpdate",
                     "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}},
        "template": {
          "metadata": {"labels": {"app": "gl-006"}},
          "spec": {
            "containers": [
              {"name": "gl-006-heatreclaim", "image": "greenlang/heatreclaim:1.4",
               "args": ["--v=2", "--port=8080"],
               "ports": [{"containerPort": 8080, "protocol": "TCP"}],
               "env": [{"name": "LOG_LEVEL", "value": "info"}, {"name": "REGION", "value": "eu"}],
               "resources": {"requests": {"cpu": "250m", "memory": "256Mi"},
                             "limits": {"cpu": "500m", "memory": "512Mi",
                                        "ephemeral-storage": "1Gi"}}},
              {"name": "metrics-sidecar", "image": "prom/exporter:2",
               "resources": {"requests": {"cpu": "50m"}}}
            ],
            "tolerations": [{"key": "dedicated", "operator": "Exists"}]
          }
        }
      },
      "status": {"conditions": [{"type": "Available", "status": "True"},
                                {"type": "Progressing", "status": "True"}]}
    })");
}

json smp(const json& original, const char* patch) {
    auto result = applyStrategicMergePatch(original, json::parse(patch));
    EXPECT_TRUE(result.ok()) << patch << ": " << (result.ok() ? "" : result.error().message);
    return result.ok() ? result.value() : json();
}

json& podSpec(json& d) {
    return d["spec"]["template"]["spec"];
}
json& mainContainer(json& d) {
    return podSpec(d)["containers"][0];
}

std::vector<std::string> namesOf(const json& list, const char* key = "name") {
    std::vector<std::string> names;
    for (const auto& e : list)
        names.push_back(e.at(key).get<std::string>());
    return names;
}

}  // namespace

// GL-006 §4.2: containers merge by name, resources merge key by key, all else stays.
TEST(StrategicMergePatch, RunbookResourcePatchMergesTheNamedContainer) {
    const json original = deployment();
    json result = smp(original, R"({"spec": {"template": {"spec": {"containers": [{
        "name": "gl-006-heatreclaim",
        "resources": {"requests": {"cpu": "500m", "memory": "512Mi"},
                      "limits": {"cpu": "1000m", "memory": "1Gi"}}}]}}}})");

    json expected = original;
    mainContainer(expected)["resources"]["requests"] = {{"cpu", "500m"}, {"memory", "512Mi"}};
    mainContainer(expected)["resources"]["limits"] = {
        {"cpu", "1000m"}, {"memory", "1Gi"}, {"ephemeral-storage", "1Gi"}};
    EXPECT_EQ(result, expected) << result.dump(2);
}

// GL-006 §6.1: only limits.memory changes on the redis container.
TEST(StrategicMergePatch, SingleResourceKeyPatchKeepsSiblings) {
    json result = smp(deployment(), R"({"spec": {"template": {"spec": {"containers": [{
        "name": "metrics-sidecar", "resources": {"limits": {"memory": "2Gi"}}}]}}}})");
    const json& sidecar = podSpec(result)["containers"][1];
    EXPECT_EQ(sidecar["name"], "metrics-sidecar");
    EXPECT_EQ(sidecar["resources"], json::parse(R"({"requests": {"cpu": "50m"},
                                                    "limits": {"memory": "2Gi"}})"));
    json untouched = deployment();
    EXPECT_EQ(mainContainer(result), mainContainer(untouched));
}

TEST(StrategicMergePatch, MergesEnvByNameInUpstreamOrder) {
    struct Row {
        const char* name;
        const char* envPatch;
        std::vector<std::string> order;
        const char* logLevel;  // LOG_LEVEL's value afterwards, "" when removed
    } rows[] = {
        {"update one",
         R"([{"name": "LOG_LEVEL", "value": "debug"}])",
         {"LOG_LEVEL", "REGION"},
         "debug"},
        // apimachinery puts elements that are new to the list in front of the live ones
        {"add one", R"([{"name": "NEW", "value": "1"}])", {"NEW", "LOG_LEVEL", "REGION"}, "info"},
        {"update and add",
         R"([{"name": "LOG_LEVEL", "value": "debug"}, {"name": "NEW"}])",
         {"LOG_LEVEL", "NEW", "REGION"},
         "debug"},
        {"delete one", R"([{"name": "LOG_LEVEL", "$patch": "delete"}])", {"REGION"}, ""},
        {"delete missing",
         R"([{"name": "NOPE", "$patch": "delete"}])",
         {"LOG_LEVEL", "REGION"},
         "info"},
        {"replace all", R"([{"name": "ONLY", "value": "x"}, {"$patch": "replace"}])", {"ONLY"}, ""},
        {"empty list", "[]", {"LOG_LEVEL", "REGION"}, "info"},
    };
    for (const auto& r : rows) {
        const std::string patch = std::string(R"({"spec": {"template": {"spec": {"containers": [
            {"name": "gl-006-heatreclaim", "env": )") +
                                  r.envPatch + "}]}}}}";
        json result = smp(deployment(), patch.c_str());
        const json& env = mainContainer(result)["env"];
        EXPECT_EQ(namesOf(env), r.order) << r.name;
        std::string logLevel;
        for (const auto& e : env) {
            if (e["name"] == "LOG_LEVEL")
                logLevel = e.value("value", "");
        }
        EXPECT_EQ(logLevel, r.logLevel) << r.name;
        EXPECT_EQ(podSpec(result)["containers"].size(), 2u) << r.name;
    }
}

TEST(StrategicMergePatch, NullDeletesKeysAtAnyDepth) {
    json result = smp(deployment(), R"({
        "metadata": {"labels": {"tier": null, "absent": null}},
        "spec": {"template": {"spec": {"tolerations": null, "containers": [
            {"name": "gl-006-heatreclaim", "env": [{"name": "LOG_LEVEL", "value": null,
                "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}}]}]}}}})");
    EXPECT_EQ(result["metadata"]["labels"], json::parse(R"({"app": "gl-006"})"));
    EXPECT_FALSE(podSpec(result).contains("tolerations"));
    const json& logLevel = mainContainer(result)["env"][0];
    EXPECT_EQ(logLevel, json::parse(R"({"name": "LOG_LEVEL",
        "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}})"));
}

TEST(StrategicMergePatch, MergesNestedMapsAndDropsPatchNullsFromNewValues) {
    json result = smp(deployment(), R"({
        "metadata": {"annotations": {"team": "energy", "ghost": null}},
        "spec": {"selector": {"matchLabels": {"extra": "1"}},
                 "template": {"spec": {"nodeSelector": {"zone": "a"}}}}})");
    EXPECT_EQ(result["metadata"]["annotations"], json::parse(R"({"team": "energy"})"));
    EXPECT_EQ(result["spec"]["selector"]["matchLabels"],
              json::parse(R"({"app": "gl-006", "extra": "1"})"));
    EXPECT_EQ(podSpec(result)["nodeSelector"], json::parse(R"({"zone": "a"})"));
    EXPECT_EQ(result["spec"]["replicas"], 3);
}

TEST(StrategicMergePatch, DeleteDirectiveRemovesListElementsAndMaps) {
    json withoutSidecar = smp(deployment(), R"({"spec": {"template": {"spec": {"containers": [
        {"name": "metrics-sidecar", "$patch": "delete"}]}}}})");
    EXPECT_EQ(namesOf(podSpec(withoutSidecar)["containers"]),
              std::vector<std::string>{"gl-006-heatreclaim"});

    json withoutLimits = smp(deployment(), R"({"spec": {"template": {"spec": {"containers": [
        {"name": "gl-006-heatreclaim", "resources": {"limits": {"$patch": "delete"}}}]}}}})");
    EXPECT_EQ(mainContainer(withoutLimits)["resources"],
              json::parse(R"({"requests": {"cpu": "250m", "memory": "256Mi"}})"));
}

TEST(StrategicMergePatch, ReplaceDirectiveOnMapsAndLists) {
    json mapReplaced = smp(deployment(), R"({"spec": {"template": {"spec": {"containers": [
        {"name": "gl-006-heatreclaim",
         "resources": {"$patch": "replace", "requests": {"cpu": "1"}}}]}}}})");
    EXPECT_EQ(mainContainer(mapReplaced)["resources"],
              json::parse(R"({"requests": {"cpu": "1"}})"));

    json listReplaced = smp(deployment(), R"({"spec": {"template": {"spec": {"containers": [
        {"name": "solo", "image": "solo:1"}, {"$patch": "replace"}]}}}})");
    EXPECT_EQ(podSpec(listReplaced)["containers"],
              json::parse(R"([{"name": "solo", "image": "solo:1"}])"));

    json whole = smp(deployment(), R"({"$patch": "replace", "kind": "Deployment"})");
    EXPECT_EQ(whole, json::parse(R"({"kind": "Deployment"})"));
}

TEST(StrategicMergePatch, SetElementOrderReordersTheMergedList) {
    json swapped = smp(deployment(), R"({"spec": {"template": {"spec": {"containers": [
        {"name": "gl-006-heatreclaim",
         "$setElementOrder/env": [{"name": "REGION"}, {"name": "LOG_LEVEL"}],
         "env": [{"name": "REGION", "value": "us"}]}]}}}})");
    const json& env = mainContainer(swapped)["env"];
    EXPECT_EQ(namesOf(env), (std::vector<std::string>{"REGION", "LOG_LEVEL"}));
    EXPECT_EQ(env[0]["value"], "us");

    // Only the order changes: the directive alone reorders the live list.
    json reordered = smp(deployment(), R"({"spec": {"template": {"spec": {
        "$setElementOrder/containers": [{"name": "metrics-sidecar"},
                                        {"name": "gl-006-heatreclaim"}]}}}})");
    EXPECT_EQ(namesOf(podSpec(reordered)["containers"]),
              (std::vector<std::string>{"metrics-sidecar", "gl-006-heatreclaim"}));

    // Elements the order does not list keep their live position relative to the listed ones.
    const json three = json::parse(R"({"items": {"containers": [
        {"name": "a"}, {"name": "b"}, {"name": "c"}]}})");
    json partial = smp(three, R"({"items": {
        "$setElementOrder/containers": [{"name": "c"}, {"name": "a"}],
        "containers": [{"name": "c", "image": "c2"}]}})");
    EXPECT_EQ(namesOf(partial["items"]["containers"]), (std::vector<std::string>{"b", "c", "a"}));
    EXPECT_EQ(partial["items"]["containers"][1]["image"], "c2");

    // Primitive lists too.
    json finalizers = smp(deployment(), R"({"metadata": {
        "$setElementOrder/finalizers": ["c", "b", "a"]}})");
    EXPECT_EQ(finalizers["metadata"]["finalizers"], json::parse(R"(["c", "b", "a"])"));

    // The patch list must follow the order it claims.
    auto mismatch = applyStrategicMergePatch(three, json::parse(R"({"items": {
        "$setElementOrder/containers": [{"name": "c"}, {"name": "a"}],
        "containers": [{"name": "a", "image": "x"}, {"name": "c", "image": "y"}]}})"));
    ASSERT_FALSE(mismatch.ok());
    EXPECT_NE(mismatch.error().message.find("doesn't match $setElementOrder list"),
              std::string::npos);
}

TEST(StrategicMergePatch, RetainKeysDropsUnlistedKeysThenMerges) {
    json result = smp(deployment(), R"({"spec": {"strategy": {
        "$retainKeys": ["type"], "type": "Recreate"}}})");
    EXPECT_EQ(result["spec"]["strategy"], json::parse(R"({"type": "Recreate"})"));

    json kept = smp(deployment(), R"({"spec": {"strategy": {
        "$retainKeys": ["type", "rollingUpdate"], "rollingUpdate": {"maxSurge": 1}}}})");
    EXPECT_EQ(kept["spec"]["strategy"], json::parse(R"({"type": "RollingUpdate",
        "rollingUpdate": {"maxSurge": 1, "maxUnavailable": "25%"}})"));

    auto bad = applyStrategicMergePatch(deployment(), json::parse(R"({"spec": {"strategy": {
        "$retainKeys": ["type"], "rollingUpdate": {"maxSurge": 1}}}})"));
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().message, "invalid patch format of retainKeys");
}

TEST(StrategicMergePatch, DeleteFromPrimitiveListRemovesValues) {
    json result = smp(deployment(), R"({
        "metadata": {"$deleteFromPrimitiveList/finalizers": ["b", "zz"]},
        "spec": {"template": {"spec": {"containers": [
            {"name": "gl-006-heatreclaim", "$deleteFromPrimitiveList/args": ["--v=2"]}]}}}})");
    EXPECT_EQ(result["metadata"]["finalizers"], json::parse(R"(["a", "c"])"));
    EXPECT_EQ(mainContainer(result)["args"], json::parse(R"(["--port=8080"])"));

    // Nothing to delete from: nothing is added.
    json none = smp(deployment(), R"({"spec": {"$deleteFromPrimitiveList/absent": ["x"]}})");
    EXPECT_FALSE(none["spec"].contains("absent"));
}

TEST(StrategicMergePatch, ChoosesMergeOrReplaceByFieldName) {
    struct Row {
        const char* name;
        const char* patch;
        const char* pointer;
        const char* expected;
    } rows[] = {
        {"tolerations are replaced",
         R"({"spec": {"template": {"spec": {"tolerations": [{"key": "gpu",
             "operator": "Exists"}]}}}})",
         "/spec/template/spec/tolerations", R"([{"key": "gpu", "operator": "Exists"}])"},
        {"args are replaced",
         R"({"spec": {"template": {"spec": {"containers": [{"name": "gl-006-heatreclaim",
             "args": ["--x"]}]}}}})",
         "/spec/template/spec/containers/0/args", R"(["--x"])"},
        {"container ports merge by containerPort",
         R"({"spec": {"template": {"spec": {"containers": [{"name": "gl-006-heatreclaim",
             "ports": [{"containerPort": 8080, "name": "http"}]}]}}}})",
         "/spec/template/spec/containers/0/ports",
         R"([{"containerPort": 8080, "protocol": "TCP", "name": "http"}])"},
        {"a new container port goes in front",
         R"({"spec": {"template": {"spec": {"containers": [{"name": "gl-006-heatreclaim",
             "ports": [{"containerPort": 9090}]}]}}}})",
         "/spec/template/spec/containers/0/ports",
         R"([{"containerPort": 9090}, {"containerPort": 8080, "protocol": "TCP"}])"},
        {"conditions merge by type",
         R"({"status": {"conditions": [{"type": "Available", "status": "False", "reason": "X"}]}})",
         "/status/conditions",
         R"([{"type": "Available", "status": "False", "reason": "X"}, {"type": "Progressing",
             "status": "True"}])"},
        {"finalizers merge as a set", R"({"metadata": {"finalizers": ["d", "a"]}})",
         "/metadata/finalizers", R"(["d", "a", "b", "c"])"},
        {"a new keyed list is taken as is",
         R"({"spec": {"template": {"spec": {"initContainers": [{"name": "init",
             "image": "busybox", "args": null}]}}}})",
         "/spec/template/spec/initContainers", R"([{"name": "init", "image": "busybox"}])"},
        {"a value of another type replaces", R"({"spec": {"replicas": "five"}})", "/spec/replicas",
         R"("five")"},
        {"volumeMounts merge by mountPath",
         R"({"spec": {"template": {"spec": {"containers": [{"name": "metrics-sidecar",
             "volumeMounts": [{"mountPath": "/data", "name": "d"}]}]}}}})",
         "/spec/template/spec/containers/1/volumeMounts",
         R"([{"mountPath": "/data", "name": "d"}])"},
    };
    for (const auto& r : rows) {
        json result = smp(deployment(), r.patch);
        EXPECT_EQ(result.at(json::json_pointer(r.pointer)), json::parse(r.expected))
            << r.name << "\n"
            << result.at(json::json_pointer(r.pointer)).dump();
    }
}

TEST(StrategicMergePatch, ReplacesHpaMetricsAndPolicies) {
    const json hpa = json::parse(R"({"spec": {
        "minReplicas": 3, "maxReplicas": 10,
        "metrics": [
          {"type": "Resource", "resource": {"name": "cpu",
           "target": {"type": "Utilization", "averageUtilization": 70}}},
          {"type": "Resource", "resource": {"name": "memory",
           "target": {"type": "Utilization", "averageUtilization": 80}}}],
        "behavior": {"scaleDown": {"stabilizationWindowSeconds": 300, "policies": [
          {"type": "Percent", "value": 10, "periodSeconds": 60},
          {"type": "Pods", "value": 2, "periodSeconds": 60}]}}}})");
    json result = smp(hpa, R"({"spec": {"minReplicas": 5, "maxReplicas": 15,
        "metrics": [{"type": "Resource", "resource": {"name": "cpu",
                     "target": {"type": "Utilization", "averageUtilization": 60}}}],
        "behavior": {"scaleDown": {"policies": [
          {"type": "Pods", "value": 1, "periodSeconds": 30}]}}}})");
    EXPECT_EQ(result["spec"]["minReplicas"], 5);
    EXPECT_EQ(result["spec"]["maxReplicas"], 15);
    ASSERT_EQ(result["spec"]["metrics"].size(), 1u);
    EXPECT_EQ(result["spec"]["metrics"][0]["resource"]["target"]["averageUtilization"], 60);
    EXPECT_EQ(result["spec"]["behavior"]["scaleDown"]["stabilizationWindowSeconds"], 300);
    EXPECT_EQ(result["spec"]["behavior"]["scaleDown"]["policies"],
              json::parse(R"([{"type": "Pods", "value": 1, "periodSeconds": 30}])"));
}

TEST(StrategicMergePatch, RejectsWhatCannotBeApplied) {
    struct Row {
        const char* name;
        json original;
        const char* patch;
        const char* messagePart;
    } rows[] = {
        {"array original", json::array(), "{}", "must be a JSON object"},
        {"array patch", deployment(), "[]",
         "json: cannot unmarshal array into Go value of type map[string]interface {}"},
        {"string patch", deployment(), R"("x")", "cannot unmarshal string"},
        {"keyed element without its key", deployment(),
         R"({"spec": {"template": {"spec": {"containers": [{"image": "x"}]}}}})",
         "does not contain declared merge key: name"},
        {"unknown map directive", deployment(), R"({"spec": {"$patch": "explode"}})",
         "unknown patch type: \"explode\""},
        {"merge directive in a list", deployment(),
         R"({"spec": {"template": {"spec": {"containers": [{"$patch": "merge"}]}}}})",
         "merging lists cannot yet be specified in the patch"},
        {"retainKeys not a list", deployment(), R"({"spec": {"$retainKeys": "x"}})",
         "invalid patch format of retainKeys"},
        {"delete list not a list", deployment(),
         R"({"metadata": {"$deleteFromPrimitiveList/finalizers": "a"}})",
         "invalid patch format of primitive list"},
        {"mixed element types", deployment(), R"({"metadata": {"finalizers": [1]}})",
         "list element types are not identical"},
    };
    for (const auto& r : rows) {
        auto result = applyStrategicMergePatch(r.original, json::parse(r.patch));
        ASSERT_FALSE(result.ok()) << r.name;
        EXPECT_NE(result.error().message.find(r.messagePart), std::string::npos)
            << r.name << ": " << result.error().message;
        EXPECT_EQ(result.error().kind, scaledeck::base::ErrorKind::Invalid) << r.name;
    }
}

TEST(StrategicMergePatch, NullOrEmptyPatchChangesNothing) {
    const json original = deployment();
    EXPECT_EQ(smp(original, "null"), original);
    EXPECT_EQ(smp(original, "{}"), original);
    // An equal patch yields an equal object, which is how the server spots a no-op write.
    EXPECT_EQ(smp(original, R"({"spec": {"replicas": 3}})"), original);
}

TEST(MergePatch, FollowsRfc7386) {
    struct Row {
        const char* name;
        const char* patch;
        const char* pointer;
        const char* expected;  // nullptr: the pointer must be gone
    } rows[] = {
        {"scale", R"({"spec": {"replicas": 7}})", "/spec/replicas", "7"},
        {"null deletes", R"({"metadata": {"labels": {"tier": null}}})", "/metadata/labels",
         R"({"app": "gl-006"})"},
        {"lists are replaced",
         R"({"spec": {"template": {"spec": {"containers": [{"name": "x"}]}}}})",
         "/spec/template/spec/containers", R"([{"name": "x"}])"},
        {"new objects lose their nulls", R"({"metadata": {"annotations": {"a": "1", "b": null}}})",
         "/metadata/annotations", R"({"a": "1"})"},
        {"delete a subtree", R"({"status": null})", "/status", nullptr},
    };
    for (const auto& r : rows) {
        auto result = applyMergePatch(deployment(), json::parse(r.patch));
        ASSERT_TRUE(result.ok()) << r.name << ": " << result.error().message;
        const json::json_pointer ptr(r.pointer);
        if (r.expected == nullptr) {
            EXPECT_FALSE(result->contains(ptr)) << r.name;
        } else {
            EXPECT_EQ(result->at(ptr), json::parse(r.expected)) << r.name;
        }
    }
    for (const char* bad : {"null", "[]", "3", R"("x")"}) {
        auto result = applyMergePatch(deployment(), json::parse(bad));
        ASSERT_FALSE(result.ok()) << bad;
        EXPECT_EQ(result.error().message, "Invalid JSON Patch") << bad;
    }
}

TEST(JsonPatch, AppliesEachOperation) {
    struct Row {
        const char* name;
        const char* patch;
        const char* pointer;
        const char* expected;  // nullptr: the pointer must be gone
    } rows[] = {
        {"replace", R"([{"op": "replace", "path": "/spec/replicas", "value": 5}])",
         "/spec/replicas", "5"},
        {"add to a map", R"([{"op": "add", "path": "/metadata/labels/zone", "value": "a"}])",
         "/metadata/labels/zone", R"("a")"},
        {"append", R"([{"op": "add", "path": "/metadata/finalizers/-", "value": "d"}])",
         "/metadata/finalizers", R"(["a", "b", "c", "d"])"},
        {"insert", R"([{"op": "add", "path": "/metadata/finalizers/0", "value": "z"}])",
         "/metadata/finalizers", R"(["z", "a", "b", "c"])"},
        {"remove", R"([{"op": "remove", "path": "/metadata/labels/tier"}])",
         "/metadata/labels/tier", nullptr},
        {"remove from a list", R"([{"op": "remove", "path": "/metadata/finalizers/1"}])",
         "/metadata/finalizers", R"(["a", "c"])"},
        {"move",
         R"([{"op": "move", "from": "/metadata/labels/tier", "path": "/metadata/labels/layer"}])",
         "/metadata/labels", R"({"app": "gl-006", "layer": "backend"})"},
        {"copy", R"([{"op": "copy", "from": "/spec/replicas", "path": "/spec/minReadySeconds"}])",
         "/spec/minReadySeconds", "3"},
        {"test then replace",
         R"([{"op": "test", "path": "/spec/replicas", "value": 3}, {"op": "replace",
             "path": "/spec/replicas", "value": 4}])",
         "/spec/replicas", "4"},
        {"escaped pointer",
         R"([{"op": "add", "path": "/metadata/labels/example.com~1team", "value": "x"}])",
         "/metadata/labels/example.com~1team", R"("x")"},
        {"empty patch", "[]", "/spec/replicas", "3"},
    };
    for (const auto& r : rows) {
        auto result = applyJsonPatch(deployment(), json::parse(r.patch));
        ASSERT_TRUE(result.ok()) << r.name << ": " << result.error().message;
        const json::json_pointer ptr(r.pointer);
        if (r.expected == nullptr) {
            EXPECT_FALSE(result->contains(ptr)) << r.name;
        } else {
            EXPECT_EQ(result->at(ptr), json::parse(r.expected)) << r.name;
        }
    }
}

TEST(JsonPatch, ReportsThePreciseReason) {
    struct Row {
        const char* patch;
        const char* message;
    } rows[] = {
        {R"([{"op": "test", "path": "/spec/replicas", "value": 5}])",
         "test operation failed at /spec/replicas"},
        {R"([{"op": "test", "path": "/spec/nope", "value": 5}])",
         "test operation failed at /spec/nope: the path does not exist"},
        {R"([{"op": "remove", "path": "/spec/foo"}])",
         "remove operation failed at /spec/foo: the path does not exist"},
        {R"([{"op": "replace", "path": "/spec/foo", "value": 1}])",
         "replace operation failed at /spec/foo: the path does not exist"},
        {R"([{"op": "add", "path": "/spec/foo/bar", "value": 1}])",
         "add operation failed at /spec/foo/bar: /spec/foo does not exist"},
        {R"([{"op": "add", "path": "/metadata/finalizers/9", "value": "x"}])",
         "add operation failed at /metadata/finalizers/9: index 9 is out of range for a list of 3 "
         "items"},
        {R"([{"op": "add", "path": "/metadata/finalizers/x", "value": "x"}])",
         "add operation failed at /metadata/finalizers/x: \"x\" is not a list index"},
        {R"([{"op": "add", "path": "/spec/replicas/x", "value": 1}])",
         "add operation failed at /spec/replicas/x: /spec/replicas is not an object or a list"},
        {R"([{"op": "copy", "from": "/spec/nope", "path": "/spec/x"}])",
         "copy operation failed: from /spec/nope does not exist"},
        {R"([{"op": "move", "from": "/spec", "path": "/spec/inner"}])",
         "move operation failed: cannot move /spec into its own child /spec/inner"},
        {R"([{"op": "explode", "path": "/spec"}])",
         "unsupported JSON patch operation \"explode\" (operation 0)"},
        {R"([{"op": "replace", "path": "/spec/replicas", "value": 4}, {"op": "add",
            "path": "/x"}])",
         "add operation 1 has no \"value\""},
        {R"([{"op": "remove"}])", "remove operation 0 has no \"path\""},
        {R"([{"path": "/spec"}])", "operation 0 has no \"op\""},
        {R"([{"op": "add", "path": "spec", "value": 1}])",
         "invalid JSON pointer \"spec\": it must be empty or start with \"/\""},
        {R"([{"op": "add", "path": "/a~2b", "value": 1}])",
         "invalid JSON pointer \"/a~2b\": \"~\" must be followed by 0 or 1"},
        {R"({"op": "add"})", "a JSON patch must be a list of operations, got object"},
        {R"([3])", "operation 0 is not an object: 3"},
    };
    for (const auto& r : rows) {
        auto result = applyJsonPatch(deployment(), json::parse(r.patch));
        ASSERT_FALSE(result.ok()) << r.patch;
        EXPECT_EQ(result.error().message, r.message) << r.patch;
    }
}

TEST(PatchApply, MapsContentTypes) {
    struct Row {
        const char* contentType;
        std::optional<PatchType> type;
    } rows[] = {
        {"application/strategic-merge-patch+json", PatchType::StrategicMerge},
        {"application/merge-patch+json", PatchType::Merge},
        {"application/json-patch+json", PatchType::Json},
        {"application/apply-patch+yaml", PatchType::Apply},
        {"application/merge-patch+json; charset=utf-8", PatchType::Merge},
        {"APPLICATION/JSON-PATCH+JSON", PatchType::Json},
        {" application/strategic-merge-patch+json ;charset=UTF-8", PatchType::StrategicMerge},
        {"application/json", std::nullopt},
        {"application/yaml", std::nullopt},
        {"", std::nullopt},
    };
    for (const auto& r : rows) {
        EXPECT_EQ(patchTypeFromContentType(r.contentType), r.type) << r.contentType;
        if (r.type) {
            EXPECT_EQ(patchTypeFromContentType(contentTypeOf(*r.type)), r.type);
        }
    }
}

TEST(PatchApply, DispatchesByType) {
    const json original = deployment();
    // The same list patch: strategic merge keeps the sidecar, merge patch replaces the list.
    const json listPatch = json::parse(R"({"spec": {"template": {"spec": {"containers": [
        {"name": "gl-006-heatreclaim", "image": "new:1"}]}}}})");
    auto strategic = applyPatch(PatchType::StrategicMerge, original, listPatch);
    ASSERT_TRUE(strategic.ok());
    EXPECT_EQ(strategic->at("spec").at("template").at("spec").at("containers").size(), 2u);
    auto merge = applyPatch(PatchType::Merge, original, listPatch);
    ASSERT_TRUE(merge.ok());
    EXPECT_EQ(merge->at("spec").at("template").at("spec").at("containers").size(), 1u);

    auto jsonPatch =
        applyPatch(PatchType::Json, original,
                   json::parse(R"([{"op": "replace", "path": "/spec/replicas", "value": 9}])"));
    ASSERT_TRUE(jsonPatch.ok());
    EXPECT_EQ(jsonPatch->at("spec").at("replicas"), 9);

    auto apply = applyPatch(PatchType::Apply, original, json::object());
    ASSERT_FALSE(apply.ok());
    EXPECT_EQ(apply.error().kind, scaledeck::base::ErrorKind::Unsupported);
}
