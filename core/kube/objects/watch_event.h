// WatchEvent<Row>: one line of a WATCH stream. ADDED, MODIFIED and DELETED carry the decoded
// object (DELETED: its last state); BOOKMARK carries only the resourceVersion to resume from;
// ERROR carries the server's Status (status.toError() is ErrorKind::Gone for a 410 Expired:
// relist). resourceVersion is the object's (or the bookmark's) resourceVersion in every case
// but ERROR.
#pragma once

#include <cstdint>
#include <string>

#include "kube/objects/api_status.h"

namespace scaledeck::kube::objects {

enum class WatchEventType : std::uint8_t { Added, Modified, Deleted, Bookmark, Error };

template <class Row>
struct WatchEvent {
    WatchEventType type = WatchEventType::Added;
    Row object;  // default-constructed for BOOKMARK and ERROR
    std::string resourceVersion;
    ApiStatus status;  // ERROR only
};

const char* toString(WatchEventType type);

}  // namespace scaledeck::kube::objects
