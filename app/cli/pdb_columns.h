// PdbColumns: the columns of `kubectl get poddisruptionbudgets` — NAME MIN AVAILABLE
// MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE; an unset bound prints "N/A".
#pragma once

#include <string>
#include <vector>

#include "base/time_format.h"
#include "cli/columns_of.h"
#include "kube/objects/pdb_row.h"

namespace scaledeck::cli {

class PdbColumns final {
public:
    using Row = kube::objects::PdbRow;

    static std::vector<std::string> headers();
    static std::vector<std::string> cells(const Row& row, base::UnixMillis now);
};

template <>
struct ColumnsOf<kube::objects::PdbRow> {
    using type = PdbColumns;
};

}  // namespace scaledeck::cli
