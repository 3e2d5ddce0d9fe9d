#include "sim/load_model.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <numbers>
#include <string_view>

namespace scaledeck::sim {
namespace {

constexpr double kMillisPerDay = 86400.0 * 1000.0;

bool isIgnoredKey(std::string_view key) {
    return key == "kind" || key == "namespace" || key == "name";
}

std::string joined(std::initializer_list<const char*> names) {
    std::string out;
    for (const char* n : names) {
        if (!out.empty())
            out += ", ";
        out += n;
    }
    return out;
}

// Rejects fields outside `known` so that a typo ("spike:") is an error, not a silent no-op.
base::Status checkKeys(const nlohmann::json& object, const std::string& where,
                       std::initializer_list<const char*> known) {
    for (const auto& [key, value] : object.items()) {
        (void)value;
        bool ok = false;
        for (const char* k : known)
            ok = ok || key == k;
        if (!ok) {
            return base::Error::invalid(where + ": unknown field \"" + key +
                                        "\"; known fields are " + joined(known));
        }
    }
    return {};
}

// A number field; `fallback` is used when the field is absent (nullopt: the field is required).
base::Result<double> number(const nlohmann::json& object, const char* key, const std::string& where,
                            std::optional<double> fallback, double min, bool minExclusive,
                            std::optional<double> maxExclusive = std::nullopt) {
    const std::string field = where.empty() ? key : where + "." + key;
    if (!object.contains(key)) {
        if (fallback)
            return *fallback;
        return base::Error::invalid(field + " is missing");
    }
    const auto& v = object[key];
    std::string range = minExclusive ? "> " : ">= ";
    range += nlohmann::json(min).dump();
    if (maxExclusive)
        range += " and < " + nlohmann::json(*maxExclusive).dump();
    if (!v.is_number()) {
        return base::Error::invalid(field + ": expected a number " + range + ", got " + v.dump());
    }
    const double d = v.get<double>();
    const bool tooSmall = minExclusive ? !(d > min) : !(d >= min);
    const bool tooLarge = maxExclusive && !(d < *maxExclusive);
    if (!std::isfinite(d) || tooSmall || tooLarge) {
        return base::Error::invalid(field + ": expected a number " + range + ", got " + v.dump());
    }
    return d;
}

base::Result<LoadModel::Rate> parseRate(const nlohmann::json& rate) {
    LoadModel::Rate out;
    if (rate.is_number()) {
        auto rps = number(nlohmann::json{{"rate", rate}}, "rate", "", std::nullopt, 0, false);
        if (!rps.ok())
            return rps.error();
        out.rps = *rps;
        return out;
    }
    if (!rate.is_object()) {
        return base::Error::invalid(
            "rate: expected {type: constant|ramp|daily, ...} or a number "
            "of requests per second, got " +
            rate.dump());
    }
    std::string type = "constant";
    if (rate.contains("type")) {
        if (!rate["type"].is_string()) {
            return base::Error::invalid("rate.type: expected constant, ramp or daily, got " +
                                        rate["type"].dump());
        }
        type = rate["type"].get<std::string>();
    } else if (!rate.contains("rps")) {
        return base::Error::invalid("rate.type is missing; use constant, ramp or daily");
    }
    if (type == "constant") {
        if (auto st = checkKeys(rate, "rate", {"type", "rps"}); !st.ok())
            return st.error();
        auto rps = number(rate, "rps", "rate", std::nullopt, 0, false);
        if (!rps.ok())
            return rps.error();
        out.type = LoadModel::Rate::Type::Constant;
        out.rps = *rps;
        return out;
    }
    if (type == "ramp") {
        if (auto st =
                checkKeys(rate, "rate", {"type", "from", "to", "durationSeconds", "startSecond"});
            !st.ok()) {
            return st.error();
        }
        auto from = number(rate, "from", "rate", std::nullopt, 0, false);
        if (!from.ok())
            return from.error();
        auto to = number(rate, "to", "rate", std::nullopt, 0, false);
        if (!to.ok())
            return to.error();
        auto duration = number(rate, "durationSeconds", "rate", std::nullopt, 0, true);
        if (!duration.ok())
            return duration.error();
        auto start = number(rate, "startSecond", "rate", 0.0, 0, false);
        if (!start.ok())
            return start.error();
        out.type = LoadModel::Rate::Type::Ramp;
        out.fromRps = *from;
        out.toRps = *to;
        out.durationSeconds = *duration;
        out.startSecond = *start;
        return out;
    }
    if (type == "daily") {
        if (auto st = checkKeys(rate, "rate", {"type", "baseRps", "peakRps", "peakHour"});
            !st.ok()) {
            return st.error();
        }
        auto base = number(rate, "baseRps", "rate", std::nullopt, 0, false);
        if (!base.ok())
            return base.error();
        auto peak = number(rate, "peakRps", "rate", std::nullopt, 0, false);
        if (!peak.ok())
            return peak.error();
        auto hour = number(rate, "peakHour", "rate", std::nullopt, 0, false, 24.0);
        if (!hour.ok())
            return hour.error();
        out.type = LoadModel::Rate::Type::Daily;
        out.baseRps = *base;
        out.peakRps = *peak;
        out.peakHour = *hour;
        return out;
    }
    return base::Error::invalid("rate.type: \"" + type + "\" is not one of constant, ramp, daily");
}

base::Result<std::vector<LoadModel::Spike>> parseSpikes(const nlohmann::json& spikes) {
    if (!spikes.is_array()) {
        return base::Error::invalid(
            "spikes: expected a list of {atSecond or everySeconds, "
            "durationSeconds, multiplier}, got " +
            spikes.dump());
    }
    std::vector<LoadModel::Spike> out;
    for (std::size_t i = 0; i < spikes.size(); ++i) {
        const std::string where = "spikes[" + std::to_string(i) + "]";
        const auto& s = spikes[i];
        if (!s.is_object()) {
            return base::Error::invalid(where +
                                        ": expected {atSecond or everySeconds, "
                                        "durationSeconds, multiplier}, got " +
                                        s.dump());
        }
        if (auto st = checkKeys(
                s, where,
                {"atSecond", "everySeconds", "offsetSeconds", "durationSeconds", "multiplier"});
            !st.ok()) {
            return st.error();
        }
        LoadModel::Spike spike;
        const bool at = s.contains("atSecond");
        const bool every = s.contains("everySeconds");
        if (at == every) {
            return base::Error::invalid(where +
                                        ": give exactly one of atSecond (once) or "
                                        "everySeconds (periodic)");
        }
        auto duration = number(s, "durationSeconds", where, std::nullopt, 0, true);
        if (!duration.ok())
            return duration.error();
        spike.durationSeconds = *duration;
        auto multiplier = number(s, "multiplier", where, std::nullopt, 0, false);
        if (!multiplier.ok())
            return multiplier.error();
        spike.multiplier = *multiplier;
        if (at) {
            if (s.contains("offsetSeconds")) {
                return base::Error::invalid(where +
                                            ": offsetSeconds only applies to "
                                            "everySeconds spikes");
            }
            auto atSecond = number(s, "atSecond", where, std::nullopt, 0, false);
            if (!atSecond.ok())
                return atSecond.error();
            spike.atSecond = *atSecond;
        } else {
            auto period = number(s, "everySeconds", where, std::nullopt, 0, true);
            if (!period.ok())
                return period.error();
            auto offset = number(s, "offsetSeconds", where, 0.0, 0, false);
            if (!offset.ok())
                return offset.error();
            if (!(spike.durationSeconds < *period)) {
                return base::Error::invalid(where +
                                            ": durationSeconds must be shorter than "
                                            "everySeconds, or the spike never ends");
            }
            spike.everySeconds = *period;
            spike.offsetSeconds = *offset;
        }
        out.push_back(spike);
    }
    return out;
}

bool validMetricsPrefix(const std::string& prefix) {
    if (prefix.empty())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        const char c = prefix[i];
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        const bool digit = c >= '0' && c <= '9';
        if (!letter && !(digit && i > 0))
            return false;
    }
    return true;
}

}  // namespace

