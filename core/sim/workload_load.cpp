#include "sim/workload_load.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <utility>

namespace scaledeck::sim {
namespace {

// Fluid amounts below this are rounding dust, not requests.
constexpr double kEpsilon = 1e-9;
// Beyond this many waiting cohorts new arrivals merge into the newest cohort of the same
// operation, so an overload without a queue timeout cannot grow memory without bound.
constexpr std::size_t kMaxQueueCohorts = 20000;

double cpuLimitCores(const WorkloadLoadSimulator::PodCapacity& p) {
    if (p.cpuLimitMilli > 0)
        return static_cast<double>(p.cpuLimitMilli) / 1000.0;
    if (p.cpuRequestMilli > 0)
        return static_cast<double>(p.cpuRequestMilli) / 1000.0;
    return 1.0;
}

std::uint64_t splitMix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

std::string formatNumber(double v) {
    if (std::isnan(v))
        return "NaN";
    if (std::isinf(v))
        return v > 0 ? "+Inf" : "-Inf";
    if (v == 0)
        return "0";
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, end) : std::string("0");
}

std::string escapeLabel(const std::string& value) {
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

std::size_t bucketOf(double seconds) {
    const auto& bounds = WorkloadLoadSimulator::kBucketBounds;
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        if (seconds <= bounds[i])
            return i;
    }
    return bounds.size();
}

}  // namespace

WorkloadLoadSimulator::WorkloadLoadSimulator(LoadModel model, std::uint64_t seed)
    : m_model(std::move(model)), m_seed(seed) {
    setModel(m_model);
}

void WorkloadLoadSimulator::setModel(LoadModel model) {
    m_model = std::move(model);
    m_mixIndex.clear();
    for (const auto& op : m_model.mix().operations())
        m_mixIndex.push_back(operationIndex(op));
    m_origin.reset();
}

base::Status WorkloadLoadSimulator::setOverride(const nlohmann::json& update) {
    LoadModel next = m_model;
    if (auto st = next.setOverride(update); !st.ok())
        return st;
    setModel(std::move(next));
    return {};
}

std::size_t WorkloadLoadSimulator::operationIndex(const Operation& op) {
    for (std::size_t i = 0; i < m_operations.size(); ++i) {
        const auto& o = m_operations[i];
        if (o.name == op.name && o.cpuCores == op.cpuCores && o.memoryBytes == op.memoryBytes &&
            o.durationSeconds == op.durationSeconds) {
            return i;
        }
    }
    m_operations.push_back(op);
    return m_operations.size() - 1;
}

double WorkloadLoadSimulator::noise(double loadSeconds) const {
    const auto second = static_cast<std::int64_t>(std::floor(loadSeconds));
    const std::uint64_t h = splitMix(m_seed ^ splitMix(static_cast<std::uint64_t>(second)));
    return static_cast<double>(h >> 11) * 0x1.0p-53 * 2.0 - 1.0;  // [-1, 1)
}

void WorkloadLoadSimulator::arrive(double at, double requests) {
    if (!(requests > kEpsilon))
        return;
    const auto& mix = m_model.mix();
    for (std::size_t i = 0; i < m_mixIndex.size(); ++i) {
        const double amount = requests * mix.fraction(i);
        if (!(amount > kEpsilon))
            continue;
        const std::size_t op = m_mixIndex[i];
        if (m_queue.size() >= kMaxQueueCohorts) {
            const std::size_t lookBack = std::min(m_queue.size(), m_mixIndex.size());
            bool merged = false;
            for (std::size_t k = 0; k < lookBack && !merged; ++k) {
                Cohort& c = m_queue[m_queue.size() - 1 - k];
                if (c.operation != op)
                    continue;
                c.arrival = (c.arrival * c.amount + at * amount) / (c.amount + amount);
                c.amount += amount;
                merged = true;
            }
            if (merged)
                continue;
        }
        m_queue.push_back({op, amount, at, 1.0});
    }
}

