#include "sim/operation_mix.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <set>
#include <string_view>
#include <utility>

namespace scaledeck::sim {
namespace {

std::optional<double> suffixMultiplier(std::string_view suffix) {
    static const std::pair<std::string_view, double> kSuffixes[] = {
        {"", 1.0},
        {"n", 1e-9},
        {"u", 1e-6},
        {"m", 1e-3},
        {"k", 1e3},
        {"M", 1e6},
        {"G", 1e9},
        {"T", 1e12},
        {"P", 1e15},
        {"E", 1e18},
        {"Ki", 1024.0},
        {"Mi", 1024.0 * 1024.0},
        {"Gi", 1024.0 * 1024.0 * 1024.0},
        {"Ti", 1024.0 * 1024.0 * 1024.0 * 1024.0},
        {"Pi", 1024.0 * 1024.0 * 1024.0 * 1024.0 * 1024.0},
        {"Ei", 1024.0 * 1024.0 * 1024.0 * 1024.0 * 1024.0 * 1024.0},
    };
    for (const auto& [text, factor] : kSuffixes) {
        if (suffix == text)
            return factor;
    }
    // Decimal exponent form: "1e3", "5E-1".
    if (suffix.size() >= 2 && (suffix[0] == 'e' || suffix[0] == 'E')) {
        std::string_view exponent = suffix.substr(1);
        if (!exponent.empty() && exponent[0] == '+')
            exponent.remove_prefix(1);
        int value = 0;
        const auto [end, ec] =
            std::from_chars(exponent.data(), exponent.data() + exponent.size(), value);
        if (ec == std::errc() && end == exponent.data() + exponent.size()) {
            return std::pow(10.0, value);
        }
    }
    return std::nullopt;
}

std::optional<double> parseQuantityText(std::string_view text) {
    if (!text.empty() && text[0] == '+')
        text.remove_prefix(1);
    std::size_t end = 0;
    int dots = 0;
    int digits = 0;
    while (end < text.size() &&
           (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '.')) {
        if (text[end] == '.')
            ++dots;
        else
            ++digits;
        ++end;
    }
    if (digits == 0 || dots > 1)
        return std::nullopt;
    double number = 0;
    const auto [numberEnd, ec] = std::from_chars(text.data(), text.data() + end, number);
    if (ec != std::errc() || numberEnd != text.data() + end)
        return std::nullopt;
    const auto factor = suffixMultiplier(text.substr(end));
    if (!factor)
        return std::nullopt;
    const double value = number * *factor;
    if (!std::isfinite(value))
        return std::nullopt;
    return value;
}

std::string describe(const nlohmann::json& value) {
    return value.is_string() ? "\"" + value.get<std::string>() + "\"" : value.dump();
}

}  // namespace

std::optional<double> OperationMix::parseQuantity(const nlohmann::json& value) {
    if (value.is_number()) {
        const double v = value.get<double>();
        if (!std::isfinite(v) || v < 0)
            return std::nullopt;
        return v;
    }
    if (!value.is_string())
        return std::nullopt;
    return parseQuantityText(value.get<std::string>());
}

base::Result<OperationMix> OperationMix::fromJson(const nlohmann::json& mix) {
    if (!mix.is_array() || mix.empty()) {
        return base::Error::invalid(
            "mix: expected a non-empty list of operations "
            "({name, weight, cpu, memory, durationSeconds})");
    }
    OperationMix out;
    std::set<std::string> names;
    for (std::size_t i = 0; i < mix.size(); ++i) {
        const std::string where = "mix[" + std::to_string(i) + "]";
        const auto& entry = mix[i];
        if (!entry.is_object()) {
            return base::Error::invalid(where + ": expected {name, weight, cpu, memory, " +
                                        "durationSeconds}, got " + entry.dump());
        }
        for (const auto& [key, value] : entry.items()) {
            (void)value;
            if (key != "name" && key != "weight" && key != "cpu" && key != "memory" &&
                key != "durationSeconds") {
                return base::Error::invalid(where + ": unknown field \"" + key +
                                            "\"; known fields are name, weight, cpu, memory, "
                                            "durationSeconds");
            }
        }
        Operation op;
        if (!entry.contains("name") || !entry["name"].is_string() ||
            entry["name"].get<std::string>().empty()) {
            return base::Error::invalid(where + ".name: give the operation a name");
        }
        op.name = entry["name"].get<std::string>();
        if (!names.insert(op.name).second) {
            return base::Error::invalid(where + ".name: \"" + op.name +
                                        "\" appears twice; operation names must be unique");
        }
        const auto number = [&](const char* key, bool mustBePositive) -> std::optional<double> {
            if (!entry.contains(key) || !entry[key].is_number())
                return std::nullopt;
            const double v = entry[key].get<double>();
            if (!std::isfinite(v) || v < 0 || (mustBePositive && v == 0))
                return std::nullopt;
            return v;
        };
        const auto weight = number("weight", false);
        if (!weight) {
            return base::Error::invalid(where + ".weight: expected a number >= 0, got " +
                                        entry.value("weight", nlohmann::json()).dump());
        }
        op.weight = *weight;
        const auto duration = number("durationSeconds", true);
        if (!duration) {
            return base::Error::invalid(where + ".durationSeconds: expected a number > 0, got " +
                                        entry.value("durationSeconds", nlohmann::json()).dump());
        }
        op.durationSeconds = *duration;
        const auto cpu = entry.contains("cpu") ? parseQuantity(entry["cpu"]) : std::nullopt;
        if (!cpu) {
            return base::Error::invalid(
                where + ".cpu: " + describe(entry.value("cpu", nlohmann::json())) +
                " is not a CPU quantity; write it like \"50m\" or 0.5 (cores)");
        }
        op.cpuCores = *cpu;
        const auto memory =
            entry.contains("memory") ? parseQuantity(entry["memory"]) : std::nullopt;
        if (!memory) {
            return base::Error::invalid(
                where + ".memory: " + describe(entry.value("memory", nlohmann::json())) +
                " is not a memory quantity; write it like \"50Mi\" or a number of bytes");
        }
        op.memoryBytes = *memory;
        out.m_totalWeight += op.weight;
        out.m_operations.push_back(std::move(op));
    }
    if (!(out.m_totalWeight > 0)) {
        return base::Error::invalid(
            "mix: every weight is 0; at least one operation needs a "
            "positive weight");
    }
    return out;
}

double OperationMix::fraction(std::size_t i) const {
    if (i >= m_operations.size() || m_totalWeight <= 0)
        return 0;
    return m_operations[i].weight / m_totalWeight;
}

double OperationMix::averageWorkCoreSeconds() const {
    double work = 0;
    for (std::size_t i = 0; i < m_operations.size(); ++i) {
        work += fraction(i) * m_operations[i].workCoreSeconds();
    }
    return work;
}

}  // namespace scaledeck::sim
