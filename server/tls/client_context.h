// The SSL context the emulator uses as a TLS client: delivering callbacks to https://
// URLs. It trusts the system store plus an optional file of extra CA certificates
// (--callback-ca), and verifies the receiver's certificate unless told not to
// (--callback-tls-verify off, for self-signed receivers).
#pragma once

#include <memory>
#include <string>

#include "server/common/status.h"
#include "server/http/asio_ssl.h"

namespace trtc::tls {

struct ClientTlsOptions {
  std::string extra_ca_file;  // PEM, one or more certificates; empty: the system store only
  bool verify = true;
};

StatusOr<std::unique_ptr<http::ssl::context>> MakeClientContext(const ClientTlsOptions& options);

}  // namespace trtc::tls
