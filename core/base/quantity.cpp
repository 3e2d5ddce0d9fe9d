#include "base/quantity.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <utility>

namespace scaledeck::base {
namespace {

using Int128 = Quantity::Int128;
using Format = Quantity::Format;

// apimachinery's three parse errors, word for word: the API server echoes them to kubectl.
constexpr const char* kErrFormatWrong =
    "quantities must match the regular expression "
    "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
constexpr const char* kErrNumeric = "unable to parse numeric part of quantity";
constexpr const char* kErrSuffix = "unable to parse quantity's suffix";

constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kInt64Min = std::numeric_limits<std::int64_t>::min();
constexpr int kNanoExponent = -9;
constexpr std::size_t kMaxDigits = 38;  // 10^38 - 1 is the largest all-nines value in int128

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

Int128 abs128(Int128 v) {
    return v < 0 ? -v : v;
}

Int128 pow10(int n) {
    Int128 r = 1;
    for (int i = 0; i < n; ++i)
        r *= 10;
    return r;
}

int digitCount(Int128 v) {
    v = abs128(v);
    int n = 0;
    do {
        ++n;
        v /= 10;
    } while (v != 0);
    return n;
}

std::string int128ToString(Int128 v) {
    if (v == 0)
        return "0";
    const bool negative = v < 0;
    std::string out;
    while (v != 0) {
        const int digit = static_cast<int>(v % 10);
        out.push_back(static_cast<char>('0' + (digit < 0 ? -digit : digit)));
        v /= 10;
    }
    if (negative)
        out.push_back('-');
    std::reverse(out.begin(), out.end());
    return out;
}

std::int64_t floorDiv3(std::int64_t e) {
    return e >= 0 ? e / 3 : -((-e + 2) / 3);
}

// strconv.ParseInt(s, 10, 64) limited to the int32 exponent range apimachinery accepts.
bool parseExponent(std::string_view s, std::int64_t& out) {
    std::size_t i = 0;
    bool negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        negative = s[i] == '-';
        ++i;
    }
    if (i == s.size())
        return false;
    std::int64_t v = 0;
    for (; i < s.size(); ++i) {
        if (!isDigit(s[i]))
            return false;
        v = v * 10 + (s[i] - '0');
        if (v > std::numeric_limits<std::int32_t>::max())
            return false;
    }
    out = negative ? -v : v;
    return true;
}

struct Suffix {
    int base = 10;
    std::int64_t exponent = 0;
    Format format = Format::DecimalSI;
};

std::optional<Suffix> interpretSuffix(std::string_view s) {
    static constexpr std::array<std::pair<std::string_view, int>, 10> kDecimal = {{
        {"", 0},
        {"n", -9},
        {"u", -6},
        {"m", -3},
        {"k", 3},
        {"M", 6},
        {"G", 9},
        {"T", 12},
        {"P", 15},
        {"E", 18},
    }};
    static constexpr std::array<std::pair<std::string_view, int>, 6> kBinary = {{
        {"Ki", 10},
        {"Mi", 20},
        {"Gi", 30},
        {"Ti", 40},
        {"Pi", 50},
        {"Ei", 60},
    }};
    for (const auto& [name, exp] : kDecimal) {
        if (s == name)
            return Suffix{10, exp, Format::DecimalSI};
    }
    for (const auto& [name, exp] : kBinary) {
        if (s == name)
            return Suffix{2, exp, Format::BinarySI};
    }
    if (s.size() > 1 && (s[0] == 'e' || s[0] == 'E')) {
        std::int64_t exp = 0;
        if (parseExponent(s.substr(1), exp))
            return Suffix{10, exp, Format::DecimalExponent};
    }
    return std::nullopt;
}

// Decimal digit strings stand in for apimachinery's big decimals on the slow path.
void multiplyDigits(std::string& digits, int factor) {
    int carry = 0;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        const int v = (*it - '0') * factor + carry;
        *it = static_cast<char>('0' + v % 10);
        carry = v / 10;
    }
    while (carry > 0) {
        digits.insert(digits.begin(), static_cast<char>('0' + carry % 10));
        carry /= 10;
    }
}

void incrementDigits(std::string& digits) {
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        if (*it != '9') {
            ++*it;
            return;
        }
        *it = '0';
    }
    digits.insert(digits.begin(), '1');
}

void stripLeadingZeros(std::string& digits) {
    const auto first = digits.find_first_not_of('0');
    digits.erase(0, first == std::string::npos ? digits.size() : first);
}

