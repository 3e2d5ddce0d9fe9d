#include "planning/hpa_decision.h"

namespace scaledeck::planning {

const char* toString(DecisionPath path) {
    switch (path) {
        case DecisionPath::FailedGetScale:
            return "FailedGetScale";
        case DecisionPath::ScalingDisabled:
            return "ScalingDisabled";
        case DecisionPath::AboveMax:
            return "AboveMax";
        case DecisionPath::BelowMin:
            return "BelowMin";
        case DecisionPath::MetricsFailed:
            return "MetricsFailed";
        case DecisionPath::Legacy:
            return "Legacy";
        case DecisionPath::Behavior:
            return "Behavior";
    }
    return "";
}

}  // namespace scaledeck::planning
