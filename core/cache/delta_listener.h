// DeltaListener<Row>: what an ObservedStore hands each change to, on the thread that writes the
// store (the informer thread), in the order the changes were made. `replace` means `deltas`
// (all Added) is the whole collection: the first list, or the store as it was when the
// listener subscribed. Implementations only record (coalesce, count) and return: the informer
// thread waits for them, and the GUI must never be reached from here except by posting.
#pragma once

#include <span>

#include "cache/delta.h"

namespace scaledeck::cache {

template <class Row>
class DeltaListener {
public:
    virtual ~DeltaListener() = default;
    virtual void onDeltas(std::span<const Delta<Row>> deltas, bool replace) = 0;
};

}  // namespace scaledeck::cache
