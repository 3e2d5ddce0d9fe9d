// RowDecoder<Row> (internal): what the generic list/watch/object driver needs to know about one
// row type — its kind names, and three hooks: begin() resets per-object scratch, field() decodes
// one top-level field other than kind/apiVersion/metadata (returning true for fields it does
// not know), finish() derives what needs several fields (a pod's STATUS, an HPA's current
// metrics matched to its spec). Each specialization lives in <kind>_decoder.cpp.
#pragma once

#include <string_view>

#include "kube/objects/config_map_row.h"
#include "kube/objects/decode_context.h"
#include "kube/objects/deployment_row.h"
#include "kube/objects/event_row.h"
#include "kube/objects/hpa_row.h"
#include "kube/objects/json_read.h"
#include "kube/objects/node_row.h"
#include "kube/objects/pdb_row.h"
#include "kube/objects/pod_row.h"
#include "kube/objects/replica_set_row.h"
#include "kube/objects/stateful_set_row.h"

namespace scaledeck::kube::objects::detail {

template <class Row>
struct RowDecoder;

#define SCALEDECK_DECLARE_ROW_DECODER(RowType, Kind)                            \
    template <>                                                                 \
    struct RowDecoder<RowType> {                                                \
        static constexpr std::string_view kKind = Kind;                         \
        static constexpr std::string_view kListKind = Kind "List";              \
        static void begin(RowType& row, DecodeContext& ctx);                    \
        static bool field(std::string_view key, od::value& value, RowType& row, \
                          DecodeContext& ctx);                                  \
        static bool finish(RowType& row, DecodeContext& ctx);                   \
    }

SCALEDECK_DECLARE_ROW_DECODER(PodRow, "Pod");
SCALEDECK_DECLARE_ROW_DECODER(NodeRow, "Node");
SCALEDECK_DECLARE_ROW_DECODER(DeploymentRow, "Deployment");
SCALEDECK_DECLARE_ROW_DECODER(ReplicaSetRow, "ReplicaSet");
SCALEDECK_DECLARE_ROW_DECODER(StatefulSetRow, "StatefulSet");
SCALEDECK_DECLARE_ROW_DECODER(HpaRow, "HorizontalPodAutoscaler");
SCALEDECK_DECLARE_ROW_DECODER(EventRow, "Event");
SCALEDECK_DECLARE_ROW_DECODER(PdbRow, "PodDisruptionBudget");
SCALEDECK_DECLARE_ROW_DECODER(ConfigMapRow, "ConfigMap");

#undef SCALEDECK_DECLARE_ROW_DECODER

}  // namespace scaledeck::kube::objects::detail
