#include "sim/cert_authority.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

using scaledeck::base::ErrorKind;
using scaledeck::sim::CertAuthority;
using scaledeck::sim::CertificateSubject;
using scaledeck::sim::PemPair;
using scaledeck::sim::subjectOf;
using scaledeck::sim::subjectOfPem;

namespace {

struct X509Free {
    void operator()(X509* p) const { X509_free(p); }
};
struct PkeyFree {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

X509Ptr parseCert(const std::string& pem) {
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    X509Ptr cert(PEM_read_bio_X509(bio, nullptr, nullptr, nullptr));
    BIO_free(bio);
    return cert;
}

PkeyPtr parseKey(const std::string& pem) {
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    PkeyPtr key(PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr));
    BIO_free(bio);
    return key;
}

// The CA is made once: key generation is the slow part and every test only reads it.
const CertAuthority& sharedCa() {
    static const CertAuthority ca = CertAuthority::create().value();
    return ca;
}

const CertAuthority& otherCa() {
    static const CertAuthority ca = CertAuthority::create("someone-else-ca").value();
    return ca;
}

// What a TLS client does with the server's certificate: chain to the CA, check the purpose,
// match the host (or IP) it dialled. Strict mode rejects certificates that bend RFC 5280
// (missing AKI, CA without SKI, ...), which is what a Go client is picky about too.
int verifyServer(const std::string& caPem, const std::string& leafPem, const std::string& host,
                 const std::string& ip, int purpose = X509_PURPOSE_SSL_SERVER) {
    X509Ptr ca = parseCert(caPem);
    X509Ptr leaf = parseCert(leafPem);
    if (!ca || !leaf)
        return -1;
    X509_STORE* store = X509_STORE_new();
    X509_STORE_add_cert(store, ca.get());
    X509_STORE_CTX* ctx = X509_STORE_CTX_new();
    X509_STORE_CTX_init(ctx, store, leaf.get(), nullptr);
    if (purpose != 0)
        X509_STORE_CTX_set_purpose(ctx, purpose);
    X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx);
    X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_X509_STRICT);
    if (!host.empty())
        X509_VERIFY_PARAM_set1_host(param, host.c_str(), 0);
    if (!ip.empty())
        X509_VERIFY_PARAM_set1_ip_asc(param, ip.c_str());
    const int rc = X509_verify_cert(ctx);
    const int err = rc == 1 ? X509_V_OK : X509_STORE_CTX_get_error(ctx);
    X509_STORE_CTX_free(ctx);
    X509_STORE_free(store);
    ERR_clear_error();
    return err;
}

std::vector<std::string> subjectAltNames(X509* cert) {
    std::vector<std::string> out;
    auto* names =
        static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
    if (!names)
        return out;
    for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
        const GENERAL_NAME* gn = sk_GENERAL_NAME_value(names, i);
        if (gn->type == GEN_DNS) {
            const ASN1_IA5STRING* s = gn->d.dNSName;
            out.push_back("DNS:" +
                          std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                                      static_cast<std::size_t>(ASN1_STRING_length(s))));
        } else if (gn->type == GEN_IPADD) {
            const ASN1_OCTET_STRING* ip = gn->d.iPAddress;
            const int family = ASN1_STRING_length(ip) == 4 ? AF_INET : AF_INET6;
            char text[INET6_ADDRSTRLEN] = {};
            inet_ntop(family, ASN1_STRING_get0_data(ip), text, sizeof text);
            out.push_back(std::string("IP:") + text);
        }
    }
    GENERAL_NAMES_free(names);
    return out;
}

std::string hex(const ASN1_OCTET_STRING* s) {
    if (!s)
        return {};
    char* text = OPENSSL_buf2hexstr(ASN1_STRING_get0_data(s), ASN1_STRING_length(s));
    std::string out = text;
    OPENSSL_free(text);
    return out;
}

