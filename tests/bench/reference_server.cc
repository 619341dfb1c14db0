// The benchmark's yardstick: the smallest Beast HTTP/1.1 server that answers every
// request with the same bytes trtc-emulator sends for an authenticated get_callback, on
// the same number of threads, with keep-alive. It does no routing, parsing of the query,
// authentication, JSON or storage, but uses the emulator's transport design (one
// single-threaded io_context per thread, connections dealt round-robin), so the
// emulator's requests/s divided by this server's is the share of the HTTP stack's
// capacity that the emulator keeps.
//
//   reference_server PORT_FILE [THREADS]   (listens on 127.0.0.1, an ephemeral port
//                                           written to PORT_FILE)
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "server/http/asio.h"

namespace {

using namespace trtc::http;

const std::string kBody =
    R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"Id-0123456789abcdef0123456789abcdef-O-Seq-1",)"
    R"("Response":{"Url":"https://bench.example/callback","CallbackCommandList":["Call.CallbackAfterStartCall"]}})";

using Stream = beast::basic_stream<tcp, asio::io_context::executor_type>;

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  explicit Connection(Stream::socket_type socket) : stream_(std::move(socket)) {}
  void Read() {
    request_ = {};
    bhttp::async_read(stream_, buffer_, request_,
                      [self = shared_from_this()](beast::error_code ec, size_t) {
                        if (!ec) self->Write();
                      });
  }

 private:
  void Write() {
    response_ = {bhttp::status::ok, request_.version()};
    response_.set(bhttp::field::server, "reference");
    response_.set(bhttp::field::content_type, "application/json; charset=utf-8");
    response_.keep_alive(request_.keep_alive());
    response_.body() = kBody;
    response_.prepare_payload();
    bhttp::async_write(stream_, response_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (!ec && self->response_.keep_alive()) self->Read();
    });
  }

  Stream stream_;
  beast::flat_buffer buffer_;
  bhttp::request<bhttp::string_body> request_;
  bhttp::response<bhttp::string_body> response_;
};

void Accept(tcp::acceptor& acceptor, std::vector<std::unique_ptr<asio::io_context>>& workers,
            size_t next) {
  acceptor.async_accept(*workers[next % workers.size()],
                        [&, next](beast::error_code ec, Stream::socket_type socket) {
                          if (!ec) std::make_shared<Connection>(std::move(socket))->Read();
                          Accept(acceptor, workers, next + 1);
                        });
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: reference_server PORT_FILE [THREADS]\n");
    return 2;
  }
  const int threads = argc > 2 ? std::stoi(argv[2]) : static_cast<int>(std::thread::hardware_concurrency());
  std::vector<std::unique_ptr<asio::io_context>> workers;
  for (int i = 0; i < std::max(threads, 1); ++i) workers.push_back(std::make_unique<asio::io_context>());
  asio::io_context& io = *workers[0];
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  std::ofstream(argv[1]) << acceptor.local_endpoint().port() << "\n";
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](beast::error_code, int) {
    for (auto& worker : workers) worker->stop();
  });
  Accept(acceptor, workers, 0);
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  for (auto& worker : workers) guards.push_back(asio::make_work_guard(*worker));
  std::vector<std::thread> threads_running;
  for (size_t i = 1; i < workers.size(); ++i) threads_running.emplace_back([&, i] { workers[i]->run(); });
  io.run();
  for (auto& thread : threads_running) thread.join();
  return 0;
}
