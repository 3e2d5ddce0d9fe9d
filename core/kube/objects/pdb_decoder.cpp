// RowDecoder<PdbRow>: policy/v1 PodDisruptionBudget spec bounds and selector, and the
// disruption controller's status.
#include "kube/objects/row_decoder.h"

namespace scaledeck::kube::objects::detail {

void RowDecoder<PdbRow>::begin(PdbRow&, DecodeContext&) {}

bool RowDecoder<PdbRow>::field(std::string_view key, od::value& value, PdbRow& row,
                               DecodeContext& ctx) {
    if (key == "spec") {
        return forEachField(value, ctx, [&](std::string_view k, od::value& v) {
            if (k == "minAvailable")
                return readIntOrPercent(v, row.minAvailable, ctx);
            if (k == "maxUnavailable")
                return readIntOrPercent(v, row.maxUnavailable, ctx);
            if (k == "selector")
                return readLabelSelector(v, row.selector, ctx);
            if (k == "unhealthyPodEvictionPolicy")
                return readInterned(v, row.unhealthyPodEvictionPolicy, ctx);
            return true;
        });
    }
    if (key == "status") {
        return forEachField(value, ctx, [&](std::string_view k, od::value& v) {
            if (k == "observedGeneration")
                return readInt64(v, row.observedGeneration, ctx);
            if (k == "currentHealthy")
                return readInt32(v, row.currentHealthy, ctx);
            if (k == "desiredHealthy")
                return readInt32(v, row.desiredHealthy, ctx);
            if (k == "disruptionsAllowed")
                return readInt32(v, row.disruptionsAllowed, ctx);
            if (k == "expectedPods")
                return readInt32(v, row.expectedPods, ctx);
            if (k == "conditions")
                return readConditions(v, row.conditions, ctx);
            return true;
        });
    }
    return true;
}

bool RowDecoder<PdbRow>::finish(PdbRow&, DecodeContext&) {
    return true;
}

}  // namespace scaledeck::kube::objects::detail
