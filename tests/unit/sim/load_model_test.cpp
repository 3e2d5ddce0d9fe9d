#include "sim/load_model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "sim/operation_mix.h"

using nlohmann::json;
using scaledeck::sim::LoadModel;
using scaledeck::sim::OperationMix;

namespace {

constexpr scaledeck::base::UnixMillis kHour = 3600 * 1000;
// 2026-11-28T00:00:00Z: a midnight, so hour h of that day is kMidnight + h * kHour.
constexpr scaledeck::base::UnixMillis kMidnight = 1795824000000;

json oneOperation() {
    return json::array({{{"name", "work"},
                         {"weight", 1},
                         {"cpu", "500m"},
                         {"memory", "100Mi"},
                         {"durationSeconds", 2}}});
}

LoadModel model(json spec) {
    if (!spec.contains("mix"))
        spec["mix"] = oneOperation();
    auto m = LoadModel::fromJson(spec);
    EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message) << "\n" << spec.dump();
    return std::move(m).value();
}

TEST(OperationMix, ParsesTheGuideTable) {
    const json guide = json::parse(R"([
        {"name": "Stream Analysis", "weight": 45, "cpu": "50m", "memory": "50Mi",
         "durationSeconds": 0.5},
        {"name": "Pinch Analysis", "weight": 25, "cpu": "200m", "memory": "100Mi",
         "durationSeconds": 2},
        {"name": "Network Synthesis", "weight": 4, "cpu": "500m", "memory": "200Mi",
         "durationSeconds": 30},
        {"name": "ROI Calculation", "weight": 25, "cpu": "100m", "memory": "50Mi",
         "durationSeconds": 0.5},
        {"name": "Full Analysis", "weight": 1, "cpu": 0.8, "memory": "300Mi",
         "durationSeconds": 60}
    ])");
    auto mix = OperationMix::fromJson(guide);
    ASSERT_TRUE(mix.ok()) << mix.error().message;
    ASSERT_EQ(mix->operations().size(), 5u);
    EXPECT_EQ(mix->operations()[2].name, "Network Synthesis");
    EXPECT_DOUBLE_EQ(mix->operations()[2].cpuCores, 0.5);
    EXPECT_DOUBLE_EQ(mix->operations()[2].memoryBytes, 200.0 * 1024 * 1024);
    EXPECT_DOUBLE_EQ(mix->operations()[4].workCoreSeconds(), 48.0);
    EXPECT_DOUBLE_EQ(mix->totalWeight(), 100);
    EXPECT_DOUBLE_EQ(mix->fraction(0), 0.45);
    // 0.45*0.025 + 0.25*0.4 + 0.04*15 + 0.25*0.05 + 0.01*48
    EXPECT_NEAR(mix->averageWorkCoreSeconds(), 1.20375, 1e-12);
}

TEST(OperationMix, ParsesQuantities) {
    struct Row {
        json value;
        std::optional<double> expected;
    } rows[] = {
        {"50m", 0.05},
        {"1", 1.0},
        {"2000m", 2.0},
        {"0.5", 0.5},
        {0.5, 0.5},
        {3, 3.0},
        {"1Gi", 1073741824.0},
        {"512Mi", 536870912.0},
        {"100Ki", 102400.0},
        {"1k", 1000.0},
        {"1e3", 1000.0},
        {"+250m", 0.25},
        {"250n", 250e-9},
        {"-1", std::nullopt},
        {-1, std::nullopt},
        {"fast", std::nullopt},
        {"5x", std::nullopt},
        {"1.2.3", std::nullopt},
        {"", std::nullopt},
        {"Mi", std::nullopt},
        {true, std::nullopt},
        {nullptr, std::nullopt},
    };
    for (const auto& r : rows) {
        const auto got = OperationMix::parseQuantity(r.value);
        ASSERT_EQ(got.has_value(), r.expected.has_value()) << r.value.dump();
        if (got) {
            EXPECT_NEAR(*got, *r.expected, std::abs(*r.expected) * 1e-12) << r.value.dump();
        }
    }
}

