#include "server/tls/certificate.h"

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "server/tls/openssl_ptr.h"

namespace trtc::tls {
namespace {

std::string ToPem(int (*write)(BIO*, void*), void* object) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || write(bio.get(), object) != 1) return {};
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

std::string KeyToPem(EVP_PKEY* key) {
  return ToPem(
      [](BIO* bio, void* k) {
        return PEM_write_bio_PrivateKey(bio, static_cast<EVP_PKEY*>(k), nullptr, nullptr, 0,
                                        nullptr, nullptr);
      },
      key);
}

std::string CertificateToPem(X509* certificate) {
  return ToPem([](BIO* bio, void* c) { return PEM_write_bio_X509(bio, static_cast<X509*>(c)); },
               certificate);
}

KeyPtr ReadKey(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return KeyPtr(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
}

X509Ptr ReadCertificate(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return X509Ptr(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
}

// Adds one v3 extension written in OpenSSL's configuration syntax.
bool AddExtension(X509* certificate, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str());
  if (!extension) return false;
  const bool added = X509_add_ext(certificate, extension, -1) == 1;
  X509_EXTENSION_free(extension);
  return added;
}

std::string AltNames(const CertificateRequest& request) {
  std::string names;
  for (const std::string& dns : request.dns_names) names += (names.empty() ? "" : ",") + ("DNS:" + dns);
  for (const std::string& ip : request.ip_addresses) names += (names.empty() ? "" : ",") + ("IP:" + ip);
  return names;
}

// A random positive 127-bit serial, so two certificates from one CA never collide.
bool SetRandomSerial(X509* certificate) {
  std::unique_ptr<BIGNUM, OpenSslDeleter<BIGNUM, BN_free>> serial(BN_new());
  if (!serial || BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1) {
    return false;
  }
  return BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate)) != nullptr;
}

}  // namespace

StatusOr<KeyAndCertificate> Issue(const CertificateRequest& request,
                                  const KeyAndCertificate* issuer) {
  KeyPtr key(EVP_EC_gen("P-256"));
  if (!key) return Status::Internal(OpenSslError("generating a P-256 key"));
  KeyPtr issuer_key;
  X509Ptr issuer_certificate;
  if (issuer) {
    issuer_key = ReadKey(issuer->key_pem);
    issuer_certificate = ReadCertificate(issuer->certificate_pem);
    if (!issuer_key || !issuer_certificate) {
      return Status::InvalidArgument(OpenSslError("reading the issuer's key and certificate"));
    }
  }
  X509Ptr certificate(X509_new());
  if (!certificate) return Status::Internal(OpenSslError("allocating a certificate"));
  X509* cert = certificate.get();
  X509_NAME* subject = X509_get_subject_name(cert);
  const auto* name = reinterpret_cast<const unsigned char*>(request.common_name.c_str());
  const auto* organization = reinterpret_cast<const unsigned char*>("trtc-emulator");
  // Clients check the validity against their own (real) time, so certificates use it too:
  // valid from an hour ago (a client clock slightly behind still accepts them).
  bool built = X509_set_version(cert, 2) == 1 && SetRandomSerial(cert) &&
               X509_gmtime_adj(X509_getm_notBefore(cert), -3600) != nullptr &&
               X509_gmtime_adj(X509_getm_notAfter(cert), 86400L * request.valid_days) != nullptr &&
               X509_set_pubkey(cert, key.get()) == 1 &&
               X509_NAME_add_entry_by_txt(subject, "O", MBSTRING_UTF8, organization, -1, -1, 0) == 1 &&
               X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8, name, -1, -1, 0) == 1;
  X509* signer = issuer ? issuer_certificate.get() : cert;
  built = built && X509_set_issuer_name(cert, X509_get_subject_name(signer)) == 1;
  if (request.is_ca) {
    built = built && AddExtension(cert, signer, NID_basic_constraints, "critical,CA:TRUE") &&
            // digitalSignature too: a self-signed CA may also serve TLS itself (a test's
            // receiver, one's own --tls-cert), as `openssl req -x509` certificates do.
            AddExtension(cert, signer, NID_key_usage,
                         "critical,digitalSignature,keyCertSign,cRLSign");
  } else {
    built = built && AddExtension(cert, signer, NID_basic_constraints, "critical,CA:FALSE") &&
            AddExtension(cert, signer, NID_key_usage, "critical,digitalSignature") &&
            AddExtension(cert, signer, NID_ext_key_usage, "serverAuth");
  }
  built = built && AddExtension(cert, signer, NID_subject_key_identifier, "hash") &&
          AddExtension(cert, signer, NID_authority_key_identifier, "keyid:always");
  const std::string alt_names = AltNames(request);
  if (!alt_names.empty()) built = built && AddExtension(cert, signer, NID_subject_alt_name, alt_names);
  EVP_PKEY* signing_key = issuer ? issuer_key.get() : key.get();
  built = built && X509_sign(cert, signing_key, EVP_sha256()) > 0;
  if (!built) return Status::Internal(OpenSslError("building the certificate for " + request.common_name));
  KeyAndCertificate out{KeyToPem(key.get()), CertificateToPem(cert)};
  if (out.key_pem.empty() || out.certificate_pem.empty()) {
    return Status::Internal(OpenSslError("writing the certificate as PEM"));
  }
  return out;
}

StatusOr<std::vector<std::string>> SubjectAltNames(const std::string& certificate_pem) {
  X509Ptr certificate = ReadCertificate(certificate_pem);
  if (!certificate) return Status::InvalidArgument(OpenSslError("reading the certificate"));
  std::vector<std::string> names;
  auto* entries = static_cast<GENERAL_NAMES*>(
      X509_get_ext_d2i(certificate.get(), NID_subject_alt_name, nullptr, nullptr));
  if (!entries) return names;
  for (int i = 0; i < sk_GENERAL_NAME_num(entries); ++i) {
    STACK_OF(CONF_VALUE)* printed =
        i2v_GENERAL_NAME(nullptr, sk_GENERAL_NAME_value(entries, i), nullptr);
    for (int j = 0; printed && j < sk_CONF_VALUE_num(printed); ++j) {
      const CONF_VALUE* value = sk_CONF_VALUE_value(printed, j);
      names.push_back(std::string(value->name) + ":" + value->value);
    }
    sk_CONF_VALUE_pop_free(printed, X509V3_conf_free);
  }
  GENERAL_NAMES_free(entries);
  return names;
}

}  // namespace trtc::tls
