// The memory budget: a realistic 1,000-pod list (the simulator's pod, multiplied with unique
// names, uids, IPs and resourceVersions) must cost at most 2 KB per row, counting the row, its
// heap blocks and its share of the string pool. Checked twice: with memoryFootprint(), and by
// asking glibc how much the process actually allocated while decoding.
#include <gtest/gtest.h>
#include <malloc.h>

#include <cstdio>
#include <string>

#include "kube/objects/memory_footprint.h"
#include "kube/objects/object_decoder.h"
#include "kube/objects/string_pool.h"
#include "object_fixtures.h"

// GCC says __SANITIZE_ADDRESS__, clang says __has_feature(address_sanitizer).
#if defined(__SANITIZE_ADDRESS__)
#define SCALEDECK_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SCALEDECK_UNDER_ASAN 1
#endif
#endif
#ifndef SCALEDECK_UNDER_ASAN
#define SCALEDECK_UNDER_ASAN 0
#endif

namespace scaledeck::kube::objects {
namespace {

using testing::readFixture;
using testing::replaceAll;

constexpr std::size_t kBudgetPerPod = 2048;

// One item of the simulator's list, as the sample every generated pod is made from.
std::string samplePod() {
    const std::string list = readFixture("pod_list_steady.json");
    const std::size_t start = list.find("[{") + 1;
    // The first item ends where the second begins.
    const std::size_t end = list.find(R"(},{"apiVersion":"v1","kind":"Pod")", start) + 1;
    return list.substr(start, end - start);
}

std::string podList(std::size_t count) {
    const std::string sample = samplePod();
    std::string out =
        R"({"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"98765"},"items":[)";
    out.reserve(sample.size() * count + 200);
    for (std::size_t i = 0; i < count; ++i) {
        char suffix[32];
        std::snprintf(suffix, sizeof suffix, "%05zu", i);
        char uid[64];
        std::snprintf(uid, sizeof uid, "dddfd2a1-44b3-4f04-b446-%012zu", i);
        char ip[64];
        std::snprintf(ip, sizeof ip, "10.244.%zu.%zu", i / 250, i % 250 + 2);
        std::string pod = replaceAll(sample, "gl-006-heatreclaim-m5mct52d7q-cdcrt",
                                     "gl-006-heatreclaim-m5mct52d7q-" + std::string(suffix));
        pod = replaceAll(pod, "dddfd2a1-44b3-4f04-b446-6fa311f7a8f8", uid);
        pod = replaceAll(pod, "10.244.63.49", ip);
        pod = replaceAll(pod, R"("resourceVersion":"1089")",
                         R"("resourceVersion":")" + std::to_string(20000 + i) + "\"");
        pod = replaceAll(pod, "gl-prod-worker-1", "gl-prod-worker-" + std::to_string(i % 4 + 1));
        if (i > 0)
            out += ',';
        out += pod;
    }
    out += "]}";
    return out;
}

std::size_t allocatedBytes() {
    const struct mallinfo2 info = mallinfo2();
    return info.uordblks + info.hblkhd;
}

TEST(PodMemory, SampleIsTheSimulatorsPod) {
    const auto pod = decodeObject<PodRow>(samplePod());
    ASSERT_TRUE(pod.ok()) << pod.error().message;
    EXPECT_EQ(pod->meta.name, "gl-006-heatreclaim-m5mct52d7q-cdcrt");
    EXPECT_EQ(pod->containers.size(), 2u);
}

TEST(PodMemory, ThousandPodsFitTheBudget) {
    constexpr std::size_t kPods = 1000;
    const std::string json = podList(kPods);
    StringPool pool;
    ObjectDecoder decoder(pool);
    // Warm up the parser and its buffers, so the measurement below sees only rows and strings.
    ASSERT_TRUE(decoder.decodeList<PodRow>(json).ok());
    const std::size_t warmStrings = pool.stats().strings;
    ASSERT_EQ(pool.collect(), warmStrings);  // the rows are gone, so are their strings

    const std::size_t before = allocatedBytes();
    auto page = decoder.decodeList<PodRow>(json);
    const std::size_t after = allocatedBytes();
    ASSERT_TRUE(page.ok()) << page.error().message;
    ASSERT_EQ(page->items.size(), kPods);
    EXPECT_EQ(page->items[999].meta.name, "gl-006-heatreclaim-m5mct52d7q-00999");
    EXPECT_EQ(page->items[999].podIP, "10.244.3.251");

    std::size_t rows = 0;
    for (const PodRow& pod : page->items)
        rows += memoryFootprint(pod);
    const StringPool::Stats stats = pool.stats();
    const std::size_t accounted = rows + stats.bytes;
    const std::size_t measured = after - before;  // includes page.items and the list's strings

    const double perPodAccounted = static_cast<double>(accounted) / kPods;
    const double perPodMeasured = static_cast<double>(measured) / kPods;
    std::printf(
        "[ memory  ] %zu pods: %.0f B/row (rows %.0f + pool %.0f, %zu strings); "
        "glibc measured %.0f B/row; sizeof(PodRow) = %zu\n",
        kPods, perPodAccounted, static_cast<double>(rows) / kPods,
        static_cast<double>(stats.bytes) / kPods, stats.strings, perPodMeasured, sizeof(PodRow));
    EXPECT_LE(perPodAccounted, kBudgetPerPod);
#if !SCALEDECK_UNDER_ASAN
    // Under ASan malloc is ASan's and mallinfo2 does not see it.
    EXPECT_LE(perPodMeasured, kBudgetPerPod);
    // The accounting explains what glibc saw, within 10 %.
    EXPECT_NEAR(perPodMeasured, perPodAccounted, perPodAccounted * 0.10);
#endif
}

TEST(PodMemory, PoolIsSharedAndCollected) {
    StringPool pool;
    ObjectDecoder decoder(pool);
    const std::string json = podList(200);
    {
        auto page = decoder.decodeList<PodRow>(json);
        ASSERT_TRUE(page.ok());
        // Namespace, labels, owner, node names, container names, condition types, reasons:
        // a few dozen strings for 200 pods.
        EXPECT_LT(pool.stats().strings, 60u);
    }
    EXPECT_GT(pool.collect(), 0u);
    EXPECT_EQ(pool.stats().strings, 0u);
    EXPECT_LT(pool.stats().bytes, 4096u);  // only the shards' empty hash tables remain
}

TEST(PodMemory, AFailedDecodeHoldsNoStrings) {
    StringPool pool;
    ObjectDecoder decoder(pool);
    const auto hpa = decoder.decodeObject<HpaRow>(
        R"({"metadata":{"namespace":"shop","labels":{"app":"web"}},)"
        R"("status":{"currentMetrics":[{"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":5}}}]},)"
        R"("spec":{"maxReplicas":"ten"}})");
    ASSERT_FALSE(hpa.ok());
    const auto pod = decoder.decodeObject<PodRow>(
        R"({"spec":{"containers":[{"name":"web"},{"name":"side","resources":{"limits":{"cpu":"x"}}}]}})");
    ASSERT_FALSE(pod.ok());
    pool.collect();
    EXPECT_EQ(pool.stats().strings, 0u);
}

}  // namespace
}  // namespace scaledeck::kube::objects
