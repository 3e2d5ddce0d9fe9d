#include "sim/field_selector.h"

#include <gtest/gtest.h>

#include <string>

using nlohmann::json;
using scaledeck::sim::FieldSelector;

namespace {

const json kPod = json::parse(R"({
    "metadata": {"name": "web-1", "namespace": "shop"},
    "spec": {"nodeName": "node-a", "restartPolicy": "Always",
             "schedulerName": "default-scheduler", "serviceAccountName": "default"},
    "status": {"phase": "Running", "podIP": "10.0.0.5", "podIPs": [{"ip": "10.0.0.5"}]}
})");

const json kPendingPod = json::parse(R"({
    "metadata": {"name": "web-2", "namespace": "shop"},
    "spec": {"hostNetwork": true},
    "status": {"phase": "Pending", "nominatedNodeName": "node-b"}
})");

const json kEvent = json::parse(R"({
    "metadata": {"name": "web.17a", "namespace": "shop"},
    "involvedObject": {"kind": "Deployment", "name": "web", "namespace": "shop", "uid": "u-1",
                       "apiVersion": "apps/v1", "resourceVersion": "42"},
    "reason": "ScalingReplicaSet", "type": "Normal",
    "source": {"component": "deployment-controller"},
    "reportingComponent": "deployment-controller"
})");

bool matches(const char* selector, const std::string& resource, const json& object) {
    auto parsed = FieldSelector::parse(selector, resource);
    EXPECT_TRUE(parsed.ok()) << selector << ": " << (parsed.ok() ? "" : parsed.error().message);
    return parsed.ok() && parsed->matches(object);
}

}  // namespace

TEST(FieldSelector, MatchesPodFields) {
    struct Row {
        const char* selector;
        const json* pod;
        bool matches;
    } rows[] = {
        {"", &kPod, true},
        {"metadata.name=web-1", &kPod, true},
        {"metadata.name==web-1", &kPod, true},
        {"metadata.name!=web-1", &kPod, false},
        {"metadata.name=web-2", &kPod, false},
        {"metadata.namespace=shop", &kPod, true},
        {"spec.nodeName=node-a", &kPod, true},
        {"spec.nodeName=", &kPod, false},
        {"spec.nodeName!=", &kPod, true},
        {"spec.nodeName=", &kPendingPod, true},  // unscheduled: the field reads as ""
        {"status.phase=Running,spec.nodeName=node-a", &kPod, true},
        {"status.phase=Pending,spec.nodeName=node-a", &kPod, false},
        {"status.phase!=Succeeded,status.phase!=Failed", &kPod, true},
        {"spec.hostNetwork=false", &kPod, true},  // absent reads as "false"
        {"spec.hostNetwork=true", &kPod, false},
        {"spec.hostNetwork=true", &kPendingPod, true},
        {"status.podIP=10.0.0.5", &kPod, true},
        {"status.podIP=", &kPendingPod, true},
        {"spec.host=node-a", &kPod, true},  // legacy alias of spec.nodeName
        {"spec.restartPolicy=Always", &kPod, true},
        {"spec.schedulerName=default-scheduler", &kPod, true},
        {"spec.serviceAccountName=default", &kPod, true},
        {"status.nominatedNodeName=", &kPod, true},
        {"status.nominatedNodeName=node-b", &kPendingPod, true},
    };
    for (const auto& r : rows) {
        EXPECT_EQ(matches(r.selector, "pods", *r.pod), r.matches) << r.selector;
    }
}

TEST(FieldSelector, MatchesEventFields) {
    struct Row {
        const char* selector;
        bool matches;
    } rows[] = {
        {"involvedObject.kind=Deployment,involvedObject.name=web", true},
        {"involvedObject.kind=Pod", false},
        {"involvedObject.namespace=shop", true},
        {"involvedObject.uid=u-1", true},
        {"involvedObject.apiVersion=apps/v1", true},
        {"involvedObject.resourceVersion=42", true},
        {"involvedObject.fieldPath=", true},
        {"reason=ScalingReplicaSet", true},
        {"type=Warning", false},
        {"type!=Warning", true},
        {"source=deployment-controller", true},
        {"reportingComponent=deployment-controller", true},
        {"metadata.name=web.17a", true},
    };
    for (const auto& r : rows)
        EXPECT_EQ(matches(r.selector, "events", kEvent), r.matches) << r.selector;

    // "source" falls back to the reporting component when source.component is empty.
    const json kubeletEvent = json::parse(R"({"reportingComponent": "kubelet", "source": {}})");
    EXPECT_TRUE(matches("source=kubelet", "events", kubeletEvent));
    // events.k8s.io/v1 calls the involved object "regarding".
    const json newEvent = json::parse(R"({"regarding": {"kind": "Pod", "name": "web-1"},
                                          "reportingController": "kubelet"})");
    EXPECT_TRUE(matches("involvedObject.kind=Pod,involvedObject.name=web-1", "events", newEvent));
    EXPECT_TRUE(matches("reportingComponent=kubelet", "events", newEvent));
}

