// JSON patch (application/json-patch+json, RFC 6902): a list of add, remove, replace, move, copy
// and test operations applied in order to a copy of the document; the first operation that
// cannot be applied fails the whole patch and leaves the original untouched. Errors say which
// operation failed and why, e.g. `test operation failed at /spec/replicas` or
// `remove operation failed at /spec/foo: the path does not exist`. Nothing throws.
#pragma once

#include <nlohmann/json.hpp>

#include "base/result.h"

namespace scaledeck::sim {

base::Result<nlohmann::json> applyJsonPatch(const nlohmann::json& original,
                                            const nlohmann::json& patch);

}  // namespace scaledeck::sim
