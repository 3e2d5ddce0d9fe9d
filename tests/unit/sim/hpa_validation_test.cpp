// HPA defaulting, validation (kube-style field causes) and the autoscaling/v1 view
// (hpa-controller.md §B.8).
#include "sim/hpa_validation.h"

#include <gtest/gtest.h>

#include <functional>

namespace scaledeck::sim {
namespace {

using nlohmann::json;

json gl006() {
    return json::parse(R"({
      "apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
      "metadata": {"name": "gl-006-heatreclaim-hpa", "namespace": "greenlang"},
      "spec": {
        "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment",
        "name": "gl-006-heatreclaim"},
        "minReplicas": 3, "maxReplicas": 10,
        "metrics": [
          {"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization",
          "averageUtilization": 70}}},
          {"type": "Resource", "resource": {"name": "memory", "target": {"type": "Utilization",
          "averageUtilization": 80}}}
        ]
      }
    })");
}

TEST(HpaValidation, DefaultsMinReplicasAndCpuMetricButNotBehavior) {
    json hpa = gl006();
    hpa["spec"].erase("minReplicas");
    hpa["spec"].erase("metrics");
    defaultHpa(hpa);
    EXPECT_EQ(hpa["spec"]["minReplicas"], 1);
    EXPECT_EQ(hpa["spec"]["metrics"],
              json::parse(R"([{"type": "Resource", "resource": {"name": "cpu",
                  "target": {"type": "Utilization", "averageUtilization": 80}}}])"));
    EXPECT_FALSE(hpa["spec"].contains("behavior"));

    json explicitMetrics = gl006();
    defaultHpa(explicitMetrics);
    EXPECT_EQ(explicitMetrics["spec"]["metrics"], gl006()["spec"]["metrics"]);
    EXPECT_EQ(explicitMetrics["spec"]["minReplicas"], 3);
}

TEST(HpaValidation, DefaultsBehaviorOnlyWhenPresent) {
    struct Row {
        const char* name;
        const char* behavior;
        const char* expected;
    };
    const std::vector<Row> rows = {
        {"empty behavior", R"({})",
         R"({"scaleUp": {"stabilizationWindowSeconds": 0, "selectPolicy": "Max",
              "policies": [{"type": "Pods", "value": 4, "periodSeconds": 15},
                           {"type": "Percent", "value": 100, "periodSeconds": 15}]},
             "scaleDown": {"selectPolicy": "Max",
              "policies": [{"type": "Percent", "value": 100, "periodSeconds": 15}]}})"},
        {"partial scaleDown kept", R"({"scaleDown": {"stabilizationWindowSeconds": 60}})",
         R"({"scaleUp": {"stabilizationWindowSeconds": 0, "selectPolicy": "Max",
              "policies": [{"type": "Pods", "value": 4, "periodSeconds": 15},
                           {"type": "Percent", "value": 100, "periodSeconds": 15}]},
             "scaleDown": {"stabilizationWindowSeconds": 60, "selectPolicy": "Max",
              "policies": [{"type": "Percent", "value": 100, "periodSeconds": 15}]}})"},
        {"explicit policies kept",
         R"({"scaleUp": {"selectPolicy": "Min", "policies": [{"type": "Pods", "value": 1,
             "periodSeconds": 60}]}})",
         R"({"scaleUp": {"stabilizationWindowSeconds": 0, "selectPolicy": "Min",
              "policies": [{"type": "Pods", "value": 1, "periodSeconds": 60}]},
             "scaleDown": {"selectPolicy": "Max",
              "policies": [{"type": "Percent", "value": 100, "periodSeconds": 15}]}})"},
    };
    for (const auto& r : rows) {
        json hpa = gl006();
        hpa["spec"]["behavior"] = json::parse(r.behavior);
        defaultHpa(hpa);
        EXPECT_EQ(hpa["spec"]["behavior"], json::parse(r.expected)) << r.name;
    }
}

struct Expected {
    std::string field;
    std::string reason;
    std::string message;
};

