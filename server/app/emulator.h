// Emulator: the whole server put together — options, fixtures, database, stores, the
// API pipeline, the control plane and the HTTP transport. Create() does everything that
// can fail (so nothing is half-started when it does); Run() serves until Stop().
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "server/app/options.h"
#include "server/common/status.h"
#include "server/http/request_handler.h"

namespace trtc::app {

class Emulator {
 public:
  static Status Create(const Options& options, std::unique_ptr<Emulator>* out);
  ~Emulator();

  // "http://HOST:PORT" with the real port.
  std::string url() const;
  // "https://HOST:PORT" with the real port, when serving HTTPS.
  std::optional<std::string> https_url() const;
  uint16_t port() const;
  // The whole request pipeline (control plane and REST APIs) that the transport feeds:
  // lets the fuzzers drive requests without sockets. Valid as long as the Emulator.
  http::RequestHandler& handler();
  void StopOnSignals();
  void Run();
  void Stop();

 private:
  struct Parts;
  explicit Emulator(std::unique_ptr<Parts> parts);
  static Status Reset(Parts& parts, std::optional<uint32_t> sdkappid);
  std::unique_ptr<Parts> parts_;
};

}  // namespace trtc::app
