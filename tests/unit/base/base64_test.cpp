#include "base/base64.h"

#include <gtest/gtest.h>

#include <string>

using scaledeck::base::base64Decode;
using scaledeck::base::base64Encode;
using scaledeck::base::ErrorKind;

namespace {

struct Vector {
    const char* name;
    std::string plain;
    std::string encoded;
};

class Base64Vectors : public testing::TestWithParam<Vector> {};

// RFC 4648 §10 test vectors plus bytes outside ASCII.
INSTANTIATE_TEST_SUITE_P(
    Rfc4648, Base64Vectors,
    testing::Values(Vector{"empty", "", ""}, Vector{"f", "f", "Zg=="}, Vector{"fo", "fo", "Zm8="},
                    Vector{"foo", "foo", "Zm9v"}, Vector{"foob", "foob", "Zm9vYg=="},
                    Vector{"fooba", "fooba", "Zm9vYmE="}, Vector{"foobar", "foobar", "Zm9vYmFy"},
                    Vector{"high_bytes", std::string("\xff\xfe\xfd", 3), "//79"},
                    Vector{"nul_bytes", std::string("\0\0", 2), "AAA="},
                    Vector{"plus_and_slash", std::string("\xfb\xef\xbe", 3), "++++"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_P(Base64Vectors, EncodesAndDecodes) {
    const auto& v = GetParam();
    EXPECT_EQ(base64Encode(v.plain), v.encoded);
    auto decoded = base64Decode(v.encoded);
    ASSERT_TRUE(decoded.ok()) << decoded.error().message;
    EXPECT_EQ(decoded.value(), v.plain);
}

TEST(Base64, EveryByteValueAndLengthRoundTrips) {
    std::string all;
    for (int i = 0; i < 256; ++i)
        all.push_back(static_cast<char>(i));
    for (std::size_t len = 0; len <= all.size(); ++len) {
        const std::string plain = all.substr(all.size() - len);
        const std::string encoded = base64Encode(plain);
        EXPECT_EQ(encoded.size() % 4, 0u);
        EXPECT_EQ(encoded.size(), (len + 2) / 3 * 4);
        auto decoded = base64Decode(encoded);
        ASSERT_TRUE(decoded.ok()) << "length " << len << ": " << decoded.error().message;
        EXPECT_EQ(decoded.value(), plain) << "length " << len;
    }
}

struct BadInput {
    const char* name;
    std::string text;
    std::string message;
};

class Base64BadInput : public testing::TestWithParam<BadInput> {};

INSTANTIATE_TEST_SUITE_P(
    Rejected, Base64BadInput,
    testing::Values(
        BadInput{"punctuation", "Zm9v!A==", "invalid base64 character '!' at position 4"},
        BadInput{"url_alphabet", "Zm-_", "invalid base64 character '-' at position 2"},
        BadInput{"line_break", "Zm9v\nYmFy", "invalid base64 character 0x0A at position 4"},
        BadInput{"space", " Zm9v", "invalid base64 character 0x20 at position 0"},
        BadInput{"non_ascii", "\xc3\xa9Zm9", "invalid base64 character 0xC3 at position 0"},
        BadInput{"truncated", "Zm9vYg",
                 "invalid base64: length 6 is not a multiple of 4 (truncated, or padding '=' "
                 "missing)"},
        BadInput{"unpadded", "Zg", "invalid base64: length 2 is not a multiple of 4"},
        BadInput{"data_after_padding", "Zg=a",
                 "invalid base64: padding '=' at position 2 is followed by data"},
        BadInput{"concatenated",
                 "Zg==Zg==", "invalid base64: padding '=' at position 3 is followed by data"},
        BadInput{"three_pads", "Z===",
                 "invalid base64: 3 padding characters '=' at the end, at most 2 are allowed"},
        BadInput{"only_pads", "====",
                 "invalid base64: 4 padding characters '=' at the end, at most 2 are allowed"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_P(Base64BadInput, IsAParseErrorNamingTheProblem) {
    const auto& bad = GetParam();
    auto decoded = base64Decode(bad.text);
    ASSERT_FALSE(decoded.ok()) << "decoded to " << decoded.value();
    EXPECT_EQ(decoded.error().kind, ErrorKind::Parse);
    EXPECT_EQ(decoded.error().message.rfind(bad.message, 0), 0u) << decoded.error().message;
}

}  // namespace
