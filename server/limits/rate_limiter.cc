#include "server/limits/rate_limiter.h"

#include <algorithm>
#include <string>

namespace trtc::limits {
bool WindowCounter::TryAdmit(int64_t now_s, int limit) {
  const uint64_t window = static_cast<uint64_t>(now_s);
  uint64_t state = state_.load(std::memory_order_relaxed);
  while (true) {
    const uint64_t state_window = state >> kCountBits;
    const uint64_t count = state_window == window ? state & kMaxCount : 0;
    // A clock moved backwards (a negative offset) opens a new window too.
    if (count >= std::min<uint64_t>(static_cast<uint64_t>(limit), kMaxCount)) return false;
    const uint64_t next = window << kCountBits | (count + 1);
    if (state_.compare_exchange_weak(state, next, std::memory_order_relaxed)) return true;
  }
}

bool WindowCounter::CountsIn(int64_t now_s) const {
  const uint64_t state = state_.load(std::memory_order_relaxed);
  return state >> kCountBits == static_cast<uint64_t>(now_s) && (state & kMaxCount) != 0;
}

RateLimiter::AppBuckets::AppBuckets(const api::EndpointTable& endpoints, const api::App& app)
    : counters(endpoints.all().size()) {
  for (const api::Endpoint& endpoint : endpoints.all()) {
    limits.push_back(LimitFor(app, endpoint));
  }
}

bool RateLimiter::AppBuckets::CountsIn(int64_t now_s) const {
  return std::any_of(counters.begin(), counters.end(),
                     [now_s](const WindowCounter& counter) { return counter.CountsIn(now_s); });
}

RateLimiter::RateLimiter(const api::EndpointTable& endpoints, const api::AppRegistry& apps,
                         const Clock& clock)
    : endpoints_(endpoints), clock_(clock) {
  for (const api::App* app : apps.All()) {
    known_.emplace(app->sdkappid, std::make_unique<AppBuckets>(endpoints_, *app));
  }
}

int RateLimiter::LimitFor(const api::App& app, const api::Endpoint& endpoint) {
  auto it = app.rate_limits.find(endpoint.path);
  return it == app.rate_limits.end() ? endpoint.calls_per_second : it->second;
}

std::shared_ptr<RateLimiter::AppBuckets> RateLimiter::UnregisteredBucketsOf(const api::App& app,
                                                                           int64_t now_s) {
  std::lock_guard<std::mutex> lock(unregistered_mu_);
  if (auto it = unregistered_.find(app.sdkappid); it != unregistered_.end()) return it->second;
  MakeRoomForOneMore(now_s);
  auto buckets = std::make_shared<AppBuckets>(endpoints_, app);
  unregistered_.emplace(app.sdkappid, buckets);
  return buckets;
}

// First forgets the apps with nothing counted in this second: when they call again they
// start afresh, exactly as if remembered. If every app has called in this second, one of
// them is forgotten anyway; that app may then exceed its limits for the rest of the second,
// which beats memory without bound (only --auth off with that many apps gets here).
void RateLimiter::MakeRoomForOneMore(int64_t now_s) {
  if (unregistered_.size() < kMaxUnregisteredApps) return;
  std::erase_if(unregistered_, [now_s](const auto& entry) { return !entry.second->CountsIn(now_s); });
  if (unregistered_.size() >= kMaxUnregisteredApps) unregistered_.erase(unregistered_.begin());
}

size_t RateLimiter::UnregisteredAppCount() {
  std::lock_guard<std::mutex> lock(unregistered_mu_);
  return unregistered_.size();
}

api::HookDecision RateLimiter::Admit(const api::CallInfo& call) {
  const int64_t now_s = clock_.NowSeconds();
  // A fixture's app: no lock and no reference count, the map never changes.
  if (auto it = known_.find(call.app->sdkappid); it != known_.end()) {
    return AdmitIn(*it->second, call, now_s);
  }
  const std::shared_ptr<AppBuckets> buckets = UnregisteredBucketsOf(*call.app, now_s);
  return AdmitIn(*buckets, call, now_s);
}

api::HookDecision RateLimiter::AdmitIn(AppBuckets& buckets, const api::CallInfo& call,
                                       int64_t now_s) {
  const size_t index = endpoints_.IndexOf(*call.endpoint);
  const int limit = buckets.limits[index];
  if (buckets.counters[index].TryAdmit(now_s, limit)) return {};
  const api::Endpoint& endpoint = *call.endpoint;
  return {api::ApiReply::Fail(
      endpoint.over_limit ? *endpoint.over_limit
                          : api::ErrorFor(endpoint.family, api::Rejection::kRateLimited),
      std::string(call.endpoint->path) + " allows " + std::to_string(limit) +
          " calls per second per app; retry in the next second")};
}

}  // namespace trtc::limits
