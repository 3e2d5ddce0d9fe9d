#include "sim/openapi_documents.h"

#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <vector>

using nlohmann::json;
using scaledeck::sim::openApiV3Document;
using scaledeck::sim::openApiV3Index;

namespace {

const std::vector<std::string> kServed = {
    "api/v1",         "apis/apps/v1",         "apis/autoscaling/v2", "apis/autoscaling/v1",
    "apis/policy/v1", "apis/events.k8s.io/v1"};

// kubectl's check (queryparams verifier): some path's operation `verb` is tagged with the GVK
// and lists the parameter.
bool operationSupports(const json& doc, const char* verb, const json& gvk, const char* param) {
    for (const auto& [path, item] : doc["paths"].items()) {
        if (!item.contains(verb))
            continue;
        const json& op = item[verb];
        if (op.value("x-kubernetes-group-version-kind", json()) != gvk)
            continue;
        for (const auto& p : op.value("parameters", json::array())) {
            if (p.value("name", "") == param)
                return true;
        }
    }
    return false;
}

// kubectl explain: a component schema whose GVK list contains the kind.
bool schemaFor(const json& doc, const json& gvk) {
    for (const auto& [name, schema] : doc["components"]["schemas"].items()) {
        for (const auto& g : schema.value("x-kubernetes-group-version-kind", json::array())) {
            if (g == gvk)
                return schema.value("type", "") == "object";
        }
    }
    return false;
}

json gvk(const char* group, const char* version, const char* kind) {
    return {{"group", group}, {"version", version}, {"kind", kind}};
}

}  // namespace

TEST(OpenApiDocuments, IndexPointsAtHashedDocuments) {
    std::vector<std::string> asked = kServed;
    asked.push_back("apis/metrics.k8s.io/v1beta1");  // no document: left out
    const json index = openApiV3Index(asked);
    ASSERT_TRUE(index.contains("paths"));
    EXPECT_EQ(index["paths"].size(), kServed.size());
    EXPECT_FALSE(index["paths"].contains("apis/metrics.k8s.io/v1beta1"));

    std::vector<std::string> hashes;
    for (const auto& gv : kServed) {
        const std::string url = index["paths"][gv]["serverRelativeURL"];
        const std::string prefix = "/openapi/v3/" + gv + "?hash=";
        ASSERT_EQ(url.rfind(prefix, 0), 0u) << url;
        const std::string hash = url.substr(prefix.size());
        EXPECT_EQ(hash.size(), 16u) << url;
        for (char c : hash)
            EXPECT_TRUE(std::isxdigit(static_cast<unsigned char>(c))) << url;
        hashes.push_back(hash);
    }
    // Different documents, different hashes; the same document, the same hash on every call.
    for (std::size_t i = 0; i < hashes.size(); ++i) {
        for (std::size_t j = i + 1; j < hashes.size(); ++j)
            EXPECT_NE(hashes[i], hashes[j]);
    }
    EXPECT_EQ(openApiV3Index(asked), index);
    EXPECT_EQ(openApiV3Index({"apis/apps/v1"})["paths"]["apis/apps/v1"],
              index["paths"]["apis/apps/v1"]);
}

TEST(OpenApiDocuments, DocumentShape) {
    const auto doc = openApiV3Document("api/v1");
    ASSERT_TRUE(doc.has_value());
    EXPECT_EQ((*doc)["openapi"], "3.0.0");
    EXPECT_EQ((*doc)["info"]["title"], "Kubernetes");
    const json& patch =
        (*doc)["paths"]["/api/v1/namespaces/{namespace}/configmaps/{name}"]["patch"];
    EXPECT_EQ(patch["x-kubernetes-group-version-kind"], gvk("", "v1", "ConfigMap"));
    bool hasFieldValidation = false;
    for (const auto& p : patch["parameters"]) {
        if (p["name"] == "fieldValidation") {
            hasFieldValidation = true;
            EXPECT_EQ(p["in"], "query");
            EXPECT_EQ(p["schema"]["type"], "string");
        }
    }
    EXPECT_TRUE(hasFieldValidation);
    // No request body on patch: kubectl then uses its built-in merge keys for apply.
    EXPECT_FALSE(patch.contains("requestBody"));

    EXPECT_TRUE((*doc)["paths"].contains("/api/v1/nodes/{name}"));  // cluster scoped
    EXPECT_FALSE((*doc)["paths"].contains("/api/v1/namespaces/{namespace}/nodes/{name}"));
    EXPECT_TRUE((*doc)["paths"].contains("/api/v1/pods"));  // all namespaces list
    EXPECT_FALSE((*doc)["paths"].contains("/apis/apps/v1/namespaces/{namespace}/deployments"));

    EXPECT_EQ(openApiV3Document("/api/v1?hash=ABC"), doc);
    EXPECT_FALSE(openApiV3Document("apis/metrics.k8s.io/v1beta1").has_value());
    EXPECT_FALSE(openApiV3Document("apis/apps").has_value());
}

