// Healthcheck: the client side of `trtc-emulator --healthcheck`, for Docker's HEALTHCHECK and
// compose: one GET of /_emulator/health on the server the same options describe, so the
// container needs no curl and the check follows TRTC_EMULATOR_PORT / TRTC_EMULATOR_BIND.
#pragma once

#include <chrono>
#include <string>

#include "server/app/options.h"

namespace trtc::app {

// The address to ask: a wildcard listen address (0.0.0.0, ::, empty) is not a destination,
// so those ask over loopback; any other bind address is asked directly.
std::string HealthcheckHost(const std::string& bind);

// Returns "" when the server answers HTTP 200 with {"status":"ok"} within `timeout` (for the
// whole exchange: resolve, connect, request, response); otherwise a one-line reason.
std::string CheckHealth(const Options& options, std::chrono::milliseconds timeout);

}  // namespace trtc::app
