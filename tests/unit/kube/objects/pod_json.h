// Builds pod JSON shaped like the API server's (and the simulator's) for edge cases that are
// hard to provoke in a running cluster: only metadata, spec and status vary.
#pragma once

#include <string>
#include <string_view>

namespace scaledeck::kube::objects::testing {

// `metadataExtra` is spliced into metadata (start it with a comma), `spec` and `status` are
// whole JSON objects.
inline std::string podJson(std::string_view spec, std::string_view status,
                           std::string_view metadataExtra = "") {
    std::string json =
        R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-7d9c5-abcde","namespace":"shop",)"
        R"("uid":"0b5a3c1e-4d2f-4a8b-9c6d-1e2f3a4b5c6d","resourceVersion":"4711",)"
        R"("creationTimestamp":"2026-11-28T10:00:00Z")";
    json += metadataExtra;
    json += R"(},"spec":)";
    json += spec;
    json += R"(,"status":)";
    json += status;
    json += "}";
    return json;
}

// A spec with the given containers JSON array and optional initContainers array.
inline std::string podSpec(std::string_view containers, std::string_view initContainers = "") {
    std::string spec = R"({"nodeName":"node-1","restartPolicy":"Always","containers":)";
    spec += containers;
    if (!initContainers.empty()) {
        spec += R"(,"initContainers":)";
        spec += initContainers;
    }
    spec += "}";
    return spec;
}

}  // namespace scaledeck::kube::objects::testing