std::int64_t stripTrailingZeros(std::string& digits) {
    std::int64_t n = 0;
    while (!digits.empty() && digits.back() == '0') {
        digits.pop_back();
        ++n;
    }
    return n;
}

Int128 digitsToInt128(std::string_view digits) {
    Int128 v = 0;
    for (char c : digits)
        v = v * 10 + (c - '0');
    return v;
}

// ceil(|mantissa| * 10^exponent) with the sign put back, saturating at the int64 limits:
// apimachinery's ScaledValue rounds away from zero the same way.
std::int64_t scaledCeil(Int128 mantissa, std::int64_t exponent) {
    if (mantissa == 0)
        return 0;
    const bool negative = mantissa < 0;
    const Int128 magnitude = abs128(mantissa);
    const Int128 limit = negative ? -static_cast<Int128>(kInt64Min) : kInt64Max;
    Int128 result = 0;
    if (exponent >= 0) {
        if (exponent > 19) {
            result = limit;
        } else {
            const Int128 p = pow10(static_cast<int>(exponent));
            result = magnitude > limit / p ? limit : magnitude * p;
        }
    } else if (-exponent > static_cast<std::int64_t>(kMaxDigits)) {
        result = 1;  // magnitude < 10^38: anything non-zero rounds up to one unit
    } else {
        const Int128 p = pow10(static_cast<int>(-exponent));
        result = magnitude / p + (magnitude % p != 0 ? 1 : 0);
    }
    return negative ? static_cast<std::int64_t>(-result) : static_cast<std::int64_t>(result);
}

}  // namespace

const char* toString(Quantity::Format format) {
    switch (format) {
        case Format::DecimalSI:
            return "DecimalSI";
        case Format::BinarySI:
            return "BinarySI";
        case Format::DecimalExponent:
            return "DecimalExponent";
    }
    return "DecimalSI";
}

Quantity Quantity::make(Int128 mantissa, std::int64_t exponent, Format format) {
    Quantity q;
    q.m_format = format;
    if (mantissa == 0)
        return q;
    while (mantissa % 10 == 0) {
        mantissa /= 10;
        ++exponent;
    }
    q.m_mantissa = mantissa;
    q.m_exponent = exponent;
    return q;
}

