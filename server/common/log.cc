#include "server/common/log.h"

#include <cstdio>
#include <iterator>
#include <string>

namespace trtc {

std::atomic<LogLevel> Log::level_{LogLevel::kInfo};

namespace {
constexpr std::string_view kNames[] = {"debug", "info", "warn", "error"};  // by LogLevel
}  // namespace

std::optional<LogLevel> ParseLogLevel(std::string_view name) {
  for (size_t i = 0; i < std::size(kNames); ++i) {
    if (name == kNames[i]) return static_cast<LogLevel>(i);
  }
  return std::nullopt;
}

std::string_view LogLevelName(LogLevel level) { return kNames[static_cast<int>(level)]; }

void Log::Write(LogLevel level, std::string_view message) {
  // One fwrite per line keeps lines from different threads whole.
  std::string line = "trtc-emulator ";
  line += LogLevelName(level);
  line += ": ";
  line += message;
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace trtc
