#include "server/app/healthcheck.h"

#include <string_view>

#include "server/common/json.h"
#include "server/http/asio.h"

namespace trtc::app {

std::string HealthcheckHost(const std::string& bind) {
  if (bind.empty() || bind == "0.0.0.0") return "127.0.0.1";
  if (bind == "::" || bind == "[::]") return "::1";
  return bind;
}

std::string CheckHealth(const Options& options, std::chrono::milliseconds timeout) {
  using namespace trtc::http;
  const std::string host = HealthcheckHost(options.bind);
  const std::string port = std::to_string(options.port);
  const std::string url = "http://" + host + ":" + port + "/_emulator/health";
  if (options.port == 0) return url + ": --healthcheck needs the server's port, not 0";

  // Asynchronous steps on one thread, so that a single run_for() bounds all of them (a
  // blocking connect or read has no timeout of its own).
  asio::io_context io;
  tcp::resolver resolver(io);
  beast::tcp_stream stream(io);
  bhttp::request<bhttp::empty_body> request{bhttp::verb::get, "/_emulator/health", 11};
  request.set(bhttp::field::host, host + ":" + port);
  request.set(bhttp::field::connection, "close");
  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> response;
  bool finished = false;
  std::string failure;
  auto fail = [&](const char* step, const beast::error_code& ec) {
    finished = true;
    failure = url + ": " + step + ": " + ec.message();
  };

  resolver.async_resolve(host, port, [&](beast::error_code ec, tcp::resolver::results_type found) {
    if (ec) return fail("resolve", ec);
    stream.async_connect(found, [&](beast::error_code ec, const tcp::endpoint&) {
      if (ec) return fail("connect", ec);
      bhttp::async_write(stream, request, [&](beast::error_code ec, size_t) {
        if (ec) return fail("send", ec);
        bhttp::async_read(stream, buffer, response, [&](beast::error_code ec, size_t) {
          if (ec) return fail("read", ec);
          finished = true;
        });
      });
    });
  });
  io.run_for(timeout);

  if (!finished) return url + ": no answer within " + std::to_string(timeout.count()) + " ms";
  if (!failure.empty()) return failure;
  if (response.result_int() != 200) return url + ": HTTP " + std::to_string(response.result_int());
  json::Body json;
  std::string_view status;
  if (!json.Parse(response.body(), "the answer").ok() ||
      !json::Fields(json.root()).Required("status", &status).ok() || status != "ok") {
    std::string body = response.body().substr(0, 200);
    for (char& c : body) {
      if (c == '\n' || c == '\r') c = ' ';  // the reason stays one line
    }
    return url + ": not ready: " + body;
  }
  return "";
}

}  // namespace trtc::app