Result<Quantity> Quantity::parse(std::string_view text) {
    if (text.empty())
        return Error::parse(kErrFormatWrong);
    if (text == "0") {
        Quantity zero;
        zero.m_verbatim = "0";
        return zero;
    }

    // The scanner mirrors apimachinery's parseQuantityString.
    const std::size_t end = text.size();
    std::size_t pos = 0;
    bool positive = true;
    if (text[0] == '-' || text[0] == '+') {
        positive = text[0] == '+';
        ++pos;
    }
    const std::size_t numberStart = pos;
    while (pos < end && text[pos] == '0')
        ++pos;
    const std::size_t numStart = pos;
    while (pos < end && isDigit(text[pos]))
        ++pos;
    std::string num(text.substr(numStart, pos - numStart));
    std::string denom;
    if (pos < end && text[pos] == '.') {
        ++pos;
        const std::size_t denomStart = pos;
        while (pos < end && isDigit(text[pos]))
            ++pos;
        denom = std::string(text.substr(denomStart, pos - denomStart));
    }
    if (pos == numberStart)
        return Error::parse(kErrFormatWrong);  // "Mi", "+", "e3"
    const std::size_t suffixStart = pos;
    while (pos < end &&
           std::string_view("eEinumkKMGTP").find(text[pos]) != std::string_view::npos) {
        ++pos;
    }
    if (pos < end && (text[pos] == '-' || text[pos] == '+'))
        ++pos;
    while (pos < end && isDigit(text[pos]))
        ++pos;
    if (pos != end)
        return Error::parse(kErrFormatWrong);
    if (num.empty())
        num = "0";

    const auto suffix = interpretSuffix(text.substr(suffixStart));
    if (!suffix)
        return Error::parse(kErrSuffix);
    const bool binary = suffix->format == Format::BinarySI;
    const auto denomLen = static_cast<std::int64_t>(denom.size());

    // apimachinery keeps the text as typed when its int64 fast path applies and the text is
    // already canonical by its (loose) test; kubectl then sees exactly what it sent.
    bool keepText = false;
    if (binary) {
        const std::int64_t precision =
            14 - static_cast<std::int64_t>(num.size()) - suffix->exponent * 3 / 10;
        if (denom.empty() && precision >= 0) {
            const Int128 value = digitsToInt128(num);
            const Int128 scaled = value << suffix->exponent;
            keepText = scaled <= kInt64Max && (value & 7) != 0;
        }
    } else {
        const std::int64_t precision = 18 - static_cast<std::int64_t>(num.size() + denom.size());
        const std::int64_t scale = suffix->exponent - denomLen;
        if (precision >= 0 && scale >= kNanoExponent) {
            const std::string shifted = num + denom;
            const bool endsInThousand =
                shifted.size() >= 3 && shifted.compare(shifted.size() - 3, 3, "000") == 0;
            keepText = scale % 3 == 0 && !endsInThousand && shifted[0] != '0';
        }
    }

    // The exact value: digits * 10^exponent (* 2^binaryExponent).
    std::string digits = num + denom;
    std::int64_t exponent = (binary ? 0 : suffix->exponent) - denomLen;
    if (binary) {
        for (std::int64_t i = 0; i < suffix->exponent / 10; ++i)
            multiplyDigits(digits, 1024);
    }
    stripLeadingZeros(digits);
    if (digits.empty()) {
        Quantity zero;
        zero.m_format = suffix->format;
        return zero;
    }
    exponent += stripTrailingZeros(digits);
    if (exponent < kNanoExponent) {
        // Finer than a nano-unit: round the magnitude up, as apimachinery does.
        const std::int64_t drop = kNanoExponent - exponent;
        if (drop >= static_cast<std::int64_t>(digits.size())) {
            digits = "1";
        } else {
            digits.resize(digits.size() - static_cast<std::size_t>(drop));
            incrementDigits(digits);  // the dropped digits end in a non-zero digit
        }
        exponent = kNanoExponent;
        exponent += stripTrailingZeros(digits);
    }

    Format format = suffix->format;
    const std::int64_t integerDigits = static_cast<std::int64_t>(digits.size()) + exponent;
    if (binary) {
        // BinarySI is capped at 2^63-1, like apimachinery's maxAllowed.
        bool capped = integerDigits > 19;
        if (!capped) {
            const Int128 m = digitsToInt128(digits);  // at most 28 digits here
            capped = exponent >= 0
                         ? m * pow10(static_cast<int>(exponent)) > kInt64Max
                         : m > static_cast<Int128>(kInt64Max) * pow10(static_cast<int>(-exponent));
        }
        if (capped) {
            digits = std::to_string(kInt64Max);
            exponent = 0;
        } else if (integerDigits <= 0) {
            format = Format::DecimalSI;  // 0 < |v| < 1 has no binary spelling
        }
    }
    if (digits.size() > kMaxDigits) {
        return Error::parse(std::string(kErrNumeric) + ": more than 38 significant digits");
    }

    Int128 mantissa = digitsToInt128(digits);
    if (!positive)
        mantissa = -mantissa;
    Quantity q = make(mantissa, exponent, format);
    if (keepText)
        q.m_verbatim = std::string(text);
    return q;
}

Quantity Quantity::fromMilli(std::int64_t milli, Format format) {
    return make(milli, -3, format);
}

Quantity Quantity::fromValue(std::int64_t value, Format format) {
    return make(value, 0, format);
}

std::string Quantity::formatMilliDecimal(std::int64_t milli) {
    return fromMilli(milli).toString();
}

std::string Quantity::formatBytesBinary(std::int64_t bytes) {
    return fromBytesBinary(bytes).toString();
}

std::string Quantity::toString() const {
    return m_verbatim.empty() ? canonical() : m_verbatim;
}