TEST(LoadModel, RateCurves) {
    const LoadModel constant = model({{"rate", {{"type", "constant"}, {"rps", 2}}}});
    const LoadModel ramp = model({{"rate",
                                   {{"type", "ramp"},
                                    {"from", 1},
                                    {"to", 10},
                                    {"durationSeconds", 600},
                                    {"startSecond", 100}}}});
    const LoadModel daily =
        model({{"rate", {{"type", "daily"}, {"baseRps", 1}, {"peakRps", 4}, {"peakHour", 14}}}});
    struct Row {
        const char* name;
        const LoadModel* m;
        double simSeconds;
        scaledeck::base::UnixMillis wall;
        double expected;
    } rows[] = {
        {"constant", &constant, 0, kMidnight, 2},
        {"constant later", &constant, 1e6, kMidnight + 5 * kHour, 2},
        {"ramp before its start", &ramp, 50, kMidnight, 1},
        {"ramp at its start", &ramp, 100, kMidnight, 1},
        {"ramp half way", &ramp, 400, kMidnight, 5.5},
        {"ramp at its end", &ramp, 700, kMidnight, 10},
        {"ramp after its end", &ramp, 5000, kMidnight, 10},
        {"daily at the peak hour", &daily, 0, kMidnight + 14 * kHour, 4},
        {"daily twelve hours off", &daily, 0, kMidnight + 2 * kHour, 1},
        {"daily six hours before", &daily, 0, kMidnight + 8 * kHour, 2.5},
        {"daily six hours after", &daily, 0, kMidnight + 20 * kHour, 2.5},
        {"daily the next day", &daily, 0, kMidnight + 38 * kHour, 4},
        {"daily before 1970", &daily, 0, -10 * kHour, 4},
    };
    for (const auto& r : rows) {
        EXPECT_NEAR(r.m->requestsPerSecond(r.simSeconds, r.wall), r.expected, 1e-9) << r.name;
    }
}

TEST(LoadModel, SpikesMultiplyTheRateWhileActive) {
    const LoadModel m = model(json::parse(R"({
        "rate": {"type": "constant", "rps": 2},
        "spikes": [
            {"atSecond": 600, "durationSeconds": 120, "multiplier": 3},
            {"everySeconds": 1000, "offsetSeconds": 300, "durationSeconds": 100, "multiplier": 5}
        ]})"));
    struct Row {
        double t;
        double expected;
    } rows[] = {
        {0, 2},     {299.9, 2}, {300, 10},  {399.9, 10}, {400, 2},  {599.9, 2}, {600, 6},
        {719.9, 6}, {720, 2},   {1300, 10}, {1399, 10},  {1400, 2}, {2300, 10},
    };
    for (const auto& r : rows) {
        EXPECT_NEAR(m.requestsPerSecond(r.t, kMidnight), r.expected, 1e-9) << "t=" << r.t;
    }
    const LoadModel overlapping = model(json::parse(R"({
        "rate": 1,
        "spikes": [{"atSecond": 10, "durationSeconds": 10, "multiplier": 3},
                   {"atSecond": 15, "durationSeconds": 10, "multiplier": 2}]})"));
    EXPECT_NEAR(overlapping.requestsPerSecond(12, kMidnight), 3, 1e-12);
    EXPECT_NEAR(overlapping.requestsPerSecond(17, kMidnight), 6, 1e-12);
    EXPECT_NEAR(overlapping.requestsPerSecond(22, kMidnight), 2, 1e-12);
    EXPECT_NEAR(overlapping.spikeMultiplier(17), 6, 1e-12);
}

TEST(LoadModel, ShorthandsNormaliseAndWorkloadKeysAreIgnored) {
    const LoadModel a = model({{"rate", 3}});
    const LoadModel b =
        model({{"rps", 3}, {"kind", "Deployment"}, {"namespace", "x"}, {"name", "y"}});
    const LoadModel c = model({{"rate", {{"rps", 3}}}});
    for (const LoadModel* m : {&a, &b, &c}) {
        EXPECT_EQ(m->rate().type, LoadModel::Rate::Type::Constant);
        EXPECT_DOUBLE_EQ(m->requestsPerSecond(0, 0), 3);
        EXPECT_EQ(m->toJson()["rate"]["type"], "constant");
        EXPECT_FALSE(m->toJson().contains("rps"));
        EXPECT_FALSE(m->toJson().contains("name"));
    }
    // Defaults.
    EXPECT_EQ(a.metricsPrefix(), "workload");
    EXPECT_DOUBLE_EQ(a.idleCpuCores(), 0.020);
    EXPECT_DOUBLE_EQ(a.idleMemoryBytes(), 150.0 * 1024 * 1024);
    EXPECT_DOUBLE_EQ(a.cpuOvercommit(), 1.0);
    EXPECT_DOUBLE_EQ(a.queueTimeoutSeconds(), 0);
    EXPECT_DOUBLE_EQ(a.jitter(), 0);
    // The round trip gives the same model.
    auto again = LoadModel::fromJson(b.toJson());
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->toJson(), b.toJson());
}