TEST(HpaValidation, ValidObjectsHaveNoCauses) {
    json hpa = gl006();
    defaultHpa(hpa);
    EXPECT_TRUE(validateHpa(hpa).empty());

    json withBehavior = gl006();
    withBehavior["spec"]["behavior"] = json::object();
    defaultHpa(withBehavior);
    EXPECT_TRUE(validateHpa(withBehavior).empty());

    json custom = gl006();
    custom["spec"]["metrics"] = json::parse(R"([
      {"type": "Pods", "pods": {"metric": {"name": "rps"}, "target": {"type": "AverageValue",
      "averageValue": "100"}}},
      {"type": "Object", "object": {"describedObject": {"apiVersion": "v1", "kind": "Service",
      "name": "web"},
        "metric": {"name": "hits"}, "target": {"type": "Value", "value": "1k"}}},
      {"type": "External", "external": {"metric": {"name": "queue"},
      "target": {"type": "AverageValue", "averageValue": "30"}}},
      {"type": "ContainerResource", "containerResource": {"name": "cpu", "container": "web",
        "target": {"type": "Utilization", "averageUtilization": 60}}}
    ])");
    EXPECT_TRUE(validateHpa(custom).empty());
}

TEST(HpaValidation, CausesInKubernetesStyle) {
    struct Row {
        const char* name;
        std::function<void(json&)> mutate;
        std::vector<Expected> causes;
    };
    const std::vector<Row> rows = {
        {"max below min",
         [](json& h) {
             h["spec"]["maxReplicas"] = 3;
             h["spec"]["minReplicas"] = 5;
         },
         {{"spec.maxReplicas", "FieldValueInvalid",
           "Invalid value: 3: must be greater than or equal to `minReplicas`"}}},
        {"max missing",
         [](json& h) { h["spec"].erase("maxReplicas"); },
         {{"spec.maxReplicas", "FieldValueInvalid", "Invalid value: 0: must be greater than 0"},
          {"spec.maxReplicas", "FieldValueInvalid",
           "Invalid value: 0: must be greater than or equal to `minReplicas`"}}},
        {"min zero without the gate",
         [](json& h) { h["spec"]["minReplicas"] = 0; },
         {{"spec.minReplicas", "FieldValueInvalid",
           "Invalid value: 0: must be greater than or equal to 1"},
          {"spec.metrics", "FieldValueForbidden",
           "Forbidden: must specify at least one Object or External metric to support scaling to "
           "zero replicas"}}},
        {"target kind and name missing",
         [](json& h) {
             h["spec"]["scaleTargetRef"] = {{"apiVersion", "apps/v1"}};
         },
         {{"spec.scaleTargetRef.kind", "FieldValueRequired", "Required value"},
          {"spec.scaleTargetRef.name", "FieldValueRequired", "Required value"}}},
        {"target name with slash",
         [](json& h) { h["spec"]["scaleTargetRef"]["name"] = "a/b"; },
         {{"spec.scaleTargetRef.name", "FieldValueInvalid",
           "Invalid value: \"a/b\": may not contain '/'"}}},
        {"utilization zero",
         [](json& h) { h["spec"]["metrics"][0]["resource"]["target"]["averageUtilization"] = 0; },
         {{"spec.metrics[0].resource.target.averageUtilization", "FieldValueInvalid",
           "Invalid value: 0: must be greater than 0"}}},
        {"bad target type",
         [](json& h) { h["spec"]["metrics"][1]["resource"]["target"]["type"] = "Percent"; },
         {{"spec.metrics[1].resource.target.type", "FieldValueInvalid",
           "Invalid value: \"Percent\": must be either Utilization, Value, or AverageValue"}}},
        {"average value zero",
         [](json& h) {
             h["spec"]["metrics"][1]["resource"]["target"] = {{"type", "AverageValue"},
                                                              {"averageValue", "0"}};
         },
         {{"spec.metrics[1].resource.target.averageValue", "FieldValueInvalid",
           "Invalid value: \"0\": must be positive"}}},
        {"both utilization and average value",
         [](json& h) { h["spec"]["metrics"][0]["resource"]["target"]["averageValue"] = "300m"; },
         {{"spec.metrics[0].resource.target.averageValue", "FieldValueForbidden",
           "Forbidden: may not set both a target raw value and a target utilization"}}},
        {"neither utilization nor average value",
         [](json& h) {
             h["spec"]["metrics"][0]["resource"]["target"] = {{"type", "Utilization"}};
         },
         {{"spec.metrics[0].resource.target.averageUtilization", "FieldValueRequired",
           "Required value: must set either a target raw value or a target utilization"}}},
        {"unknown metric type",
         [](json& h) { h["spec"]["metrics"][0]["type"] = "Foo"; },
         {{"spec.metrics[0].type", "FieldValueNotSupported",
           "Unsupported value: \"Foo\": supported values: \"ContainerResource\", \"External\", "
           "\"Object\", \"Pods\", \"Resource\""}}},
        {"two sources in one metric",
         [](json& h) {
             h["spec"]["metrics"][0]["pods"] = json::parse(
                 R"({"metric": {"name": "rps"}, "target": {"type": "AverageValue",
                     "averageValue": "1"}})");
         },
         {{"spec.metrics[0].pods", "FieldValueForbidden",
           "Forbidden: must populate the given metric source only"}}},
        {"pods metric without average value",
         [](json& h) {
             h["spec"]["metrics"] = json::parse(
                 R"([{"type": "Pods", "pods": {"metric": {"name": "rps"},
                     "target": {"type": "Value", "value": "5"}}}])");
         },
         {{"spec.metrics[0].pods.target.averageValue", "FieldValueRequired",
           "Required value: must specify a positive target averageValue"}}},
        {"type without its source",
         [](json& h) { h["spec"]["metrics"] = json::parse(R"([{"type": "External"}])"); },
         {{"spec.metrics[0].external", "FieldValueRequired",
           "Required value: must populate information for the given metric source"}}},
        {"window too long",
         [](json& h) { h["spec"]["behavior"]["scaleUp"]["stabilizationWindowSeconds"] = 3601; },
         {{"spec.behavior.scaleUp.stabilizationWindowSeconds", "FieldValueInvalid",
           "Invalid value: 3601: must be less than or equal to 3600"}}},
        {"negative window",
         [](json& h) { h["spec"]["behavior"]["scaleDown"]["stabilizationWindowSeconds"] = -1; },
         {{"spec.behavior.scaleDown.stabilizationWindowSeconds", "FieldValueInvalid",
           "Invalid value: -1: must be greater than or equal to zero"}}},
        {"no policies",
         [](json& h) { h["spec"]["behavior"]["scaleDown"]["policies"] = json::array(); },
         {{"spec.behavior.scaleDown.policies", "FieldValueRequired",
           "Required value: must specify at least one Policy"}}},
        {"bad policy numbers",
         [](json& h) {
             h["spec"]["behavior"]["scaleUp"]["policies"] =
                 json::parse(R"([{"type": "Pods", "value": 0, "periodSeconds": 1801}])");
         },
         {{"spec.behavior.scaleUp.policies[0].value", "FieldValueInvalid",
           "Invalid value: 0: must be greater than zero"},
          {"spec.behavior.scaleUp.policies[0].periodSeconds", "FieldValueInvalid",
           "Invalid value: 1801: must be less than or equal to 1800"}}},
        {"bad policy type",
         [](json& h) { h["spec"]["behavior"]["scaleUp"]["policies"][0]["type"] = "Replicas"; },
         {{"spec.behavior.scaleUp.policies[0].type", "FieldValueNotSupported",
           "Unsupported value: \"Replicas\": supported values: \"Percent\", \"Pods\""}}},
        {"bad select policy",
         [](json& h) { h["spec"]["behavior"]["scaleDown"]["selectPolicy"] = "Fastest"; },
         {{"spec.behavior.scaleDown.selectPolicy", "FieldValueNotSupported",
           "Unsupported value: \"Fastest\": supported values: \"Disabled\", \"Max\", \"Min\""}}},
    };
    for (const auto& r : rows) {
        json hpa = gl006();
        hpa["spec"]["behavior"] = json::object();
        defaultHpa(hpa);
        r.mutate(hpa);
        const FieldCauses causes = validateHpa(hpa);
        ASSERT_EQ(causes.size(), r.causes.size()) << r.name;
        for (std::size_t i = 0; i < causes.size(); ++i) {
            EXPECT_EQ(causes[i].field, r.causes[i].field) << r.name;
            EXPECT_EQ(causes[i].reason, r.causes[i].reason) << r.name;
            EXPECT_EQ(causes[i].message, r.causes[i].message) << r.name;
        }
    }
}

