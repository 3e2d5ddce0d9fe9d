// HpaMetricText: one autoscaling/v2 metric of an HPA in words, for every source type (Resource,
// ContainerResource, Pods, Object, External) and target type (Utilization, AverageValue, Value):
//
//   name                         value                               comparison
//   cpu                          72 % of request / target 70 %       ▲ above target
//   memory per pod               1.5 GiB / target 2 GiB              ▼ below target
//   cpu of container app         <unknown> / target 60 %
//   packets-per-second per pod   1.2k / target 1k                    ▲ above target
//   requests-per-second of Ingress/main-route   12500 / target 10k   ▲ above target
//   external queue_messages_ready per pod       42 / target 30       ▲ above target
//
// "per pod" marks AverageValue targets (the metric divided by the current pod count). CPU and
// memory read in human notation ("0.25 cores", "512 MiB"); other quantities as the API server
// wrote them, except that fractions read as decimals ("1500m" -> "1.5"). When the controller
// reports no current value the text is exactly "<unknown>" and there is no comparison: the
// target is never shown in place of the current value. `details` holds the exact API values for
// a tooltip. Pure functions; the strings are plain text.
#pragma once

#include <QString>
#include <optional>

#include "kube/objects/hpa_metric.h"

namespace scaledeck::ui {

struct HpaMetricText {
    QString name;
    QString current;  // "72 % of request", "<unknown>"
    QString target;   // "70 %"
    QString value;    // "<current> / target <target>"
    // -1 below target, 0 at target, +1 above; unset when the current value is unknown.
    std::optional<int> direction;
    QString comparison;  // "▲ above target", "▼ below target", "= at target", or empty
    QString details;
};

HpaMetricText describeHpaMetric(const kube::objects::HpaMetric& metric);

}  // namespace scaledeck::ui
