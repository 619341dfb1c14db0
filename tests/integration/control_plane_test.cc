// /_emulator/* over a real socket: health, the clock offset and the UserSig helper.
#include <string>

#include "tests/integration/support/emulator_test.h"
#include "tests/integration/support/envelope_expect.h"

namespace trtc::testing {
namespace {

namespace bhttp = http::bhttp;

class ControlPlaneTest : public EmulatorTest {
 protected:
  void TearDown() override { Control(bhttp::verb::post, "/_emulator/clock", R"({"offset_s":0})"); }
  HttpReply Control(bhttp::verb method, const std::string& path, const std::string& body = "") {
    HttpClient client(port());
    return client.Send(method, path, body);
  }
  // The error member of a failed control call, checking its status.
  std::string ErrorOf(const HttpReply& reply, unsigned status) {
    EXPECT_EQ(reply.status, status) << reply.body;
    rapidjson::Document json = reply.Json();
    if (!json.IsObject() || !json.HasMember("error") || !json["error"].IsString()) {
      ADD_FAILURE() << "no error member: " << reply.body;
      return "";
    }
    return json["error"].GetString();
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

}  // namespace
}  // namespace trtc::testing