TEST(HpaValidation, WrongJsonTypesAreReportedNotThrown) {
    json hpa = gl006();
    hpa["spec"]["maxReplicas"] = "ten";
    hpa["spec"]["metrics"] = "cpu";
    FieldCauses causes;
    EXPECT_NO_THROW(causes = validateHpa(hpa));
    ASSERT_FALSE(causes.empty());
    EXPECT_EQ(causes[0].field, "spec.maxReplicas");
    EXPECT_EQ(causes[0].message, "Invalid value: \"ten\": must be an integer");
    json notAnObject = json::array();
    EXPECT_NO_THROW(defaultHpa(notAnObject));
    EXPECT_NO_THROW(validateHpa(notAnObject));
}

TEST(HpaValidation, V1ViewKeepsOnlyCpuUtilization) {
    json v2 = gl006();
    v2["status"] = json::parse(R"({
      "currentReplicas": 3, "desiredReplicas": 4, "lastScaleTime": "2026-03-02T10:00:00Z",
      "currentMetrics": [
        {"type": "Resource", "resource": {"name": "cpu", "current": {"averageUtilization": 91,
        "averageValue": "455m"}}},
        {"type": "Resource", "resource": {"name": "memory", "current": {"averageUtilization": 50,
        "averageValue": "268435456"}}}
      ],
      "conditions": [{"type": "AbleToScale", "status": "True", "reason": "SucceededRescale",
                      "message": "x", "lastTransitionTime": "2026-03-02T10:00:00Z"}]
    })");
    const json v1 = hpaV2ToV1(v2);
    EXPECT_EQ(v1["apiVersion"], "autoscaling/v1");
    EXPECT_EQ(v1["metadata"], v2["metadata"]);
    EXPECT_EQ(v1["spec"], json::parse(R"({
      "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment",
      "name": "gl-006-heatreclaim"},
      "minReplicas": 3, "maxReplicas": 10, "targetCPUUtilizationPercentage": 70})"));
    EXPECT_EQ(v1["status"], json::parse(R"({
      "currentReplicas": 3, "desiredReplicas": 4, "lastScaleTime": "2026-03-02T10:00:00Z",
      "currentCPUUtilizationPercentage": 91})"));

    // Without a cpu utilization metric v1 has nothing to show for the target.
    json memOnly = gl006();
    memOnly["spec"]["metrics"].erase(0);
    EXPECT_FALSE(hpaV2ToV1(memOnly)["spec"].contains("targetCPUUtilizationPercentage"));
}

