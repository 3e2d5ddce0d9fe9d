#include "sim/cert_authority.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace scaledeck::sim {

namespace {

template <auto Fn>
struct Deleter {
    template <typename T>
    void operator()(T* p) const {
        Fn(p);
    }
};

using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using BignumPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using ExtensionPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;
using GeneralNamesPtr = std::unique_ptr<GENERAL_NAMES, Deleter<GENERAL_NAMES_free>>;
using GeneralNamePtr = std::unique_ptr<GENERAL_NAME, Deleter<GENERAL_NAME_free>>;
using OctetStringPtr = std::unique_ptr<ASN1_OCTET_STRING, Deleter<ASN1_OCTET_STRING_free>>;
using StorePtr = std::unique_ptr<X509_STORE, Deleter<X509_STORE_free>>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX_free>>;

// A year is what the brief of a throw-away per-run CA needs; an hour of backdating keeps a
// client whose clock runs slightly behind from rejecting a certificate "not yet valid".
constexpr long kValiditySeconds = 365L * 24 * 60 * 60;
constexpr long kBackdateSeconds = 60L * 60;

// OpenSSL reports through a thread-local queue; drain it into the message so the reason is
// not lost (and does not leak into the next, unrelated call).
base::Error opensslError(const std::string& what) {
    std::string message = what;
    bool first = true;
    while (const unsigned long code = ERR_get_error()) {
        char buf[256];
        ERR_error_string_n(code, buf, sizeof buf);
        message += first ? ": " : "; ";
        message += buf;
        first = false;
    }
    return base::Error::internal(message);
}

base::Error unauthorized(std::string message) {
    return {base::ErrorKind::Unauthorized, std::move(message), 401, false};
}

base::Result<PkeyPtr> generateKey() {
    // P-256: fast to generate per run, and what Go's crypto/tls handles natively.
    PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    if (!key)
        return opensslError("could not generate an EC P-256 key");
    return key;
}

base::Result<X509Ptr> readCertificate(const std::string& pem) {
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio)
        return opensslError("could not read the certificate");
    X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!cert)
        return opensslError("the text is not a PEM certificate");
    return cert;
}

base::Result<PkeyPtr> readKey(const std::string& pem) {
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio)
        return opensslError("could not read the private key");
    PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    if (!key)
        return opensslError("the text is not a PEM private key");
    return key;
}

std::string drain(BIO* bio) {
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

base::Result<std::string> certificateToPem(X509* cert) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1)
        return opensslError("could not encode the certificate");
    return drain(bio.get());
}

base::Result<std::string> keyToPem(EVP_PKEY* key) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    // PKCS#8 ("PRIVATE KEY"): Go's tls.X509KeyPair and OpenSSL both read it for any key type.
    if (!bio ||
        PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return opensslError("could not encode the private key");
    return drain(bio.get());
}

// 128 random bits, read as an unsigned number: always positive (Go 1.23 rejects negative
// serials) and unique enough that two runs never hand a client clashing issuer/serial pairs.
base::Status setRandomSerial(X509* cert) {
    unsigned char bytes[16];
    BignumPtr bn;
    do {
        if (RAND_bytes(bytes, sizeof bytes) != 1)
            return opensslError("could not draw a random serial number");
        bn.reset(BN_bin2bn(bytes, sizeof bytes, nullptr));
        if (!bn)
            return opensslError("could not make a serial number");
    } while (BN_is_zero(bn.get()));
    if (!BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert)))
        return opensslError("could not set the serial number");
    return {};
}

base::Status addNameEntry(X509_NAME* name, const char* field, const std::string& value) {
    if (X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(value.data()),
                                   static_cast<int>(value.size()), -1, 0) != 1) {
        return opensslError(std::string("could not set the subject's ") + field + " to \"" + value +
                            "\"");
    }
    return {};
}

base::Status addExtension(X509* cert, X509* issuer, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    ExtensionPtr ext(X509V3_EXT_nconf_nid(nullptr, &ctx, nid, value));
    if (!ext || X509_add_ext(cert, ext.get(), -1) != 1)
        return opensslError(std::string("could not add the extension ") + OBJ_nid2sn(nid));
    return {};
}

