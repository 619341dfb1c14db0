#include "server/limits/rate_limiter.h"

#include <algorithm>
#include <string>

namespace trtc::limits {
namespace {


}  // namespace

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

RateLimiter::AppBuckets::AppBuckets(const api::EndpointTable& endpoints, const api::App& app)
    : counters(endpoints.all().size()) {
  for (const api::Endpoint& endpoint : endpoints.all()) {
    limits.push_back(LimitFor(app, endpoint));
  }
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

RateLimiter::AppBuckets& RateLimiter::BucketsOf(const api::App& app) {
  if (auto it = known_.find(app.sdkappid); it != known_.end()) return *it->second;
  std::lock_guard<std::mutex> lock(unknown_mu_);
  auto& buckets = unknown_[app.sdkappid];
  if (!buckets) buckets = std::make_unique<AppBuckets>(endpoints_, app);
  return *buckets;
}

api::HookDecision RateLimiter::Admit(const api::CallInfo& call) {
  AppBuckets& buckets = BucketsOf(*call.app);
  const size_t index = endpoints_.IndexOf(*call.endpoint);
  const int limit = buckets.limits[index];
  if (buckets.counters[index].TryAdmit(clock_.NowSeconds(), limit)) return {};
  return {api::ApiReply::Fail(
      api::ErrorFor(call.endpoint->family, api::Rejection::kRateLimited),
      std::string(call.endpoint->path) + " allows " + std::to_string(limit) +
          " calls per second per app; retry in the next second")};
}

}  // namespace trtc::limits
