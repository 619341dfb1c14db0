// TlsClient: a blocking HTTPS client for tests, over a real loopback socket. It trusts one
// CA (PEM text) and sends a chosen TLS server name and Host — a Tencent host, say — while
// the socket always goes to 127.0.0.1: directly to the HTTPS port, or through the proxy
// door's CONNECT. Reads give up after a hang guard (30 s) that no test asserts on.
#pragma once

#include <cstdint>
#include <string>

#include "server/http/asio_ssl.h"
#include "tests/integration/support/http_client.h"

namespace trtc::testing {

class TlsClient {
 public:
  TlsClient(uint16_t port, const std::string& ca_pem, std::string server_name);

  // Connects and completes TLS; with `connect_authority` ("console.tim.qq.com:443"), asks
  // the proxy door for a tunnel first. Empty on success, else what failed.
  std::string Open(const std::string& connect_authority = "");
  HttpReply Send(http::bhttp::verb method, const std::string& target, const std::string& body);
  HttpReply Post(const std::string& target, const std::string& body) {
    return Send(http::bhttp::verb::post, target, body);
  }

 private:
  uint16_t port_;
  std::string server_name_;
  http::asio::io_context io_;
  http::ssl::context context_;
  http::beast::ssl_stream<http::beast::tcp_stream> stream_;
  http::beast::flat_buffer buffer_;
};

}  // namespace trtc::testing
