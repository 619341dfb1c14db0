// RateLimiter: each API's calling frequency, per app (each API page's "maximum calling frequency"),
// as a request hook.
//
// Algorithm: a fixed one-second window aligned to the emulator clock's whole seconds —
// the documented limits are "N times per second", so the N+1-th call within one second is
// refused (60007 / 70005 in the family's envelope) and the next second admits N again.
// A refused call does not count. Buckets of the fixture's apps are made at start and
// updated with one lock-free compare-and-swap, so the hot path takes no lock; SDKAppIDs
// that no fixture defines (only with --auth off) share a small mutex-guarded map, bounded
// so that a client inventing SDKAppIDs cannot grow it without end.
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
  // True if calls in the second `now_s` were counted here. If not, the counter holds only
  // another window's count, which TryAdmit at `now_s` ignores: forgetting it changes nothing.
  bool CountsIn(int64_t now_s) const;

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

  // At most this many SDKAppIDs that no fixture defines have buckets at once.
  static constexpr size_t kMaxUnregisteredApps = 1024;
  size_t UnregisteredAppCount();

 private:
  struct AppBuckets {
    std::vector<int> limits;               // by endpoint index
    std::vector<WindowCounter> counters;   // by endpoint index
    AppBuckets(const api::EndpointTable& endpoints, const api::App& app);
    bool CountsIn(int64_t now_s) const;
  };
  api::HookDecision AdmitIn(AppBuckets& buckets, const api::CallInfo& call, int64_t now_s);
  // Shared: a call may still be counting in buckets that another call's insert evicts.
  std::shared_ptr<AppBuckets> UnregisteredBucketsOf(const api::App& app, int64_t now_s);
  void MakeRoomForOneMore(int64_t now_s);  // with unregistered_mu_ held

  const api::EndpointTable& endpoints_;
  const Clock& clock_;
  std::unordered_map<uint32_t, std::unique_ptr<AppBuckets>> known_;  // read-only after start
  std::mutex unregistered_mu_;
  std::unordered_map<uint32_t, std::shared_ptr<AppBuckets>> unregistered_;
};

}  // namespace trtc::limits
