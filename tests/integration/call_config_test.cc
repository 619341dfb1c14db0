// v4/call_config/* over a real socket (TRTC pages 68933-68939).
#include <string>

#include "tests/integration/support/emulator_test.h"
#include "tests/integration/support/envelope_expect.h"

namespace trtc::testing {
namespace {

constexpr char kSet[] = "v4/call_config/set_callback";
constexpr char kGet[] = "v4/call_config/get_callback";
constexpr char kDelete[] = "v4/call_config/delete_callback";

class CallConfigTest : public EmulatorTest {
 protected:
  void SetUp() override {
    Call(kDelete, "{}");
    Call(kDelete, "{}", kOtherApp);
  }
  void ExpectInvalid(const std::string& body, const std::string& info_part) {
    SCOPED_TRACE(body);
    rapidjson::Document json = ExpectV4(Call(kSet, body), 100002);
    if (json.IsObject() && json.HasMember("ErrorInfo")) {
      EXPECT_NE(std::string(json["ErrorInfo"].GetString()).find(info_part), std::string::npos)
          << json["ErrorInfo"].GetString();
    }
    ExpectV4(Call(kGet, "{}"), 100301);  // nothing was written
  }
};

TEST_F(CallConfigTest, SetThenGetReturnsTheConfiguration) {
  ExpectV4(Call(kSet, R"({"Url":"https://www.example.com/callback","CallbackCommandList":)"
                      R"(["Call.CallbackAfterStartCall","Call.CallbackAfterEndCall"]})"),
           0);
  rapidjson::Document json = ExpectV4(Call(kGet, "{}"), 0);
  ASSERT_TRUE(json.HasMember("Response"));
  const auto& response = json["Response"];
  EXPECT_STREQ(response["Url"].GetString(), "https://www.example.com/callback");
  ASSERT_EQ(response["CallbackCommandList"].Size(), 2u);
  EXPECT_STREQ(response["CallbackCommandList"][0].GetString(), "Call.CallbackAfterStartCall");
  EXPECT_STREQ(response["CallbackCommandList"][1].GetString(), "Call.CallbackAfterEndCall");
  EXPECT_EQ(response.MemberCount(), 2u);
}

TEST_F(CallConfigTest, SetResponseHasNoResponseObject) {
  rapidjson::Document json = ExpectV4(
      Call(kSet, R"({"Url":"http://a.example/cb","CallbackCommandList":["Call.CallbackAfterMemberChanged"]})"),
      0);
  EXPECT_FALSE(json.HasMember("Response"));
  EXPECT_EQ(json.MemberCount(), 4u);
}

TEST_F(CallConfigTest, SetAgainOverwrites) {
  ExpectV4(Call(kSet, R"({"Url":"http://one.example/","CallbackCommandList":["Call.CallbackAfterStartCall"]})"), 0);
  ExpectV4(Call(kSet, R"({"Url":"HTTPS://two.example/","CallbackCommandList":["Call.CallbackAfterEndCall"]})"), 0);
  rapidjson::Document json = ExpectV4(Call(kGet, "{}"), 0);
  EXPECT_STREQ(json["Response"]["Url"].GetString(), "HTTPS://two.example/");
  ASSERT_EQ(json["Response"]["CallbackCommandList"].Size(), 1u);
  EXPECT_STREQ(json["Response"]["CallbackCommandList"][0].GetString(), "Call.CallbackAfterEndCall");
}

TEST_F(CallConfigTest, DuplicateCommandsAreKeptOnceInOrder) {
  ExpectV4(Call(kSet, R"({"Url":"http://a.example/","CallbackCommandList":["Call.CallbackAfterEndCall",)"
                      R"("Call.CallbackAfterStartCall","Call.CallbackAfterEndCall"]})"),
           0);
  rapidjson::Document json = ExpectV4(Call(kGet, "{}"), 0);
  const auto& list = json["Response"]["CallbackCommandList"];
  ASSERT_EQ(list.Size(), 2u);
  EXPECT_STREQ(list[0].GetString(), "Call.CallbackAfterEndCall");
  EXPECT_STREQ(list[1].GetString(), "Call.CallbackAfterStartCall");
}

TEST_F(CallConfigTest, GetAndDeleteWithNothingConfiguredAnswer100301) {
  ExpectV4(Call(kGet, "{}"), 100301);
  ExpectV4(Call(kDelete, "{}"), 100301);
}

TEST_F(CallConfigTest, DeleteRemovesTheConfiguration) {
  ExpectV4(Call(kSet, R"({"Url":"http://a.example/","CallbackCommandList":["Call.CallbackAfterStartCall"]})"), 0);
  rapidjson::Document json = ExpectV4(Call(kDelete, "{}"), 0);
  EXPECT_FALSE(json.HasMember("Response"));
  ExpectV4(Call(kGet, "{}"), 100301);
  ExpectV4(Call(kDelete, "{}"), 100301);
}

TEST_F(CallConfigTest, EmptyBodyReadsAsEmptyObject) {
  HttpClient client(port());
  ExpectV4(client.Post(ApiTarget(kGet, kApp, kAdmin, Sig(kApp, kAdmin)), ""), 100301);
}

TEST_F(CallConfigTest, ValidationRejectsWith100002) {
  ExpectInvalid(R"({"CallbackCommandList":["Call.CallbackAfterStartCall"]})", "Url");
  ExpectInvalid(R"({"Url":"http://a.example/"})", "CallbackCommandList");
  ExpectInvalid(R"({"Url":5,"CallbackCommandList":["Call.CallbackAfterStartCall"]})", "Url");
  ExpectInvalid(R"({"Url":"ftp://a.example/","CallbackCommandList":["Call.CallbackAfterStartCall"]})", "http");
  ExpectInvalid(R"({"Url":"www.example.com","CallbackCommandList":["Call.CallbackAfterStartCall"]})", "http");
  ExpectInvalid(R"({"Url":"http://a.example/","CallbackCommandList":[]})", "empty");
  ExpectInvalid(R"({"Url":"http://a.example/","CallbackCommandList":"Call.CallbackAfterStartCall"})", "array");
  ExpectInvalid(R"({"Url":"http://a.example/","CallbackCommandList":[1]})", "array");
  ExpectInvalid(R"({"Url":"http://a.example/","CallbackCommandList":["Call.CallbackBeforeStartCall"]})",
                "Call.CallbackBeforeStartCall");
  ExpectInvalid(R"({"Url":"http://a.example/","CallbackCommandList":["call_busy"]})", "call_busy");
}

TEST_F(CallConfigTest, AppsHaveSeparateConfigurations) {
  ExpectV4(Call(kSet, R"({"Url":"http://mine.example/","CallbackCommandList":["Call.CallbackAfterStartCall"]})"), 0);
  ExpectV4(Call(kGet, "{}", kOtherApp), 100301);
  ExpectV4(Call(kSet, R"({"Url":"http://other.example/","CallbackCommandList":["Call.CallbackAfterEndCall"]})",
                kOtherApp, "ops_admin"),
           0);
  EXPECT_STREQ(ExpectV4(Call(kGet, "{}"), 0)["Response"]["Url"].GetString(), "http://mine.example/");
  EXPECT_STREQ(ExpectV4(Call(kGet, "{}", kOtherApp), 0)["Response"]["Url"].GetString(),
               "http://other.example/");
}

TEST_F(CallConfigTest, IndependentOfTheCallkitConfiguration) {
  ExpectV4(Call(kSet, R"({"Url":"http://v4.example/","CallbackCommandList":["Call.CallbackAfterStartCall"]})"), 0);
  ExpectV1(Call("v1/callback/get", "{}"), 999);
  ExpectV1(Call("v1/callback/set", R"({"address":"http://v1.example/","actions":["call_busy"]})"), 0);
  EXPECT_STREQ(ExpectV4(Call(kGet, "{}"), 0)["Response"]["Url"].GetString(), "http://v4.example/");
  ExpectV4(Call(kDelete, "{}"), 0);
  ExpectV1(Call("v1/callback/get", "{}"), 0);
  ExpectV1(Call("v1/callback/delete", "{}"), 0);
}

TEST_F(CallConfigTest, NoPackageNeeded) {
  ExpectV4(Call(kSet, R"({"Url":"http://a.example/","CallbackCommandList":["Call.CallbackAfterStartCall"]})",
                kNoGroupCallApp),
           0);
  ExpectV4(Call(kDelete, "{}", kNoGroupCallApp), 0);
}

}  // namespace
}  // namespace trtc::testing
