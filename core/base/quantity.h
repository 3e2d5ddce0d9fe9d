// Quantity: a Kubernetes resource quantity ("500m", "512Mi", "1e3") with the semantics of
// apimachinery's resource.Quantity. Parsing accepts what the API server accepts, rounds anything
// finer than a nano-unit up (asking for a little should still get something), caps BinarySI
// values at 2^63-1 and remembers the suffix family (DecimalSI, BinarySI, DecimalExponent).
// toString() writes what the API server writes back: the canonical form, or the text as typed
// when apimachinery keeps it ("1001m", "+1", "1E3"). All arithmetic is exact integer arithmetic;
// no floating point is involved in parsing, comparing or canonicalising.
//
// Deliberate limits: values with more than 38 significant digits after rounding are rejected
// (apimachinery would fall back to arbitrary precision), and a suffix with no number in front
// ("Mi") is rejected as the documented grammar requires, where apimachinery reads it as zero.
// Leading and trailing blanks are rejected like ParseQuantity; the JSON decoder trims them first.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace scaledeck::base {

class Quantity {
public:
    enum class Format { DecimalSI, BinarySI, DecimalExponent };

    Quantity() = default;  // zero, DecimalSI

    static Result<Quantity> parse(std::string_view text);

    // value * 10^-3, shown in `format` (BinarySI falls back to DecimalSI when not whole).
    static Quantity fromMilli(std::int64_t milli, Format format = Format::DecimalSI);
    static Quantity fromValue(std::int64_t value, Format format = Format::DecimalSI);
    static Quantity fromBytesBinary(std::int64_t bytes) {
        return fromValue(bytes, Format::BinarySI);
    }

    // 150 -> "150m", 2000 -> "2", 1500 -> "1500m".
    static std::string formatMilliDecimal(std::int64_t milli);
    // 536870912 -> "512Mi", 1000 -> "1000".
    static std::string formatBytesBinary(std::int64_t bytes);

    // ceil(q * 1000) and ceil(q), rounding away from zero; saturate at the int64 limits.
    std::int64_t milliValue() const;
    std::int64_t value() const;
    double asDouble() const;

    std::string toString() const;
    Format format() const { return m_format; }
    bool isZero() const { return m_mantissa == 0; }
    int sign() const { return m_mantissa == 0 ? 0 : (m_mantissa < 0 ? -1 : 1); }

    // Numeric comparison; the format and the remembered text play no part.
    friend bool operator==(const Quantity& a, const Quantity& b) { return compare(a, b) == 0; }
    friend std::strong_ordering operator<=>(const Quantity& a, const Quantity& b) {
        return compare(a, b) <=> 0;
    }

    __extension__ typedef __int128 Int128;

private:
    static int compare(const Quantity& a, const Quantity& b);
    static Quantity make(Int128 mantissa, std::int64_t exponent, Format format);
    std::string canonical() const;

    // value = m_mantissa * 10^m_exponent; the mantissa carries no trailing decimal zeros and
    // the exponent is never below -9 (nano), so equal values have equal representations.
    Int128 m_mantissa = 0;
    std::int64_t m_exponent = 0;
    Format m_format = Format::DecimalSI;
    std::string m_verbatim;  // the parsed text, when apimachinery would serialise it unchanged
};

const char* toString(Quantity::Format format);

// For people, not for the API: "0.5 cores", "1 core", "2.25 cores".
std::string humanCpu(std::int64_t milli);
// Binary units with up to two decimals: "512 MiB", "1.5 GiB", "900 B".
std::string humanBytes(std::int64_t bytes);

}  // namespace scaledeck::base
