// EventRow: an Event from either API group — core v1 (involvedObject, message, count,
// firstTimestamp/lastTimestamp, source.component) or events.k8s.io/v1 (regarding, note,
// series, deprecatedCount/deprecatedFirstTimestamp/…, reportingController) — mapped onto one
// shape. Raw times and counts are kept as sent; firstSeen(), lastSeen() and effectiveCount()
// apply kubectl's rules for the LAST SEEN and COUNT columns (a series wins, singletons count 1,
// eventTime stands in for a missing firstTimestamp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/time_format.h"
#include "kube/objects/interned_string.h"
#include "kube/objects/object_meta.h"

namespace scaledeck::kube::objects {

enum class EventApi : std::uint8_t { CoreV1, EventsV1 };

// involvedObject (core v1) or regarding (events.k8s.io/v1).
struct EventObjectReference {
    InternedString apiVersion;
    InternedString kind;
    InternedString namespaceName;
    InternedString name;
    InternedString uid;
    InternedString fieldPath;  // "spec.containers{web}" for container events

    friend bool operator==(const EventObjectReference&, const EventObjectReference&) = default;
};

struct EventSeries {
    std::int32_t count = 0;
    std::optional<base::UnixMillis> lastObservedTime;

    friend bool operator==(const EventSeries&, const EventSeries&) = default;
};

struct EventRow {
    ObjectMeta meta;

    EventApi api = EventApi::CoreV1;
    InternedString type;    // Normal, Warning
    InternedString reason;  // SuccessfulRescale, FailedScheduling, …
    std::string message;    // message (core) or note (events.k8s.io)
    EventObjectReference regarding;
    std::int32_t count = 0;                          // count (core) or deprecatedCount
    std::optional<base::UnixMillis> firstTimestamp;  // or deprecatedFirstTimestamp
    std::optional<base::UnixMillis> lastTimestamp;   // or deprecatedLastTimestamp
    std::optional<base::UnixMillis> eventTime;       // MicroTime, millisecond precision here
    std::optional<EventSeries> series;
    // source.component (core) or deprecatedSource.component, else reportingComponent /
    // reportingController: the controller that spoke.
    InternedString source;
    InternedString reportingController;
    InternedString reportingInstance;
    InternedString action;  // events.k8s.io only

    base::UnixMillis firstSeen() const {
        if (firstTimestamp)
            return *firstTimestamp;
        return eventTime.value_or(0);
    }
    base::UnixMillis lastSeen() const {
        if (series && series->lastObservedTime)
            return *series->lastObservedTime;
        if (lastTimestamp)
            return *lastTimestamp;
        return firstSeen();
    }
    std::int32_t effectiveCount() const {
        if (series)
            return series->count;
        return count == 0 ? 1 : count;
    }

    friend bool operator==(const EventRow&, const EventRow&) = default;
};

}  // namespace scaledeck::kube::objects