TEST(LoadModel, ReadsEveryKnob) {
    const LoadModel m = model(json::parse(R"({
        "rate": 1, "metricsPrefix": "gl006", "idle": {"cpu": "30m", "memory": "96Mi"},
        "cpuOvercommit": 1.2, "queueTimeoutSeconds": 30, "jitter": 0.05})"));
    EXPECT_EQ(m.metricsPrefix(), "gl006");
    EXPECT_DOUBLE_EQ(m.idleCpuCores(), 0.03);
    EXPECT_DOUBLE_EQ(m.idleMemoryBytes(), 96.0 * 1024 * 1024);
    EXPECT_DOUBLE_EQ(m.cpuOvercommit(), 1.2);
    EXPECT_DOUBLE_EQ(m.queueTimeoutSeconds(), 30);
    EXPECT_DOUBLE_EQ(m.jitter(), 0.05);
}

TEST(LoadModel, RejectsBadSpecsNamingTheField) {
    const json mix = oneOperation();
    struct Row {
        const char* name;
        json spec;
        const char* messagePart;
    } rows[] = {
        {"not an object", json::array(), "must be an object"},
        {"no rate", {{"mix", mix}}, "rate is missing"},
        {"rate and rps", {{"rate", 1}, {"rps", 2}, {"mix", mix}}, "either rate or rps"},
        {"unknown rate type",
         {{"rate", {{"type", "sine"}}}, {"mix", mix}},
         "\"sine\" is not one of constant, ramp, daily"},
        {"negative rps", {{"rate", {{"type", "constant"}, {"rps", -1}}}, {"mix", mix}}, "rate.rps"},
        {"rps as text", {{"rps", "2"}, {"mix", mix}}, "rate.rps: expected a number"},
        {"ramp without duration",
         {{"rate", {{"type", "ramp"}, {"from", 1}, {"to", 2}}}, {"mix", mix}},
         "rate.durationSeconds is missing"},
        {"daily hour 24",
         {{"rate", {{"type", "daily"}, {"baseRps", 1}, {"peakRps", 2}, {"peakHour", 24}}},
          {"mix", mix}},
         "rate.peakHour"},
        {"unknown rate field",
         {{"rate", {{"type", "constant"}, {"rps", 1}, {"rsp", 2}}}, {"mix", mix}},
         "unknown field \"rsp\""},
        {"unknown top-level field",
         {{"rate", 1}, {"spike", json::array()}, {"mix", mix}},
         "unknown field \"spike\""},
        {"spike with both times",
         {{"rate", 1},
          {"spikes",
           {{{"atSecond", 1}, {"everySeconds", 10}, {"durationSeconds", 1}, {"multiplier", 2}}}},
          {"mix", mix}},
         "spikes[0]: give exactly one of atSecond"},
        {"spike longer than its period",
         {{"rate", 1},
          {"spikes", {{{"everySeconds", 10}, {"durationSeconds", 10}, {"multiplier", 2}}}},
          {"mix", mix}},
         "spikes[0]: durationSeconds must be shorter than everySeconds"},
        {"spike without multiplier",
         {{"rate", 1}, {"spikes", {{{"atSecond", 10}, {"durationSeconds", 10}}}}, {"mix", mix}},
         "spikes[0].multiplier is missing"},
        {"no mix", {{"rate", 1}}, "mix is missing"},
        {"empty mix", {{"rate", 1}, {"mix", json::array()}}, "mix: expected a non-empty list"},
        {"bad cpu",
         {{"rate", 1},
          {"mix",
           {{{"name", "a"},
             {"weight", 1},
             {"cpu", "fast"},
             {"memory", "1Mi"},
             {"durationSeconds", 1}}}}},
         "mix[0].cpu: \"fast\" is not a CPU quantity"},
        {"bad memory",
         {{"rate", 1},
          {"mix",
           {{{"name", "a"},
             {"weight", 1},
             {"cpu", "1m"},
             {"memory", "lots"},
             {"durationSeconds", 1}}}}},
         "mix[0].memory"},
        {"zero duration",
         {{"rate", 1},
          {"mix",
           {{{"name", "a"},
             {"weight", 1},
             {"cpu", "1m"},
             {"memory", "1Mi"},
             {"durationSeconds", 0}}}}},
         "mix[0].durationSeconds"},
        {"duplicate operation",
         {{"rate", 1},
          {"mix",
           {{{"name", "a"},
             {"weight", 1},
             {"cpu", "1m"},
             {"memory", "1Mi"},
             {"durationSeconds", 1}},
            {{"name", "a"},
             {"weight", 1},
             {"cpu", "1m"},
             {"memory", "1Mi"},
             {"durationSeconds", 1}}}}},
         "mix[1].name: \"a\" appears twice"},
        {"all weights zero",
         {{"rate", 1},
          {"mix",
           {{{"name", "a"},
             {"weight", 0},
             {"cpu", "1m"},
             {"memory", "1Mi"},
             {"durationSeconds", 1}}}}},
         "every weight is 0"},
        {"unknown operation field",
         {{"rate", 1},
          {"mix",
           {{{"name", "a"},
             {"weight", 1},
             {"cpu", "1m"},
             {"memory", "1Mi"},
             {"durationSeconds", 1},
             {"io", 1}}}}},
         "mix[0]: unknown field \"io\""},
        {"bad metrics prefix",
         {{"rate", 1}, {"mix", mix}, {"metricsPrefix", "9lives"}},
         "metricsPrefix"},
        {"bad idle", {{"rate", 1}, {"mix", mix}, {"idle", {{"cpu", "x"}}}}, "idle.cpu"},
        {"overcommit below 1",
         {{"rate", 1}, {"mix", mix}, {"cpuOvercommit", 0.5}},
         "cpuOvercommit"},
        {"jitter of 1", {{"rate", 1}, {"mix", mix}, {"jitter", 1}}, "jitter"},
        {"negative timeout",
         {{"rate", 1}, {"mix", mix}, {"queueTimeoutSeconds", -1}},
         "queueTimeoutSeconds"},
    };
    for (const auto& r : rows) {
        auto m = LoadModel::fromJson(r.spec);
        ASSERT_FALSE(m.ok()) << r.name;
        EXPECT_EQ(m.error().kind, scaledeck::base::ErrorKind::Invalid) << r.name;
        EXPECT_NE(m.error().message.find(r.messagePart), std::string::npos)
            << r.name << ": " << m.error().message;
    }
}

