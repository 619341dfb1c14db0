// Transport limits (README "Limits"). Beyond them the client gets an HTTP status
// code and the connection is closed; nothing beyond them reaches an API.
#pragma once

#include <chrono>
#include <cstddef>

namespace trtc::http {

struct TransportLimits {
  size_t header_bytes = 16 * 1024;                  // request line + headers -> 431
  size_t body_bytes = 1024 * 1024;                  // request body -> 413
  std::chrono::milliseconds idle_timeout{30000};    // idle or stalled mid-request -> closed
  size_t max_connections = 10000;                   // more are accepted and closed at once
};

}  // namespace trtc::http
