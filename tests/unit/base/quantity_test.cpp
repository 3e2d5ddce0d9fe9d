#include "base/quantity.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

using scaledeck::base::humanBytes;
using scaledeck::base::humanCpu;
using scaledeck::base::Quantity;
using Format = Quantity::Format;

namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

Quantity q(const char* text) {
    auto parsed = Quantity::parse(text);
    EXPECT_TRUE(parsed.ok()) << text << ": " << (parsed.ok() ? "" : parsed.error().message);
    return parsed.ok() ? parsed.value() : Quantity();
}

}  // namespace

// What the API server writes back for what was sent, and the values controllers read.
TEST(Quantity, ParsesAndCanonicalisesLikeTheApiServer) {
    struct Row {
        const char* in;
        const char* out;
        std::int64_t milli;
        std::int64_t value;
        Format format;
    } rows[] = {
        // the forms the brief and the runbook use
        {"0", "0", 0, 0, Format::DecimalSI},
        {"500m", "500m", 500, 1, Format::DecimalSI},
        {"1.5", "1500m", 1500, 2, Format::DecimalSI},
        {"512Mi", "512Mi", 536870912000, 536870912, Format::BinarySI},
        {"1e3", "1e3", 1000000, 1000, Format::DecimalExponent},
        {"1E3", "1E3", 1000000, 1000, Format::DecimalExponent},  // kept as typed
        {"123456789n", "123456789n", 124, 1, Format::DecimalSI},
        {"2u", "2u", 1, 1, Format::DecimalSI},
        {"100k", "100k", 100000000, 100000, Format::DecimalSI},
        {"1G", "1G", 1000000000000, 1000000000, Format::DecimalSI},
        {"1Gi", "1Gi", 1073741824000, 1073741824, Format::BinarySI},
        {"+1", "+1", 1000, 1, Format::DecimalSI},  // apimachinery keeps the sign as typed
        {".5", "500m", 500, 1, Format::DecimalSI},
        {"1000m", "1", 1000, 1, Format::DecimalSI},
        {"0.5", "500m", 500, 1, Format::DecimalSI},
        {"1024Mi", "1Gi", 1073741824000, 1073741824, Format::BinarySI},
        {"1536Mi", "1536Mi", 1610612736000, 1610612736, Format::BinarySI},
        {"1.5Gi", "1536Mi", 1610612736000, 1610612736, Format::BinarySI},
        {"0.1", "100m", 100, 1, Format::DecimalSI},
        {"100000000n", "100m", 100, 1, Format::DecimalSI},
        {"1001m", "1001m", 1001, 2, Format::DecimalSI},
        {"1500000", "1500k", 1500000000, 1500000, Format::DecimalSI},
        {"2000Mi", "2000Mi", 2097152000000, 2097152000, Format::BinarySI},
        {"1000m", "1", 1000, 1, Format::DecimalSI},
        {"2000m", "2", 2000, 2, Format::DecimalSI},
        {"4000m", "4", 4000, 4, Format::DecimalSI},
        {"250m", "250m", 250, 1, Format::DecimalSI},
        {"1Ki", "1Ki", 1024000, 1024, Format::BinarySI},
        {"8Ki", "8Ki", 8192000, 8192, Format::BinarySI},
        {"1024Ki", "1Mi", 1048576000, 1048576, Format::BinarySI},
        {"3Ei", "3Ei", kMax, 3458764513820540928, Format::BinarySI},
        // decimal exponents
        {"1.5e3", "1500", 1500000, 1500, Format::DecimalExponent},
        {"1.2e3", "1200", 1200000, 1200, Format::DecimalExponent},
        {"1e-3", "1e-3", 1, 1, Format::DecimalExponent},
        {"1e+3", "1e+3", 1000000, 1000, Format::DecimalExponent},
        {"0.5e-2", "5e-3", 5, 1, Format::DecimalExponent},
        {"1e-12", "1e-9", 1, 1, Format::DecimalExponent},  // rounded up to a nano
        {"12E", "12E", kMax, kMax, Format::DecimalSI},     // saturates int64
        {"1000E", "1e21", kMax, kMax, Format::DecimalSI},  // no suffix beyond E
        // precision below nano rounds up
        {"3.001n", "4n", 1, 1, Format::DecimalSI},
        {"0.0000000001", "1n", 1, 1, Format::DecimalSI},
        {"0.00000012345", "124n", 1, 1, Format::DecimalSI},
        {"0.000000000001Ki", "2n", 1, 1, Format::DecimalSI},  // changes format too
        // BinarySI that is not whole in a binary suffix, or below 1024, shows as DecimalSI
        {".001Ki", "1024m", 1024, 2, Format::BinarySI},
        {".000001Ki", "1024u", 2, 1, Format::DecimalSI},
        {"1.1Ki", "1126400m", 1126400, 1127, Format::BinarySI},
        {"1.5Ki", "1536", 1536000, 1536, Format::BinarySI},
        {"0.5Ki", "512", 512000, 512, Format::BinarySI},
        {"9Ei", "9223372036854775807", kMax, kMax, Format::BinarySI},  // capped at 2^63-1
        // zero in every spelling
        {"0Mi", "0", 0, 0, Format::BinarySI},
        {"0m", "0", 0, 0, Format::DecimalSI},
        {"-0", "0", 0, 0, Format::DecimalSI},
        {"00", "0", 0, 0, Format::DecimalSI},
        {".", "0", 0, 0, Format::DecimalSI},
        // negatives round away from zero
        {"-1.5", "-1500m", -1500, -2, Format::DecimalSI},
        {"-500m", "-500m", -500, -1, Format::DecimalSI},
        {"-1Ki", "-1Ki", -1024000, -1024, Format::BinarySI},
        // text apimachinery considers canonical enough to keep verbatim
        {"1.500", "1.500", 1500, 2, Format::DecimalSI},
        {"01", "01", 1000, 1, Format::DecimalSI},
        {"5.", "5.", 5000, 5, Format::DecimalSI},
        {"1.G", "1.G", 1000000000000, 1000000000, Format::DecimalSI},
        {"100.035k", "100.035k", 100035000, 100035, Format::DecimalSI},
        {"10.5k", "10500", 10500000, 10500, Format::DecimalSI},
        {"1.0", "1", 1000, 1, Format::DecimalSI},
        {"0.001", "1m", 1, 1, Format::DecimalSI},
    };
    for (const auto& r : rows) {
        auto parsed = Quantity::parse(r.in);
        ASSERT_TRUE(parsed.ok()) << r.in << ": " << parsed.error().message;
        EXPECT_EQ(parsed->toString(), r.out) << r.in;
        EXPECT_EQ(parsed->milliValue(), r.milli) << r.in;
        EXPECT_EQ(parsed->value(), r.value) << r.in;
        EXPECT_EQ(parsed->format(), r.format) << r.in;
    }
}

