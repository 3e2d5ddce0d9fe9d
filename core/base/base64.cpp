#include "base/base64.h"

#include <array>
#include <cstdint>
#include <cstdio>

namespace scaledeck::base {

namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr int kInvalid = -1;
constexpr int kPad = -2;

constexpr std::array<int, 256> makeDecodeTable() {
    std::array<int, 256> table{};
    for (auto& v : table)
        v = kInvalid;
    for (std::size_t i = 0; i < kAlphabet.size(); ++i)
        table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int>(i);
    table[static_cast<unsigned char>('=')] = kPad;
    return table;
}

constexpr std::array<int, 256> kDecode = makeDecodeTable();

// Control bytes and non-ASCII would garble the message if printed raw.
std::string describeChar(unsigned char c) {
    if (c >= 0x21 && c <= 0x7e)
        return std::string("'") + static_cast<char>(c) + "'";
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", c);
    return buf;
}

}  // namespace

std::string base64Encode(std::string_view data) {
    std::string out;
    out.reserve((data.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= data.size(); i += 3) {
        const std::uint32_t n =
            (static_cast<std::uint32_t>(static_cast<unsigned char>(data[i])) << 16) |
            (static_cast<std::uint32_t>(static_cast<unsigned char>(data[i + 1])) << 8) |
            static_cast<std::uint32_t>(static_cast<unsigned char>(data[i + 2]));
        out.push_back(kAlphabet[(n >> 18) & 0x3f]);
        out.push_back(kAlphabet[(n >> 12) & 0x3f]);
        out.push_back(kAlphabet[(n >> 6) & 0x3f]);
        out.push_back(kAlphabet[n & 0x3f]);
    }
    const std::size_t rest = data.size() - i;
    if (rest > 0) {
        std::uint32_t n = static_cast<std::uint32_t>(static_cast<unsigned char>(data[i])) << 16;
        if (rest == 2)
            n |= static_cast<std::uint32_t>(static_cast<unsigned char>(data[i + 1])) << 8;
        out.push_back(kAlphabet[(n >> 18) & 0x3f]);
        out.push_back(kAlphabet[(n >> 12) & 0x3f]);
        out.push_back(rest == 2 ? kAlphabet[(n >> 6) & 0x3f] : '=');
        out.push_back('=');
    }
    return out;
}

Result<std::string> base64Decode(std::string_view text) {
    // Characters are checked before the length so a stray character (the likelier mistake) is
    // what the message points at.
    std::size_t padding = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        const int v = kDecode[c];
        if (v == kInvalid) {
            return Error::parse("invalid base64 character " + describeChar(c) + " at position " +
                                std::to_string(i));
        }
        if (v == kPad) {
            ++padding;
        } else if (padding > 0) {
            return Error::parse("invalid base64: padding '=' at position " + std::to_string(i - 1) +
                                " is followed by data");
        }
    }
    if (text.size() % 4 != 0) {
        return Error::parse("invalid base64: length " + std::to_string(text.size()) +
                            " is not a multiple of 4 (truncated, or padding '=' missing)");
    }
    if (padding > 2) {
        return Error::parse("invalid base64: " + std::to_string(padding) +
                            " padding characters '=' at the end, at most 2 are allowed");
    }

    std::string out;
    out.reserve(text.size() / 4 * 3);
    for (std::size_t i = 0; i < text.size(); i += 4) {
        std::uint32_t n = 0;
        int present = 0;
        for (std::size_t k = 0; k < 4; ++k) {
            const int v = kDecode[static_cast<unsigned char>(text[i + k])];
            n <<= 6;
            if (v >= 0) {
                n |= static_cast<std::uint32_t>(v);
                ++present;
            }
        }
        out.push_back(static_cast<char>((n >> 16) & 0xff));
        if (present >= 3)
            out.push_back(static_cast<char>((n >> 8) & 0xff));
        if (present == 4)
            out.push_back(static_cast<char>(n & 0xff));
    }
    return out;
}

}  // namespace scaledeck::base
