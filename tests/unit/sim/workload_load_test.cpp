#include "sim/workload_load.h"

#include <gtest/gtest.h>

#include <cmath>

#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using nlohmann::json;
using scaledeck::sim::LoadModel;
using scaledeck::sim::WorkloadLoadSimulator;
using Pod = WorkloadLoadSimulator::PodCapacity;

namespace {

constexpr scaledeck::base::UnixMillis kStart = 1795824000000;  // 2026-11-28T00:00:00Z
constexpr double kMi = 1024.0 * 1024.0;

json operation(const std::string& name, double weight, const std::string& cpu,
               const std::string& memory, double seconds) {
    return {{"name", name},
            {"weight", weight},
            {"cpu", cpu},
            {"memory", memory},
            {"durationSeconds", seconds}};
}

LoadModel model(json spec) {
    auto m = LoadModel::fromJson(spec);
    EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message);
    return std::move(m).value();
}

Pod pod(const std::string& name, std::int64_t limitMilli = 1000, bool ready = true,
        std::int64_t memoryLimit = 1024LL * 1024 * 1024) {
    return {name, 500, limitMilli, 512LL * 1024 * 1024, memoryLimit, ready};
}

// Steps the simulator second by second from `from` (exclusive) to `to` (inclusive).
void run(WorkloadLoadSimulator& sim, double from, double to, const std::vector<Pod>& pods,
         double dt = 1.0) {
    const auto steps = static_cast<int>(std::llround((to - from) / dt));
    for (int i = 1; i <= steps; ++i) {
        const double t = from + i * dt;
        sim.step(t, kStart + static_cast<scaledeck::base::UnixMillis>(std::llround(t * 1000)), dt,
                 pods);
    }
}

struct Sample {
    std::string name;
    std::map<std::string, std::string> labels;
    double value = 0;
};

struct Exposition {
    std::vector<Sample> samples;
    std::map<std::string, std::string> types;  // family -> type
    std::map<std::string, int> helps;
};

// A strict reader of the text format: every line is a HELP, a TYPE or a sample of a family
// whose TYPE came earlier.
Exposition parse(const std::string& text) {
    static const std::regex meta(R"(^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$)");
    static const std::regex sample(R"(^([a-zA-Z_:][a-zA-Z0-9_:]*)\{([^}]*)\} (\S+)$)");
    static const std::regex label(R"(([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)\")");
    Exposition out;
    std::istringstream lines(text);
    std::string line;
    int number = 0;
    while (std::getline(lines, line)) {
        ++number;
        std::smatch m;
        if (std::regex_match(line, m, meta)) {
            if (m[1] == "TYPE") {
                EXPECT_FALSE(out.types.count(m[2])) << "second TYPE line for " << m[2];
                EXPECT_TRUE(m[3] == "gauge" || m[3] == "counter" || m[3] == "histogram") << line;
                out.types[m[2]] = m[3];
            } else {
                out.helps[m[2]]++;
            }
            continue;
        }
        if (!std::regex_match(line, m, sample)) {
            ADD_FAILURE() << "line " << number << " is not in the text format: " << line;
            continue;
        }
        Sample s;
        s.name = m[1];
        s.value = std::stod(m[3]);
        const std::string labels = m[2];
        for (std::sregex_iterator it(labels.begin(), labels.end(), label), end; it != end; ++it) {
            s.labels[(*it)[1]] = (*it)[2];
        }
        std::string family = s.name;
        for (const char* suffix : {"_bucket", "_sum", "_count"}) {
            const std::string sfx = suffix;
            if (!out.types.count(family) && family.size() > sfx.size() &&
                family.compare(family.size() - sfx.size(), sfx.size(), sfx) == 0) {
                family = family.substr(0, family.size() - sfx.size());
            }
        }
        EXPECT_TRUE(out.types.count(family)) << "sample before its TYPE line: " << line;
        out.samples.push_back(std::move(s));
    }
    EXPECT_TRUE(text.empty() || text.back() == '\n');
    return out;
}

