// The GL-006 namespace as the simulator shows it after the morning scale-down: the three
// gl-006-heatreclaim pods, redis-0..2 and postgresql-0 (pod_list_steady.json), the four workers
// of which one stopped reporting (node_list.json), the events of the scale-up and scale-down
// (event_list_core_v1.json, the last rescale brought to the 3 replicas shown), and the HPA
// gl-006-heatreclaim-hpa between 3 and 10 replicas on CPU 70 % and memory 80 %.
#pragma once

#include "kube/objects/event_row.h"
#include "kube/objects/hpa_row.h"
#include "kube/objects/node_row.h"
#include "kube/objects/pod_row.h"
#include "ui/models/hpa_json.h"
#include "ui/models/row_fixtures.h"

namespace scaledeck::uitest {

struct Gl006Data {
    std::vector<std::shared_ptr<const kube::objects::PodRow>> pods;
    std::vector<std::shared_ptr<const kube::objects::NodeRow>> nodes;
    std::vector<std::shared_ptr<const kube::objects::EventRow>> events;
    std::vector<std::shared_ptr<const kube::objects::HpaRow>> hpas;
};

// Two minutes after the last rescale (09:06:51).
inline base::UnixMillis gl006Now() {
    return at("2026-11-29T09:08:51Z");
}

inline Gl006Data gl006Data() {
    Gl006Data data;
    data.pods = fixtureRows<kube::objects::PodRow>("pod_list_steady.json");
    data.nodes = fixtureRows<kube::objects::NodeRow>("node_list.json");
    data.events = decodeListJson<kube::objects::EventRow>(kube::objects::testing::replaceAll(
        kube::objects::testing::readFixture("event_list_core_v1.json"), "New size: 4",
        "New size: 3"));
    const std::string spec =
        R"({"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":70}}},)"
        R"({"type":"Resource","resource":{"name":"memory","target":{"type":"Utilization","averageUtilization":80}}})";
    const std::string current =
        R"({"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":72,"averageValue":"396m"}}},)"
        R"({"type":"Resource","resource":{"name":"memory","current":{"averageUtilization":41,"averageValue":"241591910"}}})";
    const std::string conditions =
        condition("AbleToScale", "True", "ReadyForNewScale",
                  "recommended size matches current size") +
        "," +
        condition("ScalingActive", "True", "ValidMetricFound",
                  "the HPA was able to successfully calculate a replica count from cpu resource "
                  "utilization (percentage of request)") +
        "," +
        condition("ScalingLimited", "False", "DesiredWithinRange",
                  "the desired count is within the acceptable range");
    data.hpas.push_back(decodeRow<kube::objects::HpaRow>(
        hpaJson("gl-006-heatreclaim-hpa", spec, current, conditions, 3, 10, 3, 3)));
    return data;
}

}  // namespace scaledeck::uitest
