// What scaledeck-sim's responses look like on the wire to a client that offers every encoding,
// as Qt's network stack and curl --compressed do: large JSON comes gzip-compressed (fast), never
// brotli (the library's default quality took over 2 s per 900 KB page and made every paged LIST
// of our own client crawl), small JSON and watch streams come uncompressed.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>

#include "support/sim_instance.h"

using scaledeck::test::SimInstance;

namespace {

struct WireReply {
    int status = 0;
    std::string contentEncoding;
    std::string contentType;
    std::size_t bytes = 0;
    std::chrono::milliseconds took{0};
};

class SimResponseEncoding : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        sim = SimInstance::start({"--clock", "manual", "--scale", "2000:100"}).release();
    }
    static void TearDownTestSuite() { delete sim; }

    // A GET that keeps the body as sent (no decompression).
    static WireReply get(const std::string& path, const std::string& acceptEncoding) {
        httplib::SSLClient client("127.0.0.1", sim->port());
        client.set_ca_cert_path(sim->caFile().c_str());
        client.enable_server_certificate_verification(true);
        client.set_decompress(false);
        client.set_read_timeout(std::chrono::seconds(60));
        httplib::Headers headers{{"Authorization", "Bearer " + sim->token()},
                                 {"Accept", "application/json"}};
        if (!acceptEncoding.empty())
            headers.emplace("Accept-Encoding", acceptEncoding);
        const auto start = std::chrono::steady_clock::now();
        auto res = client.Get(path, headers);
        WireReply reply;
        reply.took = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - start);
        if (!res)
            return reply;
        reply.status = res->status;
        reply.contentEncoding = res->get_header_value("Content-Encoding");
        reply.contentType = res->get_header_value("Content-Type");
        reply.bytes = res->body.size();
        return reply;
    }

    static SimInstance* sim;
};

SimInstance* SimResponseEncoding::sim = nullptr;

TEST_F(SimResponseEncoding, LargeListsAreGzipNeverBrotli) {
    ASSERT_NE(sim, nullptr);
    const WireReply plain = get("/api/v1/pods?limit=500", "");
    ASSERT_EQ(plain.status, 200);
    ASSERT_GE(plain.bytes, 128u * 1024) << "the page must be large enough to be compressed";
    EXPECT_EQ(plain.contentEncoding, "");
    EXPECT_EQ(plain.contentType, "application/json");

    const WireReply offered = get("/api/v1/pods?limit=500", "gzip, deflate, br");
    ASSERT_EQ(offered.status, 200);
    EXPECT_EQ(offered.contentEncoding, "gzip");
    EXPECT_LT(offered.bytes, plain.bytes / 3);
    const WireReply brotliFirst = get("/api/v1/pods?limit=500", "br, gzip");
    EXPECT_EQ(brotliFirst.contentEncoding, "gzip");
    const WireReply brotliOnly = get("/api/v1/pods?limit=500", "br");
    EXPECT_EQ(brotliOnly.contentEncoding, "");
    EXPECT_EQ(brotliOnly.bytes, plain.bytes);
}

TEST_F(SimResponseEncoding, SmallResponsesAndErrorsStayUncompressed) {
    ASSERT_NE(sim, nullptr);
    const WireReply small = get("/api/v1/namespaces/greenlang/pods", "gzip, deflate, br");
    ASSERT_EQ(small.status, 200);
    EXPECT_EQ(small.contentEncoding, "");
    const WireReply missing = get("/api/v1/namespaces/greenlang/pods/nope", "gzip, deflate, br");
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(missing.contentEncoding, "");
    const WireReply unknown = get("/no/such/path", "gzip, deflate, br");
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(unknown.contentEncoding, "");
}

}  // namespace
