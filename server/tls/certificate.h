// Certificates made with OpenSSL's X509 API: the local CA, the leaf it issues for the
// HTTPS port and the proxy door, and (in tests) self-signed receivers. Keys are P-256:
// generated in well under a millisecond, so issuing a leaf at start costs nothing.
#pragma once

#include <string>
#include <vector>

#include "server/common/status.h"

namespace trtc::tls {

// A private key and its certificate, both PEM.
struct KeyAndCertificate {
  std::string key_pem;
  std::string certificate_pem;
};

struct CertificateRequest {
  std::string common_name;
  std::vector<std::string> dns_names;     // subjectAltName DNS entries ("*.example.com" allowed)
  std::vector<std::string> ip_addresses;  // subjectAltName IP entries ("127.0.0.1", "::1")
  int valid_days = 365;
  bool is_ca = false;                     // a CA signs certificates; a leaf serves TLS
};

// A new key and a certificate for it, signed by `issuer` (self-signed when null).
StatusOr<KeyAndCertificate> Issue(const CertificateRequest& request,
                                  const KeyAndCertificate* issuer = nullptr);

// The certificate's subjectAltName entries as OpenSSL prints them ("DNS:localhost",
// "IP Address:127.0.0.1"), for tests and diagnostics.
StatusOr<std::vector<std::string>> SubjectAltNames(const std::string& certificate_pem);

}  // namespace trtc::tls
