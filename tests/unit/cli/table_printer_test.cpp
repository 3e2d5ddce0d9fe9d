// TablePrinter: Go tabwriter's layout with kubectl's settings (padding 3, minimum width 6, the
// last column unpadded), widths in code points, and escaping of untrusted cells.
#include "cli/table_printer.h"

#include <gtest/gtest.h>

#include <string>

namespace scaledeck::cli {
namespace {

TEST(CliTablePrinter, PadsLikeKubectl) {
    TablePrinter table({"NAME", "READY", "STATUS", "RESTARTS", "AGE"});
    table.addRow({"redis-0", "1/1", "Running", "0", "5d"});
    table.addRow(
        {"gl-006-heatreclaim-m5mct52d7q-492hx", "0/2", "CrashLoopBackOff", "5 (2m ago)", "45s"});
    EXPECT_EQ(table.rowCount(), 2u);
    EXPECT_EQ(
        table.render(),
        "NAME                                  READY   STATUS             RESTARTS     AGE\n"
        "redis-0                               1/1     Running            0            5d\n"
        "gl-006-heatreclaim-m5mct52d7q-492hx   0/2     CrashLoopBackOff   5 (2m ago)   45s\n");
}

TEST(CliTablePrinter, NarrowColumnsTakeTheMinimumWidth) {
    TablePrinter table({"A", "B"});
    table.addRow({"x", "y"});
    table.addRow({"", ""});
    EXPECT_EQ(table.render(), "A     B\nx     y\n      \n");
}

TEST(CliTablePrinter, MissingCellsAreEmpty) {
    TablePrinter table({"NAME", "AGE", "VERSION"});
    table.addRow({"n1"});
    EXPECT_EQ(table.render(), "NAME   AGE   VERSION\nn1           \n");
}

TEST(CliTablePrinter, CountsCodePoints) {
    TablePrinter table({"NAME", "MESSAGE"});
    table.addRow({"größe", "ok"});
    table.addRow({"abc", "ok"});
    EXPECT_EQ(TablePrinter::displayWidth("größe"), 5u);
    EXPECT_EQ(table.render(), "NAME    MESSAGE\ngröße   ok\nabc     ok\n");
}

TEST(CliTablePrinter, EscapesControlCharacters) {
    EXPECT_EQ(TablePrinter::escape("a\x1b[31mred"), "a^[[31mred");
    EXPECT_EQ(TablePrinter::escape("line\rover"), "line\\rover");
    EXPECT_EQ(TablePrinter::escape("two\nlines\tand\x07"), "two\\nlines\\tand^G");
    EXPECT_EQ(TablePrinter::escape("del\x7f"), "del^?");
    EXPECT_EQ(TablePrinter::escape("plain – ünïcode"), "plain – ünïcode");

    TablePrinter table({"OBJECT", "MESSAGE"});
    table.addRow({"pod/x", "fake\nrow"});
    EXPECT_EQ(table.render(), "OBJECT   MESSAGE\npod/x    fake\\nrow\n");
}

}  // namespace
}  // namespace scaledeck::cli