TEST(HpaValidation, V1ToV2AndBack) {
    const json v1 = json::parse(R"({
      "apiVersion": "autoscaling/v1", "kind": "HorizontalPodAutoscaler",
      "metadata": {"name": "web", "namespace": "shop"},
      "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
               "minReplicas": 2, "maxReplicas": 8, "targetCPUUtilizationPercentage": 50},
      "status": {"currentReplicas": 2, "desiredReplicas": 2, "currentCPUUtilizationPercentage": 40}
    })");
    const json v2 = hpaV1ToV2(v1);
    EXPECT_EQ(v2["apiVersion"], "autoscaling/v2");
    EXPECT_EQ(v2["spec"]["metrics"],
              json::parse(R"([{"type": "Resource", "resource": {"name": "cpu",
                  "target": {"type": "Utilization", "averageUtilization": 50}}}])"));
    EXPECT_FALSE(v2["spec"].contains("targetCPUUtilizationPercentage"));
    EXPECT_EQ(v2["status"]["currentMetrics"],
              json::parse(R"([{"type": "Resource", "resource": {"name": "cpu",
                  "current": {"averageUtilization": 40}}}])"));
    EXPECT_EQ(hpaV2ToV1(v2), v1);

    // No cpu target in v1: v2 has no metrics until defaulting adds cpu 80 %.
    json bare = v1;
    bare["spec"].erase("targetCPUUtilizationPercentage");
    json converted = hpaV1ToV2(bare);
    EXPECT_FALSE(converted["spec"].contains("metrics"));
    defaultHpa(converted);
    EXPECT_EQ(converted["spec"]["metrics"][0]["resource"]["target"]["averageUtilization"], 80);
}

}  // namespace
}  // namespace scaledeck::sim