TEST(CertAuthority, CaIsASelfSignedCaWithKeyIdentifiers) {
    const auto& ca = sharedCa();
    X509Ptr cert = parseCert(ca.certificatePem());
    ASSERT_TRUE(cert);

    EXPECT_EQ(subjectOf(cert.get()).commonName, "scaledeck-sim-ca");
    EXPECT_EQ(X509_NAME_cmp(X509_get_subject_name(cert.get()), X509_get_issuer_name(cert.get())),
              0);
    EXPECT_EQ(X509_get_version(cert.get()), X509_VERSION_3);
    EXPECT_EQ(X509_check_ca(cert.get()), 1);  // basicConstraints CA:TRUE
    const uint32_t ku = X509_get_key_usage(cert.get());
    EXPECT_TRUE(ku & KU_KEY_CERT_SIGN);
    EXPECT_TRUE(ku & KU_CRL_SIGN);
    EXPECT_FALSE(ku & KU_DIGITAL_SIGNATURE);

    const std::string ski = hex(X509_get0_subject_key_id(cert.get()));
    EXPECT_FALSE(ski.empty());
    EXPECT_EQ(hex(X509_get0_authority_key_id(cert.get())), ski);  // self-signed: AKI == SKI

    // Self-signature verifies, and the certificate chains to itself under strict rules.
    EXPECT_EQ(X509_verify(cert.get(), X509_get0_pubkey(cert.get())), 1);
    EXPECT_EQ(verifyServer(ca.certificatePem(), ca.certificatePem(), "", "", 0), X509_V_OK);
}

TEST(CertAuthority, CaIsValidForAboutAYear) {
    X509Ptr cert = parseCert(sharedCa().certificatePem());
    ASSERT_TRUE(cert);
    int days = 0;
    int seconds = 0;
    ASSERT_EQ(ASN1_TIME_diff(&days, &seconds, X509_get0_notBefore(cert.get()),
                             X509_get0_notAfter(cert.get())),
              1);
    // A year plus the hour of backdating; the two ends are stamped a moment apart.
    const long total = days * 86400L + seconds;
    EXPECT_NEAR(total, 365 * 86400L + 3600, 1);
    EXPECT_LT(X509_cmp_current_time(X509_get0_notBefore(cert.get())), 0);
    EXPECT_GT(X509_cmp_current_time(X509_get0_notAfter(cert.get())), 0);
}

TEST(CertAuthority, CustomCommonNameAndEmptyOneRefused) {
    EXPECT_EQ(subjectOfPem(otherCa().certificatePem())->commonName, "someone-else-ca");
    auto empty = CertAuthority::create("");
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().kind, ErrorKind::Invalid);
}

TEST(CertAuthority, SerialsArePositiveRandomAndDistinct) {
    std::vector<std::string> serials;
    const auto record = [&](const std::string& pem) {
        X509Ptr cert = parseCert(pem);
        ASSERT_TRUE(cert);
        BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert.get()), nullptr);
        EXPECT_FALSE(BN_is_negative(bn));
        EXPECT_LE(BN_num_bits(bn), 128);
        EXPECT_GT(BN_num_bits(bn), 64);  // fails with probability 2^-64
        char* text = BN_bn2hex(bn);
        serials.emplace_back(text);
        OPENSSL_free(text);
        BN_free(bn);
    };
    record(sharedCa().certificatePem());
    record(otherCa().certificatePem());
    for (int i = 0; i < 4; ++i)
        record(sharedCa().issueClientCertificate("u", {})->certificatePem);
    for (std::size_t i = 0; i < serials.size(); ++i) {
        for (std::size_t j = i + 1; j < serials.size(); ++j)
            EXPECT_NE(serials[i], serials[j]);
    }
}

