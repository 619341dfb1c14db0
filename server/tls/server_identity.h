// ServerIdentity: the certificate the HTTPS port and the proxy door present — a leaf from
// the local CA, or the user's own (--tls-cert/--tls-key) — as a ready SSL context. Made on
// first use (the proxy door is on by default, and most runs never open a tunnel), then
// shared by every TLS connection.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "server/common/status.h"
#include "server/http/asio_ssl.h"
#include "server/tls/local_ca.h"

namespace trtc::tls {

struct ServerTlsOptions {
  std::string ca_dir;            // empty: a CA in memory, new each start
  std::string certificate_file;  // with key_file: serve these instead of the local CA's leaf
  std::string key_file;
};

class ServerIdentity {
 public:
  explicit ServerIdentity(ServerTlsOptions options) : options_(std::move(options)) {}

  // Thread-safe. The first call loads or creates the CA and issues the leaf; a failure is
  // kept and answered to every later call.
  StatusOr<http::ssl::context*> Context();
  // The local CA's certificate (PEM). NotFound when serving --tls-cert.
  StatusOr<std::string> CaCertificatePem();

 private:
  Status Load();

  const ServerTlsOptions options_;
  std::once_flag loaded_;
  Status load_status_;
  std::optional<LocalCa> ca_;
  std::unique_ptr<http::ssl::context> context_;
};

// An SSL context for a TLS server from PEM text (a chain: leaf first).
StatusOr<std::unique_ptr<http::ssl::context>> MakeServerContext(const KeyAndCertificate& identity);

}  // namespace trtc::tls
