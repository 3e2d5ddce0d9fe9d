// ApiStatus: a metav1.Status failure the server sent in a body that was not an HTTP error: the
// object of a WATCH "ERROR" event ("too old resource version", code 410), or a Status where an
// object was expected. toError() maps it onto base::Error the same way ApiClient maps HTTP
// answers, with one addition that matters for watches: reason Expired or Gone is always
// ErrorKind::Gone (the informer must relist), whatever the code says.
#pragma once

#include <cstdint>
#include <string>

#include "base/result.h"

namespace scaledeck::kube::objects {

struct ApiStatus {
    std::int32_t code = 0;
    std::string status;  // "Failure"
    std::string reason;  // Expired, NotFound, …
    std::string message;

    base::Error toError() const;
};

}  // namespace scaledeck::kube::objects
