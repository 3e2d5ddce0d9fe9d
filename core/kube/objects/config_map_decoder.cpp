// RowDecoder<ConfigMapRow>: data (kept), binaryData (keys only), immutable.
#include "kube/objects/row_decoder.h"

namespace scaledeck::kube::objects::detail {

void RowDecoder<ConfigMapRow>::begin(ConfigMapRow&, DecodeContext&) {}

bool RowDecoder<ConfigMapRow>::field(std::string_view key, od::value& value, ConfigMapRow& row,
                                     DecodeContext& ctx) {
    if (key == "data") {
        if (!readStringPairs(value, ctx.pairs, ctx))
            return false;
        row.data.clear();
        row.data.reserve(ctx.pairs.size());
        for (const auto& [k, v] : ctx.pairs)
            row.data.emplace_back(std::string(k), std::string(v));
        return true;
    }
    if (key == "binaryData") {
        if (!readStringPairs(value, ctx.pairs, ctx))
            return false;
        row.binaryDataKeys.clear();
        row.binaryDataKeys.reserve(ctx.pairs.size());
        for (const auto& pair : ctx.pairs)
            row.binaryDataKeys.emplace_back(pair.first);
        return true;
    }
    if (key == "immutable")
        return readBool(value, row.immutable, ctx);
    return true;
}

bool RowDecoder<ConfigMapRow>::finish(ConfigMapRow&, DecodeContext&) {
    return true;
}

}  // namespace scaledeck::kube::objects::detail