base::Result<LoadModel> LoadModel::fromJson(const nlohmann::json& input) {
    if (!input.is_object()) {
        return base::Error::invalid("a load must be an object with rate and mix, got " +
                                    input.dump());
    }
    nlohmann::json spec = nlohmann::json::object();
    for (const auto& [key, value] : input.items()) {
        if (!isIgnoredKey(key))
            spec[key] = value;
    }
    if (auto st = checkKeys(spec, "load",
                            {"rate", "rps", "spikes", "mix", "metricsPrefix", "idle",
                             "cpuOvercommit", "queueTimeoutSeconds", "jitter"});
        !st.ok()) {
        return st.error();
    }

    LoadModel model;
    if (spec.contains("rps")) {
        if (spec.contains("rate")) {
            return base::Error::invalid(
                "give either rate or rps, not both (rps: N is short for "
                "rate: {type: constant, rps: N})");
        }
        spec["rate"] = {{"type", "constant"}, {"rps", spec["rps"]}};
        spec.erase("rps");
    }
    if (!spec.contains("rate")) {
        return base::Error::invalid("rate is missing; give e.g. rate: {type: constant, rps: 2}");
    }
    if (spec["rate"].is_number()) {
        spec["rate"] = {{"type", "constant"}, {"rps", spec["rate"]}};
    } else if (spec["rate"].is_object() && !spec["rate"].contains("type") &&
               spec["rate"].contains("rps")) {
        spec["rate"]["type"] = "constant";
    }
    auto rate = parseRate(spec["rate"]);
    if (!rate.ok())
        return rate.error();
    model.m_rate = *rate;

    if (spec.contains("spikes")) {
        auto spikes = parseSpikes(spec["spikes"]);
        if (!spikes.ok())
            return spikes.error();
        model.m_spikes = std::move(spikes.value());
    }

    if (!spec.contains("mix")) {
        return base::Error::invalid(
            "mix is missing; list the operations the workload serves, "
            "e.g. mix: [{name: read, weight: 1, cpu: 50m, memory: 20Mi, "
            "durationSeconds: 0.2}]");
    }
    auto mix = OperationMix::fromJson(spec["mix"]);
    if (!mix.ok())
        return mix.error();
    model.m_mix = std::move(mix.value());

    if (spec.contains("metricsPrefix")) {
        const auto& p = spec["metricsPrefix"];
        if (!p.is_string() || !validMetricsPrefix(p.get<std::string>())) {
            return base::Error::invalid("metricsPrefix: " + p.dump() +
                                        " is not a Prometheus name prefix (letters, digits and "
                                        "_, not starting with a digit)");
        }
        model.m_metricsPrefix = p.get<std::string>();
    }

    if (spec.contains("idle")) {
        const auto& idle = spec["idle"];
        if (!idle.is_object()) {
            return base::Error::invalid("idle: expected {cpu, memory}, got " + idle.dump());
        }
        if (auto st = checkKeys(idle, "idle", {"cpu", "memory"}); !st.ok())
            return st.error();
        if (idle.contains("cpu")) {
            const auto cpu = OperationMix::parseQuantity(idle["cpu"]);
            if (!cpu) {
                return base::Error::invalid("idle.cpu: " + idle["cpu"].dump() +
                                            " is not a CPU quantity (e.g. \"20m\")");
            }
            model.m_idleCpuCores = *cpu;
        }
        if (idle.contains("memory")) {
            const auto memory = OperationMix::parseQuantity(idle["memory"]);
            if (!memory) {
                return base::Error::invalid("idle.memory: " + idle["memory"].dump() +
                                            " is not a memory quantity (e.g. \"150Mi\")");
            }
            model.m_idleMemoryBytes = *memory;
        }
    }

    auto overcommit = number(spec, "cpuOvercommit", "", 1.0, 1.0, false, 100.0);
    if (!overcommit.ok())
        return overcommit.error();
    model.m_cpuOvercommit = *overcommit;
    auto timeout = number(spec, "queueTimeoutSeconds", "", 0.0, 0, false);
    if (!timeout.ok())
        return timeout.error();
    model.m_queueTimeoutSeconds = *timeout;
    auto jitter = number(spec, "jitter", "", 0.0, 0, false, 1.0);
    if (!jitter.ok())
        return jitter.error();
    model.m_jitter = *jitter;

    model.m_spec = std::move(spec);
    return model;
}

