// The column sets against what kubectl prints for the same objects: the captured kubectl output
// in tests/fixtures/objects/*.kubectl.txt (whitespace-collapsed, without header and AGE), and,
// for every kind, the simulator's server-side Table printer, which is what `kubectl get` shows
// against the simulator (same columns, same cells, ages included, at the same moment).
#include <gtest/gtest.h>

#include <cstddef>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "base/time_format.h"
#include "cli/deployment_columns.h"
#include "cli/event_columns.h"
#include "cli/hpa_columns.h"
#include "cli/node_columns.h"
#include "cli/pdb_columns.h"
#include "cli/pod_columns.h"
#include "cli/stateful_set_columns.h"
#include "kube/objects/object_decoder.h"
#include "sim/table_printer.h"
#include "support/text_lines.h"
#include "unit/kube/objects/object_fixtures.h"

namespace scaledeck::cli {
namespace {

using kube::objects::decodeList;
using kube::objects::testing::readFixture;

base::UnixMillis at(const char* rfc3339) {
    return base::parseRfc3339(rfc3339).value();
}

std::vector<std::string> lines(const std::string& text) {
    return scaledeck::test::nonEmptyLines(text);
}

std::string joined(const std::vector<std::string>& cells) {
    std::string out;
    for (const auto& cell : cells)
        out += (out.empty() ? "" : " ") + cell;
    return out;
}

template <class Columns>
std::vector<std::string> withoutColumn(std::vector<std::string> cells, const char* header) {
    const auto headers = Columns::headers();
    for (std::size_t i = 0; i < headers.size(); ++i) {
        if (headers[i] == header) {
            cells.erase(cells.begin() + static_cast<std::ptrdiff_t>(i));
            break;
        }
    }
    return cells;
}

template <class Columns>
void expectKubectlCapture(const char* listFixture, const char* capture) {
    using Row = typename Columns::Row;
    const auto page = decodeList<Row>(readFixture(listFixture));
    ASSERT_TRUE(page.ok()) << page.error().message;
    const auto expected = lines(readFixture(capture));
    ASSERT_EQ(page->items.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto cells = Columns::cells(page->items[i], at("2026-11-29T09:10:00Z"));
        EXPECT_EQ(joined(withoutColumn<Columns>(cells, "AGE")), expected[i]) << "row " << i;
    }
}

TEST(CliKubectlColumns, PodsMatchCapturedKubectlOutput) {
    expectKubectlCapture<PodColumns>("pod_list_scaling.json", "pod_list_scaling.kubectl.txt");
}

TEST(CliKubectlColumns, NodesMatchCapturedKubectlOutput) {
    expectKubectlCapture<NodeColumns>("node_list.json", "node_list.kubectl.txt");
}

std::string cellText(const nlohmann::json& cell) {
    if (cell.is_string())
        return cell.get<std::string>();
    if (cell.is_number_integer())
        return std::to_string(cell.get<std::int64_t>());
    return cell.dump();
}

// Every object of the fixture, rendered by the column set and by the simulator's Table printer
// (its priority-0 columns: what kubectl shows without -o wide), at three moments.
template <class Columns>
void expectSameAsServerTable(const char* listFixture, const char* resource) {
    using Row = typename Columns::Row;
    const std::string text = readFixture(listFixture);
    const auto page = decodeList<Row>(text);
    ASSERT_TRUE(page.ok()) << page.error().message;
    const auto list = nlohmann::json::parse(text);
    const auto definitions = sim::TablePrinter::columnDefinitions(resource);
    std::vector<std::string> headers;
    std::vector<std::size_t> shown;
    for (std::size_t c = 0; c < definitions.size(); ++c) {
        if (definitions[c].value("priority", 0) == 0) {
            shown.push_back(c);
            std::string name = definitions[c].at("name").get<std::string>();
            for (auto& ch : name)
                ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            headers.push_back(name);
        }
    }
    EXPECT_EQ(Columns::headers(), headers);
    ASSERT_EQ(page->items.size(), list.at("items").size());
    for (const char* now :
         {"2026-11-29T09:06:00Z", "2026-11-29T12:00:00Z", "2026-12-04T09:00:00Z"}) {
        for (std::size_t i = 0; i < page->items.size(); ++i) {
            SCOPED_TRACE(std::string(resource) + " row " + std::to_string(i) + " at " + now);
            const auto row = sim::TablePrinter::row(resource, list["items"][i], at(now), "None");
            std::vector<std::string> server;
            for (std::size_t c : shown)
                server.push_back(cellText(row.at("cells").at(c)));
            EXPECT_EQ(Columns::cells(page->items[i], at(now)), server);
        }
    }
}

TEST(CliKubectlColumns, PodsMatchTheServerTable) {
    expectSameAsServerTable<PodColumns>("pod_list_scaling.json", "pods");
    expectSameAsServerTable<PodColumns>("pod_list_steady.json", "pods");
}

TEST(CliKubectlColumns, NodesMatchTheServerTable) {
    expectSameAsServerTable<NodeColumns>("node_list.json", "nodes");
}

TEST(CliKubectlColumns, DeploymentsMatchTheServerTable) {
    expectSameAsServerTable<DeploymentColumns>("deployment_list.json", "deployments");
}

TEST(CliKubectlColumns, StatefulSetsMatchTheServerTable) {
    expectSameAsServerTable<StatefulSetColumns>("stateful_set_list.json", "statefulsets");
}

TEST(CliKubectlColumns, HpasMatchTheServerTable) {
    expectSameAsServerTable<HpaColumns>("hpa_list.json", "horizontalpodautoscalers");
}

TEST(CliKubectlColumns, EventsMatchTheServerTable) {
    expectSameAsServerTable<EventColumns>("event_list_core_v1.json", "events");
}

TEST(CliKubectlColumns, PdbsMatchTheServerTable) {
    expectSameAsServerTable<PdbColumns>("pdb_list.json", "poddisruptionbudgets");
}

}  // namespace
}  // namespace scaledeck::cli
