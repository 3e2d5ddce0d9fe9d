// ResponseEncoding: the simulator compresses responses the way kube-apiserver does, not the way
// the HTTP library would. cpp-httplib compresses every "application/json" body itself, preferring
// brotli at its slowest quality (80 s for a 10,000-pod list); kube-apiserver gzips at level 1,
// only bodies of 128 KiB or more, only when the client accepts gzip, and never a watch stream.
// apply() runs after each handler: it gzips what kube-apiserver would, and spells the JSON media
// type with its charset parameter whenever the client offered an encoding, so that the library's
// exact-match check leaves the body (and every watch stream) alone.
#pragma once

#include <string>
#include <string_view>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace scaledeck::sim {

class ResponseEncoding {
public:
    // kube-apiserver's threshold (responsewriters.defaultGzipThresholdBytes).
    static constexpr std::size_t kGzipThresholdBytes = 128 * 1024;

    static void apply(const httplib::Request& req, httplib::Response& res);
    // gzip (RFC 1952) at level 1, as kube-apiserver's defaultGzipContentEncodingLevel.
    static std::string gzipFast(std::string_view data);
    // True if Accept-Encoding lists gzip without q=0.
    static bool acceptsGzip(std::string_view acceptEncoding);
};

}  // namespace scaledeck::sim
