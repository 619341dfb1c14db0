#include "server/http/http_server.h"

#include <algorithm>
#include <chrono>
#include <csignal>

namespace trtc::http {
namespace {

// A stop waits this long at most for in-flight requests (polled every 5 ms).
constexpr int kMaxDrainPolls = 2000;
constexpr auto kDrainPoll = std::chrono::milliseconds(5);

}  // namespace

HttpServer::HttpServer(RequestHandler& handler, TransportLimits limits, int threads)
    : shared_{handler, limits},
      io_(std::max(threads, 1)),
      acceptor_(io_),
      signals_(io_),
      drain_timer_(io_),
      threads_(std::max(threads, 1)) {}

HttpServer::~HttpServer() = default;

Status HttpServer::Listen(const std::string& host, uint16_t port) {
  beast::error_code ec;
  tcp::resolver resolver(io_);
  auto results = resolver.resolve(host, std::to_string(port),
                                  tcp::resolver::numeric_service | tcp::resolver::passive, ec);
  if (ec || results.empty()) {
    return Status::Error("cannot resolve bind address \"" + host + "\": " + ec.message());
  }
  const tcp::endpoint endpoint = results.begin()->endpoint();
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status::Error("cannot listen on " + host + ":" + std::to_string(port) + ": " +
                         ec.message());
  }
  port_ = acceptor_.local_endpoint().port();
  return Status::Ok();
}

void HttpServer::StopOnSignals() {
  signals_.add(SIGINT);
  signals_.add(SIGTERM);
  signals_.async_wait([this](beast::error_code ec, int) {
    if (!ec) Stop();
  });
}

void HttpServer::Run() {
  Accept();
  std::vector<std::thread> workers;
  workers.reserve(threads_ - 1);
  for (int i = 1; i < threads_; ++i) workers.emplace_back([this] { io_.run(); });
  io_.run();
  for (auto& worker : workers) worker.join();
}

void HttpServer::Stop() {
  asio::post(io_, [this] {
    if (shared_.draining.exchange(true)) return;
    beast::error_code ignored;
    acceptor_.close(ignored);
    signals_.cancel(ignored);
    drain_polls_ = 0;
    WaitForInFlightThenStop();
  });
}

void HttpServer::WaitForInFlightThenStop() {
  if (shared_.in_flight.load() == 0 || ++drain_polls_ > kMaxDrainPolls) {
    io_.stop();  // idle keep-alive connections are simply dropped
    return;
  }
  drain_timer_.expires_after(kDrainPoll);
  drain_timer_.async_wait([this](beast::error_code) { WaitForInFlightThenStop(); });
}

void HttpServer::Accept() {
  acceptor_.async_accept(asio::make_strand(io_), [this](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (!ec) {
      const size_t open = shared_.connections.fetch_add(1, std::memory_order_relaxed);
      if (open >= shared_.limits.max_connections) {
        shared_.connections.fetch_sub(1, std::memory_order_relaxed);
        beast::error_code ignored;
        socket.close(ignored);
      } else {
        std::make_shared<Session>(std::move(socket), shared_)->Start();
      }
    }
    Accept();
  });
}

}  // namespace trtc::http