TEST(FieldSelector, OtherResourcesAcceptOnlyMetadataAndTheirOwnFields) {
    const json deployment = json::parse(R"({"metadata": {"name": "web", "namespace": "shop"}})");
    EXPECT_TRUE(matches("metadata.name=web", "deployments", deployment));
    EXPECT_TRUE(matches("metadata.namespace!=kube-system", "deployments", deployment));
    EXPECT_TRUE(matches("metadata.name=web", "apps/deployments", deployment));
    const json node = json::parse(R"({"metadata": {"name": "node-a"}})");
    EXPECT_TRUE(matches("spec.unschedulable=false", "nodes", node));
    EXPECT_TRUE(matches("metadata.namespace=", "nodes", node));  // cluster-scoped
    const json ns = json::parse(R"({"metadata": {"name": "shop"}, "status": {"phase": "Active"}})");
    EXPECT_TRUE(matches("status.phase=Active", "namespaces", ns));
    const json secret = json::parse(R"({"metadata": {"name": "s"}, "type": "Opaque"})");
    EXPECT_TRUE(matches("type=Opaque", "secrets", secret));
}

TEST(FieldSelector, RejectsUnsupportedLabelsAndBadSyntax) {
    struct Row {
        const char* selector;
        const char* resource;
        const char* message;
    } rows[] = {
        {"spec.replicas=3", "deployments", "field label not supported: spec.replicas"},
        {"spec.nodeName=a", "deployments", "field label not supported: spec.nodeName"},
        {"reason=x", "pods", "field label not supported: reason"},
        {"status.phase=Running", "events", "field label not supported: status.phase"},
        {"spec.nodeName=a", "horizontalpodautoscalers", "field label not supported: spec.nodeName"},
        {"zeta=1,alpha=2", "pods", "field label not supported: alpha"},  // sorted first
        {" metadata.name=web-1", "pods", "field label not supported:  metadata.name"},
        {"metadata.name", "pods",
         "invalid selector: 'metadata.name'; can't understand 'metadata.name'"},
        {"metadata.name=a,spec.nodeName", "pods",
         "invalid selector: 'metadata.name=a,spec.nodeName'; can't understand 'spec.nodeName'"},
        {"metadata.name=a=b", "pods", "invalid field selector: unescaped character in value: ="},
        {"metadata.name=a\\x", "pods", "invalid field selector: invalid escape sequence: \\x"},
        {"metadata.name=a\\", "pods", "invalid field selector: invalid escape sequence: \\"},
    };
    for (const auto& r : rows) {
        auto parsed = FieldSelector::parse(r.selector, r.resource);
        ASSERT_FALSE(parsed.ok()) << r.selector;
        EXPECT_EQ(parsed.error().message, r.message) << r.selector;
    }
}

TEST(FieldSelector, UnescapesValuesAndRendersThemBack) {
    auto parsed = FieldSelector::parse("metadata.name=a\\,b\\=c\\\\d", "pods");
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    ASSERT_EQ(parsed->requirements().size(), 1u);
    EXPECT_EQ(parsed->requirements()[0].value, "a,b=c\\d");
    EXPECT_TRUE(parsed->matches(json::parse(R"({"metadata": {"name": "a,b=c\\d"}})")));
    EXPECT_EQ(parsed->toString(), "metadata.name=a\\,b\\=c\\\\d");

    auto sorted = FieldSelector::parse("status.phase!=Failed,metadata.name==web", "pods");
    ASSERT_TRUE(sorted.ok());
    EXPECT_EQ(sorted->toString(), "metadata.name=web,status.phase!=Failed");
}

TEST(FieldSelector, ExposesTheExactNameForFastLookups) {
    struct Row {
        const char* selector;
        const char* name;  // nullptr: none
    } rows[] = {
        {"metadata.name=web-1,status.phase=Running", "web-1"},
        {"status.phase=Running,metadata.name==web", "web"},
        {"metadata.name!=x", nullptr},
        {"", nullptr},
        {"spec.nodeName=node-a", nullptr},
    };
    for (const auto& r : rows) {
        auto parsed = FieldSelector::parse(r.selector, "pods");
        ASSERT_TRUE(parsed.ok()) << r.selector;
        if (r.name == nullptr) {
            EXPECT_FALSE(parsed->exactName().has_value()) << r.selector;
        } else {
            EXPECT_EQ(parsed->exactName(), std::optional<std::string>(r.name)) << r.selector;
        }
    }
    EXPECT_TRUE(FieldSelector::parse("", "pods")->empty());
}
