#include "sim/response_encoding.h"

#include <httplib.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>

namespace scaledeck::sim {
namespace {

bool isJsonMediaType(const std::string& type) {
    return type.rfind("application/json", 0) == 0;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

bool ResponseEncoding::acceptsGzip(std::string_view acceptEncoding) {
    const std::string header = lower(acceptEncoding);
    std::size_t start = 0;
    while (start <= header.size()) {
        std::size_t end = header.find(',', start);
        if (end == std::string::npos)
            end = header.size();
        std::string item = header.substr(start, end - start);
        item.erase(std::remove_if(item.begin(), item.end(),
                                  [](unsigned char c) { return std::isspace(c) != 0; }),
                   item.end());
        const std::size_t semicolon = item.find(';');
        const std::string coding = item.substr(0, semicolon);
        if (coding == "gzip" || coding == "*") {
            const bool refused = semicolon != std::string::npos &&
                                 (item.substr(semicolon) == ";q=0" ||
                                  item.substr(semicolon).rfind(";q=0.0", 0) == 0);
            return !refused;
        }
        start = end + 1;
    }
    return false;
}

std::string ResponseEncoding::gzipFast(std::string_view data) {
    z_stream stream{};
    // 16 + MAX_WBITS: a gzip header and trailer rather than a bare zlib stream.
    if (deflateInit2(&stream, 1, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    std::string out;
    out.resize(deflateBound(&stream, static_cast<uLong>(data.size())));
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return rc == Z_STREAM_END ? out : std::string();
}

void ResponseEncoding::apply(const httplib::Request& req, httplib::Response& res) {
    const std::string type = res.get_header_value("Content-Type");
    const std::string acceptEncoding = req.get_header_value("Accept-Encoding");
    if (!isJsonMediaType(type) || acceptEncoding.empty())
        return;
    if (res.body.size() >= kGzipThresholdBytes && acceptsGzip(acceptEncoding) &&
        !res.has_header("Content-Encoding")) {
        std::string compressed = gzipFast(res.body);
        if (!compressed.empty()) {
            res.body = std::move(compressed);
            res.set_header("Content-Encoding", "gzip");
        }
    }
    // The library compresses only an exact "application/json"; with the (equivalent) charset
    // parameter it leaves this body and any watch stream as they are.
    if (type == "application/json") {
        res.headers.erase("Content-Type");
        res.set_header("Content-Type", type + ";charset=utf-8");
    }
}

}  // namespace scaledeck::sim
