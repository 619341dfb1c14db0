// Clock: the one seam through which the emulator reads time, so that tests (and the
// control plane's clock offset) can move time without sleeping.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace trtc {

class Clock {
 public:
  virtual ~Clock() = default;
  // Unix time in milliseconds.
  virtual int64_t NowMillis() const = 0;
  int64_t NowSeconds() const { return NowMillis() / 1000; }
};

// Wall clock plus an adjustable offset (the offset is what `/_emulator/clock` sets).
class SystemClock final : public Clock {
 public:
  int64_t NowMillis() const override {
    auto now = std::chrono::system_clock::now().time_since_epoch();
    return std::chrono::duration_cast<std::chrono::milliseconds>(now).count() +
           offset_ms_.load(std::memory_order_relaxed);
  }
  void set_offset_millis(int64_t offset) { offset_ms_.store(offset, std::memory_order_relaxed); }
  int64_t offset_millis() const { return offset_ms_.load(std::memory_order_relaxed); }

 private:
  std::atomic<int64_t> offset_ms_{0};
};

// A clock that only moves when told to: for unit tests.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t now_ms = 0) : now_ms_(now_ms) {}
  int64_t NowMillis() const override { return now_ms_.load(std::memory_order_relaxed); }
  void SetMillis(int64_t ms) { now_ms_.store(ms, std::memory_order_relaxed); }
  void SetSeconds(int64_t s) { SetMillis(s * 1000); }
  void AdvanceMillis(int64_t ms) { now_ms_.fetch_add(ms, std::memory_order_relaxed); }

 private:
  std::atomic<int64_t> now_ms_;
};

}  // namespace trtc
