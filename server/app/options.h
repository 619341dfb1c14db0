// Options: the command line and environment (README "Command line"). A flag wins
// over its environment variable, which wins over the default.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "server/api/api_dispatcher.h"
#include "server/common/log.h"
#include "server/http/transport_limits.h"

namespace trtc::app {

struct Options {
  std::string bind = "127.0.0.1";
  uint16_t port = 9000;
  std::string db = "trtc-emulator.db";
  bool in_memory = false;
  std::string fixtures;  // empty: the built-in default fixture
  bool rate_limits = true;
  api::AuthMode auth = api::AuthMode::kStrict;
  LogLevel log_level = LogLevel::kInfo;
  int threads = 0;       // 0: one per core
  int callback_timeout_ms = 2000;     // per callback attempt (the callback pages: 2 s)
  int callback_retry_unit_ms = 1000;  // the unit of the v1 retry schedule
  std::string callback_ca;            // extra CAs (PEM) for https:// callbacks; empty: none
  bool callback_tls_verify = true;    // false: any certificate of a callback receiver passes
  // Transport limits (README "Limits"): the defaults are the transport's own.
  int idle_timeout_ms = static_cast<int>(http::TransportLimits{}.idle_timeout.count());
  int max_connections = static_cast<int>(http::TransportLimits{}.max_connections);
  std::optional<uint64_t> seed;       // ids are reproducible with one; unset: random
  // HTTPS and the proxy door (README "Point an unmodified app at the emulator").
  std::optional<uint16_t> https_port;  // unset: no HTTPS port
  std::string tls_dir;   // empty: trtc-emulator-tls beside the database (in memory: none)
  std::string tls_cert;  // with tls_key: served instead of the local CA's leaf
  std::string tls_key;
  bool proxy = true;     // CONNECT to Tencent API hosts on the HTTP port
  bool send_callbacks = true;         // no flag: only the request fuzzer turns it off
  bool healthcheck = false;  // ask a running server instead of starting one
};

// kHealthcheck: --healthcheck was given; the other options say which server to ask.
enum class ParseResult { kRun, kHelp, kVersion, kHealthcheck, kError };

// Reads an environment variable; returns nullptr when unset.
using EnvLookup = std::function<const char*(const char* name)>;

// On kError, *error is a one-line message naming the problem.
ParseResult ParseOptions(int argc, const char* const* argv, const EnvLookup& env, Options* options,
                         std::string* error);

std::string HelpText();

// Every flag ("--port") with its environment variable ("" when it has none), in the order
// --help lists them.
struct FlagName {
  std::string flag;
  std::string env;
};
std::vector<FlagName> FlagNames();

}  // namespace trtc::app
