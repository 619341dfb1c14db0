// A minimal leveled logger writing one line per message to stderr. Cheap when a level
// is off: callers test Enabled() before building the message.
#pragma once

#include <atomic>
#include <optional>
#include <string_view>

namespace trtc {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

std::optional<LogLevel> ParseLogLevel(std::string_view name);
std::string_view LogLevelName(LogLevel level);  // "debug", "info", "warn", "error"

class Log {
 public:
  static void SetLevel(LogLevel level) { level_.store(level, std::memory_order_relaxed); }
  static bool Enabled(LogLevel level) { return level >= level_.load(std::memory_order_relaxed); }
  static void Write(LogLevel level, std::string_view message);

 private:
  static std::atomic<LogLevel> level_;
};

inline void LogDebug(std::string_view m) { if (Log::Enabled(LogLevel::kDebug)) Log::Write(LogLevel::kDebug, m); }
inline void LogInfo(std::string_view m) { if (Log::Enabled(LogLevel::kInfo)) Log::Write(LogLevel::kInfo, m); }
inline void LogWarn(std::string_view m) { if (Log::Enabled(LogLevel::kWarn)) Log::Write(LogLevel::kWarn, m); }
inline void LogError(std::string_view m) { if (Log::Enabled(LogLevel::kError)) Log::Write(LogLevel::kError, m); }

}  // namespace trtc
