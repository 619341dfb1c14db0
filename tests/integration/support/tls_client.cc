#include "tests/integration/support/tls_client.h"

#include <sys/socket.h>
#include <sys/time.h>

#include <openssl/ssl.h>

namespace trtc::testing {

namespace bhttp = http::bhttp;
using http::tcp;

TlsClient::TlsClient(uint16_t port, const std::string& ca_pem, std::string server_name)
    : port_(port),
      server_name_(std::move(server_name)),
      context_(http::ssl::context::tls_client),
      stream_(io_, context_) {
  http::beast::error_code ignored;
  if (!ca_pem.empty()) context_.add_certificate_authority(http::asio::buffer(ca_pem), ignored);
}

std::string TlsClient::Open(const std::string& connect_authority) {
  auto& socket = http::beast::get_lowest_layer(stream_).socket();
  http::beast::error_code ec;
  socket.connect(tcp::endpoint(http::asio::ip::make_address("127.0.0.1"), port_), ec);
  if (ec) return "connect: " + ec.message();
  const timeval guard{30, 0};
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &guard, sizeof guard);
  if (!connect_authority.empty()) {
    const std::string request = "CONNECT " + connect_authority + " HTTP/1.1\r\nHost: " +
                                connect_authority + "\r\n\r\n";
    http::asio::write(socket, http::asio::buffer(request), ec);
    // The door's answer has no body: read its head byte by byte, so no TLS byte is eaten.
    std::string head;
    char c;
    while (!ec && !head.ends_with("\r\n\r\n") && head.size() < 4096) {
      if (socket.read_some(http::asio::buffer(&c, 1), ec) == 1) head.push_back(c);
    }
    if (ec) return "CONNECT: " + ec.message();
    if (!head.starts_with("HTTP/1.1 200 ")) return "CONNECT answered " + head.substr(0, head.find('\r'));
  }
  // On the stream: its SSL object was made (with the context's settings) before this.
  stream_.set_verify_mode(http::ssl::verify_peer);
  SSL_set_tlsext_host_name(stream_.native_handle(), server_name_.c_str());
  stream_.set_verify_callback(http::ssl::host_name_verification(server_name_));
  stream_.handshake(http::ssl::stream_base::client, ec);
  if (ec) return "handshake: " + ec.message();
  return "";
}

HttpReply TlsClient::Send(bhttp::verb method, const std::string& target, const std::string& body) {
  bhttp::request<bhttp::string_body> request{method, target, 11};
  request.set(bhttp::field::host, server_name_);
  request.body() = body;
  request.prepare_payload();
  http::beast::error_code ec;
  bhttp::write(stream_, request, ec);
  if (ec) return HttpReply{};
  bhttp::response_parser<bhttp::string_body> parser;
  bhttp::read(stream_, buffer_, parser, ec);
  if (ec) return HttpReply{};
  HttpReply reply;
  reply.status = parser.get().result_int();
  reply.body = parser.get().body();
  reply.content_type = std::string(parser.get()[bhttp::field::content_type]);
  reply.keep_alive = parser.get().keep_alive();
  return reply;
}

}  // namespace trtc::testing
