// CallbackReceiver: a small HTTP server on 127.0.0.1 (ephemeral port) standing in for an
// app's callback endpoint. It records every request and answers from a script, so a test
// can check what the emulator POSTed, make it retry, or keep it waiting. Waiting for
// requests is bounded by a generous deadline that only matters when a test fails. Given a
// key and certificate it serves HTTPS instead; a connection whose TLS handshake fails is
// closed without a request recorded.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <rapidjson/document.h>

#include "server/http/asio_ssl.h"
#include "server/tls/certificate.h"

namespace trtc::testing {

struct ReceivedRequest {
  std::string method;
  std::string target;  // path and query string
  std::string content_type;
  std::string body;
  std::string server_name;  // HTTPS: the SNI the client sent ("" when none)
  rapidjson::Document Json() const;
  // The value of one query parameter ("" when absent).
  std::string Query(const std::string& name) const;
};

class CallbackReceiver {
 public:
  // What both families accept: v4 reads ActionStatus/ErrorCode, v1 ErrorCode.
  static constexpr const char* kOkReply =
      R"({"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"ErrorMessage":"Success"})";

  CallbackReceiver();
  // HTTPS with this key and certificate.
  explicit CallbackReceiver(const tls::KeyAndCertificate& identity);
  ~CallbackReceiver();

  uint16_t port() const { return port_; }
  // "http://127.0.0.1:PORT" + path ("https://" when it serves HTTPS).
  std::string Url(const std::string& path) const;
  // The same with another name for 127.0.0.1 ("localhost").
  std::string UrlVia(const std::string& host, const std::string& path) const;

  // The next requests get these (status, body) replies in order; after them, 200 kOkReply.
  void Script(std::vector<std::pair<unsigned, std::string>> replies);
  // While held, requests are read and recorded but not answered.
  void Hold(bool hold);
  // Waits until at least `count` requests have arrived; returns all received so far
  // (fewer only when the deadline passed).
  std::vector<ReceivedRequest> WaitFor(size_t count);
  std::vector<ReceivedRequest> Received();

 private:
  void Serve();
  void Handle(http::tcp::socket socket);
  template <typename Stream>
  void Exchange(Stream& stream, const std::string& server_name);

  http::asio::io_context io_;
  std::optional<http::ssl::context> tls_;  // set: HTTPS
  http::tcp::acceptor acceptor_;
  uint16_t port_ = 0;
  std::mutex mu_;
  std::condition_variable changed_;
  std::vector<ReceivedRequest> received_;
  std::deque<std::pair<unsigned, std::string>> script_;
  bool hold_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace trtc::testing
