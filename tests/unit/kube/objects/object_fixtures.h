// Test helpers for the object decoders: reading JSON captured from the simulator
// (tests/fixtures/objects/) and building pod JSON in the simulator's exact shape.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace scaledeck::kube::objects::testing {

inline std::string readFixture(std::string_view name) {
    const std::string path =
        std::string(SCALEDECK_SOURCE_DIR) + "/tests/fixtures/objects/" + std::string(name);
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

inline std::vector<std::string> readLines(std::string_view name) {
    std::istringstream in(readFixture(name));
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty())
            lines.push_back(line);
    }
    return lines;
}

// Replaces every occurrence of `from` with `to`.
inline std::string replaceAll(std::string text, std::string_view from, std::string_view to) {
    for (std::size_t pos = text.find(from); pos != std::string::npos;
         pos = text.find(from, pos + to.size())) {
        text.replace(pos, from.size(), to);
    }
    return text;
}

}  // namespace scaledeck::kube::objects::testing
