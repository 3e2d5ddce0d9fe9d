// Bad input against scaledeck-sim over HTTPS: each request gets the Status kubectl and client
// libraries expect, and the cluster state is unchanged afterwards.
#include <gtest/gtest.h>

#include "support/sim_instance.h"

using nlohmann::json;
using scaledeck::test::SimInstance;

namespace {

const std::string kHpaPath = "/apis/autoscaling/v2/namespaces/greenlang/horizontalpodautoscalers/gl-006-heatreclaim-hpa";
const std::string kCmPath = "/api/v1/namespaces/greenlang/configmaps/gl-006-heatreclaim-config";
const std::string kDeployPath = "/apis/apps/v1/namespaces/greenlang/deployments/gl-006-heatreclaim";

class SimApiErrors : public ::testing::Test {
protected:
    static void SetUpTestSuite() { sim = SimInstance::start().release(); }
    static void TearDownTestSuite() {
        delete sim;
        sim = nullptr;
    }
    static json status(const scaledeck::test::HttpReply& r) { return r.json(); }
    static SimInstance* sim;
};
SimInstance* SimApiErrors::sim = nullptr;

TEST_F(SimApiErrors, MalformedJsonIsBadRequestAndCreatesNothing) {
    const auto before = sim->get("/api/v1/namespaces/greenlang/configmaps")["items"].size();
    auto r = sim->request("POST", "/api/v1/namespaces/greenlang/configmaps", R"({"metadata":{"name":"x"},)");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(status(r)["kind"], "Status");
    EXPECT_EQ(status(r)["reason"], "BadRequest");
    EXPECT_EQ(status(r)["code"], 400);
    EXPECT_EQ(sim->get("/api/v1/namespaces/greenlang/configmaps")["items"].size(), before);
}

TEST_F(SimApiErrors, UnknownFieldWithStrictValidationIsRejected) {
    const auto before = sim->get(kDeployPath);
    auto r = sim->request("PATCH", kDeployPath + "?fieldValidation=Strict", R"({"spec":{"replicaz":4}})",
                          "application/merge-patch+json");
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(status(r)["message"], "strict decoding error: unknown field \"spec.replicaz\"");
    EXPECT_EQ(sim->get(kDeployPath)["metadata"]["resourceVersion"], before["metadata"]["resourceVersion"]);
    // Without Strict the unknown field is dropped silently, as the real server does for Ignore.
}

TEST_F(SimApiErrors, InvalidHpaSpecIs422WithCausesAndUnchanged) {
    const auto before = sim->get(kHpaPath);
    auto r = sim->request("PATCH", kHpaPath, R"({"spec":{"minReplicas":5,"maxReplicas":3}})",
                          "application/strategic-merge-patch+json");
    ASSERT_EQ(r.status, 422) << r.body;
    const auto s = status(r);
    EXPECT_EQ(s["reason"], "Invalid");
    EXPECT_EQ(s["message"],
              "HorizontalPodAutoscaler.autoscaling \"gl-006-heatreclaim-hpa\" is invalid: spec.maxReplicas: "
              "Invalid value: 3: must be greater than or equal to `minReplicas`");
    ASSERT_TRUE(s["details"]["causes"].is_array());
    EXPECT_EQ(s["details"]["causes"][0]["field"], "spec.maxReplicas");
    EXPECT_EQ(s["details"]["causes"][0]["reason"], "FieldValueInvalid");
    EXPECT_EQ(s["details"]["kind"], "HorizontalPodAutoscaler");
    const auto after = sim->get(kHpaPath);
    EXPECT_EQ(after["spec"], before["spec"]);
    EXPECT_EQ(after["metadata"]["resourceVersion"], before["metadata"]["resourceVersion"]);
}

TEST_F(SimApiErrors, BodyOver3MiBIs413) {
    std::string big = R"({"data":{"blob":")" + std::string(3 * 1024 * 1024 + 10, 'a') + R"("}})";
    auto r = sim->request("PATCH", kCmPath, big, "application/merge-patch+json");
    EXPECT_EQ(r.status, 413);
    EXPECT_EQ(status(r)["reason"], "RequestEntityTooLarge");
    EXPECT_FALSE(sim->get(kCmPath)["data"].contains("blob"));
}

TEST_F(SimApiErrors, WrongTokenIs401) {
    auto r = sim->request("GET", "/api/v1/namespaces/greenlang/pods", {}, "application/json", "nobody");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(status(r)["reason"], "Unauthorized");
}

TEST_F(SimApiErrors, RbacDeniedVerbsAre403WithTheServersWording) {
    const auto before = sim->get(kDeployPath);
    auto r = sim->request("PATCH", kDeployPath + "/scale", R"({"spec":{"replicas":7}})",
                          "application/merge-patch+json", "viewer");
    ASSERT_EQ(r.status, 403) << r.body;
    EXPECT_EQ(status(r)["message"],
              "deployments.apps \"gl-006-heatreclaim\" is forbidden: User \"viewer\" cannot patch resource "
              "\"deployments/scale\" in API group \"apps\" in the namespace \"greenlang\"");
    r = sim->request("PATCH", kCmPath, R"({"data":{"DATABASE_POOL_SIZE":"99"}})", "application/merge-patch+json",
                     "operator");
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(sim->get(kCmPath)["data"]["DATABASE_POOL_SIZE"], "10");
    EXPECT_EQ(sim->get(kDeployPath)["spec"]["replicas"], before["spec"]["replicas"]);
}

TEST_F(SimApiErrors, SelfSubjectAccessReviewAgreesWithEnforcement) {
    auto review = [&](const std::string& user, const std::string& verb, const std::string& group,
                      const std::string& resource, const std::string& sub) {
        json body = {{"apiVersion", "authorization.k8s.io/v1"},
                     {"kind", "SelfSubjectAccessReview"},
                     {"spec", {{"resourceAttributes", {{"namespace", "greenlang"}, {"verb", verb}, {"group", group},
                                                       {"resource", resource}, {"subresource", sub}}}}}};
        auto r = sim->request("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", body.dump(),
                              "application/json", user);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json()["status"]["allowed"].get<bool>();
    };
    EXPECT_TRUE(review("operator", "patch", "apps", "deployments", "scale"));
    EXPECT_FALSE(review("operator", "patch", "", "configmaps", ""));
    EXPECT_FALSE(review("viewer", "patch", "apps", "deployments", "scale"));
    EXPECT_TRUE(review("viewer", "list", "", "pods", ""));
    EXPECT_TRUE(review("admin", "delete", "", "configmaps", ""));
}

TEST_F(SimApiErrors, UnknownResourceIs404) {
    auto r = sim->request("GET", "/apis/apps/v1/namespaces/greenlang/widgets");
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(status(r)["reason"], "NotFound");
    r = sim->request("GET", "/apis/apps/v1/namespaces/greenlang/deployments/nope");
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(status(r)["message"], "deployments.apps \"nope\" not found");
    EXPECT_EQ(status(r)["details"]["group"], "apps");
}

TEST_F(SimApiErrors, StalePutIs409AndUnchanged) {
    auto cm = sim->get(kCmPath);
    auto stale = cm;
    stale["metadata"]["resourceVersion"] = "1";
    stale["data"]["DATABASE_POOL_SIZE"] = "50";
    auto r = sim->request("PUT", kCmPath, stale.dump());
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(status(r)["reason"], "Conflict");
    EXPECT_EQ(sim->get(kCmPath)["data"]["DATABASE_POOL_SIZE"], cm["data"]["DATABASE_POOL_SIZE"]);
}

TEST_F(SimApiErrors, ServerSideApplyIsUnsupportedMediaType) {
    auto r = sim->request("PATCH", kCmPath, R"({"data":{"a":"b"}})", "application/apply-patch+yaml");
    EXPECT_EQ(r.status, 415);
    EXPECT_EQ(status(r)["reason"], "UnsupportedMediaType");
}

TEST_F(SimApiErrors, DryRunValidatesButPersistsNothing) {
    const auto before = sim->get(kDeployPath);
    auto r = sim->request("PATCH", kDeployPath + "/scale?dryRun=All", R"({"spec":{"replicas":9}})",
                          "application/merge-patch+json");
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["spec"]["replicas"], 9);
    const auto after = sim->get(kDeployPath);
    EXPECT_EQ(after["spec"]["replicas"], before["spec"]["replicas"]);
    EXPECT_EQ(after["metadata"]["resourceVersion"], before["metadata"]["resourceVersion"]);
}

TEST_F(SimApiErrors, PagedListFollowsContinueTokens) {
    std::vector<std::string> names;
    std::string cont;
    int pages = 0;
    do {
        auto page = sim->get("/api/v1/pods?limit=2" + (cont.empty() ? "" : "&continue=" + cont));
        for (const auto& p : page["items"]) names.push_back(p["metadata"]["name"]);
        cont = page["metadata"].value("continue", "");
        ++pages;
    } while (!cont.empty() && pages < 100);
    const auto all = sim->get("/api/v1/pods")["items"];
    EXPECT_EQ(names.size(), all.size());
    EXPECT_GT(pages, 1);
}

}  // namespace
