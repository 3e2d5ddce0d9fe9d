// IntOrPercent: an intstr.IntOrString as Kubernetes uses it for bounds (PDB minAvailable and
// maxUnavailable, rolling-update maxSurge and maxUnavailable): a count, a percentage, or unset
// (kubectl prints "N/A"). A string that is not a percentage is rejected by the API server's
// validation, so the decoder treats it as malformed input.
#pragma once

#include <cstdint>
#include <string>

namespace scaledeck::kube::objects {

struct IntOrPercent {
    enum class Kind : std::uint8_t { Unset, Int, Percent };

    Kind kind = Kind::Unset;
    std::int32_t value = 0;  // the count, or the percentage (25 for "25%")

    static IntOrPercent count(std::int32_t n) { return {Kind::Int, n}; }
    static IntOrPercent percent(std::int32_t p) { return {Kind::Percent, p}; }

    bool isSet() const { return kind != Kind::Unset; }
    // "2", "25%", or "N/A" when unset, as kubectl's tables print it.
    std::string toString() const {
        switch (kind) {
            case Kind::Int:
                return std::to_string(value);
            case Kind::Percent:
                return std::to_string(value) + "%";
            case Kind::Unset:
                break;
        }
        return "N/A";
    }

    friend bool operator==(const IntOrPercent&, const IntOrPercent&) = default;
};

}  // namespace scaledeck::kube::objects
