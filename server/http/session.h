// Session: one HTTP/1.1 connection, after Beast's advanced_server example: a clean
// read-header -> (admit) -> read-body -> handle -> write loop. Each connection lives on
// one single-threaded io_context, so it needs no strand. Requests are handled strictly
// one after another, so pipelined requests are answered in order from the bytes already
// buffered.
#pragma once

#include <atomic>
#include <memory>
#include <optional>

#include "server/http/asio.h"
#include "server/http/request_handler.h"
#include "server/http/transport_limits.h"

namespace trtc::http {

// What every session of one server shares.
struct SessionShared {
  RequestHandler& handler;
  TransportLimits limits;
  std::atomic<size_t> connections{0};
  std::atomic<size_t> in_flight{0};   // requests whose header was read and not yet answered
  std::atomic<bool> draining{false};  // stopping: answer in-flight requests, then close
};

// A stream bound to an io_context's own executor type: no type-erased executor calls on
// the hot path.
using Stream = beast::basic_stream<tcp, asio::io_context::executor_type>;

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Stream::socket_type&& socket, SessionShared& shared);
  ~Session();
  void Start();

 private:
  void ReadHeader();
  void OnHeader(beast::error_code ec);
  void ReadBody();
  void OnBody(beast::error_code ec);
  // Answers a request that could not be parsed, then closes.
  void RejectTransport(beast::error_code ec);
  // `send_body` is false for a response to HEAD: the head only.
  void Write(Response response, unsigned version, bool keep_alive, bool send_body);
  void SendResponse(bool keep_alive);
  void OnWrite(bool keep_alive, beast::error_code ec);
  void LingeringClose();
  void Linger(size_t drained);
  void Close();

  Stream stream_;
  beast::flat_buffer buffer_;
  SessionShared& shared_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::unique_ptr<Exchange> exchange_;
  bhttp::response<bhttp::empty_body> continue_;
  std::string response_head_;  // reused: keeps its capacity from request to request
  std::string response_body_;
  std::optional<asio::steady_timer> delay_timer_;  // only for responses told to wait
  bool counted_in_flight_ = false;
};

}  // namespace trtc::http
