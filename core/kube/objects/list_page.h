// ListPage<Row>: one page of a LIST answer: the decoded items, the list's resourceVersion (to
// start the WATCH from), the continue token for the next page (empty on the last one) and the
// server's estimate of the items still to come, when it sends one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace scaledeck::kube::objects {

template <class Row>
struct ListPage {
    std::vector<Row> items;
    std::string resourceVersion;
    std::string continueToken;
    std::optional<std::int64_t> remainingItemCount;
};

}  // namespace scaledeck::kube::objects