TEST(CertAuthority, ServerCertificateHasTheSansAndServerAuth) {
    auto pair = sharedCa().issueServerCertificate({"sim.example.test", "LOCALHOST"},
                                                  {"10.1.2.3", "0:0::1", "127.0.0.1"});
    ASSERT_TRUE(pair.ok()) << pair.error().message;
    X509Ptr cert = parseCert(pair->certificatePem);
    ASSERT_TRUE(cert);
    // Duplicates (by case for DNS, by bytes for IPs) are dropped, defaults come first.
    EXPECT_EQ(subjectAltNames(cert.get()),
              (std::vector<std::string>{"DNS:localhost", "DNS:sim.example.test", "IP:127.0.0.1",
                                        "IP:::1", "IP:10.1.2.3"}));
    const uint32_t xku = X509_get_extended_key_usage(cert.get());
    EXPECT_TRUE(xku & XKU_SSL_SERVER);
    EXPECT_FALSE(xku & XKU_SSL_CLIENT);
    EXPECT_EQ(X509_check_ca(cert.get()), 0);
    EXPECT_TRUE(X509_get_key_usage(cert.get()) & KU_DIGITAL_SIGNATURE);
    EXPECT_EQ(hex(X509_get0_authority_key_id(cert.get())),
              hex(X509_get0_subject_key_id(parseCert(sharedCa().certificatePem()).get())));
    EXPECT_FALSE(hex(X509_get0_subject_key_id(cert.get())).empty());

    PkeyPtr key = parseKey(pair->privateKeyPem);
    ASSERT_TRUE(key);
    EXPECT_EQ(pair->privateKeyPem.rfind("-----BEGIN PRIVATE KEY-----", 0), 0u);
    EXPECT_EQ(X509_check_private_key(cert.get(), key.get()), 1);
}

struct HostCase {
    const char* name;
    std::string host;
    std::string ip;
    bool fromOtherCa;
    int expected;
};

class ServerCertificateVerification : public testing::TestWithParam<HostCase> {};

