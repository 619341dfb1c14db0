// Calling-frequency limits over a real socket. Timing-free: a fixture sets some limits to
// 0 calls per second (always refused) and others far above what a test can send, so no
// assertion depends on where the second boundaries fall. The exact window edges are unit
// tested with a stepped clock (tests/unit/rate_limiter_test.cc).
#include <string>

#include "tests/integration/support/emulator_test.h"
#include "tests/integration/support/envelope_expect.h"
#include "tests/integration/support/official_usersig.h"

namespace trtc::testing {
namespace {

class RateLimitTest : public ::testing::Test {
 protected:
  void Start(const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"--in-memory", "--fixtures", FixturePath("rate_limited.json")};
    args.insert(args.end(), extra.begin(), extra.end());
    ASSERT_TRUE(ServerProcess::Start(args, &server_));
    std::vector<std::string> sigs = OfficialUserSigs({{kApp, kAppKey, kAdmin, 86400, {}}});
    ASSERT_EQ(sigs.size(), 1u);
    sig_ = sigs[0];
  }
  HttpReply Call(const std::string& path, const std::string& body) {
    HttpClient client(server_->port());
    return client.Post(ApiTarget(path, kApp, kAdmin, sig_), body);
  }
  void TearDown() override {
    if (server_) {
      EXPECT_EQ(server_->Stop(SIGTERM), 0);
    }
  }

  std::unique_ptr<ServerProcess> server_;
  std::string sig_;
};

constexpr char kV4Set[] = R"({"Url":"http://a.example/","CallbackCommandList":["Call.CallbackAfterEndCall"]})";
constexpr char kV1Set[] = R"({"address":"http://a.example/","actions":["cancel"]})";

TEST_F(RateLimitTest, OverTheLimitAnswersEachFamilysCodeAndDoesNothing) {
  Start({});
  rapidjson::Document v4 = ExpectV4(Call("v4/call_config/set_callback", kV4Set), 60007);
  EXPECT_NE(std::string(v4["ErrorInfo"].GetString()).find("v4/call_config/set_callback"),
            std::string::npos);
  ExpectV4(Call("v4/call_config/get_callback", "{}"), 100301);  // nothing was set
  ExpectV1(Call("v1/callback/set", kV1Set), 70005);
  ExpectV1(Call("v1/callback/get", "{}"), 999);  // nothing was set
}

TEST_F(RateLimitTest, ARoomApiOverItsLimitCreatesNothing) {
  Start({});
  const std::string room = R"({"RoomInfo":{"RoomId":"limited","RoomType":"Live"}})";
  ExpectV4(Call("v4/live_engine_http_srv/create_room", room), 60007);
  ExpectV4(Call("v4/live_engine_http_srv/get_room_info", R"({"RoomId":"limited"})"), 100004);
}

TEST_F(RateLimitTest, TheFixtureOverridesTheCallRecordApisFigures) {
  Start({});
  ExpectV1(Call("v1/records/get_record_by_callId", R"({"callId":"x"})"), 70005);
  ExpectV4(Call("v4/call_record_http_srv/get_record_by_filter", "{}"), 60007);
  // Raised far above the documented 200/s: answered (the record is just not there).
  ExpectV4(Call("v4/call_record_http_srv/get_record_by_callid", R"({"CallId":"x"})"), 101050);
  // Not named: the documented 200/s, far above one call.
  ExpectV1(Call("v1/records/get_records_by_filter", R"({"startTimestamp":0})"), 0);
}

TEST_F(RateLimitTest, AGiftConfigurationApiOverItsLimitAnswers100012AndAddsNothing) {
  Start({});
  ExpectV4(Call("v4/live_engine_http_srv/add_gift", R"({"GiftId":"g","Coins":1,"DefaultName":"G"})"), 100012);
  ExpectV4(Call("v4/live_engine_http_srv/get_gift_info_list", "{}"), 0);
  EXPECT_EQ(ExpectV4(Call("v4/live_engine_http_srv/get_gift_info_list", "{}"), 0)["Response"]["TotalCount"].GetInt(), 0);
}

TEST_F(RateLimitTest, LimitsComeBeforeTheBody) {
  Start({});
  // A body that is not even JSON: the limit answers first.
  ExpectV4(Call("v4/call_config/set_callback", "{oops"), 60007);
  ExpectV1(Call("v1/callback/set", "{oops"), 70005);
}

TEST_F(RateLimitTest, AuthenticationComesBeforeTheLimit) {
  Start({});
  HttpClient client(server_->port());
  ExpectV4(client.Post(ApiTarget("v4/call_config/set_callback", kApp, kAdmin, "bad"), kV4Set), 70003);
}

TEST_F(RateLimitTest, RateLimitsOffAdmitsEverything) {
  Start({"--rate-limits", "off"});
  ExpectV4(Call("v4/call_config/set_callback", kV4Set), 0);
  ExpectV1(Call("v1/callback/set", kV1Set), 0);
  ExpectV4(Call("v4/call_config/delete_callback", "{}"), 0);
  ExpectV1(Call("v1/callback/delete", "{}"), 0);
}

TEST_F(RateLimitTest, AHighOverrideAdmitsManyCallsInOneSecond) {
  Start({});
  HttpClient client(server_->port());
  for (int i = 0; i < 50; ++i) {
    ExpectV1(client.Post(ApiTarget("v1/callback/get", kApp, kAdmin, sig_), "{}"), 999);
  }
}

}  // namespace
}  // namespace trtc::testing
