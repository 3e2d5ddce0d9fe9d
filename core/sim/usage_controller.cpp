#include "sim/usage_controller.h"

#include <algorithm>
#include <map>

#include "base/quantity.h"
#include "sim/controller_context.h"
#include "sim/label_selector.h"
#include "sim/load_model.h"
#include "sim/metrics_source.h"
#include "sim/pod_facts.h"
#include "sim/resource_registry.h"
#include "sim/workload_load.h"

namespace scaledeck::sim {

struct UsageController::Workload {
    std::string kind;
    std::string namespaceName;
    std::string name;
    nlohmann::json spec;
    std::unique_ptr<WorkloadLoadSimulator> simulator;
};

namespace {

std::string workloadKey(const std::string& kind, const std::string& ns, const std::string& name) {
    return kind + "/" + ns + "/" + name;
}

// Splits a pod-level amount over containers in proportion to their requests.
std::vector<std::int64_t> split(std::int64_t total, const std::vector<std::int64_t>& weights) {
    std::vector<std::int64_t> out(weights.size(), 0);
    std::int64_t sum = 0;
    for (auto w : weights) sum += w;
    std::int64_t given = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        out[i] = sum > 0 ? total * weights[i] / sum : (i == 0 ? total : 0);
        given += out[i];
    }
    if (!out.empty()) out[0] += total - given;
    return out;
}

std::int64_t annotationAmount(const nlohmann::json& pod, const char* key, bool milli) {
    const auto ann = pod["metadata"].value("annotations", nlohmann::json::object());
    if (!ann.contains(key) || !ann[key].is_string()) return -1;
    auto q = base::Quantity::parse(ann[key].get<std::string>());
    if (!q.ok()) return -1;
    return milli ? q->milliValue() : q->value();
}

// A deterministic wobble of +-10 % so idle charts are not flat lines.
double wobble(const std::string& key, base::UnixMillis now) {
    std::uint64_t h = 1469598103934665603ULL;
    for (char c : key) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    h ^= static_cast<std::uint64_t>(now / 15000) * 0x9E3779B97F4A7C15ULL;
    h = (h ^ (h >> 31)) * 0xBF58476D1CE4E5B9ULL;
    return 0.9 + static_cast<double>(h % 2001) / 10000.0;
}

}  // namespace

UsageController::UsageController(const std::vector<WorkloadLoad>& loads, std::uint64_t seed) : m_seed(seed) {
    for (const auto& l : loads) (void)setLoad(l.kind, l.namespaceName, l.name, l.spec);
}

UsageController::~UsageController() = default;

base::Status UsageController::setLoad(const std::string& kind, const std::string& ns, const std::string& name,
                                      const nlohmann::json& spec) {
    const std::string key = workloadKey(kind, ns, name);
    nlohmann::json update = spec;
    for (const char* k : {"kind", "namespace", "name"}) update.erase(k);
    auto existing = m_workloads.find(key);
    if (existing != m_workloads.end()) {
        // A partial update (just a new rate) keeps the rest of the model, and the queue, the
        // work in flight and the histograms carry over.
        auto merged = LoadModel::mergeSpec(existing->second->spec, update);
        if (!merged.ok()) return merged.error();
        auto model = LoadModel::fromJson(merged.value());
        if (!model.ok()) return model.error();
        existing->second->spec = merged.value();
        existing->second->simulator->setModel(std::move(model.value()));
        return {};
    }
    auto model = LoadModel::fromJson(update);
    if (!model.ok()) return model.error();
    auto w = std::make_unique<Workload>();
    w->kind = kind;
    w->namespaceName = ns;
    w->name = name;
    w->spec = update;
    w->simulator = std::make_unique<WorkloadLoadSimulator>(std::move(model.value()), m_seed);
    m_workloads[key] = std::move(w);
    return {};
}

nlohmann::json UsageController::describe() const {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [key, w] : m_workloads) {
        out.push_back({{"kind", w->kind}, {"namespace", w->namespaceName}, {"name", w->name},
                       {"spec", w->spec}, {"queueSize", w->simulator->queueSize()}});
    }
    return {{"loads", out}};
}

void UsageController::advance(ControllerContext& ctx, double dtSeconds) {
    for (auto& [key, w] : m_workloads) {
        const ResourceInfo* info = ResourceRegistry::instance().byKind("apps", w->kind);
        if (!info) continue;
        auto owner = ctx.store.get(info->storage, w->namespaceName, w->name);
        if (!owner) continue;
        const auto obj = owner->parse();
        const auto selector = LabelSelector::fromJson(obj["spec"].value("selector", nlohmann::json::object()));
        std::vector<WorkloadLoadSimulator::PodCapacity> pods;
        for (const auto& p : ctx.store.list("core/pods", w->namespaceName)) {
            if (selector.empty() || !selector.matches(std::map<std::string, std::string>(p->labels.begin(), p->labels.end()))) continue;
            const auto pod = p->parse();
            if (!podIsActive(pod)) continue;
            const auto& containers = pod["spec"].value("containers", nlohmann::json::array());
            if (containers.empty()) continue;
            // The first container does the work; sidecars idle.
            nlohmann::json main = {{"containers", nlohmann::json::array({containers[0]})}};
            const auto req = podRequests(main);
            const auto lim = podLimits(main);
            pods.push_back({p->name, req.cpuMilli, lim.cpuMilli ? lim.cpuMilli : req.cpuMilli * 4,
                            req.memoryBytes, lim.memoryBytes ? lim.memoryBytes : req.memoryBytes * 2,
                            podIsReady(pod) && pod["status"].value("phase", "") == "Running"});
        }
        const double simSeconds = static_cast<double>(ctx.now) / 1000.0;
        w->simulator->step(simSeconds, ctx.now, dtSeconds, pods);
    }
}

