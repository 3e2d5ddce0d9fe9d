// Decode throughput of pod lists and watch events: the simulator's pod (two containers, five
// labels, an owner, four conditions — about 3.4 KB of JSON) multiplied into lists of 1,000 and
// 10,000 pods with unique names, uids and IPs. Reports pods/s (items_per_second) and MB/s
// (bytes_per_second) for a whole list in one body, for the same pods in pages of 500 (what an
// informer with limit=500 sees), and for single WATCH lines.
//
// Run: build/<release>/tests/bench/object_decoder_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <vector>

#include "kube/objects/memory_footprint.h"
#include "kube/objects/object_decoder.h"
#include "kube/objects/string_pool.h"

namespace {

using scaledeck::kube::objects::JsonBytes;
using scaledeck::kube::objects::ObjectDecoder;
using scaledeck::kube::objects::PodRow;

// One item of the simulator's `GET /api/v1/namespaces/greenlang/pods` answer, verbatim.
const std::string kSamplePod =
    R"json({"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{"prometheus.io/path":"/metrics")json"
    R"json(,"prometheus.io/port":"9090","prometheus.io/scrape":"true"},"creationTimestamp":"2026-11-2)json"
    R"json(9T09:05:21Z","generateName":"gl-006-heatreclaim-m5mct52d7q-","generation":2,"labels":{"app)json"
    R"json(":"gl-006-heatreclaim","app.kubernetes.io/name":"gl-006-heatreclaim","app.kubernetes.io/pa)json"
    R"json(rt-of":"greenlang","app.kubernetes.io/version":"1.0.0","pod-template-hash":"m5mct52d7q"},")json"
    R"json(name":"gl-006-heatreclaim-m5mct52d7q-cdcrt","namespace":"greenlang","ownerReferences":[{"a)json"
    R"json(piVersion":"apps/v1","blockOwnerDeletion":true,"controller":true,"kind":"ReplicaSet","name)json"
    R"json(":"gl-006-heatreclaim-m5mct52d7q","uid":"02e9870d-249d-4b30-be91-6ed5ba8bd65b"}],"resource)json"
    R"json(Version":"1089","uid":"dddfd2a1-44b3-4f04-b446-6fa311f7a8f8"},"spec":{"containers":[{"env")json"
    R"json(:[{"name":"GL_AGENT_ID","value":"GL-006"},{"name":"POD_NAME","valueFrom":{"fieldRef":{"api)json"
    R"json(Version":"v1","fieldPath":"metadata.name"}}}],"envFrom":[{"configMapRef":{"name":"gl-006-h)json"
    R"json(eatreclaim-config"}}],"image":"greenlang/gl-006-heatreclaim:1.0.0","imagePullPolicy":"IfNo)json"
    R"json(tPresent","livenessProbe":{"failureThreshold":3,"httpGet":{"path":"/health/live","port":80)json"
    R"json(80,"scheme":"HTTP"},"initialDelaySeconds":15,"periodSeconds":20,"successThreshold":1,"time)json"
    R"json(outSeconds":1},"name":"gl-006-heatreclaim","ports":[{"containerPort":8080,"name":"http","p)json"
    R"json(rotocol":"TCP"},{"containerPort":9090,"name":"metrics","protocol":"TCP"}],"readinessProbe")json"
    R"json(:{"failureThreshold":3,"httpGet":{"path":"/health/ready","port":8080,"scheme":"HTTP"},"ini)json"
    R"json(tialDelaySeconds":5,"periodSeconds":10,"successThreshold":1,"timeoutSeconds":1},"resources)json"
    R"json(":{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"500m","memory":"512Mi"}},"termin)json"
    R"json(ationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"},{"image":"gree)json"
    R"json(nlang/metrics-exporter:0.4.2","imagePullPolicy":"IfNotPresent","name":"metrics-exporter",")json"
    R"json(ports":[{"containerPort":9102,"name":"exporter","protocol":"TCP"}],"resources":{"limits":{)json"
    R"json("cpu":"100m","memory":"128Mi"},"requests":{"cpu":"50m","memory":"64Mi"}},"terminationMessa)json"
    R"json(gePath":"/dev/termination-log","terminationMessagePolicy":"File"}],"dnsPolicy":"ClusterFir)json"
    R"json(st","nodeName":"gl-prod-worker-1","restartPolicy":"Always","schedulerName":"default-schedu)json"
    R"json(ler","securityContext":{},"terminationGracePeriodSeconds":30},"status":{"conditions":[{"la)json"
    R"json(stTransitionTime":"2026-11-29T09:05:22Z","status":"True","type":"PodScheduled"},{"lastTran)json"
    R"json(sitionTime":"2026-11-29T09:05:22Z","message":"","reason":"","status":"True","type":"Initia)json"
    R"json(lized"},{"lastTransitionTime":"2026-11-29T09:05:31Z","status":"True","type":"Ready"},{"las)json"
    R"json(tTransitionTime":"2026-11-29T09:05:31Z","status":"True","type":"ContainersReady"}],"contai)json"
    R"json(nerStatuses":[{"containerID":"containerd://hxwcktx7b2gv7fkk","image":"greenlang/gl-006-hea)json"
    R"json(treclaim:1.0.0","imageID":"docker.io/greenlang/gl-006-heatreclaim:1.0.0@sha256:0","name":")json"
    R"json(gl-006-heatreclaim","ready":true,"restartCount":0,"started":true,"state":{"running":{"star)json"
    R"json(tedAt":"2026-11-29T09:05:26Z"}}},{"containerID":"containerd://r95g9mqhpjbvkq8z","image":"g)json"
    R"json(reenlang/metrics-exporter:0.4.2","imageID":"docker.io/greenlang/metrics-exporter:0.4.2@sha)json"
    R"json(256:0","name":"metrics-exporter","ready":true,"restartCount":0,"started":true,"state":{"ru)json"
    R"json(nning":{"startedAt":"2026-11-29T09:05:26Z"}}}],"hostIP":"10.0.1.21","phase":"Running","pod)json"
    R"json(IP":"10.244.63.49","podIPs":[{"ip":"10.244.63.49"}],"qosClass":"Burstable","startTime":"20)json"
    R"json(26-11-29T09:05:22Z"}})json";

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t pos = text.find(from); pos != std::string::npos;
         pos = text.find(from, pos + to.size())) {
        text.replace(pos, from.size(), to);
    }
    return text;
}