INSTANTIATE_TEST_SUITE_P(
    Hosts, ServerCertificateVerification,
    testing::Values(
        HostCase{"localhost", "localhost", "", false, X509_V_OK},
        HostCase{"ipv4_loopback", "", "127.0.0.1", false, X509_V_OK},
        HostCase{"ipv6_loopback", "", "::1", false, X509_V_OK},
        HostCase{"extra_dns_name", "sim.example.test", "", false, X509_V_OK},
        HostCase{"extra_ip", "", "10.1.2.3", false, X509_V_OK},
        HostCase{"unknown_host", "example.com", "", false, X509_V_ERR_HOSTNAME_MISMATCH},
        HostCase{"unknown_ip", "", "10.9.9.9", false, X509_V_ERR_IP_ADDRESS_MISMATCH},
        HostCase{"other_ca", "localhost", "", true, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_P(ServerCertificateVerification, MatchesOnlyItsNamesAndOnlyItsCa) {
    const auto& c = GetParam();
    const auto& issuer = c.fromOtherCa ? otherCa() : sharedCa();
    auto pair = issuer.issueServerCertificate({"sim.example.test"}, {"10.1.2.3"});
    ASSERT_TRUE(pair.ok()) << pair.error().message;
    const int result =
        verifyServer(sharedCa().certificatePem(), pair->certificatePem, c.host, c.ip);
    EXPECT_EQ(result, c.expected) << X509_verify_cert_error_string(result);
}

TEST(CertAuthority, ServerCertificateRefusesBadNames) {
    struct Row {
        std::vector<std::string> dns;
        std::vector<std::string> ips;
        std::string fragment;
    };
    const std::vector<Row> rows = {
        {{}, {"256.1.1.1"}, "\"256.1.1.1\" is not an IPv4 or IPv6 address"},
        {{}, {"localhost"}, "\"localhost\" is not an IPv4 or IPv6 address"},
        {{"bad name"}, {}, "\"bad name\" is not a DNS name"},
        {{"a,IP:1.2.3.4"}, {}, "\"a,IP:1.2.3.4\" is not a DNS name"},
        {{""}, {}, "\"\" is not a DNS name"},
    };
    for (const auto& row : rows) {
        auto pair = sharedCa().issueServerCertificate(row.dns, row.ips);
        ASSERT_FALSE(pair.ok()) << row.fragment;
        EXPECT_EQ(pair.error().kind, ErrorKind::Invalid);
        EXPECT_NE(pair.error().message.find(row.fragment), std::string::npos)
            << pair.error().message;
    }
    EXPECT_TRUE(sharedCa().issueServerCertificate({"*.sim.test"}, {}).ok());
}

TEST(CertAuthority, ClientCertificateCarriesUserAndGroups) {
    struct Row {
        std::string user;
        std::vector<std::string> groups;
    };
    const std::vector<Row> rows = {
        {"admin", {"system:masters"}},
        {"operator", {}},
        {"jörg", {"team-a", "team-b", "system:authenticated"}},
    };
    for (const auto& row : rows) {
        auto pair = sharedCa().issueClientCertificate(row.user, row.groups);
        ASSERT_TRUE(pair.ok()) << pair.error().message;
        X509Ptr cert = parseCert(pair->certificatePem);
        ASSERT_TRUE(cert);
        const CertificateSubject subject = subjectOf(cert.get());
        EXPECT_EQ(subject.commonName, row.user);
        EXPECT_EQ(subject.organizations, row.groups);

        const uint32_t xku = X509_get_extended_key_usage(cert.get());
        EXPECT_TRUE(xku & XKU_SSL_CLIENT) << row.user;
        EXPECT_FALSE(xku & XKU_SSL_SERVER) << row.user;
        EXPECT_TRUE(subjectAltNames(cert.get()).empty());
        PkeyPtr key = parseKey(pair->privateKeyPem);
        ASSERT_TRUE(key);
        EXPECT_EQ(X509_check_private_key(cert.get(), key.get()), 1);

        EXPECT_TRUE(sharedCa().verifyClientCertificate(cert.get()).ok());
        auto byPem = sharedCa().verifyClientCertificate(pair->certificatePem);
        EXPECT_TRUE(byPem.ok()) << byPem.error().message;
    }
}

TEST(CertAuthority, ClientCertificateRefusesEmptyUserOrGroup) {
    auto noUser = sharedCa().issueClientCertificate("", {"g"});
    ASSERT_FALSE(noUser.ok());
    EXPECT_EQ(noUser.error().kind, ErrorKind::Invalid);
    auto emptyGroup = sharedCa().issueClientCertificate("u", {"g", ""});
    ASSERT_FALSE(emptyGroup.ok());
    EXPECT_EQ(emptyGroup.error().kind, ErrorKind::Invalid);
}

TEST(CertAuthority, VerifyClientCertificateRefusesWhatItDidNotIssueForClients) {
    struct Row {
        const char* name;
        std::string pem;
        std::string fragment;
    };
    const std::vector<Row> rows = {
        {"other_ca", otherCa().issueClientCertificate("admin", {"system:masters"})->certificatePem,
         "unable to get local issuer certificate"},
        {"server_certificate", sharedCa().issueServerCertificate({}, {})->certificatePem,
         "unsuitable certificate purpose"},
        {"not_pem", "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n",
         "not a PEM certificate"},
    };
    for (const auto& row : rows) {
        auto st = sharedCa().verifyClientCertificate(row.pem);
        ASSERT_FALSE(st.ok()) << row.name;
        EXPECT_EQ(st.error().kind, ErrorKind::Unauthorized) << row.name;
        EXPECT_EQ(st.error().httpStatus, 401) << row.name;
        EXPECT_NE(st.error().message.find(row.fragment), std::string::npos)
            << row.name << ": " << st.error().message;
    }
    auto none = sharedCa().verifyClientCertificate(static_cast<const X509*>(nullptr));
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().kind, ErrorKind::Unauthorized);
    EXPECT_EQ(ERR_peek_error(), 0u);  // nothing left behind for an unrelated caller
}

TEST(CertAuthority, SubjectOfNullAndGarbage) {
    const CertificateSubject none = subjectOf(nullptr);
    EXPECT_TRUE(none.commonName.empty());
    EXPECT_TRUE(none.organizations.empty());
    auto garbage = subjectOfPem("hello");
    ASSERT_FALSE(garbage.ok());
    EXPECT_EQ(ERR_peek_error(), 0u);
}

// Drives a real TLS 1.3 handshake in memory (no sockets): the client checks the server's
// certificate against the CA for "localhost", the server demands a client certificate from the
// same CA, and then reads the user from it exactly as the API server does.
struct HandshakeResult {
    bool completed = false;
    long clientVerify = -1;
    long serverVerify = -1;
    CertificateSubject peer;
};

HandshakeResult handshake(const CertAuthority& trustedCa, const PemPair& server,
                          const PemPair& client, const std::string& host) {
    HandshakeResult result;
    SSL_CTX* sctx = SSL_CTX_new(TLS_server_method());
    SSL_CTX* cctx = SSL_CTX_new(TLS_client_method());
    X509Ptr serverCert = parseCert(server.certificatePem);
    PkeyPtr serverKey = parseKey(server.privateKeyPem);
    X509Ptr clientCert = parseCert(client.certificatePem);
    PkeyPtr clientKey = parseKey(client.privateKeyPem);
    X509Ptr ca = parseCert(trustedCa.certificatePem());
    SSL_CTX_use_certificate(sctx, serverCert.get());
    SSL_CTX_use_PrivateKey(sctx, serverKey.get());
    X509_STORE_add_cert(SSL_CTX_get_cert_store(sctx), ca.get());
    SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
    SSL_CTX_use_certificate(cctx, clientCert.get());
    SSL_CTX_use_PrivateKey(cctx, clientKey.get());
    X509_STORE_add_cert(SSL_CTX_get_cert_store(cctx), ca.get());
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, nullptr);

    SSL* s = SSL_new(sctx);
    SSL* c = SSL_new(cctx);
    SSL_set1_host(c, host.c_str());
    BIO* sbio = nullptr;
    BIO* cbio = nullptr;
    BIO_new_bio_pair(&sbio, 0, &cbio, 0);
    SSL_set_bio(s, sbio, sbio);
    SSL_set_bio(c, cbio, cbio);
    SSL_set_accept_state(s);
    SSL_set_connect_state(c);

    bool serverDone = false;
    bool clientDone = false;
    for (int round = 0; round < 20 && !(serverDone && clientDone); ++round) {
        if (!clientDone) {
            const int rc = SSL_do_handshake(c);
            if (rc == 1)
                clientDone = true;
            else if (SSL_get_error(c, rc) != SSL_ERROR_WANT_READ)
                break;
        }
        if (!serverDone) {
            const int rc = SSL_do_handshake(s);
            if (rc == 1)
                serverDone = true;
            else if (SSL_get_error(s, rc) != SSL_ERROR_WANT_READ)
                break;
        }
    }
    // TLS 1.3 sends the client's certificate after the client considers itself done; one
    // application-data exchange makes the server process it.
    if (serverDone && clientDone) {
        const char ping[] = "ping";
        char buf[8] = {};
        result.completed = SSL_write(c, ping, 4) == 4 && SSL_read(s, buf, sizeof buf) == 4;
    }
    result.clientVerify = SSL_get_verify_result(c);
    result.serverVerify = SSL_get_verify_result(s);
    X509* peer = SSL_get1_peer_certificate(s);
    result.peer = subjectOf(peer);
    X509_free(peer);

    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    ERR_clear_error();
    return result;
}

TEST(CertAuthority, TlsHandshakeWithServerAndClientCertificates) {
    auto server = sharedCa().issueServerCertificate({}, {});
    auto client = sharedCa().issueClientCertificate("admin", {"system:masters"});
    ASSERT_TRUE(server.ok() && client.ok());
    const HandshakeResult ok = handshake(sharedCa(), *server, *client, "localhost");
    EXPECT_TRUE(ok.completed);
    EXPECT_EQ(ok.clientVerify, X509_V_OK);
    EXPECT_EQ(ok.serverVerify, X509_V_OK);
    EXPECT_EQ(ok.peer.commonName, "admin");
    EXPECT_EQ(ok.peer.organizations, std::vector<std::string>{"system:masters"});

    const HandshakeResult wrongHost = handshake(sharedCa(), *server, *client, "example.com");
    EXPECT_FALSE(wrongHost.completed);
    EXPECT_EQ(wrongHost.clientVerify, X509_V_ERR_HOSTNAME_MISMATCH);

    auto foreignClient = otherCa().issueClientCertificate("admin", {"system:masters"});
    ASSERT_TRUE(foreignClient.ok());
    const HandshakeResult foreign = handshake(sharedCa(), *server, *foreignClient, "localhost");
    EXPECT_FALSE(foreign.completed);
    EXPECT_NE(foreign.serverVerify, X509_V_OK);
}

}  // namespace
