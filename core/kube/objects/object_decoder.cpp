#include "kube/objects/object_decoder.h"

#include <simdjson.h>

#include <cstring>

#include "kube/objects/decode_context.h"
#include "kube/objects/json_read.h"
#include "kube/objects/row_decoder.h"
#include "kube/objects/string_pool.h"

namespace scaledeck::kube::objects {

static_assert(kJsonPadding == simdjson::SIMDJSON_PADDING,
              "kJsonPadding must match simdjson's padding");

namespace {

using detail::DecodeContext;
using detail::forEachElement;
using detail::forEachField;
namespace od = simdjson::ondemand;
using detail::RowDecoder;

// The generic part of every object: kind (checked), apiVersion, metadata; the rest goes to the
// row's decoder. A "kind":"Status" stops decoding without an error and sets sawStatusKind, so
// the caller can read the body again as a Status.
template <class Row>
bool decodeRow(od::value& value, Row& row, DecodeContext& ctx) {
    using Decoder = RowDecoder<Row>;
    ctx.kind = {};
    ctx.apiVersion = {};
    ctx.sawStatusKind = false;
    ctx.annotations.clear();
    Decoder::begin(row, ctx);
    const bool ok = forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        if (key == "kind") {
            if (!detail::readString(v, ctx.kind, ctx))
                return false;
            if (ctx.kind == "Status") {
                ctx.sawStatusKind = true;
                return false;
            }
            if (!ctx.kind.empty() && ctx.kind != Decoder::kKind) {
                return ctx.fail("expected " + std::string(Decoder::kKind) + ", got " +
                                detail::quoted(ctx.kind));
            }
            return true;
        }
        if (key == "apiVersion")
            return detail::readString(v, ctx.apiVersion, ctx);
        if (key == "metadata")
            return detail::readObjectMeta(v, row.meta, ctx);
        return Decoder::field(key, v, row, ctx);
    });
    return ok && Decoder::finish(row, ctx);
}

base::Error parseError(std::string_view what, const DecodeContext& ctx) {
    return base::Error::parse(std::string(what) + ": " + ctx.errorMessage());
}

base::Error parseError(std::string_view what, std::string_view message) {
    return base::Error::parse(std::string(what) + ": " + std::string(message));
}

// simdjson 3.0 has no document::at_end(); current_location() reports OUT_OF_BOUNDS there.
bool atEnd(od::document& doc) {
    return doc.current_location().error() == simdjson::OUT_OF_BOUNDS;
}

std::optional<WatchEventType> watchTypeFrom(std::string_view text) {
    if (text == "ADDED")
        return WatchEventType::Added;
    if (text == "MODIFIED")
        return WatchEventType::Modified;
    if (text == "DELETED")
        return WatchEventType::Deleted;
    if (text == "BOOKMARK")
        return WatchEventType::Bookmark;
    if (text == "ERROR")
        return WatchEventType::Error;
    return std::nullopt;
}

}  // namespace

struct ObjectDecoder::Impl {
    explicit Impl(StringPool& pool) : ctx(pool) {}

    od::parser parser;
    std::unique_ptr<char[]> buffer;
    std::size_t bufferSize = 0;
    DecodeContext ctx;

    // In place when the caller's bytes are padded, else copied into the reusable buffer.
    simdjson::padded_string_view padded(JsonBytes json) {
        if (json.capacity - json.size >= simdjson::SIMDJSON_PADDING)
            return simdjson::padded_string_view(json.data, json.size, json.capacity);
        const std::size_t needed = json.size + simdjson::SIMDJSON_PADDING;
        if (bufferSize < needed) {
            buffer = std::make_unique<char[]>(needed);
            bufferSize = needed;
        }
        if (json.size > 0)
            std::memcpy(buffer.get(), json.data, json.size);
        std::memset(buffer.get() + json.size, 0, simdjson::SIMDJSON_PADDING);
        return simdjson::padded_string_view(buffer.get(), json.size, bufferSize);
    }

    // Gives back memory grown for an outsized document (see kRetainBytes).
    void trim() {
        if (parser.capacity() > kRetainBytes)
            parser = od::parser();
        if (bufferSize > kRetainBytes + simdjson::SIMDJSON_PADDING) {
            buffer.reset();
            bufferSize = 0;
        }
    }

    // Parses the document and hands its root value to `body`; maps simdjson errors.
    template <class Body>
    auto withDocument(JsonBytes json, std::string_view what, Body&& body)
        -> decltype(body(std::declval<od::document&>(), std::declval<od::value&>())) {
        ctx.clearError();
        od::document doc;
        auto error = parser.iterate(padded(json)).get(doc);
        // The root must be checked through the document: simdjson's value-level type queries
        // are only valid below the root.
        od::json_type type = od::json_type::null;
        if (!error)
            error = doc.type().get(type);
        if (!error && type != od::json_type::object)
            return parseError(what,
                              std::string("expected a JSON object, got ") + detail::typeName(type));
        od::value root;
        if (!error)
            error = doc.get_value().get(root);
        if (error) {
            if (error == simdjson::SCALAR_DOCUMENT_AS_VALUE || error == simdjson::INCORRECT_TYPE)
                return parseError(what, "expected a JSON object");
            detail::failJson(ctx, error);
            return parseError(what, ctx);
        }
        auto result = body(doc, root);
        ctx.releaseHeldStrings();
        trim();
        return result;
    }