std::string uniquePod(std::size_t i) {
    char suffix[32];
    std::snprintf(suffix, sizeof suffix, "%06zu", i);
    char uid[64];
    std::snprintf(uid, sizeof uid, "dddfd2a1-44b3-4f04-b446-%012zu", i);
    char ip[64];
    std::snprintf(ip, sizeof ip, "10.%zu.%zu.%zu", 200 + i / 65536, i / 256 % 256, i % 256);
    std::string pod = replaceAll(kSamplePod, "gl-006-heatreclaim-m5mct52d7q-cdcrt",
                                 "gl-006-heatreclaim-m5mct52d7q-" + std::string(suffix));
    pod = replaceAll(pod, "dddfd2a1-44b3-4f04-b446-6fa311f7a8f8", uid);
    pod = replaceAll(pod, "10.244.63.49", ip);
    pod = replaceAll(pod, "gl-prod-worker-1", "gl-prod-worker-" + std::to_string(i % 40 + 1));
    return pod;
}

// Pods [first, first + count) as one PodList body.
std::string podList(std::size_t first, std::size_t count) {
    std::string out =
        R"({"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"98765"},"items":[)";
    for (std::size_t i = first; i < first + count; ++i) {
        if (i > first)
            out += ',';
        out += uniquePod(i);
    }
    out += "]}";
    out.reserve(out.size() + scaledeck::kube::objects::kJsonPadding);  // parse in place
    return out;
}

void BM_DecodePodList(benchmark::State& state) {
    const auto pods = static_cast<std::size_t>(state.range(0));
    const std::string body = podList(0, pods);
    ObjectDecoder decoder;
    for (auto _ : state) {
        auto page = decoder.decodeList<PodRow>(JsonBytes(body));
        if (!page.ok() || page->items.size() != pods) {
            state.SkipWithError("decode failed");
            break;
        }
        benchmark::DoNotOptimize(page->items.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * pods));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
    state.counters["json_bytes_per_pod"] =
        static_cast<double>(body.size()) / static_cast<double>(pods);
}
BENCHMARK(BM_DecodePodList)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

// The same input without spare capacity: the decoder copies it into its padded buffer first.
void BM_DecodePodListCopied(benchmark::State& state) {
    const auto pods = static_cast<std::size_t>(state.range(0));
    const std::string body = podList(0, pods);
    const std::string_view view(body);
    ObjectDecoder decoder;
    for (auto _ : state) {
        auto page = decoder.decodeList<PodRow>(view);
        benchmark::DoNotOptimize(page.ok());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * pods));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_DecodePodListCopied)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_DecodePodListInPagesOf500(benchmark::State& state) {
    const auto pods = static_cast<std::size_t>(state.range(0));
    constexpr std::size_t kPage = 500;
    std::vector<std::string> pages;
    std::size_t bytes = 0;
    for (std::size_t first = 0; first < pods; first += kPage) {
        pages.push_back(podList(first, std::min(kPage, pods - first)));
        bytes += pages.back().size();
    }
    ObjectDecoder decoder;
    for (auto _ : state) {
        std::vector<PodRow> all;
        all.reserve(pods);
        for (const auto& body : pages) {
            auto page = decoder.decodeList<PodRow>(JsonBytes(body));
            for (auto& row : page->items)
                all.push_back(std::move(row));
        }
        benchmark::DoNotOptimize(all.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * pods));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_DecodePodListInPagesOf500)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_DecodePodWatchEvent(benchmark::State& state) {
    std::vector<std::string> lines;
    std::size_t bytes = 0;
    for (std::size_t i = 0; i < 256; ++i) {
        lines.push_back(R"({"type":"MODIFIED","object":)" + uniquePod(i) + "}\n");
        bytes += lines.back().size();
    }
    ObjectDecoder decoder;
    std::size_t next = 0;
    for (auto _ : state) {
        auto event = decoder.decodeWatchEvent<PodRow>(std::string_view(lines[next]));
        benchmark::DoNotOptimize(event.ok());
        next = (next + 1) % lines.size();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes / lines.size()));
}
BENCHMARK(BM_DecodePodWatchEvent);

}  // namespace

BENCHMARK_MAIN();