void WorkloadLoadSimulator::expire(double now) {
    const double timeout = m_model.queueTimeoutSeconds();
    if (!(timeout > 0))
        return;
    while (!m_queue.empty() && m_queue.front().arrival + timeout <= now) {
        m_timedOutTotal += m_queue.front().amount;
        m_queue.pop_front();
    }
}

void WorkloadLoadSimulator::admit(double capacityCores) {
    if (m_queue.empty() || !(capacityCores > 0))
        return;
    const double ceiling = capacityCores * m_model.cpuOvercommit();
    double demand = 0;
    for (const auto& c : m_inService)
        demand += c.amount * m_operations[c.operation].cpuCores;

    // Everything admitted in one sub-step starts together: one cohort per operation, at the
    // mean arrival time of what it took from the queue.
    std::map<std::size_t, std::pair<double, double>> admitted;  // op -> (amount, arrival sum)
    while (!m_queue.empty()) {
        Cohort& head = m_queue.front();
        const double cpu = m_operations[head.operation].cpuCores;
        double take = head.amount;
        if (cpu > 0) {
            const double room = ceiling - demand;
            if (!(room > kEpsilon))
                break;
            take = std::min(head.amount, room / cpu);
        }
        auto& slot = admitted[head.operation];
        slot.first += take;
        slot.second += take * head.arrival;
        demand += take * cpu;
        head.amount -= take;
        if (head.amount > kEpsilon)
            break;  // only part of it fitted: the pods are full
        m_queue.pop_front();
    }
    for (const auto& [op, slot] : admitted) {
        if (!(slot.first > kEpsilon))
            continue;
        m_inService.push_back({op, slot.first, slot.second / slot.first, 1.0});
    }
}

void WorkloadLoadSimulator::serve(double at, double h, double capacityCores,
                                  const std::vector<PodState*>& ready) {
    double demand = 0;
    for (const auto& c : m_inService)
        demand += c.amount * m_operations[c.operation].cpuCores;
    // Processor sharing: when the in-flight demand exceeds the CPU the pods may use, every
    // operation runs proportionally slower.
    const double speed =
        ready.empty() ? 0.0 : (demand > capacityCores ? capacityCores / demand : 1.0);

    double delivered = 0;
    double active = 0;
    double memory = 0;
    std::vector<std::pair<double, double>> completions;  // (amount, duration)
    std::size_t kept = 0;
    for (std::size_t i = 0; i < m_inService.size(); ++i) {
        Cohort c = m_inService[i];
        const Operation& op = m_operations[c.operation];
        const double opSpeed = ready.empty() ? 0.0 : (op.cpuCores > 0 ? speed : 1.0);
        const double progressPerSecond = opSpeed / op.durationSeconds;
        double runFor = h;
        bool done = false;
        if (progressPerSecond > 0 && c.remaining <= progressPerSecond * h) {
            runFor = c.remaining / progressPerSecond;
            done = true;
        }
        delivered += c.amount * op.cpuCores * opSpeed * runFor;
        active += c.amount * runFor;
        memory += c.amount * op.memoryBytes * runFor;
        if (done) {
            completions.emplace_back(c.amount, at + runFor - c.arrival);
            m_completedTotal += c.amount;
            continue;
        }
        c.remaining -= progressPerSecond * h;
        m_inService[kept++] = c;
    }
    m_inService.resize(kept);
    if (ready.empty())
        return;

    // Even shares, each pod capped at its limit; `ready` is sorted by limit, ascending, so a
    // capped pod's surplus goes to the pods after it.
    std::vector<double> shares(ready.size(), 0.0);
    double left = delivered;
    for (std::size_t i = 0; i < ready.size(); ++i) {
        const double even = left / static_cast<double>(ready.size() - i);
        shares[i] = std::min(even, cpuLimitCores(ready[i]->capacity) * h);
        left -= shares[i];
    }
    for (std::size_t i = 0; i < ready.size(); ++i) {
        PodState& pod = *ready[i];
        const double fraction =
            delivered > kEpsilon ? shares[i] / delivered : 1.0 / static_cast<double>(ready.size());
        pod.deliveredCoreSeconds += shares[i];
        pod.activeIntegral += active * fraction;
        pod.memoryIntegral += memory * fraction;
        for (const auto& [amount, duration] : completions) {
            const double part = amount * fraction;
            pod.buckets[bucketOf(duration)] += part;
            pod.durationSum += part * duration;
        }
    }
}