TEST(WorkloadLoadSimulator, SaturatedPodsRunAtTheirLimitAndTheQueueGrows) {
    // 0.4 requests/s of 1 core x 10 s: 4 cores of work for 3 cores of limits.
    WorkloadLoadSimulator sim(
        model({{"rate", 0.4}, {"mix", {operation("heavy", 1, "1", "50Mi", 10)}}}), 1);
    const std::vector<Pod> pods = {pod("p-0"), pod("p-1"), pod("p-2")};
    run(sim, 0, 60, pods);
    const double queueAt60 = sim.queueSize();
    run(sim, 60, 120, pods);
    const double queueAt120 = sim.queueSize();

    EXPECT_GT(queueAt60, 1.0);
    // Arrivals exceed completions by 0.4 - 3/10 = 0.1 request per second.
    EXPECT_NEAR(queueAt120 - queueAt60, 6.0, 0.3);
    double queueShares = 0;
    for (const auto& p : pods) {
        const auto u = sim.usage(p.name);
        EXPECT_EQ(u.cpuMilli, 1000) << p.name;
        EXPECT_NEAR(u.activeCalculations, 1.0, 0.02) << p.name;  // one 1-core operation each
        EXPECT_NEAR(static_cast<double>(u.memoryBytes), (150 + 50) * kMi, 2 * kMi) << p.name;
        queueShares += u.queueSize;
    }
    EXPECT_NEAR(queueShares, queueAt120, 1e-9);
    EXPECT_NEAR(sim.activeCalculations(), 3.0, 0.05);
}

TEST(WorkloadLoadSimulator, LightLoadIsSharedEvenlyAndNothingWaits) {
    // 0.6 requests/s of 0.5 cores x 1.5 s = 0.45 cores of work over 3 pods.
    WorkloadLoadSimulator sim(
        model({{"rate", 0.6}, {"mix", {operation("light", 1, "500m", "100Mi", 1.5)}}}), 1);
    const std::vector<Pod> pods = {pod("p-0"), pod("p-1"), pod("p-2")};
    run(sim, 0, 30, pods);
    EXPECT_LT(sim.queueSize(), 1e-9);
    for (const auto& p : pods) {
        const auto u = sim.usage(p.name);
        EXPECT_NEAR(static_cast<double>(u.cpuMilli), 150 + 20, 1.0) << p.name;
        EXPECT_NEAR(u.activeCalculations, 0.3, 1e-6) << p.name;  // Little: 0.6 x 1.5 / 3
        EXPECT_NEAR(static_cast<double>(u.memoryBytes), (150 + 0.3 * 100) * kMi, 1024) << p.name;
        EXPECT_EQ(u.queueSize, 0);
    }
    // Every request took exactly its service time, 1.5 s: all in the le=2 bucket.
    const auto text = sim.prometheusText("greenlang", "web");
    const auto exp = parse(text);
    double count = 0;
    double sum = 0;
    for (const auto& s : exp.samples) {
        if (s.labels.count("pod") == 0)
            continue;
        if (s.name == "workload_request_duration_seconds_bucket" && s.labels.at("le") == "1") {
            EXPECT_EQ(s.value, 0);
        }
        if (s.name == "workload_request_duration_seconds_count")
            count += s.value;
        if (s.name == "workload_request_duration_seconds_sum")
            sum += s.value;
    }
    // Whole requests only: each pod's count loses less than one request to the floor.
    EXPECT_LE(count, sim.completedTotal());
    EXPECT_GT(count, sim.completedTotal() - static_cast<double>(pods.size()));
    EXPECT_NEAR(sim.completedTotal(), 0.6 * (30 - 1.5), 0.1);
    EXPECT_NEAR(sum / count, 1.5, 1e-9);
}