// The extensions every certificate here carries. SKI/AKI let a verifier pick the issuer by key
// rather than by name (Go and OpenSSL's strict mode both expect them).
base::Status addKeyIdentifiers(X509* cert, X509* issuer) {
    if (auto st = addExtension(cert, issuer, NID_subject_key_identifier, "hash"); !st.ok())
        return st;
    return addExtension(cert, issuer, NID_authority_key_identifier, "keyid:always");
}

// Certificate skeleton shared by the CA and the leaves: v3, serial, validity, subject, key.
base::Result<X509Ptr> newCertificate(EVP_PKEY* key, const std::string& commonName,
                                     const std::vector<std::string>& organizations) {
    X509Ptr cert(X509_new());
    if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1)
        return opensslError("could not create a certificate");
    if (auto st = setRandomSerial(cert.get()); !st.ok())
        return st.error();
    if (!X509_gmtime_adj(X509_getm_notBefore(cert.get()), -kBackdateSeconds) ||
        !X509_gmtime_adj(X509_getm_notAfter(cert.get()), kValiditySeconds)) {
        return opensslError("could not set the validity period");
    }
    X509_NAME* subject = X509_get_subject_name(cert.get());
    for (const auto& o : organizations) {
        if (auto st = addNameEntry(subject, "O", o); !st.ok())
            return st.error();
    }
    if (auto st = addNameEntry(subject, "CN", commonName); !st.ok())
        return st.error();
    if (X509_set_pubkey(cert.get(), key) != 1)
        return opensslError("could not set the public key");
    return cert;
}

base::Status sign(X509* cert, EVP_PKEY* key) {
    if (X509_sign(cert, key, EVP_sha256()) <= 0)
        return opensslError("could not sign the certificate");
    return {};
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// Host names only: letters, digits, '-' and '.', optionally behind a leading "*." wildcard.
// Anything else would end up in a SAN no client could ever match.
bool isValidDnsName(const std::string& name) {
    std::string_view rest = name;
    if (rest.substr(0, 2) == "*.")
        rest.remove_prefix(2);
    if (rest.empty() || rest.size() > 253 || rest.front() == '.' || rest.front() == '-')
        return false;
    return std::all_of(rest.begin(), rest.end(), [](unsigned char c) {
        return std::isalnum(c) != 0 || c == '-' || c == '.';
    });
}

base::Status pushName(GENERAL_NAMES* names, int type, ASN1_STRING* value) {
    GeneralNamePtr gn(GENERAL_NAME_new());
    if (!gn) {
        ASN1_STRING_free(value);
        return opensslError("could not build a subjectAltName");
    }
    GENERAL_NAME_set0_value(gn.get(), type, value);
    if (sk_GENERAL_NAME_push(names, gn.get()) <= 0)
        return opensslError("could not build a subjectAltName");
    gn.release();
    return {};
}

// DNS and IP subjectAltNames, built as structures rather than as a "DNS:a,IP:b" string so a
// caller's name can never smuggle in another entry. Duplicates are dropped (DNS names compare
// case-insensitively, addresses by their bytes, so "::1" and "0::1" are one entry).
base::Status addSubjectAltNames(X509* cert, const std::vector<std::string>& dnsNames,
                                const std::vector<std::string>& ipAddresses) {
    GeneralNamesPtr names(sk_GENERAL_NAME_new_null());
    if (!names)
        return opensslError("could not build the subjectAltNames");

    std::vector<std::string> seenDns;
    for (const auto& dns : dnsNames) {
        if (!isValidDnsName(dns)) {
            return base::Error::invalid("\"" + dns +
                                        "\" is not a DNS name a server certificate can carry "
                                        "(letters, digits, '-' and '.' only)");
        }
        const std::string key = lower(dns);
        if (std::find(seenDns.begin(), seenDns.end(), key) != seenDns.end())
            continue;
        seenDns.push_back(key);
        ASN1_IA5STRING* value = ASN1_IA5STRING_new();
        if (!value || ASN1_STRING_set(value, dns.data(), static_cast<int>(dns.size())) != 1) {
            ASN1_IA5STRING_free(value);
            return opensslError("could not build a DNS subjectAltName");
        }
        if (auto st = pushName(names.get(), GEN_DNS, value); !st.ok())
            return st;
    }

    std::vector<OctetStringPtr> seenIps;
    for (const auto& ip : ipAddresses) {
        OctetStringPtr value(a2i_IPADDRESS(ip.c_str()));
        if (!value) {
            ERR_clear_error();
            return base::Error::invalid("\"" + ip + "\" is not an IPv4 or IPv6 address");
        }
        const bool duplicate =
            std::any_of(seenIps.begin(), seenIps.end(), [&](const OctetStringPtr& seen) {
                return ASN1_STRING_cmp(seen.get(), value.get()) == 0;
            });
        if (duplicate)
            continue;
        OctetStringPtr copy(ASN1_OCTET_STRING_dup(value.get()));
        if (!copy)
            return opensslError("could not build an IP subjectAltName");
        seenIps.push_back(std::move(value));
        if (auto st = pushName(names.get(), GEN_IPADD, copy.release()); !st.ok())
            return st;
    }

    if (X509_add1_ext_i2d(cert, NID_subject_alt_name, names.get(), 0, X509V3_ADD_DEFAULT) != 1)
        return opensslError("could not add the subjectAltNames");
    return {};
}

base::Status verifyAgainst(const std::string& caPem, const X509* cert) {
    if (!cert)
        return unauthorized("no client certificate was presented");
    auto ca = readCertificate(caPem);
    if (!ca.ok())
        return ca.error();
    StorePtr store(X509_STORE_new());
    StoreCtxPtr ctx(X509_STORE_CTX_new());
    if (!store || !ctx || X509_STORE_add_cert(store.get(), ca->get()) != 1)
        return opensslError("could not set up certificate verification");
    // X509_STORE_CTX_init wants a mutable certificate only because verification caches parsed
    // extensions inside it; the certificate's content is not changed.
    if (X509_STORE_CTX_init(ctx.get(), store.get(), const_cast<X509*>(cert), nullptr) != 1 ||
        X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_CLIENT) != 1) {
        return opensslError("could not set up certificate verification");
    }
    if (X509_verify_cert(ctx.get()) != 1) {
        const int code = X509_STORE_CTX_get_error(ctx.get());
        ERR_clear_error();
        return unauthorized(std::string("the client certificate is not accepted: ") +
                            X509_verify_cert_error_string(code));
    }
    return {};
}

}  // namespace