    base::Error trailingContent(std::string_view what) {
        return parseError(what, "unexpected content after the JSON document");
    }

    // Reads the document again from the start as a metav1.Status.
    base::Error statusError(od::document& doc, std::string_view what) {
        doc.rewind();
        od::value root;
        ApiStatus status;
        ctx.clearError();
        if (doc.get_value().get(root) || !detail::readApiStatus(root, status, ctx))
            return parseError(what, ctx.failed() ? ctx.errorMessage() : "unreadable Status");
        return status.toError();
    }

    template <class Row>
    base::Result<ListPage<Row>> list(JsonBytes json) {
        constexpr std::string_view what = RowDecoder<Row>::kListKind;
        return withDocument(
            json, what, [&](od::document& doc, od::value& root) -> base::Result<ListPage<Row>> {
                ListPage<Row> page;
                bool statusBody = false;
                const bool ok = forEachField(root, ctx, [&](std::string_view key, od::value& v) {
                    if (key == "kind") {
                        std::string_view kind;
                        if (!detail::readString(v, kind, ctx))
                            return false;
                        if (kind == "Status") {
                            statusBody = true;
                            return false;
                        }
                        if (!kind.empty() && kind != what && kind != "List")
                            return ctx.fail("expected " + std::string(what) + ", got " +
                                            detail::quoted(kind));
                        return true;
                    }
                    if (key == "metadata") {
                        return forEachField(v, ctx, [&](std::string_view k, od::value& f) {
                            if (k == "resourceVersion")
                                return detail::readString(f, page.resourceVersion, ctx);
                            if (k == "continue")
                                return detail::readString(f, page.continueToken, ctx);
                            if (k == "remainingItemCount")
                                return detail::readInt64(f, page.remainingItemCount, ctx);
                            return true;
                        });
                    }
                    if (key == "items") {
                        return forEachElement(v, ctx, [&](od::value& item, std::size_t) {
                            if (decodeRow(item, page.items.emplace_back(), ctx))
                                return true;
                            if (!ctx.failed())
                                ctx.fail("expected " + std::string(RowDecoder<Row>::kKind) +
                                         ", got a Status");
                            return false;
                        });
                    }
                    return true;
                });
                if (!ok && statusBody)
                    return statusError(doc, what);
                if (!ok)
                    return parseError(what, ctx);
                if (!atEnd(doc))
                    return trailingContent(what);
                page.items.shrink_to_fit();  // rows are cheap to move; slack is not
                return page;
            });
    }

    template <class Row>
    base::Result<Row> object(JsonBytes json) {
        constexpr std::string_view what = RowDecoder<Row>::kKind;
        return withDocument(json, what,
                            [&](od::document& doc, od::value& root) -> base::Result<Row> {
                                Row row;
                                if (!decodeRow(root, row, ctx)) {
                                    if (ctx.sawStatusKind && !ctx.failed())
                                        return statusError(doc, what);
                                    return parseError(what, ctx);
                                }
                                if (!atEnd(doc))
                                    return trailingContent(what);
                                return row;
                            });
    }

    template <class Row>
    bool decodeWatchObject(od::value& value, WatchEvent<Row>& event) {
        switch (event.type) {
            case WatchEventType::Bookmark:
                return forEachField(value, ctx, [&](std::string_view key, od::value& v) {
                    if (key != "metadata")
                        return true;
                    return forEachField(v, ctx, [&](std::string_view k, od::value& f) {
                        return k == "resourceVersion"
                                   ? detail::readString(f, event.resourceVersion, ctx)
                                   : true;
                    });
                });
            case WatchEventType::Error:
                return detail::readApiStatus(value, event.status, ctx);
            case WatchEventType::Added:
            case WatchEventType::Modified:
            case WatchEventType::Deleted:
                if (!decodeRow(value, event.object, ctx)) {
                    if (!ctx.failed())
                        ctx.fail("expected " + std::string(RowDecoder<Row>::kKind) +
                                 ", got a Status");
                    return false;
                }
                event.resourceVersion = event.object.meta.resourceVersion;
                return true;
        }
        return true;
    }

