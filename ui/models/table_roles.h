// TableRole: the item data roles the dashboard's table models share, in one place, so the filter
// proxy and the delegates can serve every model. Display text stays in Qt::DisplayRole; these
// roles carry what presentation needs beyond text: a numeric sort key (so "10" sorts after "9"
// and "3d4h" after "5m"), the object's key, whether a row needs attention, its severity (which
// picks a state colour *and* an icon, never a colour alone), the text a filter searches and the
// fraction a bar delegate draws.
#pragma once

#include <Qt>

namespace scaledeck::ui {

enum TableRole {
    // qint64 for numbers (milli-CPU, bytes, counts, times), QString otherwise.
    SortRole = Qt::UserRole + 1,
    // QString "namespace/name" (cache::objectKey): stable identity for ties and selection.
    ObjectKeyRole,
    // bool: the row needs attention (the "problems only" filter keeps these).
    ProblemRole,
    // int, a Severity: how the cell's text is emphasised.
    SeverityRole,
    // QString: what the text filter searches (several columns joined by '\n').
    FilterTextRole,
    // double (requested / allocatable), or invalid when there is nothing to compare against.
    BarFractionRole,
};

// Ordered by how loudly a cell asks for attention.
enum class Severity { None, Info, Warning, Error };

}  // namespace scaledeck::ui
