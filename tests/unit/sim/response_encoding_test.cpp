// ResponseEncoding: compress like kube-apiserver (gzip level 1 over 128 KiB, only when asked),
// and keep cpp-httplib from compressing on its own (brotli at its slowest quality).
#include "sim/response_encoding.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <zlib.h>

#include <string>

using scaledeck::sim::ResponseEncoding;

namespace {

std::string gunzip(const std::string& data) {
    z_stream stream{};
    inflateInit2(&stream, 16 + MAX_WBITS);
    std::string out(16 * 1024 * 1024, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int rc = inflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    inflateEnd(&stream);
    return rc == Z_STREAM_END ? out : std::string("<corrupt>");
}

httplib::Request requestAccepting(const std::string& encodings) {
    httplib::Request req;
    if (!encodings.empty())
        req.headers.emplace("Accept-Encoding", encodings);
    return req;
}

std::string bigList() {
    std::string body = R"({"kind":"PodList","items":[)";
    while (body.size() < ResponseEncoding::kGzipThresholdBytes + 10)
        body += R"({"metadata":{"name":"pod"}},)";
    body.back() = ']';
    return body + "}";
}

TEST(ResponseEncoding, AcceptsGzipOnlyWhenListedAndNotRefused) {
    EXPECT_TRUE(ResponseEncoding::acceptsGzip("gzip"));
    EXPECT_TRUE(ResponseEncoding::acceptsGzip("br, GZIP;q=0.8"));
    EXPECT_TRUE(ResponseEncoding::acceptsGzip("*"));
    EXPECT_FALSE(ResponseEncoding::acceptsGzip("br"));
    EXPECT_FALSE(ResponseEncoding::acceptsGzip("gzip;q=0"));
    EXPECT_FALSE(ResponseEncoding::acceptsGzip("deflate, gzip; q=0.0"));
    EXPECT_FALSE(ResponseEncoding::acceptsGzip(""));
}

TEST(ResponseEncoding, GzipsLargeJsonLikeTheApiServer) {
    const std::string body = bigList();
    httplib::Response res;
    res.set_content(body, "application/json");
    ResponseEncoding::apply(requestAccepting("gzip"), res);
    EXPECT_EQ(res.get_header_value("Content-Encoding"), "gzip");
    EXPECT_LT(res.body.size(), body.size() / 4);
    EXPECT_EQ(gunzip(res.body), body);
    // Spelled so the HTTP library does not compress it a second time.
    EXPECT_EQ(res.get_header_value("Content-Type"), "application/json;charset=utf-8");
}

TEST(ResponseEncoding, LeavesSmallBodiesAndBrotliOnlyClientsUncompressed) {
    httplib::Response small;
    small.set_content(R"({"kind":"Pod"})", "application/json");
    ResponseEncoding::apply(requestAccepting("gzip, br"), small);
    EXPECT_FALSE(small.has_header("Content-Encoding"));
    EXPECT_EQ(small.body, R"({"kind":"Pod"})");
    EXPECT_EQ(small.get_header_value("Content-Type"), "application/json;charset=utf-8");

    httplib::Response big;
    const std::string body = bigList();
    big.set_content(body, "application/json");
    ResponseEncoding::apply(requestAccepting("br"), big);
    EXPECT_FALSE(big.has_header("Content-Encoding"));
    EXPECT_EQ(big.body, body);
}

TEST(ResponseEncoding, KeepsTheExactMediaTypeForClientsThatAskNoEncoding) {
    httplib::Response res;
    const std::string body = bigList();
    res.set_content(body, "application/json");
    ResponseEncoding::apply(requestAccepting(""), res);
    EXPECT_EQ(res.get_header_value("Content-Type"), "application/json");
    EXPECT_EQ(res.body, body);
}

TEST(ResponseEncoding, GzipsLargeTablesWithoutTouchingTheirMediaType) {
    const std::string type = "application/json;as=Table;v=v1;g=meta.k8s.io";
    httplib::Response res;
    const std::string body = bigList();
    res.set_content(body, type.c_str());
    ResponseEncoding::apply(requestAccepting("gzip"), res);
    EXPECT_EQ(res.get_header_value("Content-Encoding"), "gzip");
    EXPECT_EQ(res.get_header_value("Content-Type"), type);
    EXPECT_EQ(gunzip(res.body), body);
}

}  // namespace
