#include "cli/table_printer.h"

#include <algorithm>

namespace scaledeck::cli {

TablePrinter::TablePrinter(std::vector<std::string> headers) {
    for (auto& header : headers)
        header = escape(header);
    m_rows.push_back(std::move(headers));
}

void TablePrinter::addRow(std::vector<std::string> cells) {
    for (auto& cell : cells) {
        // Most cells are plain names and numbers: only copy when something needs escaping.
        if (std::any_of(cell.begin(), cell.end(),
                        [](unsigned char c) { return c < 0x20 || c == 0x7f; }))
            cell = escape(cell);
    }
    if (cells.size() < m_rows.front().size())
        cells.resize(m_rows.front().size());
    m_rows.push_back(std::move(cells));
}

void TablePrinter::render(std::string& out) const {
    std::size_t columns = 0;
    for (const auto& row : m_rows)
        columns = std::max(columns, row.size());
    // Width of every column but the last; the last one is never padded.
    std::vector<std::size_t> widths(columns, 0);
    for (const auto& row : m_rows) {
        for (std::size_t c = 0; c + 1 < row.size(); ++c)
            widths[c] = std::max(widths[c], displayWidth(row[c]));
    }
    for (auto& width : widths)
        width = std::max(width + kPadding, kMinWidth);

    std::size_t estimate = 0;
    for (std::size_t c = 0; c < columns; ++c)
        estimate += widths[c];
    out.reserve(out.size() + m_rows.size() * (estimate + 16));
    for (const auto& row : m_rows) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            out += row[c];
            if (c + 1 < row.size())
                out.append(widths[c] - displayWidth(row[c]), ' ');
        }
        out += '\n';
    }
}

std::string TablePrinter::render() const {
    std::string out;
    render(out);
    return out;
}

std::string TablePrinter::escape(std::string_view cell) {
    std::string out;
    out.reserve(cell.size());
    for (const char ch : cell) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= 0x20 && c != 0x7f) {
            out += ch;
            continue;
        }
        switch (c) {
            case 0x1b:
                out += "^[";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            case 0x7f:
                out += "^?";
                break;
            default:
                out += '^';
                out += static_cast<char>(c + 0x40);
                break;
        }
    }
    return out;
}

std::size_t TablePrinter::displayWidth(std::string_view text) {
    // Code points: every byte that does not continue a UTF-8 sequence.
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

}  // namespace scaledeck::cli
