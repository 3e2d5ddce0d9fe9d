// TablePrinter: text columns laid out the way kubectl's human-readable printer lays them out
// (Go's text/tabwriter with kubectl's settings: minimum cell width 6, padding 3, spaces): every
// column but the last is as wide as its widest cell plus 3 spaces, at least 6; the last column
// is not padded, so no line ends in spaces. Widths count Unicode code points, as tabwriter
// counts runes.
// Cells come from the cluster and are untrusted: escape() turns control characters into visible
// text ("^[" for ESC and "\r" for a carriage return, as kubectl's EscapeTerminal does; other
// control characters, newlines included, become "\n", "\t" or "^X"), so an object cannot move
// the cursor, recolour the terminal or forge a row. addRow() escapes; so does the constructor.
// Not thread-safe; a value.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace scaledeck::cli {

class TablePrinter final {
public:
    static constexpr std::size_t kMinWidth = 6;
    static constexpr std::size_t kPadding = 3;

    explicit TablePrinter(std::vector<std::string> headers);

    // A row with fewer cells than headers is completed with empty cells; extra cells are kept.
    void addRow(std::vector<std::string> cells);
    std::size_t rowCount() const { return m_rows.size() - 1; }

    // The header line and every row, each ending in '\n', appended to `out`.
    void render(std::string& out) const;
    std::string render() const;

    static std::string escape(std::string_view cell);
    static std::size_t displayWidth(std::string_view text);

private:
    std::vector<std::vector<std::string>> m_rows;  // the header first
};

}  // namespace scaledeck::cli