TEST(WorkloadLoadSimulator, PrometheusTextParsesAndBucketsAreCumulative) {
    // Saturated, with a short and a long operation, so durations spread over the buckets.
    WorkloadLoadSimulator sim(model({{"rate", 2},
                                     {"metricsPrefix", "gl006"},
                                     {"cpuOvercommit", 1.2},
                                     {"mix",
                                      {operation("Stream Analysis", 9, "50m", "50Mi", 0.5),
                                       operation("Full Analysis", 1, "800m", "300Mi", 60)}}}),
                              3);
    const std::vector<Pod> pods = {pod("gl-006-heatreclaim-7d9f8b6c5d-abcde"),
                                   pod("gl-006-heatreclaim-7d9f8b6c5d-fghij")};
    run(sim, 0, 300, pods);
    const auto exp = parse(sim.prometheusText("greenlang", "gl-006-heatreclaim"));

    EXPECT_EQ(exp.types.at("gl006_active_calculations"), "gauge");
    EXPECT_EQ(exp.types.at("gl006_request_queue_size"), "gauge");
    EXPECT_EQ(exp.types.at("gl006_request_duration_seconds"), "histogram");
    EXPECT_EQ(exp.types.at("gl006_requests_timed_out_total"), "counter");
    for (const auto& [family, type] : exp.types)
        EXPECT_EQ(exp.helps.at(family), 1) << family;

    const std::vector<std::string> les = {"0.5", "1", "2", "5", "10", "30", "60", "120", "+Inf"};
    for (const auto& p : pods) {
        std::vector<double> buckets;
        double count = -1;
        double sum = -1;
        int gauges = 0;
        for (const auto& s : exp.samples) {
            if (!s.labels.count("pod") || s.labels.at("pod") != p.name)
                continue;
            EXPECT_EQ(s.labels.at("namespace"), "greenlang");
            if (s.name == "gl006_request_duration_seconds_bucket") {
                EXPECT_EQ(s.labels.at("le"), les[buckets.size()]);
                EXPECT_EQ(s.value, std::floor(s.value)) << "a histogram counts whole requests";
                buckets.push_back(s.value);
            } else if (s.name == "gl006_request_duration_seconds_count") {
                count = s.value;
            } else if (s.name == "gl006_request_duration_seconds_sum") {
                sum = s.value;
            } else if (s.name == "gl006_active_calculations" ||
                       s.name == "gl006_request_queue_size") {
                ++gauges;
                EXPECT_GE(s.value, 0);
                EXPECT_EQ(s.value, std::floor(s.value)) << s.name << " counts whole operations";
            } else {
                ADD_FAILURE() << "unexpected series " << s.name;
            }
        }
        EXPECT_EQ(gauges, 2);
        ASSERT_EQ(buckets.size(), les.size()) << p.name;
        for (std::size_t i = 1; i < buckets.size(); ++i) {
            EXPECT_GE(buckets[i], buckets[i - 1]) << p.name << " le=" << les[i];
        }
        EXPECT_EQ(buckets.back(), count);
        EXPECT_GT(count, 0);
        EXPECT_GT(sum, 0);
        // Queueing pushes some requests well past their service times.
        EXPECT_LT(buckets[0], count);
    }
    // The workload-level counter carries the workload's name instead of a pod.
    bool sawTimeouts = false;
    for (const auto& s : exp.samples) {
        if (s.name != "gl006_requests_timed_out_total")
            continue;
        sawTimeouts = true;
        EXPECT_EQ(s.labels.at("workload"), "gl-006-heatreclaim");
        EXPECT_EQ(s.value, 0);  // no timeout configured
    }
    EXPECT_TRUE(sawTimeouts);
}

TEST(WorkloadLoadSimulator, WaitingShowsInTheDurations) {
    const json mix = {operation("op", 1, "1", "10Mi", 2)};
    WorkloadLoadSimulator idle(model({{"rate", 0.5}, {"mix", mix}}), 1);
    WorkloadLoadSimulator busy(model({{"rate", 2.5}, {"mix", mix}}), 1);
    const std::vector<Pod> pods = {pod("a"), pod("b")};
    run(idle, 0, 120, pods);
    run(busy, 0, 120, pods);
    const auto meanDuration = [](const WorkloadLoadSimulator& sim) {
        double sum = 0;
        double count = 0;
        for (const auto& s : parse(sim.prometheusText("ns", "w")).samples) {
            if (s.name == "workload_request_duration_seconds_sum")
                sum += s.value;
            if (s.name == "workload_request_duration_seconds_count")
                count += s.value;
        }
        return sum / count;
    };
    EXPECT_NEAR(meanDuration(idle), 2.0, 0.11);
    EXPECT_GT(meanDuration(busy), 10.0);  // 5 cores of work for 2: the queue grows all along
    EXPECT_NEAR(busy.completedTotal(), 118.0, 2.0);  // 2 cores / 2 core-seconds per request
}