TEST(OpenApiDocuments, EveryServedKindSupportsStrictValidationAndExplain) {
    struct Row {
        const char* gvPath;
        json gvk;
    } rows[] = {
        {"api/v1", gvk("", "v1", "Pod")},
        {"api/v1", gvk("", "v1", "Namespace")},
        {"api/v1", gvk("", "v1", "Node")},
        {"api/v1", gvk("", "v1", "Event")},
        {"api/v1", gvk("", "v1", "ConfigMap")},
        {"api/v1", gvk("", "v1", "Service")},
        {"apis/apps/v1", gvk("apps", "v1", "Deployment")},
        {"apis/apps/v1", gvk("apps", "v1", "ReplicaSet")},
        {"apis/apps/v1", gvk("apps", "v1", "StatefulSet")},
        {"apis/apps/v1", gvk("apps", "v1", "ControllerRevision")},
        {"apis/autoscaling/v2", gvk("autoscaling", "v2", "HorizontalPodAutoscaler")},
        {"apis/autoscaling/v1", gvk("autoscaling", "v1", "HorizontalPodAutoscaler")},
        {"apis/policy/v1", gvk("policy", "v1", "PodDisruptionBudget")},
        {"apis/events.k8s.io/v1", gvk("events.k8s.io", "v1", "Event")},
    };
    for (const auto& r : rows) {
        const auto doc = openApiV3Document(r.gvPath);
        ASSERT_TRUE(doc.has_value()) << r.gvPath;
        for (const char* verb : {"patch", "put", "post"}) {
            EXPECT_TRUE(operationSupports(*doc, verb, r.gvk, "fieldValidation"))
                << r.gvPath << " " << r.gvk.dump() << " " << verb;
        }
        EXPECT_TRUE(schemaFor(*doc, r.gvk)) << r.gvPath << " " << r.gvk.dump();
    }
    // Kinds live only in their own group-version's document.
    EXPECT_FALSE(schemaFor(*openApiV3Document("api/v1"), gvk("apps", "v1", "Deployment")));
    EXPECT_FALSE(operationSupports(*openApiV3Document("apis/autoscaling/v1"), "patch",
                                   gvk("autoscaling", "v2", "HorizontalPodAutoscaler"),
                                   "fieldValidation"));
}

TEST(OpenApiDocuments, SubresourcesAndSchemas) {
    const auto apps = openApiV3Document("apis/apps/v1");
    ASSERT_TRUE(apps.has_value());
    const json& scale =
        (*apps)["paths"]["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"];
    EXPECT_EQ(scale["patch"]["x-kubernetes-group-version-kind"], gvk("autoscaling", "v1", "Scale"));
    EXPECT_TRUE(schemaFor(*apps, gvk("autoscaling", "v1", "Scale")));
    EXPECT_TRUE((*apps)["paths"].contains(
        "/apis/apps/v1/namespaces/{namespace}/statefulsets/{name}/status"));
    EXPECT_FALSE((*apps)["paths"].contains(
        "/apis/apps/v1/namespaces/{namespace}/controllerrevisions/{name}/scale"));

    const json& deployment = (*apps)["components"]["schemas"]["io.k8s.api.apps.v1.Deployment"];
    for (const char* field : {"apiVersion", "kind", "metadata", "spec", "status"}) {
        EXPECT_TRUE(deployment["properties"].contains(field)) << field;
    }
    EXPECT_EQ(deployment["properties"]["metadata"]["allOf"][0]["$ref"],
              "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    EXPECT_TRUE((*apps)["components"]["schemas"].contains(
        "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"));
    EXPECT_TRUE(schemaFor(*apps, gvk("apps", "v1", "DeploymentList")));

    const auto core = openApiV3Document("api/v1");
    const json& cm = (*core)["components"]["schemas"]["io.k8s.api.core.v1.ConfigMap"];
    EXPECT_EQ(cm["properties"]["data"]["type"], "object");
    EXPECT_EQ(cm["properties"]["data"]["additionalProperties"]["type"], "string");
    EXPECT_FALSE(cm["properties"].contains("spec"));

    const auto events = openApiV3Document("apis/events.k8s.io/v1");
    EXPECT_TRUE((*events)["components"]["schemas"].contains("io.k8s.api.events.v1.Event"));
    EXPECT_TRUE(
        (*events)["paths"].contains("/apis/events.k8s.io/v1/namespaces/{namespace}/events/{name}"));
}