TEST(Quantity, CanonicalFormsParseBackToThemselves) {
    for (const char* in : {"1000m", "0.5", "1024Mi", "1.5Gi", "1e3", "0.1", "100000000n", "1500000",
                           "2000Mi", "1.1Ki", "3.001n", "1000E", "9Ei", "-1.5", "0.5e-2", "1.5e3",
                           "0.000000000001Ki", "123456789n"}) {
        const Quantity first = q(in);
        const std::string canonical = first.toString();
        const Quantity second = q(canonical.c_str());
        EXPECT_EQ(second.toString(), canonical) << in;
        EXPECT_EQ(second, first) << in;
        EXPECT_EQ(second.milliValue(), first.milliValue()) << in;
    }
}

TEST(Quantity, RejectsMalformedText) {
    for (const char* in :
         {"",   "1.2.3",   "Mi",           "5 m",   "1ii",    " 1",    "1 ",    "aoeu", ".5i",
          "1i", "-3.01e-", "1e4294967297", "1.1.M", "1+1.0M", "0.1mi", "0.1am", "+",    "-",
          "e3", "1e",      "1Ki3",         "1KiB",  "1k8",    "one",   "1,5",   "1_000"}) {
        auto parsed = Quantity::parse(in);
        EXPECT_FALSE(parsed.ok()) << '"' << in << '"';
        if (!parsed.ok()) {
            EXPECT_FALSE(parsed.error().message.empty()) << in;
        }
    }
}

