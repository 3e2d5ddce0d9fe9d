// ColumnsOf<Row>: which column set prints a row type as a table. Each column set (PodColumns,
// NodeColumns, …) is a class with kubectl's headers and a cells() function that renders one row
// at a given moment ("now", for the ages); its header specialises ColumnsOf for its row. The
// NAMESPACE column that -A adds in front is the caller's (RowPrinter), since it is the same for
// every namespaced kind.
#pragma once

namespace scaledeck::cli {

template <class Row>
struct ColumnsOf;

template <class Row>
using ColumnsFor = typename ColumnsOf<Row>::type;

}  // namespace scaledeck::cli
