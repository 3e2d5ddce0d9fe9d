// Delta and DeltaBatch: how a change to the cache reaches its readers (the UI models, the
// planner). Rows are immutable and shared (std::shared_ptr<const Row>), so the store and every
// model hold the same row, and a 15,000-pod change costs pointers, not copies. A batch gathers
// what changed during one coalescing interval (at most ~30 batches per second reach the GUI
// thread); `replace` marks a batch that is the complete new state (after the first list or a
// relist), so a reader drops everything it had instead of diffing. Within a batch an object
// appears at most once, with its latest state: Added then Deleted in one interval cancel out.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace scaledeck::cache {

enum class DeltaType { Added, Modified, Deleted };

template <class Row>
struct Delta {
    DeltaType type = DeltaType::Added;
    // The new state; for Deleted, the last state the cache knew.
    std::shared_ptr<const Row> row;
};

template <class Row>
struct DeltaBatch {
    // True: `deltas` (all Added) is the whole collection; forget what you had.
    bool replace = false;
    std::vector<Delta<Row>> deltas;
};

// "namespace/name" (or "name" for cluster-scoped objects): the identity client-go's
// cache uses, and the key of every store and model row.
template <class Row>
std::string objectKey(const Row& row) {
    const auto& meta = row.meta;
    if (meta.namespaceName.empty())
        return meta.name;
    return std::string(meta.namespaceName.view()) + "/" + meta.name;
}

}  // namespace scaledeck::cache
