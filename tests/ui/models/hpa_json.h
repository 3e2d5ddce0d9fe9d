// HPA JSON in the API server's autoscaling/v2 shape, one metric of every source and target type,
// for the HPA text and card tests. Decoded through the real ObjectDecoder, so the pairing of
// spec metrics with status.currentMetrics is the decoder's, as in the application.
#pragma once

#include <string>

namespace scaledeck::uitest {

inline std::string hpaJson(const std::string& name, const std::string& specMetrics,
                           const std::string& currentMetrics, const std::string& conditions,
                           int minReplicas = 3, int maxReplicas = 10, int current = 3,
                           int desired = 3) {
    return R"({"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler",)"
           R"("metadata":{"name":")" +
           name +
           R"(","namespace":"greenlang","uid":"u1","resourceVersion":"7",)"
           R"("creationTimestamp":"2026-11-29T09:05:21Z"},)"
           R"("spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment",)"
           R"("name":"gl-006-heatreclaim"},"minReplicas":)" +
           std::to_string(minReplicas) + R"(,"maxReplicas":)" + std::to_string(maxReplicas) +
           R"(,"metrics":[)" + specMetrics + R"(]},"status":{"currentReplicas":)" +
           std::to_string(current) + R"(,"desiredReplicas":)" + std::to_string(desired) +
           R"(,"lastScaleTime":"2026-11-29T09:06:51Z","currentMetrics":[)" + currentMetrics +
           R"(],"conditions":[)" + conditions + "]}}";
}

inline std::string condition(const std::string& type, const std::string& status,
                             const std::string& reason, const std::string& message) {
    return R"({"type":")" + type + R"(","status":")" + status + R"(","reason":")" + reason +
           R"(","message":")" + message + R"(","lastTransitionTime":"2026-11-29T09:06:06Z"})";
}

inline std::string healthyConditions() {
    return condition("AbleToScale", "True", "ReadyForNewScale",
                     "recommended size matches current size") +
           "," +
           condition("ScalingActive", "True", "ValidMetricFound",
                     "the HPA was able to successfully calculate a replica count from cpu "
                     "resource utilization (percentage of request)") +
           "," +
           condition("ScalingLimited", "False", "DesiredWithinRange",
                     "the desired count is within the acceptable range");
}

// One metric of each kind the API allows, and the current values the controller reported.
// The last External metric has no current value: its text must read "<unknown>".
inline const char* kEveryMetricSpec =
    R"({"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":70}}},)"
    R"({"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"2Gi"}}},)"
    R"({"type":"ContainerResource","containerResource":{"name":"cpu","container":"app","target":{"type":"Utilization","averageUtilization":60}}},)"
    R"({"type":"Pods","pods":{"metric":{"name":"packets-per-second"},"target":{"type":"AverageValue","averageValue":"1"}}},)"
    R"({"type":"Object","object":{"describedObject":{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","name":"main-route"},"metric":{"name":"requests-per-second"},"target":{"type":"Value","value":"10k"}}},)"
    R"({"type":"External","external":{"metric":{"name":"queue_messages_ready","selector":{"matchLabels":{"queue":"worker_tasks"}}},"target":{"type":"AverageValue","averageValue":"30"}}},)"
    R"({"type":"External","external":{"metric":{"name":"lag"},"target":{"type":"Value","value":"100"}}})";

inline const char* kEveryMetricCurrent =
    R"({"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":72,"averageValue":"360m"}}},)"
    R"({"type":"Resource","resource":{"name":"memory","current":{"averageValue":"1536Mi"}}},)"
    R"({"type":"ContainerResource","containerResource":{"name":"cpu","container":"app","current":{"averageUtilization":85,"averageValue":"425m"}}},)"
    R"({"type":"Pods","pods":{"metric":{"name":"packets-per-second"},"current":{"averageValue":"1500m"}}},)"
    R"({"type":"Object","object":{"describedObject":{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","name":"main-route"},"metric":{"name":"requests-per-second"},"current":{"value":"12500"}}},)"
    R"({"type":"External","external":{"metric":{"name":"queue_messages_ready","selector":{"matchLabels":{"queue":"worker_tasks"}}},"current":{"averageValue":"42"}}},)"
    R"({"type":""})";

}  // namespace scaledeck::uitest
