#include "server/tls/server_identity.h"

#include <openssl/ssl.h>

#include "server/tls/openssl_ptr.h"

namespace trtc::tls {

using http::ssl::context;

StatusOr<std::unique_ptr<context>> MakeServerContext(const KeyAndCertificate& identity) {
  auto ssl = std::make_unique<context>(context::tls_server);
  boost::system::error_code ec;
  ssl->set_options(context::default_workarounds | context::no_sslv2 | context::no_sslv3 |
                       context::no_tlsv1 | context::no_tlsv1_1 | context::single_dh_use,
                   ec);
  if (!ec) ssl->use_certificate_chain(http::asio::buffer(identity.certificate_pem), ec);
  if (ec) return Status::InvalidArgument("the TLS certificate: " + ec.message());
  ssl->use_private_key(http::asio::buffer(identity.key_pem), context::pem, ec);
  if (ec) return Status::InvalidArgument("the TLS key: " + ec.message());
  if (SSL_CTX_check_private_key(ssl->native_handle()) != 1) {
    return Status::InvalidArgument(OpenSslError("the TLS key is not the certificate's"));
  }
  // An idle connection gives its 16 KiB read and write buffers back to the allocator:
  // thousands of idle keep-alive clients then cost little.
  SSL_CTX_set_mode(ssl->native_handle(), SSL_MODE_RELEASE_BUFFERS);
  return ssl;
}

StatusOr<context*> ServerIdentity::Context() {
  std::call_once(loaded_, [this] { load_status_ = Load(); });
  if (!load_status_.ok()) return load_status_;
  return context_.get();
}

StatusOr<std::string> ServerIdentity::CaCertificatePem() {
  std::call_once(loaded_, [this] { load_status_ = Load(); });
  if (!load_status_.ok()) return load_status_;
  if (!ca_) {
    return Status::NotFound(
        "the emulator serves the certificate of --tls-cert, not one from its local CA: trust "
        "that certificate's issuer");
  }
  return ca_->certificate_pem();
}

Status ServerIdentity::Load() {
  KeyAndCertificate identity;
  if (!options_.certificate_file.empty()) {
    StatusOr<std::string> certificate = ReadPemFile(options_.certificate_file);
    if (!certificate.ok()) return certificate.status().Prefixed("--tls-cert: ");
    StatusOr<std::string> key = ReadPemFile(options_.key_file);
    if (!key.ok()) return key.status().Prefixed("--tls-key: ");
    identity = {*key, *certificate};
  } else {
    StatusOr<LocalCa> ca =
        options_.ca_dir.empty() ? LocalCa::CreateInMemory() : LocalCa::OpenOrCreate(options_.ca_dir);
    if (!ca.ok()) return ca.status();
    StatusOr<KeyAndCertificate> leaf = ca->IssueServerCertificate();
    if (!leaf.ok()) return leaf.status();
    // The chain the server sends: the leaf, then the CA (clients that trust the CA need
    // only the leaf, but some tools show the whole chain).
    identity = {leaf->key_pem, leaf->certificate_pem + ca->certificate_pem()};
    ca_.emplace(std::move(*ca));
  }
  StatusOr<std::unique_ptr<context>> made = MakeServerContext(identity);
  if (!made.ok()) return made.status();
  context_ = std::move(*made);
  return Status::Ok();
}

}  // namespace trtc::tls
