// Decoding Kubernetes JSON into rows, with simdjson's On-Demand API: a LIST body streams item by
// item into a ListPage (no DOM of the list is built), a WATCH line becomes a WatchEvent, a GET
// body becomes one row. Supported rows: PodRow, NodeRow, DeploymentRow, ReplicaSetRow,
// StatefulSetRow, HpaRow, EventRow (both API groups), PdbRow, ConfigMapRow (see DecodableRows).
//
// Contract:
// - Unknown fields are skipped, missing ones keep the row's defaults, JSON null counts as
//   missing. A value of the wrong type, a malformed quantity or time, truncated or non-JSON
//   input give ErrorKind::Parse with a short message naming the field
//   ("PodList: items[3].status.containerStatuses[0].restartCount: expected an integer, got
//   string"). Skipped values are not validated in depth: that is where the speed comes from.
// - A Status body where an object or list was expected gives its own error (ApiStatus::toError);
//   a WATCH "ERROR" event decodes successfully as WatchEventType::Error with the Status.
// - No exception escapes; simdjson is used through its error-code API.
// - simdjson reads up to kJsonPadding bytes past the end of the input. JsonBytes says how many
//   bytes are readable: when `capacity - size >= kJsonPadding` the input is parsed in place
//   (a QByteArray with reserve()d capacity: JsonBytes(ba.constData(), ba.size(),
//   ba.capacity()); a std::string), otherwise it is copied once into a reusable padded buffer.
//   What the padding holds does not matter (the next watch line is fine).
//
// An ObjectDecoder owns a simdjson parser and that buffer, reused across calls, so decoding
// 10,000 pods allocates no parser per call. It is not thread-safe: use one per thread. The free
// functions use a thread-local decoder. Buffers grown for a document larger than
// ObjectDecoder::kRetainBytes are released after the call. simdjson reserves about 6 bytes per
// input byte (a structural index of 4, a string buffer of 5/3) but touches only what the document
// uses: decoding an unpaged 32 MB list of 10,000 pods grew peak RSS by 32 MB (9 MB of it the
// rows), the same pods in pages of 500 (kubectl's and client-go's page size) by 12 MB. Informers
// should list in pages.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>

#include "base/result.h"
#include "kube/objects/config_map_row.h"
#include "kube/objects/deployment_row.h"
#include "kube/objects/event_row.h"
#include "kube/objects/hpa_row.h"
#include "kube/objects/list_page.h"
#include "kube/objects/node_row.h"
#include "kube/objects/pdb_row.h"
#include "kube/objects/pod_row.h"
#include "kube/objects/replica_set_row.h"
#include "kube/objects/stateful_set_row.h"
#include "kube/objects/watch_event.h"

namespace scaledeck::kube::objects {

class StringPool;

// simdjson's SIMDJSON_PADDING; checked against it where simdjson is included.
inline constexpr std::size_t kJsonPadding = 64;

// Every row type the decoders are instantiated for (the fuzzer and tests iterate over it).
using DecodableRows = std::tuple<PodRow, NodeRow, DeploymentRow, ReplicaSetRow, StatefulSetRow,
                                 HpaRow, EventRow, PdbRow, ConfigMapRow>;

// Input bytes plus how many of them, from `data`, may be read (capacity >= size).
struct JsonBytes {
    const char* data = nullptr;
    std::size_t size = 0;
    std::size_t capacity = 0;

    JsonBytes(const char* bytes, std::size_t length, std::size_t readable)
        : data(bytes), size(length), capacity(readable < length ? length : readable) {}
    JsonBytes(std::string_view text)  // NOLINT(google-explicit-constructor): no padding known
        : data(text.data()), size(text.size()), capacity(text.size()) {}
    JsonBytes(const std::string& text)  // NOLINT(google-explicit-constructor)
        : data(text.data()), size(text.size()), capacity(text.capacity()) {}
    JsonBytes(const char* text)  // NOLINT(google-explicit-constructor): a NUL-terminated literal
        : JsonBytes(std::string_view(text)) {}
};

class ObjectDecoder final {
public:
    // Documents above this size (16 MiB of JSON, ~100 MiB of parser buffers) are decoded with
    // freshly grown buffers that are released afterwards, so one unpaged relist does not pin
    // that memory to a thread for the rest of the session.
    static constexpr std::size_t kRetainBytes = std::size_t{16} << 20;

    explicit ObjectDecoder(StringPool& pool);
    ObjectDecoder();  // uses StringPool::shared()
    ~ObjectDecoder();
    ObjectDecoder(const ObjectDecoder&) = delete;
    ObjectDecoder& operator=(const ObjectDecoder&) = delete;

    template <class Row>
    base::Result<ListPage<Row>> decodeList(JsonBytes json);
    template <class Row>
    base::Result<WatchEvent<Row>> decodeWatchEvent(JsonBytes line);
    template <class Row>
    base::Result<Row> decodeObject(JsonBytes json);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// The same, with a thread-local ObjectDecoder over StringPool::shared().
template <class Row>
base::Result<ListPage<Row>> decodeList(JsonBytes json);
template <class Row>
base::Result<WatchEvent<Row>> decodeWatchEvent(JsonBytes line);
template <class Row>
base::Result<Row> decodeObject(JsonBytes json);

}  // namespace scaledeck::kube::objects