TEST(LoadModel, PartialUpdatesReplaceOnlyWhatTheyName) {
    LoadModel m = model(json::parse(R"({
        "rate": {"type": "daily", "baseRps": 1, "peakRps": 4, "peakHour": 14},
        "spikes": [{"atSecond": 10, "durationSeconds": 5, "multiplier": 2}],
        "metricsPrefix": "gl006"})"));

    // A PUT /sim/v1/load body as the simulator receives it.
    ASSERT_TRUE(
        m.setOverride(
             {{"kind", "Deployment"}, {"namespace", "greenlang"}, {"name", "w"}, {"rps", 50}})
            .ok());
    EXPECT_EQ(m.rate().type, LoadModel::Rate::Type::Constant);
    EXPECT_DOUBLE_EQ(m.requestsPerSecond(0, kMidnight), 50);
    EXPECT_DOUBLE_EQ(m.requestsPerSecond(12, kMidnight), 100);  // the spike stays
    EXPECT_EQ(m.metricsPrefix(), "gl006");
    EXPECT_EQ(m.mix().operations().size(), 1u);

    ASSERT_TRUE(
        m.setOverride(
             {{"rate", {{"type", "ramp"}, {"from", 0}, {"to", 10}, {"durationSeconds", 10}}},
              {"spikes", json::array()}})
            .ok());
    EXPECT_DOUBLE_EQ(m.requestsPerSecond(5, kMidnight), 5);
    EXPECT_DOUBLE_EQ(m.requestsPerSecond(12, kMidnight), 10);
    EXPECT_FALSE(m.toJson().contains("rps"));

    // An invalid update changes nothing.
    const json before = m.toJson();
    auto st = m.setOverride({{"rps", -5}});
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.error().message.find("rate.rps"), std::string::npos) << st.error().message;
    EXPECT_EQ(m.toJson(), before);
    EXPECT_FALSE(m.setOverride({{"rps", 1}, {"rate", 2}}).ok());

    auto merged = LoadModel::mergeSpec(before, {{"rps", 7}});
    ASSERT_TRUE(merged.ok());
    EXPECT_EQ((*merged)["rate"], json({{"type", "constant"}, {"rps", 7}}));
    EXPECT_EQ((*merged)["metricsPrefix"], "gl006");
}

}  // namespace