void UsageController::scrapeIfDue(ControllerContext& ctx) {
    if (ctx.now < m_nextScrape) return;
    m_nextScrape = (ctx.now / kScrapePeriodMs + 1) * kScrapePeriodMs;
    scrape(ctx);
}

void UsageController::scrape(ControllerContext& ctx) {
    // Which workload (if any) drives each pod.
    std::map<std::string, const Workload*> podWorkload;
    for (const auto& [key, w] : m_workloads) {
        const ResourceInfo* info = ResourceRegistry::instance().byKind("apps", w->kind);
        if (!info) continue;
        auto owner = ctx.store.get(info->storage, w->namespaceName, w->name);
        if (!owner) continue;
        const auto selector = LabelSelector::fromJson(owner->parse()["spec"].value("selector", nlohmann::json::object()));
        for (const auto& p : ctx.store.list("core/pods", w->namespaceName)) {
            if (!selector.empty() && selector.matches(std::map<std::string, std::string>(p->labels.begin(), p->labels.end()))) {
                podWorkload[p->key()] = w.get();
            }
        }
    }

    std::map<std::string, std::pair<std::int64_t, std::int64_t>> nodeUsage;  // cpu nano, memory bytes
    std::vector<std::string> stale;
    for (const auto& [key, sample] : ctx.metrics.pods()) {
        if (!ctx.store.get("core/pods", sample.namespaceName, sample.name)) stale.push_back(key);
    }
    for (const auto& key : stale) {
        ctx.metrics.removePod(key);
        m_podInfo.erase(key);
    }

    for (const auto& node : ctx.store.list("core/nodes")) {
        nodeUsage[node->name] = {0, 0};
        for (const auto& p : ctx.store.byNode(node->name)) {
            const PodInfo& info = podInfo(*p);
            if (!info.running) {
                ctx.metrics.removePod(p->key());
                continue;
            }
            const std::size_t n = info.containers.size();
            std::vector<std::int64_t> cpuNano(n, 0), memBytes(n, 0);
            const double jitter = wobble(p->key(), ctx.now);
            // Defaults: idle near 10 % of the cpu request and 35 % of the memory request.
            for (std::size_t i = 0; i < n; ++i) {
                cpuNano[i] = static_cast<std::int64_t>(static_cast<double>(std::max<std::int64_t>(info.cpuRequest[i], 10)) * 0.10 * jitter * 1e6);
                memBytes[i] = static_cast<std::int64_t>(static_cast<double>(std::max<std::int64_t>(info.memoryRequest[i], 16 << 20)) * 0.35 * jitter);
            }
            if (auto it = podWorkload.find(p->key()); it != podWorkload.end() && n > 0) {
                const auto u = it->second->simulator->usage(p->name);
                cpuNano[0] = u.cpuMilli * 1000000;
                memBytes[0] = u.memoryBytes;
            }
            if (info.cpuOverride >= 0) {
                auto parts = split(info.cpuOverride, info.cpuRequest);
                for (std::size_t i = 0; i < parts.size(); ++i) cpuNano[i] = parts[i] * 1000000;
            }
            if (info.memoryOverride >= 0) {
                auto parts = split(info.memoryOverride, info.memoryRequest);
                for (std::size_t i = 0; i < parts.size(); ++i) memBytes[i] = parts[i];
            }
            PodSample s;
            s.namespaceName = p->namespaceName;
            s.name = p->name;
            s.labels = info.labels;
            s.timestamp = ctx.now;
            for (std::size_t i = 0; i < n; ++i) {
                s.containers.push_back({info.containers[i], cpuNano[i], memBytes[i]});
                nodeUsage[node->name].first += cpuNano[i];
                nodeUsage[node->name].second += memBytes[i];
            }
            ctx.metrics.setPod(std::move(s));
        }
        NodeSample n;
        n.name = node->name;
        n.labels = node->parse()["metadata"].value("labels", nlohmann::json::object());
        n.timestamp = ctx.now;
        // The kubelet, container runtime and system daemons use some of every node.
        n.cpuNano = nodeUsage[node->name].first + 180'000'000;
        n.memoryBytes = nodeUsage[node->name].second + (900LL << 20);
        ctx.metrics.setNode(std::move(n));
    }
}

const UsageController::PodInfo& UsageController::podInfo(const StoredObject& p) {
    auto& info = m_podInfo[p.key()];
    if (info.resourceVersion == p.resourceVersion) return info;
    const auto pod = p.parse();
    info = PodInfo{};
    info.resourceVersion = p.resourceVersion;
    info.running = pod["status"].value("phase", "") == "Running" && !podIsTerminating(pod);
    info.labels = pod["metadata"].value("labels", nlohmann::json::object());
    for (const auto& c : pod["spec"].value("containers", nlohmann::json::array())) {
        nlohmann::json one = {{"containers", nlohmann::json::array({c})}};
        const auto r = podRequests(one);
        info.containers.push_back(c.value("name", ""));
        info.cpuRequest.push_back(r.cpuMilli);
        info.memoryRequest.push_back(r.memoryBytes);
    }
    info.cpuOverride = annotationAmount(pod, kCpuAnnotation, true);
    info.memoryOverride = annotationAmount(pod, kMemoryAnnotation, false);
    return info;
}

std::string UsageController::prometheusText() const {
    std::string out;
    for (const auto& [key, w] : m_workloads) out += w->simulator->prometheusText(w->namespaceName, w->name);
    return out;
}

}  // namespace scaledeck::sim