TEST(WorkloadLoadSimulator, OnlyReadyPodsReceiveWork) {
    WorkloadLoadSimulator sim(model({{"rate", 0.3}, {"mix", {operation("op", 1, "1", "10Mi", 2)}}}),
                              1);
    const std::vector<Pod> pods = {pod("ready-a"), pod("starting", 1000, false), pod("ready-b")};
    run(sim, 0, 30, pods);
    EXPECT_NEAR(static_cast<double>(sim.usage("ready-a").cpuMilli), 300 + 20, 1.0);
    EXPECT_NEAR(static_cast<double>(sim.usage("ready-b").cpuMilli), 300 + 20, 1.0);
    const auto starting = sim.usage("starting");
    EXPECT_EQ(starting.cpuMilli, 20);
    EXPECT_EQ(starting.memoryBytes, static_cast<std::int64_t>(150 * kMi));
    EXPECT_EQ(starting.activeCalculations, 0);
    EXPECT_EQ(starting.queueSize, 0);
}

TEST(WorkloadLoadSimulator, CappedPodsPassTheirShareToOthers) {
    // 1.2 cores of work over a 200m pod and a 2000m pod: 200m + 1000m.
    WorkloadLoadSimulator sim(
        model({{"rate", 1.2}, {"mix", {operation("op", 1, "500m", "10Mi", 2)}}}), 1);
    const std::vector<Pod> pods = {pod("big", 2000), pod("small", 200)};
    run(sim, 0, 30, pods);
    EXPECT_EQ(sim.usage("small").cpuMilli, 200);
    EXPECT_NEAR(static_cast<double>(sim.usage("big").cpuMilli), 1000 + 20, 1.0);
    EXPECT_LT(sim.queueSize(), 1e-9);
}

TEST(WorkloadLoadSimulator, WithoutReadyPodsRequestsWaitAndTimeOut) {
    WorkloadLoadSimulator sim(model({{"rate", 1},
                                     {"queueTimeoutSeconds", 5},
                                     {"mix", {operation("op", 1, "100m", "10Mi", 1)}}}),
                              1);
    run(sim, 0, 20, {pod("a", 1000, false)});
    EXPECT_NEAR(sim.queueSize(), 5.0, 0.11);
    EXPECT_NEAR(sim.timedOutTotal(), 15.0, 0.11);
    EXPECT_EQ(sim.completedTotal(), 0);
    EXPECT_NEAR(sim.usage("a").queueSize, sim.queueSize(), 1e-9);  // nobody else to hold it

    run(sim, 20, 30, {pod("a")});
    EXPECT_LT(sim.queueSize(), 1e-9);
    EXPECT_GT(sim.completedTotal(), 10.0);
    // At most the oldest sub-step's arrivals expired as the pod became ready.
    EXPECT_GE(sim.timedOutTotal(), 15.0 - 1e-6);
    EXPECT_LE(sim.timedOutTotal(), 15.1 + 1e-6);
    const auto exp = parse(sim.prometheusText("ns", "w"));
    for (const auto& s : exp.samples) {
        if (s.name == "workload_requests_timed_out_total") {
            EXPECT_NEAR(s.value, sim.timedOutTotal(), 1e-9);
        }
    }
}

TEST(WorkloadLoadSimulator, SameSeedSameResults) {
    const json spec = {
        {"rate", {{"type", "daily"}, {"baseRps", 1}, {"peakRps", 3}, {"peakHour", 14}}},
        {"jitter", 0.3},
        {"mix", {operation("a", 3, "200m", "20Mi", 1), operation("b", 1, "1", "100Mi", 8)}}};
    WorkloadLoadSimulator first(model(spec), 42);
    WorkloadLoadSimulator second(model(spec), 42);
    WorkloadLoadSimulator otherSeed(model(spec), 43);
    const std::vector<Pod> pods = {pod("a"), pod("b"), pod("c")};
    run(first, 0, 200, pods);
    run(second, 0, 200, pods);
    run(otherSeed, 0, 200, pods);
    EXPECT_EQ(first.prometheusText("ns", "w"), second.prometheusText("ns", "w"));
    EXPECT_EQ(first.usage("a").cpuMilli, second.usage("a").cpuMilli);
    EXPECT_NE(first.prometheusText("ns", "w"), otherSeed.prometheusText("ns", "w"));
    // Jitter is noise around the rate, not a different rate: totals stay close.
    EXPECT_NEAR(first.completedTotal() / otherSeed.completedTotal(), 1.0, 0.05);
}