void WorkloadLoadSimulator::step(double simSeconds, base::UnixMillis wallTime, double dtSeconds,
                                 const std::vector<PodCapacity>& pods) {
    std::map<std::string, PodState> next;
    for (const auto& p : pods) {
        auto it = m_pods.find(p.name);
        PodState state = it != m_pods.end() ? std::move(it->second) : PodState{};
        state.capacity = p;
        state.deliveredCoreSeconds = 0;
        state.activeIntegral = 0;
        state.memoryIntegral = 0;
        next[p.name] = std::move(state);
    }
    m_pods = std::move(next);

    std::vector<PodState*> ready;
    double capacity = 0;
    for (auto& [name, state] : m_pods) {
        if (!state.capacity.ready)
            continue;
        ready.push_back(&state);
        capacity += cpuLimitCores(state.capacity);
    }
    std::stable_sort(ready.begin(), ready.end(), [](const PodState* a, const PodState* b) {
        return cpuLimitCores(a->capacity) < cpuLimitCores(b->capacity);
    });

    if (!(dtSeconds > 0) || !std::isfinite(dtSeconds)) {
        finishStep(0, ready);
        return;
    }
    const double start = simSeconds - dtSeconds;
    if (!m_origin)
        m_origin = start;
    const auto substeps = std::max<std::int64_t>(
        1, static_cast<std::int64_t>(std::ceil(dtSeconds / kSubstepSeconds - 1e-9)));
    const double h = dtSeconds / static_cast<double>(substeps);
    for (std::int64_t i = 0; i < substeps; ++i) {
        const double at = start + static_cast<double>(i) * h;
        const double loadSeconds = at - *m_origin + h / 2;
        const auto wall =
            wallTime - static_cast<base::UnixMillis>(
                           std::llround((dtSeconds - static_cast<double>(i) * h - h / 2) * 1000.0));
        double rps = m_model.requestsPerSecond(loadSeconds, wall);
        if (m_model.jitter() > 0)
            rps *= 1.0 + m_model.jitter() * noise(loadSeconds);
        arrive(at, std::max(0.0, rps) * h);
        expire(at);
        if (!ready.empty())
            admit(capacity);
        serve(at, h, capacity, ready);
    }
    finishStep(dtSeconds, ready);
}

void WorkloadLoadSimulator::finishStep(double dtSeconds, const std::vector<PodState*>& ready) {
    const double waiting = queueSize();
    for (auto& [name, state] : m_pods) {
        PodUsage u = idleUsage(&state.capacity);
        if (state.capacity.ready && dtSeconds > 0) {
            const double limitMilli = cpuLimitCores(state.capacity) * 1000.0;
            const double cpu =
                state.deliveredCoreSeconds / dtSeconds * 1000.0 + m_model.idleCpuCores() * 1000.0;
            u.cpuMilli = std::llround(std::min(limitMilli, cpu));
            double memory = m_model.idleMemoryBytes() + state.memoryIntegral / dtSeconds;
            if (state.capacity.memoryLimitBytes > 0) {
                memory = std::min(memory, static_cast<double>(state.capacity.memoryLimitBytes));
            }
            u.memoryBytes = std::llround(memory);
            u.activeCalculations = state.activeIntegral / dtSeconds;
        }
        // The waiting requests are the ready pods' backlog; with none ready, every pod's.
        if (!ready.empty()) {
            u.queueSize = state.capacity.ready ? waiting / static_cast<double>(ready.size()) : 0;
        } else if (!m_pods.empty()) {
            u.queueSize = waiting / static_cast<double>(m_pods.size());
        }
        state.usage = u;
    }
}