base::Result<nlohmann::json> LoadModel::mergeSpec(const nlohmann::json& current,
                                                  const nlohmann::json& update) {
    if (!update.is_object()) {
        return base::Error::invalid("a load update must be an object, got " + update.dump());
    }
    if (update.contains("rps") && update.contains("rate")) {
        return base::Error::invalid("give either rate or rps, not both");
    }
    nlohmann::json merged = current.is_object() ? current : nlohmann::json::object();
    for (const auto& [key, value] : update.items()) {
        if (isIgnoredKey(key))
            continue;
        if (key == "rps")
            merged.erase("rate");
        if (key == "rate")
            merged.erase("rps");
        merged[key] = value;
    }
    auto model = fromJson(merged);
    if (!model.ok())
        return model.error();
    return model->toJson();
}

base::Status LoadModel::setOverride(const nlohmann::json& update) {
    auto merged = mergeSpec(m_spec, update);
    if (!merged.ok())
        return merged.error();
    auto model = fromJson(*merged);
    if (!model.ok())
        return model.error();
    *this = std::move(model.value());
    return {};
}

double LoadModel::baseRequestsPerSecond(double simSeconds, base::UnixMillis wallTimeOfSim) const {
    switch (m_rate.type) {
        case Rate::Type::Constant:
            return m_rate.rps;
        case Rate::Type::Ramp: {
            const double progress = (simSeconds - m_rate.startSecond) / m_rate.durationSeconds;
            const double clamped = std::clamp(progress, 0.0, 1.0);
            return m_rate.fromRps + (m_rate.toRps - m_rate.fromRps) * clamped;
        }
        case Rate::Type::Daily: {
            const double ms = std::fmod(static_cast<double>(wallTimeOfSim), kMillisPerDay);
            const double hour = (ms < 0 ? ms + kMillisPerDay : ms) / 3600000.0;
            const double phase = 2.0 * std::numbers::pi * (hour - m_rate.peakHour) / 24.0;
            return m_rate.baseRps +
                   (m_rate.peakRps - m_rate.baseRps) * 0.5 * (1.0 + std::cos(phase));
        }
    }
    return 0;
}

double LoadModel::spikeMultiplier(double simSeconds) const {
    double factor = 1.0;
    for (const auto& s : m_spikes) {
        bool active = false;
        if (s.atSecond) {
            active = simSeconds >= *s.atSecond && simSeconds < *s.atSecond + s.durationSeconds;
        } else if (simSeconds >= s.offsetSeconds) {
            active = std::fmod(simSeconds - s.offsetSeconds, s.everySeconds) < s.durationSeconds;
        }
        if (active)
            factor *= s.multiplier;
    }
    return factor;
}

double LoadModel::requestsPerSecond(double simSeconds, base::UnixMillis wallTimeOfSim) const {
    return baseRequestsPerSecond(simSeconds, wallTimeOfSim) * spikeMultiplier(simSeconds);
}

}  // namespace scaledeck::sim