TEST(Quantity, ErrorMessagesAreApimachinerys) {
    EXPECT_EQ(Quantity::parse("5 m").error().message,
              "quantities must match the regular expression "
              "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    EXPECT_EQ(Quantity::parse("1ii").error().message, "unable to parse quantity's suffix");
    EXPECT_EQ(Quantity::parse("1.2.3").error().kind, scaledeck::base::ErrorKind::Parse);
}

TEST(Quantity, ComparesByValueAcrossFormats) {
    struct Row {
        const char* a;
        const char* b;
        int expected;  // sign of a - b
    } rows[] = {
        {"0", "0", 0},          {"100m", "50m", 1},     {"50m", "100m", -1},
        {"10000T", "100Gi", 1}, {"1000m", "1", 0},      {"1Gi", "1G", 1},
        {"1Ki", "1024", 0},     {"1e3", "1k", 0},       {"500m", "0.6", -1},
        {"-1", "0", -1},        {"-2", "-1", -1},       {"1n", "0", 1},
        {"1E", "999P", 1},      {"1000E", "1e21", 0},   {"0.5Ki", "512", 0},
        {"9Ei", "7Ei", 1},      {"1.5Gi", "1536Mi", 0}, {"123456789n", "124m", -1},
    };
    for (const auto& r : rows) {
        const Quantity a = q(r.a);
        const Quantity b = q(r.b);
        const int got = a < b ? -1 : (a == b ? 0 : 1);
        EXPECT_EQ(got, r.expected) << r.a << " vs " << r.b;
        EXPECT_EQ(b < a ? -1 : (b == a ? 0 : 1), -r.expected) << r.b << " vs " << r.a;
    }
}

TEST(Quantity, BuildsFromMilliAndBytes) {
    struct MilliRow {
        std::int64_t milli;
        Format format;
        const char* out;
    } milliRows[] = {
        {150, Format::DecimalSI, "150m"},
        {2000, Format::DecimalSI, "2"},
        {1500, Format::DecimalSI, "1500m"},
        {0, Format::DecimalSI, "0"},
        {1000000, Format::DecimalSI, "1k"},
        {-250, Format::DecimalSI, "-250m"},
        {1536000, Format::BinarySI, "1536"},
        {2048000, Format::BinarySI, "2Ki"},
        {500, Format::BinarySI, "500m"},
        {1000, Format::DecimalExponent, "1"},
        {1500000, Format::DecimalExponent, "1500"},
    };
    for (const auto& r : milliRows) {
        const Quantity built = Quantity::fromMilli(r.milli, r.format);
        EXPECT_EQ(built.toString(), r.out) << r.milli;
        EXPECT_EQ(built.milliValue(), r.milli) << r.milli;
        EXPECT_EQ(built.format(), r.format);
    }
    EXPECT_EQ(Quantity::formatMilliDecimal(150), "150m");
    EXPECT_EQ(Quantity::formatMilliDecimal(2000), "2");
    EXPECT_EQ(Quantity::formatMilliDecimal(1001), "1001m");

    struct ByteRow {
        std::int64_t bytes;
        const char* out;
    } byteRows[] = {
        // Below 1024 (and when not whole in Ki..Ei) BinarySI is written as DecimalSI: 1000 is 1k.
        {536870912, "512Mi"}, {1073741824, "1Gi"},           {1000, "1k"},   {1536, "1536"},
        {1572864, "1536Ki"},  {2147483648, "2Gi"},           {1023, "1023"}, {0, "0"},
        {1024, "1Ki"},        {kMax, "9223372036854775807"},
    };
    for (const auto& r : byteRows) {
        EXPECT_EQ(Quantity::fromBytesBinary(r.bytes).toString(), r.out) << r.bytes;
        EXPECT_EQ(Quantity::formatBytesBinary(r.bytes), r.out) << r.bytes;
        EXPECT_EQ(Quantity::fromBytesBinary(r.bytes).value(), r.bytes);
    }
    EXPECT_EQ(Quantity::fromValue(3, Format::DecimalSI).milliValue(), 3000);
}

TEST(Quantity, ConvertsToDouble) {
    EXPECT_DOUBLE_EQ(q("1.5").asDouble(), 1.5);
    EXPECT_DOUBLE_EQ(q("100m").asDouble(), 0.1);
    EXPECT_DOUBLE_EQ(q("512Mi").asDouble(), 536870912.0);
    EXPECT_DOUBLE_EQ(q("-250m").asDouble(), -0.25);
    EXPECT_DOUBLE_EQ(q("1e3").asDouble(), 1000.0);
    EXPECT_DOUBLE_EQ(q("0").asDouble(), 0.0);
}

TEST(Quantity, DefaultIsZero) {
    const Quantity zero;
    EXPECT_TRUE(zero.isZero());
    EXPECT_EQ(zero.sign(), 0);
    EXPECT_EQ(zero.toString(), "0");
    EXPECT_EQ(zero, q("0m"));
    EXPECT_EQ(q("-3m").sign(), -1);
    EXPECT_EQ(q("3m").sign(), 1);
}

TEST(Quantity, FormatsForPeople) {
    struct CpuRow {
        std::int64_t milli;
        const char* out;
    } cpuRows[] = {
        {500, "0.5 cores"},  {1000, "1 core"},     {1500, "1.5 cores"},
        {250, "0.25 cores"}, {0, "0 cores"},       {2000, "2 cores"},
        {5, "0.005 cores"},  {-500, "-0.5 cores"}, {12345, "12.345 cores"},
    };
    for (const auto& r : cpuRows)
        EXPECT_EQ(humanCpu(r.milli), r.out) << r.milli;

    struct ByteRow {
        std::int64_t bytes;
        const char* out;
    } byteRows[] = {
        {536870912, "512 MiB"},
        {1073741824, "1 GiB"},
        {1610612736, "1.5 GiB"},
        {900, "900 B"},
        {0, "0 B"},
        {1024, "1 KiB"},
        {1536, "1.5 KiB"},
        {2097152000, "1.95 GiB"},
        {1048575, "1 MiB"},
        {1100, "1.07 KiB"},
        {-2048, "-2 KiB"},
        {kMax, "8 EiB"},
    };
    for (const auto& r : byteRows)
        EXPECT_EQ(humanBytes(r.bytes), r.out) << r.bytes;
}
