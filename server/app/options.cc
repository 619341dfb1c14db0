#include "server/app/options.h"

#include <optional>
#include <string_view>
#include <vector>

namespace trtc::app {
namespace {

struct Flag {
  const char* name;  // "--port"
  const char* env;   // "TRTC_EMULATOR_PORT", or nullptr
  const char* value_name;
  const char* help;
};

constexpr Flag kFlags[] = {
    {"--bind", "TRTC_EMULATOR_BIND", "ADDR", "address to listen on (default 127.0.0.1)"},
    {"--port", "TRTC_EMULATOR_PORT", "N", "port, 0 picks a free one (default 9000)"},
    {"--db", "TRTC_EMULATOR_DB", "FILE", "SQLite database; state survives restarts (default trtc-emulator.db)"},
    {"--in-memory", "TRTC_EMULATOR_IN_MEMORY", nullptr, "keep state in memory only (env: 1)"},
    {"--fixtures", "TRTC_EMULATOR_FIXTURES", "PATH", "fixture JSON file or folder (default: the built-in default app)"},
    {"--rate-limits", "TRTC_EMULATOR_RATE_LIMITS", "on|off", "enforce documented calling frequencies (default on)"},
    {"--auth", "TRTC_EMULATOR_AUTH", "strict|off", "verify UserSig and admin identity (default strict)"},
    {"--log-level", "TRTC_EMULATOR_LOG_LEVEL", "LEVEL", "debug|info|warn|error; debug explains every rejection (default info)"},
    {"--threads", "TRTC_EMULATOR_THREADS", "N", "worker threads (default: one per core)"},
    {"--callback-timeout-ms", "TRTC_EMULATOR_CALLBACK_TIMEOUT_MS", "N", "how long a callback receiver may take to answer (default 2000)"},
    {"--callback-retry-unit-ms", "TRTC_EMULATOR_CALLBACK_RETRY_UNIT_MS", "N", "v1 callbacks are retried after 0,1,1,2,3,5 of these (default 1000)"},
    {"--idle-timeout-ms", "TRTC_EMULATOR_IDLE_TIMEOUT_MS", "N", "close a connection idle or stalled mid-request this long (default 30000)"},
    {"--max-connections", "TRTC_EMULATOR_MAX_CONNECTIONS", "N", "open connections at most; more are closed at once (default 10000)"},
    {"--healthcheck", nullptr, nullptr, "GET /_emulator/health of the server at --bind/--port; exit 0 if ready, 1 if not"},
    {"--help", nullptr, nullptr, "print this help and exit"},
    {"--version", nullptr, nullptr, "print the version and exit"},
};

const Flag* FindFlag(std::string_view name) {
  for (const Flag& flag : kFlags) {
    if (name == flag.name) return &flag;
  }
  return nullptr;
}

std::optional<bool> ParseSwitch(std::string_view value, std::string_view on, std::string_view off) {
  if (value == on) return true;
  if (value == off) return false;
  return std::nullopt;
}

// A duration in whole milliseconds, at most an hour.
std::optional<int> ParseMillis(std::string_view value) {
  if (value.empty() || value.size() > 7 ||
      value.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  const int ms = std::stoi(std::string(value));
  if (ms > 3600000) return std::nullopt;
  return ms;
}

// Applies one setting; returns an error message or "".
std::string Apply(const Flag& flag, std::string_view value, Options* options) {
  const std::string name = flag.name;
  auto bad = [&](std::string_view expected) {
    return name + ": expected " + std::string(expected) + ", got \"" + std::string(value) + "\"";
  };
  if (name == "--bind") {
    if (value.empty()) return bad("an address");
    options->bind = value;
  } else if (name == "--port") {
    if (value.empty() || value.size() > 5 ||
        value.find_first_not_of("0123456789") != std::string_view::npos ||
        std::stoul(std::string(value)) > 65535) {
      return bad("a port number 0..65535");
    }
    options->port = static_cast<uint16_t>(std::stoul(std::string(value)));
  } else if (name == "--db") {
    if (value.empty()) return bad("a file name");
    options->db = value;
  } else if (name == "--in-memory") {
    auto on = ParseSwitch(value, "1", "0");
    if (!on) return bad("1 or 0");
    options->in_memory = *on;
  } else if (name == "--fixtures") {
    options->fixtures = value;
  } else if (name == "--rate-limits") {
    auto on = ParseSwitch(value, "on", "off");
    if (!on) return bad("on or off");
    options->rate_limits = *on;
  } else if (name == "--auth") {
    auto strict = ParseSwitch(value, "strict", "off");
    if (!strict) return bad("strict or off");
    options->auth = *strict ? api::AuthMode::kStrict : api::AuthMode::kOff;
  } else if (name == "--log-level") {
    auto level = ParseLogLevel(value);
    if (!level) return bad("debug, info, warn or error");
    options->log_level = *level;
  } else if (name == "--callback-timeout-ms" || name == "--callback-retry-unit-ms") {
    const std::optional<int> ms = ParseMillis(value);
    if (!ms) return bad("milliseconds 0..3600000");
    (name == "--callback-timeout-ms" ? options->callback_timeout_ms
                                     : options->callback_retry_unit_ms) = *ms;
  } else if (name == "--idle-timeout-ms") {
    const std::optional<int> ms = ParseMillis(value);
    if (!ms || *ms == 0) return bad("milliseconds 1..3600000");
    options->idle_timeout_ms = *ms;
  } else if (name == "--max-connections") {
    if (value.empty() || value.size() > 7 ||
        value.find_first_not_of("0123456789") != std::string_view::npos ||
        std::stoi(std::string(value)) == 0 || std::stoi(std::string(value)) > 1000000) {
      return bad("a connection count 1..1000000");
    }
    options->max_connections = std::stoi(std::string(value));
  } else if (name == "--threads") {
    if (value.empty() || value.size() > 3 ||
        value.find_first_not_of("0123456789") != std::string_view::npos) {
      return bad("a thread count 0..999");
    }
    options->threads = std::stoi(std::string(value));
  } else if (name == "--healthcheck") {
    options->healthcheck = true;
  }
  return "";
}

}  // namespace

ParseResult ParseOptions(int argc, const char* const* argv, const EnvLookup& env, Options* options,
                         std::string* error) {
  for (const Flag& flag : kFlags) {
    const char* value = flag.env ? env(flag.env) : nullptr;
    if (value == nullptr) continue;
    std::string problem = Apply(flag, value, options);
    if (!problem.empty()) {
      *error = std::string(flag.env) + " (" + problem + ")";
      return ParseResult::kError;
    }
  }
  bool db_given = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    std::optional<std::string_view> inline_value;
    if (size_t eq = arg.find('='); arg.starts_with("--") && eq != std::string_view::npos) {
      inline_value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    }
    const Flag* flag = FindFlag(arg);
    if (flag == nullptr) {
      *error = "unknown option \"" + std::string(arg) + "\" (see --help)";
      return ParseResult::kError;
    }
    if (arg == "--help") return ParseResult::kHelp;
    if (arg == "--version") return ParseResult::kVersion;
    std::string_view value;
    if (flag->value_name == nullptr) {
      if (inline_value) {
        *error = std::string(arg) + " takes no value";
        return ParseResult::kError;
      }
      value = "1";
    } else if (inline_value) {
      value = *inline_value;
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      *error = std::string(arg) + " needs a value (" + flag->value_name + ")";
      return ParseResult::kError;
    }
    if (arg == "--db") db_given = true;
    std::string problem = Apply(*flag, value, options);
    if (!problem.empty()) {
      *error = problem;
      return ParseResult::kError;
    }
  }
  if (db_given && options->in_memory) {
    *error = "--db and --in-memory cannot be used together";
    return ParseResult::kError;
  }
  return options->healthcheck ? ParseResult::kHealthcheck : ParseResult::kRun;
}

std::string HelpText() {
  std::string text =
      "Usage: trtc-emulator [--bind ADDR] [--port N] [--db FILE | --in-memory] [--fixtures PATH]\n"
      "                     [--rate-limits on|off] [--auth strict|off] [--log-level LEVEL]\n"
      "       trtc-emulator --healthcheck [--bind ADDR] [--port N]\n\n"
      "A local emulator of Tencent Cloud's TRTC / Chat REST APIs.\n\n"
      "Options (environment variable in brackets):\n";
  for (const Flag& flag : kFlags) {
    std::string left = std::string("  ") + flag.name;
    if (flag.value_name) left += std::string(" ") + flag.value_name;
    if (left.size() < 28) left.resize(28, ' ');
    text += left + flag.help;
    if (flag.env) text += std::string(" [") + flag.env + "]";
    text += "\n";
  }
  text +=
      "\nLimits: request line + headers 16 KiB (431), body 1 MiB (413), idle or stalled\n"
      "connection 30 s (closed), 10000 open connections (more are closed).\n"
      "Ready line on stdout: trtc-emulator listening on http://HOST:PORT\n"
      "Exit status: 0 after SIGINT/SIGTERM, 2 on a bad option, fixture or port.\n"
      "--healthcheck asks 127.0.0.1 when --bind is 0.0.0.0 (2 s timeout) and exits 0 when\n"
      "the server answers ready, 1 otherwise (with one line on stderr).\n";
  return text;
}

}  // namespace trtc::app
