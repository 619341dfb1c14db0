// Calling-frequency limits with a stepped clock: no sleeps.
#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "server/handlers/endpoints.h"
#include "server/limits/rate_limiter.h"

namespace trtc::limits {
namespace {

const api::Endpoint& EndpointAt(std::string_view path) {
  const api::Endpoint* endpoint = handlers::Endpoints().Find(path);
  EXPECT_NE(endpoint, nullptr) << path;
  return *endpoint;
}

class RateLimiterTest : public ::testing::Test {
 protected:
  RateLimiterTest() : clock_(1700000000000) {
    api::App first;
    first.sdkappid = 1;
    first.key = "k";
    api::App second = first;
    second.sdkappid = 2;
    second.rate_limits["v1/callback/get"] = 3;
    second.rate_limits["v4/call_config/get_callback"] = 0;
    apps_.Add(first);
    apps_.Add(second);
  }
  std::optional<api::ApiReply> Call(RateLimiter& limiter, uint32_t sdkappid, std::string_view path) {
    const api::App& app = *apps_.Find(sdkappid);
    const api::Endpoint& endpoint = EndpointAt(path);
    return limiter.Admit(api::CallInfo{endpoint.path, "", &endpoint, sdkappid, "administrator", &app})
        .refusal;
  }
  // How many of `attempts` calls in the current second are admitted.
  int Admitted(RateLimiter& limiter, uint32_t sdkappid, std::string_view path, int attempts) {
    int admitted = 0;
    for (int i = 0; i < attempts; ++i) admitted += Call(limiter, sdkappid, path) ? 0 : 1;
    return admitted;
  }

  api::AppRegistry apps_;
  ManualClock clock_;
};

TEST_F(RateLimiterTest, TheDocumentedFiguresComeFromTheEndpointTable) {
  const api::App& app = *apps_.Find(1);
  EXPECT_EQ(RateLimiter::LimitFor(app, EndpointAt("v4/call_config/set_callback")), 200);
  EXPECT_EQ(RateLimiter::LimitFor(app, EndpointAt("v1/callback/update")), 10);
  EXPECT_EQ(RateLimiter::LimitFor(app, EndpointAt("v4/live_engine_http_srv/create_room")), 200);
  EXPECT_EQ(RateLimiter::LimitFor(app, EndpointAt("v4/live_engine_http_srv/get_room_list")), 10);
  EXPECT_EQ(RateLimiter::LimitFor(*apps_.Find(2), EndpointAt("v1/callback/get")), 3);
}

TEST_F(RateLimiterTest, TheCallAfterTheLimitIsRefusedWithTheFamilysCode) {
  RateLimiter limiter(handlers::Endpoints(), apps_, clock_);
  EXPECT_EQ(Admitted(limiter, 1, "v1/callback/set", 10), 10);
  std::optional<api::ApiReply> refused = Call(limiter, 1, "v1/callback/set");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->code(), 70005);
  EXPECT_EQ(Admitted(limiter, 1, "v4/call_config/set_callback", 200), 200);
  refused = Call(limiter, 1, "v4/call_config/set_callback");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->code(), 60007);
  EXPECT_NE(refused->detail.find("200"), std::string::npos);
}

TEST_F(RateLimiterTest, TheNextSecondAdmitsAgain) {
  RateLimiter limiter(handlers::Endpoints(), apps_, clock_);
  clock_.SetMillis(1700000000999);
  EXPECT_EQ(Admitted(limiter, 1, "v1/callback/get", 12), 10);
  clock_.AdvanceMillis(1);  // 1700000001.000: a new window
  EXPECT_EQ(Admitted(limiter, 1, "v1/callback/get", 12), 10);
  clock_.AdvanceMillis(999);  // still the same second
  EXPECT_EQ(Admitted(limiter, 1, "v1/callback/get", 1), 0);
  clock_.AdvanceMillis(5000);  // seconds later
  EXPECT_EQ(Admitted(limiter, 1, "v1/callback/get", 12), 10);
}

