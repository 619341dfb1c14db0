// /_emulator/* over a real socket: health, the clock offset, the UserSig helper, the
// request journal and fault injection.
#include <string>

#include "tests/integration/support/emulator_test.h"
#include "tests/integration/support/envelope_expect.h"

namespace trtc::testing {
namespace {

namespace bhttp = http::bhttp;

class ControlPlaneTest : public EmulatorTest {
 protected:
  void SetUp() override {
    Control(bhttp::verb::delete_, "/_emulator/requests");
    Control(bhttp::verb::delete_, "/_emulator/faults");
  }
  void TearDown() override {
    Control(bhttp::verb::post, "/_emulator/clock", R"({"offset_s":0})");
    Control(bhttp::verb::delete_, "/_emulator/faults");
  }
  rapidjson::Document Journal(const std::string& query = "") {
    HttpReply reply = Control(bhttp::verb::get, "/_emulator/requests" + query);
    EXPECT_EQ(reply.status, 200u) << reply.body;
    return reply.Json();
  }
};

TEST_F(ControlPlaneTest, HealthAnswersOkToGetAndHead) {
  HttpReply reply = Control(bhttp::verb::get, "/_emulator/health");
  EXPECT_EQ(reply.status, 200u);
  EXPECT_STREQ(reply.Json()["status"].GetString(), "ok");
  EXPECT_EQ(Control(bhttp::verb::head, "/_emulator/health").status, 200u);
  EXPECT_NE(ErrorOf(Control(bhttp::verb::post, "/_emulator/health"), 405).find("POST"),
            std::string::npos);
  EXPECT_NE(ErrorOf(Control(bhttp::verb::get, "/_emulator/nothing"), 404).find("/_emulator/nothing"),
            std::string::npos);
}

TEST_F(ControlPlaneTest, TheUserSigHelperMakesSigsTheApisAccept) {
  HttpReply reply = Control(bhttp::verb::post, "/_emulator/usersig",
                            R"({"sdkappid":1400000001,"identifier":"ops_admin","expire":600})");
  ASSERT_EQ(reply.status, 200u) << reply.body;
  const std::string sig = reply.Json()["usersig"].GetString();
  HttpClient client(port());
  ExpectV4(client.Post(ApiTarget("v4/call_config/get_callback", kOtherApp, "ops_admin", sig), "{}"),
           100301);
  ExpectV1(client.Post(ApiTarget("v1/callback/get", kOtherApp, "ops_admin", sig), "{}"), 999);
  // Made for ops_admin of that app: another user's or app's request rejects it.
  ExpectV4(client.Post(ApiTarget("v4/call_config/get_callback", kOtherApp, kAdmin, sig), "{}"), 70013);
  ExpectV4(client.Post(ApiTarget("v4/call_config/get_callback", kApp, "ops_admin", sig), "{}"), 70014);
}

TEST_F(ControlPlaneTest, TheUserSigHelperRejectsBadInput) {
  ErrorOf(Control(bhttp::verb::post, "/_emulator/usersig", R"({"identifier":"a"})"), 400);
  ErrorOf(Control(bhttp::verb::post, "/_emulator/usersig", R"({"sdkappid":-1,"identifier":"a"})"), 400);
  ErrorOf(Control(bhttp::verb::post, "/_emulator/usersig", R"({"sdkappid":1400000000})"), 400);
  ErrorOf(Control(bhttp::verb::post, "/_emulator/usersig",
                  R"({"sdkappid":1400000000,"identifier":"a","expire":"soon"})"),
          400);
  ErrorOf(Control(bhttp::verb::post, "/_emulator/usersig", "{nope"), 400);
  ErrorOf(Control(bhttp::verb::post, "/_emulator/usersig", "[]"), 400);
  EXPECT_NE(ErrorOf(Control(bhttp::verb::post, "/_emulator/usersig",
                            R"({"sdkappid":1499999999,"identifier":"a"})"),
                    404)
                .find("1499999999"),
            std::string::npos);
}

TEST_F(ControlPlaneTest, AClockOffsetExpiresAUserSigWithoutSleeping) {
  HttpReply clock = Control(bhttp::verb::get, "/_emulator/clock");
  ASSERT_EQ(clock.status, 200u);
  EXPECT_EQ(clock.Json()["offset_s"].GetInt64(), 0);
  const int64_t now = clock.Json()["now_s"].GetInt64();

  // The suite's sigs are valid for one day: two days later they have expired.
  HttpReply moved = Control(bhttp::verb::post, "/_emulator/clock", R"({"offset_s":172800})");
  ASSERT_EQ(moved.status, 200u) << moved.body;
  EXPECT_EQ(moved.Json()["offset_s"].GetInt64(), 172800);
  EXPECT_GE(moved.Json()["now_s"].GetInt64(), now + 172800);
  ExpectV4(Call("v4/call_config/get_callback", "{}"), 70001);
  ExpectV1(Call("v1/callback/get", "{}"), 70003);

  Control(bhttp::verb::post, "/_emulator/clock", R"({"offset_s":0})");
  ExpectV4(Call("v4/call_config/get_callback", "{}"), 100301);
}

TEST_F(ControlPlaneTest, TheClockRejectsBadOffsets) {
  ErrorOf(Control(bhttp::verb::post, "/_emulator/clock", "{}"), 400);
  ErrorOf(Control(bhttp::verb::post, "/_emulator/clock", R"({"offset_s":"1"})"), 400);
  ErrorOf(Control(bhttp::verb::post, "/_emulator/clock", R"({"offset_s":1.5})"), 400);
  ErrorOf(Control(bhttp::verb::post, "/_emulator/clock", R"({"offset_s":99999999999})"), 400);
  EXPECT_EQ(Control(bhttp::verb::get, "/_emulator/clock").Json()["offset_s"].GetInt64(), 0);
}

TEST_F(ControlPlaneTest, TheJournalRecordsEveryCallWithoutUserSigs) {
  ExpectV4(Call("v4/call_config/set_callback",
                R"({"Url":"http://j.example/","CallbackCommandList":["Call.CallbackAfterEndCall"]})"),
           0);
  ExpectV1(Call("v1/callback/get", "{}", kOtherApp), 999);
  HttpClient client(port());
  ExpectV4(client.Post(ApiTarget("v4/call_config/get_callback", kApp, kAdmin, "not-a-sig"), "{}"),
           70003);
  ExpectV4(client.Post("/v4/nope?sdkappid=1&random=1", "{}"), 60009);

  rapidjson::Document all = Journal();
  ASSERT_TRUE(all.HasMember("requests")) << "no requests member";
  const auto& requests = all["requests"];
  ASSERT_EQ(requests.Size(), 4u);
  EXPECT_STREQ(requests[0]["api"].GetString(), "v4/call_config/set_callback");
  EXPECT_EQ(requests[0]["sdkappid"].GetUint(), kApp);
  EXPECT_STREQ(requests[0]["identifier"].GetString(), kAdmin);
  EXPECT_NE(std::string(requests[0]["request_body"].GetString()).find("http://j.example/"),
            std::string::npos);
  EXPECT_NE(std::string(requests[0]["response_body"].GetString()).find("\"ErrorCode\":0"),
            std::string::npos);
  EXPECT_EQ(requests[0]["error_code"].GetInt(), 0);
  EXPECT_EQ(requests[1]["error_code"].GetInt(), 999);
  EXPECT_EQ(requests[2]["error_code"].GetInt(), 70003);
  EXPECT_STREQ(requests[3]["api"].GetString(), "v4/nope");
  EXPECT_EQ(requests[3]["error_code"].GetInt(), 60009);
  EXPECT_LT(requests[0]["seq"].GetUint64(), requests[3]["seq"].GetUint64());
  HttpReply raw = Control(bhttp::verb::get, "/_emulator/requests");
  EXPECT_EQ(raw.body.find(Sig(kApp, kAdmin)), std::string::npos);
  EXPECT_EQ(raw.body.find("not-a-sig"), std::string::npos);

  EXPECT_EQ(Journal("?sdkappid=" + std::to_string(kOtherApp))["requests"].Size(), 1u);
  EXPECT_EQ(Journal("?api=v4/call_config/get_callback")["requests"].Size(), 1u);
  rapidjson::Document newest = Journal("?limit=2");
  ASSERT_EQ(newest["requests"].Size(), 2u);
  EXPECT_EQ(newest["requests"][1]["error_code"].GetInt(), 60009);
  ErrorOf(Control(bhttp::verb::get, "/_emulator/requests?limit=x"), 400);
  ErrorOf(Control(bhttp::verb::get, "/_emulator/requests?sdkappid=-1"), 400);

  EXPECT_EQ(Control(bhttp::verb::delete_, "/_emulator/requests").status, 200u);
  EXPECT_EQ(Journal()["requests"].Size(), 0u);
  ExpectV4(Call("v4/call_config/delete_callback", "{}"), 0);
}

TEST_F(ControlPlaneTest, TheJournalKeepsTheAppAndUserOfCallsToUnknownApis) {
  // Tencent's apps call APIs the emulator lacks: the journal of their app must show them.
  HttpClient client(port());
  ExpectV4(client.Post(ApiTarget("v4/group_open_http_svc/get_appid_group_list", kOtherApp,
                                 "ops_admin", Sig(kOtherApp, "ops_admin")),
                       "{}"),
           60009);
  ExpectV1(client.Post(ApiTarget("v1/callback/nope", kOtherApp, kAdmin, Sig(kOtherApp, kAdmin)),
                       "{}"),
           70001);
  // Read leniently: a query that the checks of a known API would refuse still names both.
  ExpectV4(client.Post("/v4/nope?random=x&usersig=%zz&identifier=some%20one&sdkappid=1400000001",
                       "{}"),
           60009);
  // An sdkappid that is not a uint32 is app 0, and the identifier is kept all the same.
  ExpectV4(client.Post("/v4/nope?sdkappid=-1&identifier=a", "{}"), 60009);
  ExpectV4(client.Post("/v4/nope?sdkappid=4294967296&identifier=%zz", "{}"), 60009);

  rapidjson::Document other = Journal("?sdkappid=" + std::to_string(kOtherApp));
  ASSERT_TRUE(other.HasMember("requests")) << "no requests member";
  const auto& requests = other["requests"];
  ASSERT_EQ(requests.Size(), 3u);
  EXPECT_STREQ(requests[0]["api"].GetString(), "v4/group_open_http_svc/get_appid_group_list");
  EXPECT_STREQ(requests[0]["identifier"].GetString(), "ops_admin");
  EXPECT_EQ(requests[0]["error_code"].GetInt(), 60009);
  EXPECT_STREQ(requests[1]["api"].GetString(), "v1/callback/nope");
  EXPECT_STREQ(requests[1]["identifier"].GetString(), kAdmin);
  EXPECT_EQ(requests[1]["error_code"].GetInt(), 70001);
  EXPECT_STREQ(requests[2]["identifier"].GetString(), "some one");
  EXPECT_EQ(requests[2]["error_code"].GetInt(), 60009);

  rapidjson::Document none = Journal("?sdkappid=0");
  ASSERT_EQ(none["requests"].Size(), 2u);
  EXPECT_STREQ(none["requests"][0]["identifier"].GetString(), "a");
  EXPECT_STREQ(none["requests"][1]["identifier"].GetString(), "");
}

TEST_F(ControlPlaneTest, AFaultRuleFiresExactlyNTimes) {
  HttpReply added = Control(bhttp::verb::post, "/_emulator/faults",
                            R"({"api":"v4/call_config/get_callback","sdkappid":1400000000,)"
                            R"("error_code":100001,"times":2})");
  ASSERT_EQ(added.status, 201u) << added.body;
  EXPECT_EQ(added.Json()["times"].GetInt64(), 2);
  rapidjson::Document first = ExpectV4(Call("v4/call_config/get_callback", "{}"), 100001);
  EXPECT_NE(std::string(first["ErrorInfo"].GetString()).find("injected"), std::string::npos);
  ExpectV4(Call("v4/call_config/get_callback", "{}", kOtherApp), 100301);  // another app
  ExpectV4(Call("v4/call_config/get_callback", "{}"), 100001);
  ExpectV4(Call("v4/call_config/get_callback", "{}"), 100301);  // spent
  ExpectV4(Call("v4/call_config/get_callback", "{}"), 100301);

  rapidjson::Document faults = Control(bhttp::verb::get, "/_emulator/faults").Json();
  ASSERT_EQ(faults["faults"].Size(), 1u);
  EXPECT_EQ(faults["faults"][0]["fired"].GetInt64(), 2);
  EXPECT_EQ(faults["faults"][0]["times"].GetInt64(), 0);
}

TEST_F(ControlPlaneTest, AFaultStopsTheCallAndAnyCodeCanBeInjected) {
  ASSERT_EQ(Control(bhttp::verb::post, "/_emulator/faults",
                    R"({"api":"v1/callback/set","error_code":70005})")
                .status,
            201u);
  ExpectV1(Call("v1/callback/set", R"({"address":"http://f.example/","actions":["cancel"]})"), 70005);
  ExpectV1(Call("v1/callback/set", R"({"address":"http://f.example/","actions":["cancel"]})"), 70005);
  Control(bhttp::verb::delete_, "/_emulator/faults");
  ExpectV1(Call("v1/callback/get", "{}"), 999);  // the faulted sets wrote nothing
}

TEST_F(ControlPlaneTest, ADelayedCallStillAnswersNormally) {
  ASSERT_EQ(Control(bhttp::verb::post, "/_emulator/faults",
                    R"({"api":"v1/callback/get","delay_ms":50,"times":1})")
                .status,
            201u);
  ExpectV1(Call("v1/callback/get", "{}"), 999);
  ExpectV1(Call("v1/callback/get", "{}"), 999);
  EXPECT_EQ(Control(bhttp::verb::get, "/_emulator/faults").Json()["faults"][0]["fired"].GetInt64(), 1);
}

TEST_F(ControlPlaneTest, BadFaultRulesAreRejected) {
  const char* bad[] = {
      R"({"error_code":1})",
      R"({"api":"v4/nope","error_code":1})",
      R"({"api":"v4/call_config/get_callback"})",
      R"({"api":"v4/call_config/get_callback","error_code":0})",
      R"({"api":"v4/call_config/get_callback","error_code":"1"})",
      R"({"api":"v4/call_config/get_callback","error_code":1,"times":0})",
      R"({"api":"v4/call_config/get_callback","delay_ms":600000})",
      R"({"api":"v4/call_config/get_callback","delay_ms":-1})",
      R"({"api":"v4/call_config/get_callback","error_code":1,"sdkappid":-4})",
      "{oops",
  };
  for (const char* body : bad) ErrorOf(Control(bhttp::verb::post, "/_emulator/faults", body), 400);
  EXPECT_EQ(Control(bhttp::verb::get, "/_emulator/faults").Json()["faults"].Size(), 0u);
}

TEST_F(ControlPlaneTest, StateShowsWhatIsStoredAndResetWipesOneApp) {
  ExpectV4(Call("v4/call_config/set_callback",
                R"({"Url":"http://s.example/","CallbackCommandList":["Call.CallbackAfterEndCall"]})"),
           0);
  ExpectV1(Call("v1/callback/set", R"({"address":"http://o.example/","actions":["cancel"]})", kOtherApp),
           0);
  ASSERT_EQ(Control(bhttp::verb::post, "/_emulator/faults",
                    R"({"api":"v4/call_config/get_callback","sdkappid":1400000000,"error_code":1})")
                .status,
            201u);
  rapidjson::Document state =
      Control(bhttp::verb::get, "/_emulator/state?sdkappid=" + std::to_string(kApp)).Json();
  ASSERT_TRUE(state.IsObject());
  EXPECT_EQ(state["sdkappid"].GetUint(), kApp);
  EXPECT_STREQ(state["call_config"]["url"].GetString(), "http://s.example/");
  EXPECT_STREQ(state["call_config"]["commands"][0].GetString(), "Call.CallbackAfterEndCall");
  EXPECT_TRUE(state["callkit_callback"].IsNull());

  HttpReply reset = Control(bhttp::verb::post, "/_emulator/reset", R"({"sdkappid":1400000000})");
  ASSERT_EQ(reset.status, 200u) << reset.body;
  state = Control(bhttp::verb::get, "/_emulator/state?sdkappid=" + std::to_string(kApp)).Json();
  EXPECT_TRUE(state["call_config"].IsNull());
  EXPECT_EQ(Journal("?sdkappid=" + std::to_string(kApp))["requests"].Size(), 0u);
  EXPECT_EQ(Journal("?sdkappid=" + std::to_string(kOtherApp))["requests"].Size(), 1u);
  EXPECT_EQ(Control(bhttp::verb::get, "/_emulator/faults").Json()["faults"].Size(), 0u);
  ExpectV4(Call("v4/call_config/get_callback", "{}"), 100301);
  // The other app kept its state; a reset of all apps takes it too.
  ExpectV1(Call("v1/callback/get", "{}", kOtherApp), 0);
  ASSERT_EQ(Control(bhttp::verb::post, "/_emulator/reset", "").status, 200u);
  ExpectV1(Call("v1/callback/get", "{}", kOtherApp), 999);
  EXPECT_EQ(Journal()["requests"].Size(), 1u);  // just the call after the reset
}

TEST_F(ControlPlaneTest, StateAndResetRejectBadInput) {
  ErrorOf(Control(bhttp::verb::get, "/_emulator/state"), 400);
  ErrorOf(Control(bhttp::verb::get, "/_emulator/state?sdkappid=x"), 400);
  ErrorOf(Control(bhttp::verb::post, "/_emulator/reset", R"({"sdkappid":"1"})"), 400);
  ErrorOf(Control(bhttp::verb::post, "/_emulator/reset", R"({"sdkappid":-1})"), 400);
  ErrorOf(Control(bhttp::verb::post, "/_emulator/reset", "[]"), 400);
  ErrorOf(Control(bhttp::verb::get, "/_emulator/reset"), 405);
}

TEST(ResetTest, ResetAppliesTheFixtureSeedsAgain) {
  std::unique_ptr<ServerProcess> server;
  ASSERT_TRUE(ServerProcess::Start(
      {"--in-memory", "--rate-limits", "off", "--fixtures", FixturePath("seeded.json")}, &server));
  HttpClient client(server->port());
  auto usersig = client.Send(bhttp::verb::post, "/_emulator/usersig",
                             R"({"sdkappid":1400000000,"identifier":"administrator"})");
  ASSERT_EQ(usersig.status, 200u);
  const std::string sig = usersig.Json()["usersig"].GetString();
  auto call = [&](const char* path, const std::string& body) {
    return client.Post(ApiTarget(path, kApp, kAdmin, sig), body);
  };
  ExpectV4(call("v4/call_config/delete_callback", "{}"), 0);
  ExpectV1(call("v1/callback/update", R"({"address":"https://changed.example/","actions":["cancel"]})"), 0);
  for (const char* body : {R"({"sdkappid":1400000000})", "{}"}) {
    SCOPED_TRACE(body);
    ASSERT_EQ(client.Send(bhttp::verb::post, "/_emulator/reset", body).status, 200u);
    EXPECT_STREQ(ExpectV4(call("v4/call_config/get_callback", "{}"), 0)["Response"]["Url"].GetString(),
                 "https://seed.example/call");
    EXPECT_STREQ(ExpectV1(call("v1/callback/get", "{}"), 0)["data"]["address"].GetString(),
                 "https://seed.example/callkit");
    ExpectV4(call("v4/call_config/delete_callback", "{}"), 0);
  }
  EXPECT_EQ(server->Stop(SIGTERM), 0);
}

}  // namespace
}  // namespace trtc::testing
