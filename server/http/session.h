// Session: one HTTP/1.1 connection, after Beast's advanced_server(_flex) examples: a clean
// read-header -> (admit) -> read-body -> handle -> write loop, over plain TCP or over TLS
// (the HTTPS port, or a tunnel the proxy door opened). Each connection lives on one
// single-threaded io_context, so it needs no strand. Requests are handled strictly one
// after another, so pipelined requests are answered in order from the bytes already
// buffered.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <type_traits>

#include "server/common/status.h"
#include "server/http/asio_ssl.h"
#include "server/http/request_handler.h"
#include "server/http/transport_limits.h"

namespace trtc::http {

// The proxy door of the plain-HTTP port: `CONNECT host:443` for a host it `allows` opens a
// tunnel in which the emulator itself completes TLS (with the identity `tls` gives, made
// on first use) and serves as usual. It never dials out.
struct ProxyDoor {
  bool enabled = false;
  std::function<bool(std::string_view host)> allows;
  std::function<StatusOr<ssl::context*>()> tls;
};

// What every session of one server shares.
struct SessionShared {
  RequestHandler& handler;
  TransportLimits limits;
  ProxyDoor door;
  std::atomic<size_t> connections{0};
  std::atomic<size_t> in_flight{0};   // requests whose header was read and not yet answered
  std::atomic<bool> draining{false};  // stopping: answer in-flight requests, then close
};

// A stream bound to an io_context's own executor type: no type-erased executor calls on
// the hot path.
using PlainStream = beast::basic_stream<tcp, asio::io_context::executor_type>;
using TlsStream = beast::ssl_stream<PlainStream>;

template <class StreamType>
class Session : public std::enable_shared_from_this<Session<StreamType>> {
 public:
  static constexpr bool kTls = std::is_same_v<StreamType, TlsStream>;

  // A connection over `next_layer` (an accepted socket's, or, for TLS, a tunnel's), with
  // bytes already read from it (after a CONNECT) in `buffered`. `tls` is the server's
  // identity for a TLS session, null for a plain one.
  Session(PlainStream&& next_layer, ssl::context* tls, beast::flat_buffer buffered,
          SessionShared& shared);
  ~Session();
  void Start();

 private:
  static StreamType MakeStream(PlainStream&& next_layer, ssl::context* tls);
  auto& Socket() { return beast::get_lowest_layer(stream_); }
  void ReadHeader();
  void OnHeader(beast::error_code ec);
  void ReadBody();
  void OnBody(beast::error_code ec);
  // CONNECT: refuse it, or answer 200 and hand the connection to a TLS session.
  void OnConnect();
  void OpenTunnel(ssl::context& context);
  // Answers a request that could not be parsed, then closes.
  void RejectTransport(beast::error_code ec);
  void Refuse(unsigned status, std::string_view message);
  // `send_body` is false for a response to HEAD: the head only.
  void Write(Response response, unsigned version, bool keep_alive, bool send_body);
  void SendResponse(bool keep_alive);
  void OnWrite(bool keep_alive, beast::error_code ec);
  // An event stream's response head is out: write its events as they come until either
  // side ends it.
  void StreamEvents();
  void PumpEvents();
  void KeepAliveLater();
  void LingeringClose();
  void Linger(size_t drained);
  void Close();

  StreamType stream_;
  beast::flat_buffer buffer_;
  SessionShared& shared_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::unique_ptr<Exchange> exchange_;
  bhttp::response<bhttp::empty_body> continue_;
  std::string target_storage_;  // an absolute-form target rewritten to origin form
  std::string response_head_;   // reused: keeps its capacity from request to request
  std::string response_body_;
  std::optional<asio::steady_timer> delay_timer_;  // only for responses told to wait
  bool counted_in_flight_ = false;
  std::shared_ptr<EventStream> events_;  // the response being streamed, if any
  std::string events_out_;
  bool events_writing_ = false;
};

using PlainSession = Session<PlainStream>;
using TlsSession = Session<TlsStream>;

}  // namespace trtc::http
