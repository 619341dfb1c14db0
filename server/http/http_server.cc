#include "server/http/http_server.h"

#include <algorithm>
#include <chrono>
#include <csignal>

namespace trtc::http {
namespace {

// A stop waits this long at most for in-flight requests (polled every 5 ms).
constexpr int kMaxDrainPolls = 2000;
constexpr auto kDrainPoll = std::chrono::milliseconds(5);

std::vector<std::unique_ptr<asio::io_context>> MakeWorkers(int threads) {
  std::vector<std::unique_ptr<asio::io_context>> workers;
  for (int i = 0; i < std::max(threads, 1); ++i) {
    workers.push_back(std::make_unique<asio::io_context>());
  }
  return workers;
}

}  // namespace

HttpServer::HttpServer(RequestHandler& handler, TransportLimits limits, int threads)
    : shared_{handler, limits},
      workers_(MakeWorkers(threads)),
      io_(*workers_[0]),
      acceptor_(io_),
      signals_(io_),
      drain_timer_(io_),
      accept_retry_timer_(io_) {}

HttpServer::~HttpServer() = default;

Status HttpServer::Listen(const std::string& host, uint16_t port) {
  beast::error_code ec;
  tcp::resolver resolver(io_);
  auto results = resolver.resolve(host, std::to_string(port),
                                  tcp::resolver::numeric_service | tcp::resolver::passive, ec);
  if (ec || results.empty()) {
    return Status::Internal("cannot resolve bind address \"" + host + "\": " + ec.message());
  }
  const tcp::endpoint endpoint = results.begin()->endpoint();
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status::Internal("cannot listen on " + host + ":" + std::to_string(port) + ": " +
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
  // Keeps idle workers running until Stop() stops them.
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  for (auto& worker : workers_) guards.push_back(asio::make_work_guard(*worker));
  std::vector<std::thread> threads;
  for (size_t i = 1; i < workers_.size(); ++i) {
    threads.emplace_back([this, i] { workers_[i]->run(); });
  }
  io_.run();
  for (auto& thread : threads) thread.join();
}

void HttpServer::Stop() {
  asio::post(io_, [this] {
    if (shared_.draining.exchange(true)) return;
    beast::error_code ignored;
    acceptor_.close(ignored);
    signals_.cancel(ignored);
    accept_retry_timer_.cancel();
    drain_polls_ = 0;
    WaitForInFlightThenStop();
  });
}

void HttpServer::WaitForInFlightThenStop() {
  if (shared_.in_flight.load() == 0 || ++drain_polls_ > kMaxDrainPolls) {
    // Idle keep-alive connections are simply dropped.
    for (auto& worker : workers_) worker->stop();
    return;
  }
  drain_timer_.expires_after(kDrainPoll);
  drain_timer_.async_wait([this](beast::error_code) { WaitForInFlightThenStop(); });
}

void HttpServer::Accept() {
  asio::io_context& worker = *workers_[next_worker_++ % workers_.size()];
  acceptor_.async_accept(worker, [this](beast::error_code ec, Stream::socket_type socket) {
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (ec) {
      // Out of file descriptors, say: retry shortly instead of spinning on the error.
      accept_retry_timer_.expires_after(std::chrono::milliseconds(50));
      accept_retry_timer_.async_wait([this](beast::error_code wait_error) {
        if (!wait_error) Accept();
      });
      return;
    }
    const size_t open = shared_.connections.fetch_add(1, std::memory_order_relaxed);
    if (open >= shared_.limits.max_connections) {
      shared_.connections.fetch_sub(1, std::memory_order_relaxed);
      beast::error_code ignored;
      socket.close(ignored);
    } else {
      std::make_shared<Session>(std::move(socket), shared_)->Start();
    }
    Accept();
  });
}

}  // namespace trtc::http