TEST(WorkloadLoadSimulator, ResultsDoNotDependOnHowTimeIsSliced) {
    const json spec = {{"rate", 1.5}, {"mix", {operation("a", 1, "400m", "20Mi", 3)}}};
    const std::vector<Pod> pods = {pod("a"), pod("b")};
    WorkloadLoadSimulator seconds(model(spec), 1);
    WorkloadLoadSimulator quarters(model(spec), 1);
    WorkloadLoadSimulator oneStep(model(spec), 1);
    run(seconds, 0, 100, pods, 1.0);
    run(quarters, 0, 100, pods, 0.25);
    run(oneStep, 0, 100, pods, 100.0);
    EXPECT_NEAR(quarters.completedTotal(), seconds.completedTotal(),
                0.01 * seconds.completedTotal());
    EXPECT_NEAR(oneStep.completedTotal(), seconds.completedTotal(),
                1e-6 * seconds.completedTotal());
    // Little's law: 1.5 requests/s x 3 s in flight (less the sub-step that just completed).
    EXPECT_NEAR(seconds.activeCalculations(), 1.5 * 3, 0.2);
}

TEST(WorkloadLoadSimulator, ReplacingTheLoadKeepsWaitingWorkAndHistograms) {
    WorkloadLoadSimulator sim(
        model({{"rate", 0.5}, {"mix", {operation("op", 1, "1", "10Mi", 10)}}}), 1);
    const std::vector<Pod> pods = {pod("a"), pod("b")};
    run(sim, 0, 60, pods);  // 5 cores of work for 2
    const double waiting = sim.queueSize();
    const double completed = sim.completedTotal();
    ASSERT_GT(waiting, 5.0);

    ASSERT_TRUE(sim.setOverride({{"namespace", "ns"}, {"name", "w"}, {"rps", 0}}).ok());
    EXPECT_EQ(sim.model().rate().rps, 0);
    EXPECT_NEAR(sim.queueSize(), waiting, 1e-12);
    run(sim, 60, 70, pods);
    EXPECT_LT(sim.queueSize(), waiting);
    EXPECT_GT(sim.completedTotal(), completed);  // counters keep counting
    run(sim, 70, 400, pods);
    EXPECT_LT(sim.queueSize(), 1e-9);
    EXPECT_EQ(sim.usage("a").cpuMilli, 20);

    EXPECT_FALSE(sim.setOverride({{"rps", -1}}).ok());
    EXPECT_EQ(sim.model().rate().rps, 0);
}

TEST(WorkloadLoadSimulator, SpikesCountFromTheFirstStep) {
    // The caller's clock starts at 1000 s; the spike is 10 s into the load.
    WorkloadLoadSimulator sim(
        model({{"rate", 1},
               {"spikes", {{{"atSecond", 10}, {"durationSeconds", 10}, {"multiplier", 10}}}},
               {"mix", {operation("op", 1, "100m", "10Mi", 1)}}}),
        1);
    const std::vector<Pod> none = {pod("a", 1000, false)};
    run(sim, 1000, 1010, none);
    EXPECT_NEAR(sim.queueSize(), 10.0, 1e-6);
    run(sim, 1010, 1020, none);
    EXPECT_NEAR(sim.queueSize(), 110.0, 1e-6);
    run(sim, 1020, 1030, none);
    EXPECT_NEAR(sim.queueSize(), 120.0, 1e-6);
}

TEST(WorkloadLoadSimulator, MemoryIsCappedAtTheLimitAndUnknownPodsIdle) {
    WorkloadLoadSimulator sim(
        model({{"rate", 1}, {"mix", {operation("big", 1, "100m", "2Gi", 5)}}}), 1);
    run(sim, 0, 20, {pod("a", 1000, true, 1024LL * 1024 * 1024)});
    EXPECT_EQ(sim.usage("a").memoryBytes, 1024LL * 1024 * 1024);
    const auto unknown = sim.usage("no-such-pod");
    EXPECT_EQ(unknown.cpuMilli, 20);
    EXPECT_EQ(unknown.memoryBytes, static_cast<std::int64_t>(150 * kMi));
    EXPECT_EQ(unknown.activeCalculations, 0);
    // Pods that leave are forgotten, series and all.
    run(sim, 20, 21, {pod("b")});
    const auto text = sim.prometheusText("ns", "w");
    EXPECT_EQ(text.find("pod=\"a\""), std::string::npos);
    EXPECT_NE(text.find("pod=\"b\""), std::string::npos);
}

}  // namespace
