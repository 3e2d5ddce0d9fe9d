// describeHpaMetric: the words for every autoscaling/v2 metric source and target type, current
// against target, and "<unknown>" (never the target) when the controller reports no value.
#include "ui/models/hpa_metric_text.h"

#include <gtest/gtest.h>

#include "ui/models/hpa_json.h"
#include "ui/models/row_fixtures.h"

using scaledeck::kube::objects::HpaRow;
using scaledeck::ui::describeHpaMetric;
using scaledeck::ui::HpaMetricText;
using namespace scaledeck::uitest;

namespace {

struct MetricCase {
    const char* name;
    const char* value;
    const char* comparison;
};

TEST(HpaMetricText, EveryMetricTypeCurrentAgainstTarget) {
    const auto hpa = decodeRow<HpaRow>(
        hpaJson("web", kEveryMetricSpec, kEveryMetricCurrent, healthyConditions()));
    ASSERT_NE(hpa, nullptr);
    const MetricCase expected[] = {
        {"cpu", "72 % of request / target 70 %", "▲ above target"},
        {"memory per pod", "1.5 GiB / target 2 GiB", "▼ below target"},
        {"cpu of container app", "85 % of request / target 60 %", "▲ above target"},
        {"packets-per-second per pod", "1.5 / target 1", "▲ above target"},
        {"requests-per-second of Ingress/main-route", "12500 / target 10k", "▲ above target"},
        {"external queue_messages_ready per pod", "42 / target 30", "▲ above target"},
        {"external lag", "<unknown> / target 100", ""},
    };
    ASSERT_EQ(hpa->metrics.size(), std::size(expected));
    for (std::size_t i = 0; i < std::size(expected); ++i) {
        const HpaMetricText text = describeHpaMetric(hpa->metrics[i]);
        EXPECT_EQ(text.name, QString::fromUtf8(expected[i].name)) << i;
        EXPECT_EQ(text.value, QString::fromUtf8(expected[i].value)) << i;
        EXPECT_EQ(text.comparison, QString::fromUtf8(expected[i].comparison)) << i;
    }
    const HpaMetricText lag = describeHpaMetric(hpa->metrics[6]);
    EXPECT_EQ(lag.current, QStringLiteral("<unknown>"));
    EXPECT_FALSE(lag.direction.has_value());
    EXPECT_TRUE(lag.details.contains(QStringLiteral("not reported by the HPA controller")));
    const HpaMetricText queue = describeHpaMetric(hpa->metrics[5]);
    EXPECT_TRUE(queue.details.contains(QStringLiteral("selector: queue=worker_tasks")))
        << queue.details.toStdString();
}

TEST(HpaMetricText, NoCurrentMetricsMeansUnknownNeverTheTarget) {
    // The metrics server is down: status.currentMetrics is empty (what k9s and Lens show as
    // "70%/70%").
    const auto hpa = decodeRow<HpaRow>(hpaJson(
        "web",
        R"({"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":70}}},)"
        R"({"type":"Resource","resource":{"name":"memory","target":{"type":"Utilization","averageUtilization":80}}})",
        "", healthyConditions()));
    ASSERT_NE(hpa, nullptr);
    for (const auto& metric : hpa->metrics) {
        const HpaMetricText text = describeHpaMetric(metric);
        EXPECT_EQ(text.current, QStringLiteral("<unknown>"));
        EXPECT_TRUE(text.comparison.isEmpty());
    }
    EXPECT_EQ(describeHpaMetric(hpa->metrics[1]).value, QStringLiteral("<unknown> / target 80 %"));
}

TEST(HpaMetricText, UtilizationTargetWithOnlyAnAverageValueIsUnknown) {
    // A current value in the wrong unit is not the current value of a Utilization target.
    const auto hpa = decodeRow<HpaRow>(hpaJson(
        "web",
        R"({"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":70}}})",
        R"({"type":"Resource","resource":{"name":"cpu","current":{"averageValue":"350m"}}})",
        healthyConditions()));
    ASSERT_NE(hpa, nullptr);
    EXPECT_EQ(describeHpaMetric(hpa->metrics[0]).value, QStringLiteral("<unknown> / target 70 %"));
}

TEST(HpaMetricText, AtTargetAndCpuAverageValues) {
    const auto hpa = decodeRow<HpaRow>(hpaJson(
        "web",
        R"({"type":"Resource","resource":{"name":"cpu","target":{"type":"AverageValue","averageValue":"500m"}}},)"
        R"({"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":70}}})",
        R"({"type":"Resource","resource":{"name":"cpu","current":{"averageValue":"250m"}}},)"
        R"({"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":70}}})",
        healthyConditions()));
    ASSERT_NE(hpa, nullptr);
    EXPECT_EQ(describeHpaMetric(hpa->metrics[0]).value,
              QStringLiteral("0.25 cores / target 0.5 cores"));
    EXPECT_EQ(describeHpaMetric(hpa->metrics[1]).comparison, QStringLiteral("= at target"));
}

}  // namespace
