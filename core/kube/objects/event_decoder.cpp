// RowDecoder<EventRow>: core v1 and events.k8s.io/v1 Events into one row. The API group comes
// from apiVersion when the object has one (list items may not), else from the fields seen.
#include "kube/objects/row_decoder.h"

namespace scaledeck::kube::objects::detail {
namespace {

bool readReference(od::value& value, EventObjectReference& out, DecodeContext& ctx) {
    return forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        if (key == "apiVersion")
            return readInterned(v, out.apiVersion, ctx);
        if (key == "kind")
            return readInterned(v, out.kind, ctx);
        if (key == "namespace")
            return readInterned(v, out.namespaceName, ctx);
        if (key == "name")
            return readInterned(v, out.name, ctx);
        if (key == "uid")
            return readInterned(v, out.uid, ctx);
        if (key == "fieldPath")
            return readInterned(v, out.fieldPath, ctx);
        return true;
    });
}

bool readSourceComponent(od::value& value, InternedString& out, DecodeContext& ctx) {
    return forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        return key == "component" ? readInterned(v, out, ctx) : true;
    });
}

bool readSeries(od::value& value, std::optional<EventSeries>& out, DecodeContext& ctx) {
    EventSeries series;
    bool sawObject = false;
    const bool ok = forEachField(
        value, ctx,
        [&](std::string_view key, od::value& v) {
            if (key == "count")
                return readInt32(v, series.count, ctx);
            if (key == "lastObservedTime")
                return readTime(v, series.lastObservedTime, ctx);
            return true;
        },
        &sawObject);
    if (ok && sawObject)
        out = series;
    return ok;
}

}  // namespace

void RowDecoder<EventRow>::begin(EventRow&, DecodeContext&) {}

bool RowDecoder<EventRow>::field(std::string_view key, od::value& value, EventRow& row,
                                 DecodeContext& ctx) {
    if (key == "type")
        return readInterned(value, row.type, ctx);
    if (key == "reason")
        return readInterned(value, row.reason, ctx);
    if (key == "message" || key == "note") {
        if (key == "note")
            row.api = EventApi::EventsV1;
        return readString(value, row.message, ctx);
    }
    if (key == "involvedObject")
        return readReference(value, row.regarding, ctx);
    if (key == "regarding") {
        row.api = EventApi::EventsV1;
        return readReference(value, row.regarding, ctx);
    }
    if (key == "count" || key == "deprecatedCount")
        return readInt32(value, row.count, ctx);
    if (key == "firstTimestamp" || key == "deprecatedFirstTimestamp")
        return readTime(value, row.firstTimestamp, ctx);
    if (key == "lastTimestamp" || key == "deprecatedLastTimestamp")
        return readTime(value, row.lastTimestamp, ctx);
    if (key == "eventTime")
        return readTime(value, row.eventTime, ctx);
    if (key == "series")
        return readSeries(value, row.series, ctx);
    if (key == "source" || key == "deprecatedSource")
        return readSourceComponent(value, row.source, ctx);
    if (key == "reportingComponent" || key == "reportingController")
        return readInterned(value, row.reportingController, ctx);
    if (key == "reportingInstance")
        return readInterned(value, row.reportingInstance, ctx);
    if (key == "action")
        return readInterned(value, row.action, ctx);
    return true;
}

bool RowDecoder<EventRow>::finish(EventRow& row, DecodeContext& ctx) {
    if (ctx.apiVersion == "events.k8s.io/v1" || ctx.apiVersion == "events.k8s.io/v1beta1")
        row.api = EventApi::EventsV1;
    else if (ctx.apiVersion == "v1")
        row.api = EventApi::CoreV1;
    if (row.source.empty())
        row.source = row.reportingController;
    return true;
}

}  // namespace scaledeck::kube::objects::detail