base::Result<CertAuthority> CertAuthority::create(const std::string& commonName) {
    ERR_clear_error();
    if (commonName.empty())
        return base::Error::invalid("the CA needs a common name");
    auto key = generateKey();
    if (!key.ok())
        return key.error();
    auto cert = newCertificate(key->get(), commonName, {});
    if (!cert.ok())
        return cert.error();
    X509* c = cert->get();
    if (X509_set_issuer_name(c, X509_get_subject_name(c)) != 1)
        return opensslError("could not set the CA's issuer");
    for (const auto& [nid, value] : {std::pair{NID_basic_constraints, "critical,CA:TRUE"},
                                     std::pair{NID_key_usage, "critical,keyCertSign,cRLSign"}}) {
        if (auto st = addExtension(c, c, nid, value); !st.ok())
            return st.error();
    }
    if (auto st = addKeyIdentifiers(c, c); !st.ok())
        return st.error();
    if (auto st = sign(c, key->get()); !st.ok())
        return st.error();
    auto certPem = certificateToPem(c);
    if (!certPem.ok())
        return certPem.error();
    auto keyPem = keyToPem(key->get());
    if (!keyPem.ok())
        return keyPem.error();
    return CertAuthority(std::move(certPem).value(), std::move(keyPem).value());
}

base::Result<PemPair> CertAuthority::issueServerCertificate(
    const std::vector<std::string>& dnsNames, const std::vector<std::string>& ipAddresses) const {
    std::vector<std::string> dns{"localhost"};
    dns.insert(dns.end(), dnsNames.begin(), dnsNames.end());
    std::vector<std::string> ips{"127.0.0.1", "::1"};
    ips.insert(ips.end(), ipAddresses.begin(), ipAddresses.end());
    return issue("localhost", {}, dns, ips, true);
}

base::Result<PemPair> CertAuthority::issueClientCertificate(
    const std::string& user, const std::vector<std::string>& groups) const {
    if (user.empty())
        return base::Error::invalid("a client certificate needs a user name (its CN)");
    for (const auto& g : groups) {
        if (g.empty())
            return base::Error::invalid("a client certificate's group (O) must not be empty");
    }
    return issue(user, groups, {}, {}, false);
}

