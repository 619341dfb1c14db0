// ControlPlane: the emulator's own HTTP surface under /_emulator/ (emulator.md "Control
// plane"): plain JSON, no UserSig, HTTP status codes and {"error": "..."} on failure.
#pragma once

#include <memory>
#include <string_view>

#include <chrono>
#include "server/http/request_handler.h"

namespace trtc::control {

class ControlPlane final : public http::RequestHandler {
 public:
  ControlPlane();

  std::unique_ptr<http::Exchange> Begin(boost::beast::http::verb method,
                                        std::string_view target) override;

 private:
  const std::chrono::steady_clock::time_point started_;
};

}  // namespace trtc::control
