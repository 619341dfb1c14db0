// RateLimiter: each API's calling frequency, per app (api.md §5), as a request hook.
//
// Algorithm: a fixed one-second window aligned to the emulator clock's whole seconds —
// the documented limits are "N times per second", so the N+1-th call within one second is
// refused (60007 / 70005 in the family's envelope) and the next second admits N again.
// A refused call does not count. Buckets of the fixture's apps are made at start and
// updated with one lock-free compare-and-swap, so the hot path takes no lock; SDKAppIDs
// that no fixture defines (only with --auth off) share a small mutex-guarded map.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "server/api/app_registry.h"
#include "server/api/request_hook.h"
#include "server/common/clock.h"

namespace trtc::limits {

// One (app, API) budget. The state packs the window's second and the count admitted in
// it into one word so both change together.
class WindowCounter {
 public:
  // True if a call at `now_s` fits within `limit` calls in its second (and counts it).
  bool TryAdmit(int64_t now_s, int limit);

 private:
  static constexpr int kCountBits = 24;
  static constexpr uint64_t kMaxCount = (uint64_t{1} << kCountBits) - 1;
  std::atomic<uint64_t> state_{0};
};

class RateLimiter final : public api::RequestHook {
 public:
  RateLimiter(const api::EndpointTable& endpoints, const api::AppRegistry& apps,
              const Clock& clock);

  // The calls per second `app` may make to `endpoint`: its fixture override, else the
  // endpoint table's documented figure.
  static int LimitFor(const api::App& app, const api::Endpoint& endpoint);

  api::HookDecision Admit(const api::CallInfo& call) override;
  void Completed(const api::CallInfo&, std::string_view, const api::ApiReply&,
                 std::string_view) override {}

 private:
  struct AppBuckets {
    std::vector<int> limits;               // by endpoint index
    std::vector<WindowCounter> counters;   // by endpoint index
    AppBuckets(const api::EndpointTable& endpoints, const api::App& app);
  };
  AppBuckets& BucketsOf(const api::App& app);

  const api::EndpointTable& endpoints_;
  const Clock& clock_;
  std::unordered_map<uint32_t, std::unique_ptr<AppBuckets>> known_;  // read-only after start
  std::mutex unknown_mu_;
  std::unordered_map<uint32_t, std::unique_ptr<AppBuckets>> unknown_;
};

}  // namespace trtc::limits
