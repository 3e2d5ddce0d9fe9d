// ReflectorSink: the typed half of a reflector. The Reflector moves bytes — LIST pages and WATCH
// lines — and decides when to list, watch, back off or relist; the sink decodes those bytes
// into rows and writes them to a store. The split keeps the network state machine free of
// templates and lets a benchmark feed recorded watch lines straight into the apply path.
// Used on the informer thread only.
#pragma once

#include <QByteArray>
#include <optional>
#include <string>

#include "base/result.h"
#include "cache/list_pager.h"
#include "kube/objects/watch_event.h"

namespace scaledeck::cache {

// What one watch line was, once applied.
struct AppliedEvent {
    kube::objects::WatchEventType type = kube::objects::WatchEventType::Added;
    std::string resourceVersion;  // to resume from; empty for ERROR
    bool changed = false;         // the store changed (false: a duplicate, or a bookmark)
    std::optional<base::Error> serverError;  // ERROR: the server's Status
};

class ReflectorSink {
public:
    virtual ~ReflectorSink() = default;

    // Decodes one LIST page and keeps its items until commitList() or discardList().
    virtual base::Result<ListPageInfo> addListPage(const QByteArray& body) = 0;
    virtual void discardList() = 0;
    // The list is complete: the kept items become the store's whole contents.
    virtual void commitList() = 0;
    // Decodes one WATCH line and applies it to the store.
    virtual base::Result<AppliedEvent> applyWatchLine(const QByteArray& line) = 0;
};

}  // namespace scaledeck::cache
