// CertAuthority: the simulator's own TLS identity. It makes a fresh self-signed CA per run and
// issues the server certificate and the client certificates that kubectl (a Go client) accepts:
// EC P-256 keys, SHA-256 signatures, random positive 128-bit serials, SKI/AKI on every
// certificate, subjectAltNames on the server certificate (Go ignores the CN for host names),
// serverAuth/clientAuth extended key usage. Client certificates carry the Kubernetes identity
// mapping: CN is the user name, each O is a group.
//
// The CA keeps its certificate and key as PEM text, so it is a plain copyable value and no
// OpenSSL header leaks into this one. Its methods are const and safe to call from any thread.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/result.h"

// OpenSSL's own spelling, so this header can name a certificate without including OpenSSL.
struct x509_st;
typedef struct x509_st X509;  // NOLINT(modernize-use-using)

namespace scaledeck::sim {

struct PemPair {
    std::string certificatePem;
    std::string privateKeyPem;  // PKCS#8 "PRIVATE KEY", unencrypted
};

struct CertificateSubject {
    std::string commonName;
    std::vector<std::string> organizations;  // in the order they appear in the subject
};

class CertAuthority {
public:
    // A fresh self-signed CA, valid for one year (backdated an hour for clock skew), with
    // basicConstraints CA:TRUE and keyUsage keyCertSign/cRLSign.
    static base::Result<CertAuthority> create(const std::string& commonName = "scaledeck-sim-ca");

    const std::string& certificatePem() const { return m_certificatePem; }

    // A server certificate for "localhost", 127.0.0.1 and ::1 plus the names given (duplicates
    // are dropped). An IP address that does not parse, or a DNS name with characters a host
    // name cannot have, is an Invalid error.
    base::Result<PemPair> issueServerCertificate(const std::vector<std::string>& dnsNames,
                                                 const std::vector<std::string>& ipAddresses) const;

    // A client certificate with subject O=<group>... CN=<user>; the user must not be empty.
    base::Result<PemPair> issueClientCertificate(const std::string& user,
                                                 const std::vector<std::string>& groups) const;

    // Whether the certificate chains to this CA and may be used to log in (clientAuth):
    // Unauthorized with OpenSSL's reason otherwise.
    base::Status verifyClientCertificate(const X509* cert) const;
    base::Status verifyClientCertificate(const std::string& certificatePem) const;

private:
    CertAuthority(std::string certificatePem, std::string privateKeyPem)
        : m_certificatePem(std::move(certificatePem)), m_privateKeyPem(std::move(privateKeyPem)) {}

    base::Result<PemPair> issue(const std::string& commonName,
                                const std::vector<std::string>& organizations,
                                const std::vector<std::string>& dnsNames,
                                const std::vector<std::string>& ipAddresses, bool serverAuth) const;

    std::string m_certificatePem;
    std::string m_privateKeyPem;
};

// The subject of a certificate (a peer's, for client-certificate login): CN and every O.
// A null certificate has an empty subject.
CertificateSubject subjectOf(const X509* cert);
base::Result<CertificateSubject> subjectOfPem(const std::string& certificatePem);

}  // namespace scaledeck::sim
