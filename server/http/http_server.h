// HttpServer: listens on an HTTP port (and, optionally, an HTTPS port), accepts
// connections and runs a Session for each.
// One io_context per thread (one per core by default), connections dealt round-robin:
// every core serves, and a connection's handlers never run concurrently, so sessions
// need no strand. Stop() is graceful: no new connections, in-flight requests are
// answered, then Run() returns.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "server/common/status.h"
#include "server/http/asio.h"
#include "server/http/request_handler.h"
#include "server/http/session.h"
#include "server/http/transport_limits.h"

namespace trtc::http {

class HttpServer {
 public:
  HttpServer(RequestHandler& handler, TransportLimits limits, int threads);
  ~HttpServer();

  // Binds and listens for plain HTTP; `host` is an IP address or a name that resolves
  // locally.
  Status Listen(const std::string& host, uint16_t port);
  // The same, for HTTPS: every connection completes TLS with `context` first.
  Status ListenTls(const std::string& host, uint16_t port, ssl::context& context);
  // Before Run(): what the HTTP port does with CONNECT (refused with 405 by default).
  void OpenProxyDoor(ProxyDoor door) { shared_.door = std::move(door); }
  uint16_t port() const { return plain_.port; }
  uint16_t tls_port() const { return tls_.port; }

  // SIGINT / SIGTERM call Stop().
  void StopOnSignals();
  // Serves until Stop(); returns when every thread has finished.
  void Run();
  // Thread-safe and idempotent.
  void Stop();

 private:
  // One listening socket; `tls` is null for plain HTTP.
  struct Listener {
    explicit Listener(asio::io_context& io) : acceptor(io), retry_timer(io) {}
    tcp::acceptor acceptor;
    asio::steady_timer retry_timer;
    ssl::context* tls = nullptr;
    uint16_t port = 0;
  };

  Status Bind(Listener& listener, const std::string& host, uint16_t port);
  void Accept(Listener& listener);
  void WaitForInFlightThenStop();

  // Declared first so it outlives io_: sessions still queued in io_ are destroyed with
  // it and touch shared_ on the way out.
  SessionShared shared_;
  std::vector<std::unique_ptr<asio::io_context>> workers_;  // [0] also accepts and signals
  asio::io_context& io_;
  Listener plain_;
  Listener tls_;
  asio::signal_set signals_;
  asio::steady_timer drain_timer_;
  size_t next_worker_ = 0;
  int drain_polls_ = 0;
};

}  // namespace trtc::http