    template <class Row>
    base::Result<WatchEvent<Row>> watch(JsonBytes line) {
        const std::string what = std::string(RowDecoder<Row>::kKind) + " watch event";
        return withDocument(
            line, what, [&](od::document& doc, od::value& root) -> base::Result<WatchEvent<Row>> {
                WatchEvent<Row> event;
                bool haveType = false;
                bool haveObject = false;
                bool objectBeforeType = false;
                auto onField = [&](std::string_view key, od::value& v) {
                    if (key == "type" && !haveType) {
                        std::string_view type;
                        if (!detail::readString(v, type, ctx))
                            return false;
                        const auto parsed = watchTypeFrom(type);
                        if (!parsed)
                            return ctx.fail("unknown watch event type " + detail::quoted(type));
                        event.type = *parsed;
                        haveType = true;
                        return true;
                    }
                    if (key == "object") {
                        if (!haveType) {
                            objectBeforeType = true;  // decoded in a second pass
                            return true;
                        }
                        haveObject = true;
                        return decodeWatchObject(v, event);
                    }
                    return true;
                };
                if (!forEachField(root, ctx, onField))
                    return parseError(what, ctx);
                if (!atEnd(doc))
                    return trailingContent(what);
                if (objectBeforeType && haveType) {
                    // Servers write "type" first; anything else costs one more pass.
                    doc.rewind();
                    od::value again;
                    if (auto error = doc.get_value().get(again)) {
                        detail::failJson(ctx, error);
                        return parseError(what, ctx);
                    }
                    if (!forEachField(again, ctx, onField))
                        return parseError(what, ctx);
                }
                if (!haveType)
                    return parseError(what, "type: missing");
                if (!haveObject)
                    return parseError(what, "object: missing");
                return event;
            });
    }
};

ObjectDecoder::ObjectDecoder(StringPool& pool) : m_impl(std::make_unique<Impl>(pool)) {}
ObjectDecoder::ObjectDecoder() : ObjectDecoder(StringPool::shared()) {}
ObjectDecoder::~ObjectDecoder() = default;

template <class Row>
base::Result<ListPage<Row>> ObjectDecoder::decodeList(JsonBytes json) {
    return m_impl->list<Row>(json);
}

template <class Row>
base::Result<WatchEvent<Row>> ObjectDecoder::decodeWatchEvent(JsonBytes line) {
    return m_impl->watch<Row>(line);
}

template <class Row>
base::Result<Row> ObjectDecoder::decodeObject(JsonBytes json) {
    return m_impl->object<Row>(json);
}

namespace {

ObjectDecoder& threadDecoder() {
    thread_local ObjectDecoder decoder;
    return decoder;
}

}  // namespace

template <class Row>
base::Result<ListPage<Row>> decodeList(JsonBytes json) {
    return threadDecoder().decodeList<Row>(json);
}

template <class Row>
base::Result<WatchEvent<Row>> decodeWatchEvent(JsonBytes line) {
    return threadDecoder().decodeWatchEvent<Row>(line);
}

template <class Row>
base::Result<Row> decodeObject(JsonBytes json) {
    return threadDecoder().decodeObject<Row>(json);
}

const char* toString(WatchEventType type) {
    switch (type) {
        case WatchEventType::Added:
            return "ADDED";
        case WatchEventType::Modified:
            return "MODIFIED";
        case WatchEventType::Deleted:
            return "DELETED";
        case WatchEventType::Bookmark:
            return "BOOKMARK";
        case WatchEventType::Error:
            return "ERROR";
    }
    return "";
}

#define SCALEDECK_INSTANTIATE_DECODERS(Row)                                                 \
    template base::Result<ListPage<Row>> ObjectDecoder::decodeList<Row>(JsonBytes);         \
    template base::Result<WatchEvent<Row>> ObjectDecoder::decodeWatchEvent<Row>(JsonBytes); \
    template base::Result<Row> ObjectDecoder::decodeObject<Row>(JsonBytes);                 \
    template base::Result<ListPage<Row>> decodeList<Row>(JsonBytes);                        \
    template base::Result<WatchEvent<Row>> decodeWatchEvent<Row>(JsonBytes);                \
    template base::Result<Row> decodeObject<Row>(JsonBytes)

SCALEDECK_INSTANTIATE_DECODERS(PodRow);
SCALEDECK_INSTANTIATE_DECODERS(NodeRow);
SCALEDECK_INSTANTIATE_DECODERS(DeploymentRow);
SCALEDECK_INSTANTIATE_DECODERS(ReplicaSetRow);
SCALEDECK_INSTANTIATE_DECODERS(StatefulSetRow);
SCALEDECK_INSTANTIATE_DECODERS(HpaRow);
SCALEDECK_INSTANTIATE_DECODERS(EventRow);
SCALEDECK_INSTANTIATE_DECODERS(PdbRow);
SCALEDECK_INSTANTIATE_DECODERS(ConfigMapRow);

#undef SCALEDECK_INSTANTIATE_DECODERS

}  // namespace scaledeck::kube::objects
