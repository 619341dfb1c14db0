#include "server/tls/client_context.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace trtc::tls {

using http::ssl::context;

StatusOr<std::unique_ptr<context>> MakeClientContext(const ClientTlsOptions& options) {
  auto ssl = std::make_unique<context>(context::tls_client);
  boost::system::error_code ec;
  ssl->set_options(context::default_workarounds | context::no_sslv2 | context::no_sslv3 |
                       context::no_tlsv1 | context::no_tlsv1_1,
                   ec);
  // A machine without a system store (the FROM-scratch image, say) still trusts
  // --callback-ca; a missing store is not an error.
  if (!ec) ssl->set_default_verify_paths(ec);
  if (ec) return Status::Internal("the system's CA certificates: " + ec.message());
  if (!options.extra_ca_file.empty()) {
    // OpenSSL reports a file it cannot open without a reason ("asio.ssl error"): say it.
    std::FILE* file = std::fopen(options.extra_ca_file.c_str(), "r");
    if (file == nullptr) {
      return Status::InvalidArgument("--callback-ca " + options.extra_ca_file + ": " +
                                     std::strerror(errno));
    }
    std::fclose(file);
    ssl->load_verify_file(options.extra_ca_file, ec);
    if (ec) {
      return Status::InvalidArgument("--callback-ca " + options.extra_ca_file + ": " +
                                     ec.message());
    }
  }
  ssl->set_verify_mode(options.verify ? http::ssl::verify_peer : http::ssl::verify_none);
  return ssl;
}

}  // namespace trtc::tls
