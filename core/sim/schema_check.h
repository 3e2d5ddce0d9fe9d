// Strict field validation (`fieldValidation=Strict`, kubectl's default for edit, apply, replace
// and create): finds the fields of an object that its Kubernetes schema does not know. The
// schema is a compact table of the known fields of each API type the simulator serves
// (ObjectMeta, PodSpec, Container, workloads, Service, ConfigMap, Namespace, Node, PDB,
// HPA autoscaling/v1 and v2, core and events.k8s.io Events). Free-form maps (labels, data,
// resources.requests, ...) accept any key; `status` is treated as free-form. Never throws;
// thread-safe (the schema is built once, on first use).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace scaledeck::sim {

// Dotted paths of unknown fields, e.g. "spec.foo" or
// "spec.template.spec.containers[0].resourcez", in key order. `resource` is the plural name;
// for resources served in two versions (horizontalpodautoscalers, events) the object's
// apiVersion picks the schema, and without one the union of both versions is accepted.
// Unknown resources have no schema and yield nothing. The API server answers a non-empty
// result with 400 `strict decoding error: unknown field "spec.foo", unknown field "..."`.
std::vector<std::string> unknownFields(const std::string& resource, const nlohmann::json& obj);

}  // namespace scaledeck::sim
