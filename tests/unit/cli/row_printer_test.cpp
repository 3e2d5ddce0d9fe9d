// RowPrinter: whole outputs as kubectl prints them — tables with kubectl's padding and the
// NAMESPACE column of -A, `-o name` lines with kubectl's group-qualified prefixes — and the
// RESTARTS cell with the age of the last restart.
#include "cli/row_printer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "base/time_format.h"
#include "cli/deployment_columns.h"
#include "cli/hpa_columns.h"
#include "cli/pdb_columns.h"
#include "cli/pod_columns.h"
#include "cli/resource_kind.h"
#include "cli/stateful_set_columns.h"
#include "kube/objects/object_decoder.h"
#include "unit/kube/objects/object_fixtures.h"

namespace scaledeck::cli {
namespace {

using kube::objects::testing::readFixture;

base::UnixMillis at(const char* rfc3339) {
    return base::parseRfc3339(rfc3339).value();
}

template <class Row>
std::vector<std::shared_ptr<const Row>> rowsOf(const char* fixture) {
    auto page = kube::objects::decodeList<Row>(readFixture(fixture));
    EXPECT_TRUE(page.ok()) << page.error().message;
    std::vector<std::shared_ptr<const Row>> rows;
    if (page.ok()) {
        for (auto& row : page->items)
            rows.push_back(std::make_shared<const Row>(std::move(row)));
    }
    return rows;
}

template <class Row>
std::string print(const char* fixture, ResourceKind kind, OutputFormat format,
                  bool withNamespace = false) {
    PrintSettings settings;
    settings.format = format;
    settings.withNamespace = withNamespace;
    settings.now = at("2026-11-29T09:10:21Z");  // five minutes after the fixtures' creation
    std::string out;
    RowPrinter<Row>::print(rowsOf<Row>(fixture), ResourceKinds::info(kind), settings, out);
    return out;
}

TEST(CliRowPrinter, HpaTable) {
    EXPECT_EQ(
        print<kube::objects::HpaRow>("hpa_list.json", ResourceKind::Hpa, OutputFormat::Table),
        "NAME                     REFERENCE                       TARGETS                         "
        "MINPODS   MAXPODS   REPLICAS   AGE\n"
        "gl-006-heatreclaim-hpa   Deployment/gl-006-heatreclaim   cpu: 17%/70%, memory: 25%/80%   "
        "30        40        10         5m\n");
}

TEST(CliRowPrinter, PdbTable) {
    EXPECT_EQ(
        print<kube::objects::PdbRow>("pdb_list.json", ResourceKind::Pdb, OutputFormat::Table),
        "NAME                     MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\n"
        "gl-006-heatreclaim-pdb   2               N/A               0                     5m\n");
}

TEST(CliRowPrinter, DeploymentTable) {
    EXPECT_EQ(print<kube::objects::DeploymentRow>("deployment_list.json", ResourceKind::Deployments,
                                                  OutputFormat::Table),
              "NAME                 READY   UP-TO-DATE   AVAILABLE   AGE\n"
              "gl-006-heatreclaim   2/30    30           2           5m\n");
}

TEST(CliRowPrinter, AllNamespacesPutsTheNamespaceFirst) {
    EXPECT_EQ(print<kube::objects::StatefulSetRow>(
                  "stateful_set_list.json", ResourceKind::StatefulSets, OutputFormat::Table, true),
              "NAMESPACE   NAME         READY   AGE\n"
              "greenlang   postgresql   1/1     5m\n"
              "greenlang   redis        2/3     5m\n");
}

TEST(CliRowPrinter, NamesUseKubectlsPrefixes) {
    EXPECT_EQ(print<kube::objects::StatefulSetRow>(
                  "stateful_set_list.json", ResourceKind::StatefulSets, OutputFormat::Name, true),
              "statefulset.apps/postgresql\nstatefulset.apps/redis\n");
    EXPECT_EQ(print<kube::objects::HpaRow>("hpa_list.json", ResourceKind::Hpa, OutputFormat::Name),
              "horizontalpodautoscaler.autoscaling/gl-006-heatreclaim-hpa\n");
    EXPECT_EQ(print<kube::objects::PdbRow>("pdb_list.json", ResourceKind::Pdb, OutputFormat::Name),
              "poddisruptionbudget.policy/gl-006-heatreclaim-pdb\n");
    EXPECT_EQ(print<kube::objects::DeploymentRow>("deployment_list.json", ResourceKind::Deployments,
                                                  OutputFormat::Name),
              "deployment.apps/gl-006-heatreclaim\n");
    const std::string pods = print<kube::objects::PodRow>("pod_list_steady.json",
                                                          ResourceKind::Pods, OutputFormat::Name);
    EXPECT_EQ(pods.substr(0, pods.find('\n')), "pod/gl-006-heatreclaim-m5mct52d7q-cdcrt");
    EXPECT_EQ(std::count(pods.begin(), pods.end(), '\n'), 7);
}

TEST(CliRowPrinter, RestartsShowTheAgeOfTheLastRestart) {
    kube::objects::PodRow pod;
    pod.meta.name = "web-0";
    pod.meta.creationTimestamp = at("2026-11-26T05:10:21Z");
    pod.readyContainers = 0;
    pod.totalContainers = 1;
    pod.restarts = 5;
    pod.lastRestartTime = at("2026-11-29T09:08:21Z");
    const auto now = at("2026-11-29T09:10:21Z");
    EXPECT_EQ(PodColumns::cells(pod, now)[3], "5 (2m ago)");
    EXPECT_EQ(PodColumns::cells(pod, now)[4], "3d4h");
    pod.lastRestartTime.reset();
    EXPECT_EQ(PodColumns::cells(pod, now)[3], "5");
    pod.restarts = 0;
    pod.lastRestartTime = at("2026-11-29T09:08:21Z");
    EXPECT_EQ(PodColumns::cells(pod, now)[3], "0");
}

TEST(CliRowPrinter, HpaTargetsFollowFormatHpaMetrics) {
    using namespace kube::objects;
    HpaRow hpa;
    EXPECT_EQ(HpaColumns::targets(hpa), "<none>");

    // Built from JSON so the interned names come from the decoder.
    const auto decoded = decodeObject<HpaRow>(R"({
        "apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
        "metadata": {"name": "h", "namespace": "n"},
        "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"}, "maxReplicas": 5,
          "metrics": [
            {"type": "Resource", "resource": {"name": "cpu",
              "target": {"type": "Utilization", "averageUtilization": 70}}},
            {"type": "Resource", "resource": {"name": "memory",
              "target": {"type": "AverageValue", "averageValue": "512Mi"}}},
            {"type": "Pods", "pods": {"metric": {"name": "rps"},
              "target": {"type": "AverageValue", "averageValue": "10"}}}]},
        "status": {"currentReplicas": 2, "desiredReplicas": 2}})");
    ASSERT_TRUE(decoded.ok()) << decoded.error().message;
    EXPECT_EQ(HpaColumns::targets(*decoded),
              "cpu: <unknown>/70%, memory: <unknown>/512Mi + 1 more...");
    const auto cells = HpaColumns::cells(*decoded, 0);
    EXPECT_EQ(cells[3], "<unset>");
    EXPECT_EQ(cells[6], "<unknown>");

    const auto withStatus = decodeObject<HpaRow>(R"({
        "metadata": {"name": "h", "namespace": "n"},
        "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"}, "maxReplicas": 5,
          "minReplicas": 2,
          "metrics": [
            {"type": "Pods", "pods": {"metric": {"name": "rps"},
              "target": {"type": "AverageValue", "averageValue": "10"}}},
            {"type": "External", "external": {"metric": {"name": "queue"},
              "target": {"type": "AverageValue", "averageValue": "30"}}}]},
        "status": {"currentReplicas": 2, "desiredReplicas": 2, "currentMetrics": [
            {"type": "Pods", "pods": {"metric": {"name": "rps"},
              "current": {"averageValue": "7500m"}}},
            {"type": "External", "external": {"metric": {"name": "queue"},
              "current": {"averageValue": "12"}}}]}})");
    ASSERT_TRUE(withStatus.ok()) << withStatus.error().message;
    EXPECT_EQ(HpaColumns::targets(*withStatus), "7500m/10, 12/30 (avg)");
    EXPECT_EQ(HpaColumns::cells(*withStatus, 0)[3], "2");
}

}  // namespace
}  // namespace scaledeck::cli
