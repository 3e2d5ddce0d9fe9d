// libFuzzer target for the object decoders: every input is decoded as a LIST body, a WATCH
// line and a single object, for every row type, through one reused ObjectDecoder (the way the
// informers use it) and once more through a padded in-place buffer. The decoders must return a
// value or an error for any bytes, without crashes, leaks or undefined behaviour.
//
// Seeds: tests/fixtures/objects/*.json and *.ndjson.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <tuple>
#include <vector>

#include "kube/objects/object_decoder.h"
#include "kube/objects/string_pool.h"

namespace {

using namespace scaledeck::kube::objects;

template <class Row>
void decodeAll(ObjectDecoder& decoder, JsonBytes bytes) {
    (void)decoder.decodeList<Row>(bytes);
    (void)decoder.decodeWatchEvent<Row>(bytes);
    (void)decoder.decodeObject<Row>(bytes);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static StringPool pool;
    static ObjectDecoder decoder(pool);
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    // Copied into the decoder's padded buffer.
    std::apply([&](auto... rows) { (decodeAll<decltype(rows)>(decoder, text), ...); },
               DecodableRows{});

    // In place, with the padding the contract asks for (contents of the padding vary).
    std::vector<char> padded(size + kJsonPadding, '}');
    if (size > 0)
        std::memcpy(padded.data(), data, size);
    const JsonBytes inPlace(padded.data(), size, padded.size());
    std::apply([&](auto... rows) { (decodeAll<decltype(rows)>(decoder, inPlace), ...); },
               DecodableRows{});

    pool.collect();
    return 0;
}
