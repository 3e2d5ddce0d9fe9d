// FieldCause: one reason an object failed validation, shaped like a Kubernetes StatusCause
// ({"reason":"FieldValueInvalid","message":"Invalid value: 3: must be ...","field":"spec.maxReplicas"}).
// Validators return a list of them; the server turns a non-empty list into a 422 Invalid Status.
#pragma once

#include <string>
#include <vector>

namespace scaledeck::sim {

struct FieldCause {
    std::string reason;   // FieldValueInvalid, FieldValueRequired, FieldValueNotSupported, ...
    std::string message;  // "Invalid value: 3: must be greater than or equal to `minReplicas`"
    std::string field;    // "spec.maxReplicas"
};

using FieldCauses = std::vector<FieldCause>;

}  // namespace scaledeck::sim
