// nonEmptyLines: a program's output or a table as its non-empty lines, for tests and benches
// that compare what a CLI printed line by line.
#pragma once

#include <sstream>
#include <string>
#include <vector>

namespace scaledeck::test {

inline std::vector<std::string> nonEmptyLines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty())
            out.push_back(line);
    }
    return out;
}

}  // namespace scaledeck::test
