#include "kube/objects/api_status.h"

namespace scaledeck::kube::objects {

base::Error ApiStatus::toError() const {
    base::Error error;
    error.httpStatus = code;
    error.message = message.empty() ? "the server reported a failure without a message" : message;
    if (!reason.empty() && message.empty())
        error.message = "the server reported " + reason;
    if (reason == "Expired" || reason == "Gone" || code == 410) {
        error.kind = base::ErrorKind::Gone;
        return error;
    }
    switch (code) {
        case 400:
        case 422:
            error.kind = base::ErrorKind::Invalid;
            break;
        case 401:
            error.kind = base::ErrorKind::Unauthorized;
            break;
        case 403:
            error.kind = base::ErrorKind::Forbidden;
            break;
        case 404:
            error.kind = base::ErrorKind::NotFound;
            break;
        case 409:
            error.kind = reason == "AlreadyExists" ? base::ErrorKind::AlreadyExists
                                                   : base::ErrorKind::Conflict;
            error.retriable = error.kind == base::ErrorKind::Conflict;
            break;
        case 429:
            error.kind = base::ErrorKind::TooManyRequests;
            error.retriable = true;
            break;
        case 504:
            error.kind = base::ErrorKind::Timeout;
            error.retriable = true;
            break;
        default:
            // 500s, and a watch ERROR without a code: the stream broke on the server side.
            error.kind = base::ErrorKind::Internal;
            error.retriable = code == 0 || code >= 500;
            break;
    }
    return error;
}

}  // namespace scaledeck::kube::objects