WorkloadLoadSimulator::PodUsage WorkloadLoadSimulator::idleUsage(
    const PodCapacity* capacity) const {
    PodUsage u;
    double cpu = m_model.idleCpuCores() * 1000.0;
    double memory = m_model.idleMemoryBytes();
    if (capacity) {
        cpu = std::min(cpu, cpuLimitCores(*capacity) * 1000.0);
        if (capacity->memoryLimitBytes > 0) {
            memory = std::min(memory, static_cast<double>(capacity->memoryLimitBytes));
        }
    }
    u.cpuMilli = std::llround(cpu);
    u.memoryBytes = std::llround(memory);
    return u;
}

WorkloadLoadSimulator::PodUsage WorkloadLoadSimulator::usage(const std::string& pod) const {
    auto it = m_pods.find(pod);
    if (it == m_pods.end())
        return idleUsage(nullptr);
    return it->second.usage;
}

double WorkloadLoadSimulator::queueSize() const {
    double total = 0;
    for (const auto& c : m_queue)
        total += c.amount;
    return total;
}

double WorkloadLoadSimulator::activeCalculations() const {
    double total = 0;
    for (const auto& c : m_inService)
        total += c.amount;
    return total;
}

std::string WorkloadLoadSimulator::prometheusText(const std::string& namespaceName,
                                                  const std::string& workload) const {
    const std::string& p = m_model.metricsPrefix();
    const std::string ns = "namespace=\"" + escapeLabel(namespaceName) + "\"";
    std::string out;
    const auto family = [&](const std::string& name, const char* type, const char* help) {
        out += "# HELP " + name + " " + help + "\n";
        out += "# TYPE " + name + " " + type + "\n";
    };

    family(p + "_active_calculations", "gauge", "Operations in progress in the pod (simulated).");
    for (const auto& [name, s] : m_pods) {
        out += p + "_active_calculations{" + ns + ",pod=\"" + escapeLabel(name) + "\"} " +
               formatNumber(std::round(s.usage.activeCalculations)) + "\n";
    }
    family(p + "_request_queue_size", "gauge",
           "Requests waiting for the pod to take them (simulated).");
    for (const auto& [name, s] : m_pods) {
        out += p + "_request_queue_size{" + ns + ",pod=\"" + escapeLabel(name) + "\"} " +
               formatNumber(std::round(s.usage.queueSize)) + "\n";
    }
    const std::string hist = p + "_request_duration_seconds";
    family(hist, "histogram",
           "Time from a request's arrival to its completion, queueing included (simulated).");
    // The load model is fluid (fractions of requests), but a scraped histogram counts whole
    // requests and gauges count whole operations: floor the cumulative counts (which keeps
    // them monotonic) and round the gauges, so dashboards show what a real exporter would.
    for (const auto& [name, s] : m_pods) {
        const std::string labels = ns + ",pod=\"" + escapeLabel(name) + "\"";
        double cumulative = 0;
        for (std::size_t i = 0; i < kBucketBounds.size(); ++i) {
            cumulative += s.buckets[i];
            out += hist + "_bucket{" + labels + ",le=\"" + formatNumber(kBucketBounds[i]) + "\"} " +
                   formatNumber(std::floor(cumulative)) + "\n";
        }
        // Summed the same way as the buckets, so +Inf can never fall below le="120".
        cumulative += s.buckets[kBucketBounds.size()];
        out += hist + "_bucket{" + labels + ",le=\"+Inf\"} " + formatNumber(std::floor(cumulative)) +
               "\n";
        // The sum covers the same whole requests as the count, so sum/count stays the mean.
        const double whole = std::floor(cumulative);
        const double sum = cumulative > 0 ? s.durationSum * whole / cumulative : 0;
        out += hist + "_sum{" + labels + "} " + formatNumber(sum) + "\n";
        out += hist + "_count{" + labels + "} " + formatNumber(whole) + "\n";
    }
    family(p + "_requests_timed_out_total", "counter",
           "Requests dropped after waiting longer than the queue timeout (simulated).");
    out += p + "_requests_timed_out_total{" + ns + ",workload=\"" + escapeLabel(workload) + "\"} " +
           formatNumber(m_timedOutTotal) + "\n";
    return out;
}

}  // namespace scaledeck::sim