TEST_F(RateLimiterTest, TheGiftConfigurationApisAllowOneCallASecondAnswering100012) {
  RateLimiter limiter(handlers::Endpoints(), apps_, clock_);
  clock_.SetMillis(1700000000000);
  EXPECT_EQ(Admitted(limiter, 1, "v4/live_engine_http_srv/add_gift", 1), 1);
  std::optional<api::ApiReply> refused = Call(limiter, 1, "v4/live_engine_http_srv/add_gift");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->code(), 100012);  // the family's own code, not 60007
  EXPECT_EQ(Admitted(limiter, 1, "v4/live_engine_http_srv/get_gift_language", 1), 1);  // its own budget
  clock_.AdvanceMillis(999);
  EXPECT_EQ(Admitted(limiter, 1, "v4/live_engine_http_srv/add_gift", 1), 0);
  clock_.AdvanceMillis(1);  // the next second
  EXPECT_EQ(Admitted(limiter, 1, "v4/live_engine_http_srv/add_gift", 2), 1);
  // The 200/s ones of the family answer 60007.
  EXPECT_EQ(Admitted(limiter, 1, "v4/live_engine_http_srv/get_gift_info_list", 201), 200);
  EXPECT_EQ(Call(limiter, 1, "v4/live_engine_http_srv/get_gift_info_list")->code(), 60007);
}

TEST_F(RateLimiterTest, AppsAndEndpointsHaveSeparateBudgets) {
  RateLimiter limiter(handlers::Endpoints(), apps_, clock_);
  EXPECT_EQ(Admitted(limiter, 1, "v1/callback/get", 15), 10);
  EXPECT_EQ(Admitted(limiter, 1, "v1/callback/set", 15), 10);
  EXPECT_EQ(Admitted(limiter, 2, "v1/callback/set", 15), 10);
  EXPECT_EQ(Admitted(limiter, 1, "v4/call_config/get_callback", 250), 200);
}

TEST_F(RateLimiterTest, FixtureOverridesRaiseOrLowerALimit) {
  RateLimiter limiter(handlers::Endpoints(), apps_, clock_);
  EXPECT_EQ(Admitted(limiter, 2, "v1/callback/get", 10), 3);
  EXPECT_EQ(Admitted(limiter, 2, "v4/call_config/get_callback", 10), 0);
  EXPECT_EQ(Admitted(limiter, 2, "v4/call_config/set_callback", 250), 200);
}

TEST_F(RateLimiterTest, AnAppNoFixtureDefinesGetsTheDocumentedFigures) {
  RateLimiter limiter(handlers::Endpoints(), apps_, clock_);
  api::App stranger;
  stranger.sdkappid = 99;
  int admitted = 0;
  for (int i = 0; i < 20; ++i) {
    const api::Endpoint& endpoint = EndpointAt("v1/callback/get");
    admitted += limiter.Admit(api::CallInfo{endpoint.path, "", &endpoint, 99, "x", &stranger}).refusal
                    ? 0
                    : 1;
  }
  EXPECT_EQ(admitted, 10);
}

// An SDKAppID no fixture defines (--auth off lets it through): its call to `path` now.
bool StrangerAdmitted(RateLimiter& limiter, uint32_t sdkappid, std::string_view path) {
  api::App stranger;
  stranger.sdkappid = sdkappid;
  const api::Endpoint& endpoint = EndpointAt(path);
  return !limiter.Admit(api::CallInfo{endpoint.path, "", &endpoint, sdkappid, "x", &stranger}).refusal;
}

int StrangerAdmittedTimes(RateLimiter& limiter, uint32_t sdkappid, int attempts) {
  int admitted = 0;
  for (int i = 0; i < attempts; ++i) admitted += StrangerAdmitted(limiter, sdkappid, "v1/callback/get");
  return admitted;
}