std::string Quantity::canonical() const {
    if (m_mantissa == 0)
        return "0";
    Format format = m_format;
    if (format == Format::BinarySI) {
        const bool small =
            compare(make(abs128(m_mantissa), m_exponent, format), fromValue(1024)) < 0;
        if (small || m_exponent < 0) {
            format = Format::DecimalSI;  // below 1024, or not whole: show it exactly in decimal
        } else {
            Int128 v = m_mantissa * pow10(static_cast<int>(m_exponent));
            static constexpr std::array<const char*, 7> kSuffixes = {"",   "Ki", "Mi", "Gi",
                                                                     "Ti", "Pi", "Ei"};
            std::size_t times = 0;
            while (times + 1 < kSuffixes.size() && abs128(v) >= 1024 && v % 1024 == 0) {
                v /= 1024;
                ++times;
            }
            return int128ToString(v) + kSuffixes[times];
        }
    }
    // Decimal: move the exponent down to a multiple of three, padding the mantissa with zeros.
    const std::int64_t e3 = floorDiv3(m_exponent) * 3;
    std::string out = int128ToString(m_mantissa);
    out.append(static_cast<std::size_t>(m_exponent - e3), '0');
    if (format == Format::DecimalExponent) {
        return e3 == 0 ? out : out + "e" + std::to_string(e3);
    }
    switch (e3) {
        case -9:
            return out + "n";
        case -6:
            return out + "u";
        case -3:
            return out + "m";
        case 0:
            return out;
        case 3:
            return out + "k";
        case 6:
            return out + "M";
        case 9:
            return out + "G";
        case 12:
            return out + "T";
        case 15:
            return out + "P";
        case 18:
            return out + "E";
        default:
            return out + "e" + std::to_string(e3);  // beyond E: exponent notation
    }
}

std::int64_t Quantity::milliValue() const {
    return scaledCeil(m_mantissa, m_exponent + 3);
}

std::int64_t Quantity::value() const {
    return scaledCeil(m_mantissa, m_exponent);
}

double Quantity::asDouble() const {
    const double m = static_cast<double>(m_mantissa);
    if (m_exponent >= 0)
        return m * std::pow(10.0, static_cast<double>(m_exponent));
    return m / std::pow(10.0, static_cast<double>(-m_exponent));
}

int Quantity::compare(const Quantity& a, const Quantity& b) {
    const int sa = a.sign();
    const int sb = b.sign();
    if (sa != sb)
        return sa < sb ? -1 : 1;
    if (sa == 0)
        return 0;
    // Same sign: compare magnitudes by order of magnitude first, then aligned mantissas.
    const std::int64_t orderA = digitCount(a.m_mantissa) + a.m_exponent;
    const std::int64_t orderB = digitCount(b.m_mantissa) + b.m_exponent;
    if (orderA != orderB)
        return (orderA < orderB ? -1 : 1) * sa;
    const std::int64_t minExp = std::min(a.m_exponent, b.m_exponent);
    const Int128 ma = abs128(a.m_mantissa) * pow10(static_cast<int>(a.m_exponent - minExp));
    const Int128 mb = abs128(b.m_mantissa) * pow10(static_cast<int>(b.m_exponent - minExp));
    if (ma == mb)
        return 0;
    return (ma < mb ? -1 : 1) * sa;
}

std::string humanCpu(std::int64_t milli) {
    const bool negative = milli < 0;
    const std::uint64_t magnitude =
        negative ? 0 - static_cast<std::uint64_t>(milli) : static_cast<std::uint64_t>(milli);
    std::string out = std::to_string(magnitude / 1000);
    if (const std::uint64_t frac = magnitude % 1000; frac != 0) {
        std::string f = std::to_string(frac);
        f.insert(0, 3 - f.size(), '0');
        while (f.back() == '0')
            f.pop_back();
        out += "." + f;
    }
    return (negative ? "-" : "") + out + (magnitude == 1000 ? " core" : " cores");
}

std::string humanBytes(std::int64_t bytes) {
    static constexpr std::array<const char*, 7> kUnits = {"B",   "KiB", "MiB", "GiB",
                                                          "TiB", "PiB", "EiB"};
    const bool negative = bytes < 0;
    const Int128 magnitude = abs128(static_cast<Int128>(bytes));
    std::size_t unit = 0;
    while (unit + 1 < kUnits.size() && magnitude >= (static_cast<Int128>(1) << (10 * (unit + 1)))) {
        ++unit;
    }
    // Hundredths, rounded half up; a value that rounds to 1024 moves to the next unit.
    Int128 divisor = static_cast<Int128>(1) << (10 * unit);
    Int128 hundredths = (magnitude * 100 + divisor / 2) / divisor;
    if (hundredths >= 102400 && unit + 1 < kUnits.size()) {
        ++unit;
        divisor = static_cast<Int128>(1) << (10 * unit);
        hundredths = (magnitude * 100 + divisor / 2) / divisor;
    }
    std::string out = int128ToString(hundredths / 100);
    if (const int frac = static_cast<int>(hundredths % 100); frac != 0) {
        out += frac % 10 == 0 ? "." + std::to_string(frac / 10)
                              : (frac < 10 ? ".0" : ".") + std::to_string(frac);
    }
    return (negative ? "-" : "") + out + " " + kUnits[unit];
}

}  // namespace scaledeck::base
