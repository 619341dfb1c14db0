#include "tests/integration/support/callback_receiver.h"

#include <chrono>

#include "server/api/query_string.h"

namespace trtc::testing {

using namespace trtc::http;  // asio, beast, bhttp, ssl, tcp

namespace {
// Only a failing test ever waits this long.
constexpr std::chrono::seconds kWaitDeadline{60};
}  // namespace

rapidjson::Document ReceivedRequest::Json() const {
  rapidjson::Document document;
  document.Parse(body.data(), body.size());
  if (document.HasParseError()) document.SetNull();
  return document;
}

std::string ReceivedRequest::Query(const std::string& name) const {
  std::string_view path, query;
  api::SplitTarget(target, &path, &query);
  return api::QueryParam(query, name).value_or("");
}

CallbackReceiver::CallbackReceiver() : acceptor_(io_, tcp::endpoint(asio::ip::address_v4::loopback(), 0)) {
  port_ = acceptor_.local_endpoint().port();
  thread_ = std::thread([this] { Serve(); });
}

CallbackReceiver::CallbackReceiver(const tls::KeyAndCertificate& identity)
    : tls_(std::in_place, ssl::context::tls_server),
      acceptor_(io_, tcp::endpoint(asio::ip::address_v4::loopback(), 0)) {
  // A bad identity is a broken test: the exception says so.
  tls_->use_certificate_chain(asio::buffer(identity.certificate_pem));
  tls_->use_private_key(asio::buffer(identity.key_pem), ssl::context::pem);
  port_ = acceptor_.local_endpoint().port();
  thread_ = std::thread([this] { Serve(); });
}

CallbackReceiver::~CallbackReceiver() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  changed_.notify_all();
  // Wakes the blocking accept() with a connection of our own.
  beast::error_code ignored;
  tcp::socket wake(io_);
  wake.connect(tcp::endpoint(asio::ip::address_v4::loopback(), port_), ignored);
  thread_.join();
}

std::string CallbackReceiver::Url(const std::string& path) const {
  return UrlVia("127.0.0.1", path);
}

std::string CallbackReceiver::UrlVia(const std::string& host, const std::string& path) const {
  return (tls_ ? "https://" : "http://") + host + ":" + std::to_string(port_) + path;
}

void CallbackReceiver::Script(std::vector<std::pair<unsigned, std::string>> replies) {
  std::lock_guard<std::mutex> lock(mu_);
  script_.assign(replies.begin(), replies.end());
}

void CallbackReceiver::Hold(bool hold) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    hold_ = hold;
  }
  changed_.notify_all();
}

std::vector<ReceivedRequest> CallbackReceiver::WaitFor(size_t count) {
  std::unique_lock<std::mutex> lock(mu_);
  changed_.wait_for(lock, kWaitDeadline, [&] { return received_.size() >= count; });
  std::vector<ReceivedRequest> copy;
  for (const ReceivedRequest& request : received_) copy.push_back(request);
  return copy;
}

std::vector<ReceivedRequest> CallbackReceiver::Received() { return WaitFor(0); }

void CallbackReceiver::Serve() {
  for (;;) {
    tcp::socket socket(io_);
    beast::error_code ec;
    acceptor_.accept(socket, ec);
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_) return;
    }
    if (!ec) Handle(std::move(socket));
  }
}

void CallbackReceiver::Handle(tcp::socket socket) {
  if (!tls_) return Exchange(socket, "");
  ssl::stream<tcp::socket> stream(std::move(socket), *tls_);
  beast::error_code ec;
  stream.handshake(ssl::stream_base::server, ec);
  if (ec) return;
  const char* server_name = SSL_get_servername(stream.native_handle(), TLSEXT_NAMETYPE_host_name);
  Exchange(stream, server_name ? server_name : "");
}

// One connection, one request at a time, until the peer closes it (the emulator sends
// "Connection: close", so usually after one).
template <typename Stream>
void CallbackReceiver::Exchange(Stream& socket, const std::string& server_name) {
  beast::flat_buffer buffer;
  for (;;) {
    bhttp::request<bhttp::string_body> request;
    beast::error_code ec;
    bhttp::read(socket, buffer, request, ec);
    if (ec) return;
    unsigned status = 200;
    std::string reply = kOkReply;
    {
      std::unique_lock<std::mutex> lock(mu_);
      ReceivedRequest& got = received_.emplace_back();
      got.method = std::string(request.method_string());
      got.target = std::string(request.target());
      got.content_type = std::string(request[bhttp::field::content_type]);
      got.body = request.body();
      got.server_name = server_name;
      changed_.notify_all();
      changed_.wait(lock, [&] { return !hold_ || stopping_; });
      if (stopping_) return;
      if (!script_.empty()) {
        std::tie(status, reply) = script_.front();
        script_.pop_front();
      }
    }
    bhttp::response<bhttp::string_body> response{static_cast<bhttp::status>(status), 11};
    response.set(bhttp::field::content_type, "application/json");
    response.keep_alive(request.keep_alive());
    response.body() = reply;
    response.prepare_payload();
    bhttp::write(socket, response, ec);
    if (ec || !request.keep_alive()) return;
  }
}

}  // namespace trtc::testing