TEST_F(RateLimiterTest, InventedSDKAppIDsDoNotGrowMemoryWithoutBound) {
  RateLimiter limiter(handlers::Endpoints(), apps_, clock_);
  for (uint32_t sdkappid = 1000; sdkappid < 101000; ++sdkappid) {
    if (sdkappid % 700 == 0) clock_.AdvanceMillis(1000);
    EXPECT_TRUE(StrangerAdmitted(limiter, sdkappid, "v1/callback/get")) << sdkappid;
    ASSERT_LE(limiter.UnregisteredAppCount(), RateLimiter::kMaxUnregisteredApps) << sdkappid;
  }
  // Limits still hold within one second: for the last app (one call made above) and for
  // a new one in the next second.
  EXPECT_EQ(StrangerAdmittedTimes(limiter, 100999, 14), 9);
  clock_.AdvanceMillis(1000);
  EXPECT_EQ(StrangerAdmittedTimes(limiter, 7, 15), 10);
}

TEST_F(RateLimiterTest, WhenEveryInventedAppCalledThisSecondOneIsForgotten) {
  RateLimiter limiter(handlers::Endpoints(), apps_, clock_);
  for (uint32_t sdkappid = 1000; sdkappid < 1000 + 3 * RateLimiter::kMaxUnregisteredApps;
       ++sdkappid) {
    EXPECT_TRUE(StrangerAdmitted(limiter, sdkappid, "v1/callback/get"));
    ASSERT_LE(limiter.UnregisteredAppCount(), RateLimiter::kMaxUnregisteredApps);
  }
  EXPECT_EQ(limiter.UnregisteredAppCount(), RateLimiter::kMaxUnregisteredApps);
  // The latest app (one call made above) is remembered: its limit holds.
  EXPECT_EQ(StrangerAdmittedTimes(limiter, 999 + 3 * RateLimiter::kMaxUnregisteredApps, 14), 9);
}

TEST_F(RateLimiterTest, ManyThreadsInventingSDKAppIDsShareTheBoundedMap) {
  RateLimiter limiter(handlers::Endpoints(), apps_, clock_);
  std::vector<std::thread> threads;
  for (uint32_t t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (uint32_t i = 0; i < 3000; ++i) {
        // Each app twice: the second call may find it forgotten by another thread.
        const uint32_t sdkappid = 1000 + t * 3000 + i;
        StrangerAdmitted(limiter, sdkappid, "v1/callback/get");
        StrangerAdmitted(limiter, sdkappid, "v1/callback/set");
        if (t == 0 && i % 1000 == 0) clock_.AdvanceMillis(1000);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_LE(limiter.UnregisteredAppCount(), RateLimiter::kMaxUnregisteredApps);
}

TEST_F(RateLimiterTest, ManyThreadsNeverAdmitMoreThanTheLimit) {
  RateLimiter limiter(handlers::Endpoints(), apps_, clock_);
  std::atomic<int> admitted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        if (!Call(limiter, 1, "v4/call_config/get_callback")) admitted.fetch_add(1);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(admitted.load(), 200);
}

TEST(WindowCounterTest, SaysWhetherItCountedInASecond) {
  WindowCounter counter;
  EXPECT_FALSE(counter.CountsIn(5));
  EXPECT_TRUE(counter.TryAdmit(5, 2));
  EXPECT_TRUE(counter.CountsIn(5));
  EXPECT_FALSE(counter.CountsIn(6));
  EXPECT_FALSE(counter.CountsIn(4));
  EXPECT_FALSE(counter.TryAdmit(6, 0));  // refused: not counted
  EXPECT_FALSE(counter.CountsIn(6));
}

TEST(WindowCounterTest, CountsWithinOneSecond) {
  WindowCounter counter;
  EXPECT_TRUE(counter.TryAdmit(5, 2));
  EXPECT_TRUE(counter.TryAdmit(5, 2));
  EXPECT_FALSE(counter.TryAdmit(5, 2));
  EXPECT_TRUE(counter.TryAdmit(6, 2));
  EXPECT_TRUE(counter.TryAdmit(4, 2));  // the clock went back: a window of its own
  EXPECT_FALSE(counter.TryAdmit(4, 0));
}

}  // namespace
}  // namespace trtc::limits