base::Result<PemPair> CertAuthority::issue(const std::string& commonName,
                                           const std::vector<std::string>& organizations,
                                           const std::vector<std::string>& dnsNames,
                                           const std::vector<std::string>& ipAddresses,
                                           bool serverAuth) const {
    ERR_clear_error();
    auto caCert = readCertificate(m_certificatePem);
    if (!caCert.ok())
        return caCert.error();
    auto caKey = readKey(m_privateKeyPem);
    if (!caKey.ok())
        return caKey.error();
    if (X509_cmp_current_time(X509_get0_notAfter(caCert->get())) <= 0)
        return base::Error::invalid("the CA has expired; create a new one");

    auto key = generateKey();
    if (!key.ok())
        return key.error();
    auto cert = newCertificate(key->get(), commonName, organizations);
    if (!cert.ok())
        return cert.error();
    X509* c = cert->get();
    X509* ca = caCert->get();
    if (X509_set_issuer_name(c, X509_get_subject_name(ca)) != 1)
        return opensslError("could not set the issuer");
    // A leaf outliving its CA is useless and some verifiers flag it.
    if (ASN1_TIME_compare(X509_get0_notAfter(c), X509_get0_notAfter(ca)) > 0 &&
        X509_set1_notAfter(c, X509_get0_notAfter(ca)) != 1) {
        return opensslError("could not set the validity period");
    }

    // digitalSignature is all an ECDSA key does in TLS (no key encipherment with EC keys).
    const char* eku = serverAuth ? "serverAuth" : "clientAuth";
    for (const auto& [nid, value] : {std::pair{NID_basic_constraints, "critical,CA:FALSE"},
                                     std::pair{NID_key_usage, "critical,digitalSignature"},
                                     std::pair{NID_ext_key_usage, eku}}) {
        if (auto st = addExtension(c, ca, nid, value); !st.ok())
            return st.error();
    }
    if (auto st = addKeyIdentifiers(c, ca); !st.ok())
        return st.error();
    if (serverAuth) {
        if (auto st = addSubjectAltNames(c, dnsNames, ipAddresses); !st.ok())
            return st.error();
    }
    if (auto st = sign(c, caKey->get()); !st.ok())
        return st.error();

    auto certPem = certificateToPem(c);
    if (!certPem.ok())
        return certPem.error();
    auto keyPem = keyToPem(key->get());
    if (!keyPem.ok())
        return keyPem.error();
    return PemPair{std::move(certPem).value(), std::move(keyPem).value()};
}

base::Status CertAuthority::verifyClientCertificate(const X509* cert) const {
    ERR_clear_error();
    return verifyAgainst(m_certificatePem, cert);
}

base::Status CertAuthority::verifyClientCertificate(const std::string& certificatePem) const {
    ERR_clear_error();
    auto cert = readCertificate(certificatePem);
    if (!cert.ok()) {
        return unauthorized("the client certificate is not accepted: " + cert.error().message);
    }
    return verifyAgainst(m_certificatePem, cert->get());
}

CertificateSubject subjectOf(const X509* cert) {
    CertificateSubject subject;
    if (!cert)
        return subject;
    const X509_NAME* name = X509_get_subject_name(cert);
    const int count = X509_NAME_entry_count(name);
    for (int i = 0; i < count; ++i) {
        const X509_NAME_ENTRY* entry = X509_NAME_get_entry(name, i);
        const int nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(entry));
        if (nid != NID_commonName && nid != NID_organizationName)
            continue;
        unsigned char* utf8 = nullptr;
        const int len = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(entry));
        if (len < 0) {
            ERR_clear_error();
            continue;
        }
        std::string value(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(len));
        OPENSSL_free(utf8);
        // Go's pkix.Name keeps the last CN it meets, and the Kubernetes x509 authenticator reads
        // that; doing the same keeps the simulator's idea of the user identical.
        if (nid == NID_commonName)
            subject.commonName = std::move(value);
        else
            subject.organizations.push_back(std::move(value));
    }
    return subject;
}

base::Result<CertificateSubject> subjectOfPem(const std::string& certificatePem) {
    ERR_clear_error();
    auto cert = readCertificate(certificatePem);
    if (!cert.ok())
        return cert.error();
    return subjectOf(cert->get());
}

}  // namespace scaledeck::sim
