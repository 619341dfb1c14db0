// v1/callback/* over a real socket (TRTC pages 60131-60135).
#include <string>

#include "tests/integration/support/emulator_test.h"
#include "tests/integration/support/envelope_expect.h"

namespace trtc::testing {
namespace {

constexpr char kSet[] = "v1/callback/set";
constexpr char kGet[] = "v1/callback/get";
constexpr char kUpdate[] = "v1/callback/update";
constexpr char kDelete[] = "v1/callback/delete";

class CallkitCallbackTest : public EmulatorTest {
 protected:
  void SetUp() override {
    Call(kDelete, "{}");
    Call(kDelete, "{}", kOtherApp);
  }
  // A rejected set or update leaves nothing configured.
  void ExpectRejected(const char* path, const std::string& body, int code,
                      const std::string& message_part) {
    SCOPED_TRACE(std::string(path) + " " + body);
    rapidjson::Document json = ExpectV1(Call(path, body), code);
    if (json.IsObject() && json.HasMember("errorMessage")) {
      EXPECT_NE(std::string(json["errorMessage"].GetString()).find(message_part), std::string::npos)
          << json["errorMessage"].GetString();
    }
    ExpectV1(Call(kGet, "{}"), 999);
  }
};

TEST_F(CallkitCallbackTest, SetAnswersTheAddressAndGetAnswersTheConfiguration) {
  rapidjson::Document set = ExpectV1(
      Call(kSet, R"({"address":"http://www.example.com/callback","actions":["call_busy","normal_end",)"
                 R"("caller_start_call","invite_user","callee_reject_call"]})"),
      0);
  EXPECT_STREQ(set["data"].GetString(), "http://www.example.com/callback");
  rapidjson::Document get = ExpectV1(Call(kGet, "{}"), 0);
  ASSERT_TRUE(get["data"].IsObject());
  const auto& data = get["data"];
  EXPECT_EQ(data.MemberCount(), 2u);
  EXPECT_STREQ(data["address"].GetString(), "http://www.example.com/callback");
  ASSERT_EQ(data["actions"].Size(), 5u);
  EXPECT_STREQ(data["actions"][0].GetString(), "call_busy");
  EXPECT_STREQ(data["actions"][4].GetString(), "callee_reject_call");
}

TEST_F(CallkitCallbackTest, EveryDocumentedActionIsAccepted) {
  const std::string all =
      R"(["cancel","reject","not_answer","normal_end","call_busy","interrupt","caller_start_call",)"
      R"("caller_call_accepted","caller_call_missed","caller_call_rejected","caller_call_busy",)"
      R"("caller_cancel_call","caller_call_failed","caller_call_end","caller_call_interrupted",)"
      R"("callee_receive_call","callee_accept_call","callee_not_answer_call","callee_reject_call",)"
      R"("callee_ignore_call","callee_call_canceled","callee_call_end","callee_call_interrupted",)"
      R"("invite_user","join_in_group_call"])";
  ExpectV1(Call(kSet, R"({"address":"https://a.example/","actions":)" + all + "}"), 0);
  EXPECT_EQ(ExpectV1(Call(kGet, "{}"), 0)["data"]["actions"].Size(), 25u);
}

TEST_F(CallkitCallbackTest, SetAgainReplacesAndDuplicatesAreKeptOnce) {
  ExpectV1(Call(kSet, R"({"address":"http://one.example/","actions":["cancel"]})"), 0);
  ExpectV1(Call(kSet, R"({"address":"https://two.example/","actions":["reject","cancel","reject"]})"), 0);
  rapidjson::Document json = ExpectV1(Call(kGet, "{}"), 0);
  EXPECT_STREQ(json["data"]["address"].GetString(), "https://two.example/");
  ASSERT_EQ(json["data"]["actions"].Size(), 2u);
  EXPECT_STREQ(json["data"]["actions"][0].GetString(), "reject");
  EXPECT_STREQ(json["data"]["actions"][1].GetString(), "cancel");
}

TEST_F(CallkitCallbackTest, UpdateChangesAnExistingConfiguration) {
  ExpectV1(Call(kSet, R"({"address":"http://one.example/","actions":["cancel"]})"), 0);
  rapidjson::Document update = ExpectV1(
      Call(kUpdate, R"({"address":"https://www.example2.com/callback","actions":["call_busy","cancel","normal_end"]})"),
      0);
  EXPECT_STREQ(update["data"].GetString(), "https://www.example2.com/callback");
  rapidjson::Document json = ExpectV1(Call(kGet, "{}"), 0);
  EXPECT_STREQ(json["data"]["address"].GetString(), "https://www.example2.com/callback");
  EXPECT_EQ(json["data"]["actions"].Size(), 3u);
}

TEST_F(CallkitCallbackTest, NothingConfiguredAnswers999) {
  ExpectV1(Call(kGet, "{}"), 999);
  ExpectV1(Call(kDelete, "{}"), 999);
  ExpectRejected(kUpdate, R"({"address":"http://a.example/","actions":["cancel"]})", 999, "");
}

TEST_F(CallkitCallbackTest, DeleteAnswersEmptyData) {
  ExpectV1(Call(kSet, R"({"address":"http://a.example/","actions":["cancel"]})"), 0);
  rapidjson::Document json = ExpectV1(Call(kDelete, "{}"), 0);
  EXPECT_TRUE(json["data"].IsString());
  EXPECT_STREQ(json["data"].GetString(), "");
  ExpectV1(Call(kGet, "{}"), 999);
}

TEST_F(CallkitCallbackTest, BadValuesAnswer70001) {
  for (const char* path : {kSet, kUpdate}) {
    ExpectRejected(path, R"({"address":"www.example.com","actions":["cancel"]})", 70001,
                   "Callback address must start with http or https");
    ExpectRejected(path, R"({"address":"ftp://a.example/","actions":["cancel"]})", 70001,
                   "Callback address must start with http or https");
    ExpectRejected(path, R"({"actions":["cancel"]})", 70001, "address");
    ExpectRejected(path, R"({"address":"http://a.example/"})", 70001, "actions");
    ExpectRejected(path, R"({"address":"http://a.example/","actions":[]})", 70001, "actions");
    ExpectRejected(path, R"({"address":"http://a.example/","actions":["call_end"]})", 70001, "call_end");
    ExpectRejected(path, R"({"address":"http://a.example/","actions":["Call.CallbackAfterEndCall"]})",
                   70001, "Call.CallbackAfterEndCall");
  }
}

TEST_F(CallkitCallbackTest, WrongTypesAnswer70009) {
  for (const char* path : {kSet, kUpdate}) {
    ExpectRejected(path, R"({"address":1,"actions":["cancel"]})", 70009, "address");
    ExpectRejected(path, R"({"address":"http://a.example/","actions":"cancel"})", 70009, "actions");
    ExpectRejected(path, R"({"address":"http://a.example/","actions":[true]})", 70009, "actions");
  }
}

TEST_F(CallkitCallbackTest, AnAppWithoutTheGroupCallPackageAnswers50001) {
  for (const char* path : {kSet, kGet, kUpdate, kDelete}) {
    SCOPED_TRACE(path);
    ExpectV1(Call(path, R"({"address":"http://a.example/","actions":["cancel"]})", kNoGroupCallApp),
             50001);
  }
}

TEST_F(CallkitCallbackTest, AppsHaveSeparateConfigurations) {
  ExpectV1(Call(kSet, R"({"address":"http://mine.example/","actions":["cancel"]})"), 0);
  ExpectV1(Call(kGet, "{}", kOtherApp), 999);
  ExpectV1(Call(kSet, R"({"address":"http://other.example/","actions":["reject"]})", kOtherApp), 0);
  EXPECT_STREQ(ExpectV1(Call(kGet, "{}"), 0)["data"]["address"].GetString(), "http://mine.example/");
  EXPECT_STREQ(ExpectV1(Call(kGet, "{}", kOtherApp), 0)["data"]["address"].GetString(),
               "http://other.example/");
}

}  // namespace
}  // namespace trtc::testing
