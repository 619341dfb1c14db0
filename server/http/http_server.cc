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
    : shared_{handler, limits, ProxyDoor{}},
      workers_(MakeWorkers(threads)),
      io_(*workers_[0]),
      plain_(io_),
      tls_(io_),
      signals_(io_),
      drain_timer_(io_) {}

HttpServer::~HttpServer() = default;

Status HttpServer::Listen(const std::string& host, uint16_t port) {
  return Bind(plain_, host, port);
}

Status HttpServer::ListenTls(const std::string& host, uint16_t port, ssl::context& context) {
  tls_.tls = &context;
  return Bind(tls_, host, port);
}

Status HttpServer::Bind(Listener& listener, const std::string& host, uint16_t port) {
  beast::error_code ec;
  tcp::resolver resolver(io_);
  auto results = resolver.resolve(host, std::to_string(port),
                                  tcp::resolver::numeric_service | tcp::resolver::passive, ec);
  if (ec || results.empty()) {
    return Status::Internal("cannot resolve bind address \"" + host + "\": " + ec.message());
  }
  const tcp::endpoint endpoint = results.begin()->endpoint();
  tcp::acceptor& acceptor = listener.acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status::Internal("cannot listen on " + host + ":" + std::to_string(port) + ": " +
                         ec.message());
  }
  listener.port = acceptor.local_endpoint().port();
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
  for (Listener* listener : {&plain_, &tls_}) {
    if (listener->acceptor.is_open()) Accept(*listener);
  }
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
    for (Listener* listener : {&plain_, &tls_}) {
      listener->acceptor.close(ignored);
      listener->retry_timer.cancel();
    }
    signals_.cancel(ignored);
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

void HttpServer::Accept(Listener& listener) {
  asio::io_context& worker = *workers_[next_worker_++ % workers_.size()];
  listener.acceptor.async_accept(worker, [this, &listener](beast::error_code ec,
                                                           PlainStream::socket_type socket) {
    if (ec == asio::error::operation_aborted || !listener.acceptor.is_open()) return;
    if (ec) {
      // Out of file descriptors, say: retry shortly instead of spinning on the error.
      listener.retry_timer.expires_after(std::chrono::milliseconds(50));
      listener.retry_timer.async_wait([this, &listener](beast::error_code wait_error) {
        if (!wait_error) Accept(listener);
      });
      return;
    }
    // A response is written whole: Nagle would hold a large one's last segment until the
    // client's delayed ACK (tens of ms at one connection).
    beast::error_code no_delay_error;
    socket.set_option(asio::ip::tcp::no_delay(true), no_delay_error);
    const size_t open = shared_.connections.fetch_add(1, std::memory_order_relaxed);
    if (open >= shared_.limits.max_connections) {
      shared_.connections.fetch_sub(1, std::memory_order_relaxed);
      beast::error_code ignored;
      socket.close(ignored);
    } else if (listener.tls) {
      std::make_shared<TlsSession>(PlainStream(std::move(socket)), listener.tls,
                                   beast::flat_buffer(), shared_)
          ->Start();
    } else {
      std::make_shared<PlainSession>(PlainStream(std::move(socket)), nullptr,
                                     beast::flat_buffer(), shared_)
          ->Start();
    }
    Accept(listener);
  });
}

}  // namespace trtc::http
