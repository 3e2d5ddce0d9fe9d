// RowPrinter<Row>: rows of one kind, in the order given, as the text of one output format —
// a kubectl-style table (ColumnsFor<Row>, with NAMESPACE in front for -A), kubectl's `-o name`
// lines ("deployment.apps/web"), or ScaleDeck's JSON document (RowJson). Ages are measured at
// `now`. Appends to a string so the caller writes the whole answer with one write. Pure.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/time_format.h"
#include "cli/cli_options.h"
#include "cli/columns_of.h"
#include "cli/resource_kind.h"
#include "cli/row_json.h"
#include "cli/table_printer.h"

namespace scaledeck::cli {

struct PrintSettings {
    OutputFormat format = OutputFormat::Table;
    bool withNamespace = false;  // -A on a namespaced kind: a NAMESPACE column first
    base::UnixMillis now = 0;
};

template <class Row>
class RowPrinter final {
public:
    using RowPtr = std::shared_ptr<const Row>;

    static void print(const std::vector<RowPtr>& rows, const ResourceKindInfo& kind,
                      const PrintSettings& settings, std::string& out) {
        switch (settings.format) {
            case OutputFormat::Name:
                printNames(rows, kind, out);
                return;
            case OutputFormat::Json:
                printJson(rows, kind, settings, out);
                return;
            case OutputFormat::Table:
                printTable(rows, settings, out);
                return;
        }
    }

private:
    static void printNames(const std::vector<RowPtr>& rows, const ResourceKindInfo& kind,
                           std::string& out) {
        std::size_t size = 0;
        for (const auto& row : rows)
            size += kind.namePrefix.size() + row->meta.name.size() + 2;
        out.reserve(out.size() + size);
        for (const auto& row : rows) {
            out += kind.namePrefix;
            out += '/';
            out += row->meta.name;
            out += '\n';
        }
    }

    static void printJson(const std::vector<RowPtr>& rows, const ResourceKindInfo& kind,
                          const PrintSettings& settings, std::string& out) {
        nlohmann::json document = RowJson::document(std::string(kind.objectKind) + "List");
        auto& items = document["items"];
        for (const auto& row : rows)
            items.push_back(RowJson::item(*row, settings.now));
        out += document.dump(2);
        out += '\n';
    }

    static void printTable(const std::vector<RowPtr>& rows, const PrintSettings& settings,
                           std::string& out) {
        using Columns = ColumnsFor<Row>;
        std::vector<std::string> headers = Columns::headers();
        if (settings.withNamespace)
            headers.insert(headers.begin(), "NAMESPACE");
        TablePrinter table(std::move(headers));
        for (const auto& row : rows) {
            std::vector<std::string> cells = Columns::cells(*row, settings.now);
            if (settings.withNamespace)
                cells.insert(cells.begin(), row->meta.namespaceName.str());
            table.addRow(std::move(cells));
        }
        table.render(out);
    }
};

}  // namespace scaledeck::cli
