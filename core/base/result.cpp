#include "base/result.h"

namespace scaledeck::base {

const char* toString(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::Invalid: return "Invalid";
        case ErrorKind::NotFound: return "NotFound";
        case ErrorKind::AlreadyExists: return "AlreadyExists";
        case ErrorKind::Conflict: return "Conflict";
        case ErrorKind::Gone: return "Gone";
        case ErrorKind::TooManyRequests: return "TooManyRequests";
        case ErrorKind::Unauthorized: return "Unauthorized";
        case ErrorKind::Forbidden: return "Forbidden";
        case ErrorKind::Network: return "Network";
        case ErrorKind::Timeout: return "Timeout";
        case ErrorKind::Parse: return "Parse";
        case ErrorKind::Unsupported: return "Unsupported";
        case ErrorKind::ApprovalRequired: return "ApprovalRequired";
        case ErrorKind::Internal: return "Internal";
    }
    return "Internal";
}

}  // namespace scaledeck::base
