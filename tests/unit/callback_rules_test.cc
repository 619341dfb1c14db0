// The callback configuration rules shared by both families' handlers and the fixtures.
#include <gtest/gtest.h>

#include "server/common/json.h"
#include "server/domain/callback_rules.h"
#include "server/domain/callback_url.h"

namespace trtc::domain {
namespace {

Status Check(const char* text, const CallbackShape& shape, storage::CallbackConfig* config) {
  json::Body body;
  Status status = body.Parse(text, "test body");
  EXPECT_TRUE(status.ok()) << status.message();
  return ParseCallbackConfig(body.root(), shape, config);
}

StatusCode CodeOf(const char* text, const CallbackShape& shape) {
  storage::CallbackConfig config;
  return Check(text, shape, &config).code();
}

TEST(CallbackRulesTest, SchemeIsCaseInsensitiveHttpOrHttps) {
  EXPECT_TRUE(HasHttpScheme("http://a"));
  EXPECT_TRUE(HasHttpScheme("HTTPS://a"));
  EXPECT_TRUE(HasHttpScheme("HtTp://"));
  EXPECT_FALSE(HasHttpScheme("http:/a"));
  EXPECT_FALSE(HasHttpScheme("ftp://a"));
  EXPECT_FALSE(HasHttpScheme(" http://a"));
  EXPECT_FALSE(HasHttpScheme("httpx://a"));
  EXPECT_FALSE(HasHttpScheme(""));
}

TEST(CallbackRulesTest, WordLists) {
  EXPECT_TRUE(IsCallCommand("Call.CallbackAfterStartCall"));
  EXPECT_TRUE(IsCallCommand("Call.CallbackAfterEndCall"));
  EXPECT_TRUE(IsCallCommand("Call.CallbackAfterMemberChanged"));
  EXPECT_FALSE(IsCallCommand("call.callbackafterstartcall"));
  EXPECT_TRUE(IsCallkitAction("join_in_group_call"));
  EXPECT_TRUE(IsCallkitAction("not_answer"));
  EXPECT_FALSE(IsCallkitAction("Call.CallbackAfterEndCall"));
  EXPECT_FALSE(IsCallkitAction("NORMAL_END"));
}

TEST(CallbackRulesTest, ProblemsAreClassified) {
  // Missing fields and values not allowed are kInvalidArgument; wrong JSON types kWrongType.
  EXPECT_EQ(CodeOf(R"({"actions":["cancel"]})", kCallkitApi), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(R"({"address":[],"actions":["cancel"]})", kCallkitApi), StatusCode::kWrongType);
  EXPECT_EQ(CodeOf(R"({"address":"x","actions":["cancel"]})", kCallkitApi),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(R"({"address":"http://x"})", kCallkitApi), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(R"({"address":"http://x","actions":{}})", kCallkitApi), StatusCode::kWrongType);
  EXPECT_EQ(CodeOf(R"({"address":"http://x","actions":[]})", kCallkitApi),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(R"({"address":"http://x","actions":[null]})", kCallkitApi),
            StatusCode::kWrongType);
  EXPECT_EQ(CodeOf(R"({"address":"http://x","actions":["hang_up"]})", kCallkitApi),
            StatusCode::kInvalidArgument);
}

TEST(CallbackRulesTest, MessagesNameTheField) {
  storage::CallbackConfig config;
  EXPECT_EQ(Check(R"({"address":"x","actions":["cancel"]})", kCallkitApi, &config).message(),
            "Callback address must start with http or https");
  EXPECT_EQ(Check(R"({"Url":"http://x","CallbackCommandList":["x"]})", kCallConfigApi, &config).message(),
            "CallbackCommandList: unknown callback command \"x\"");
  EXPECT_EQ(Check(R"({"url":"http://x"})", kCallConfigSeed, &config).message(),
            "commands is required");
  EXPECT_EQ(Check(R"({"Url":5,"CallbackCommandList":[]})", kCallConfigApi, &config).message(),
            "Url must be a string");
  EXPECT_EQ(Check(R"({"Url":"http://x","CallbackCommandList":"x"})", kCallConfigApi, &config)
                .message(),
            "CallbackCommandList must be an array of strings");
}

TEST(CallbackRulesTest, ValidConfigKeepsFirstOccurrences) {
  storage::CallbackConfig config;
  ASSERT_TRUE(Check(R"({"address":"https://x/cb","actions":["reject","cancel","reject","cancel"]})",
                    kCallkitApi, &config)
                  .ok());
  EXPECT_EQ(config.url, "https://x/cb");
  EXPECT_EQ(config.events, (std::vector<std::string>{"reject", "cancel"}));
}

TEST(CallbackRulesTest, JsonOfAConfiguration) {
  storage::CallbackConfig config{"http://a", {"cancel", "reject"}};
  EXPECT_EQ(CallbackConfigJson(config, kCallkitApi, true),
            R"({"actions":["cancel","reject"],"address":"http://a"})");
  EXPECT_EQ(CallbackConfigJson(config, kCallConfigApi, false),
            R"({"Url":"http://a","CallbackCommandList":["cancel","reject"]})");
}

}  // namespace
}  // namespace trtc::domain

namespace trtc::domain {
namespace {

TEST(CallbackSignTest, MatchesTheExampleOfTheLiveKitCallbackPage) {
  // Page 64412: Token xxxxyyyy, RequestTime 1669872112.
  EXPECT_EQ(CallbackSign("xxxxyyyy", 1669872112),
            "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061");
}

TEST(CallbackUrlTest, TheChatHostQueryFollowsTheConfiguredUrl) {
  EXPECT_EQ(ChatCallbackUrl("https://a.example/cb", 1400000000, "Live.CallbackAfterCreateRoom",
                            "RESTAPI"),
            "https://a.example/cb?SdkAppid=1400000000&CallbackCommand=Live.CallbackAfterCreateRoom"
            "&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI");
  // A URL with a query of its own keeps it.
  EXPECT_EQ(WithQuery("http://a/cb?x=1", "y=2"), "http://a/cb?x=1&y=2");
  EXPECT_EQ(WithQuery("http://a/cb", "y=2"), "http://a/cb?y=2");
}

TEST(CallbackUrlTest, TheSignatureComesLastWithItsRequestTime) {
  EXPECT_EQ(SignedCallbackUrl("http://a/cb?SdkAppid=1", "xxxxyyyy", 1669872112),
            "http://a/cb?SdkAppid=1&Sign="
            "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061"
            "&RequestTime=1669872112");
}

TEST(KitCommandWordsTest, EachFamilyKnowsItsOwnWords) {
  EXPECT_TRUE(IsLiveCommand("Live.CallbackAfterCreateRoom"));
  EXPECT_TRUE(IsLiveCommand("Mic.CallbackAfterSeatInfoChanged"));
  EXPECT_TRUE(IsLiveCommand("Follow.CallbackAfterFollowDelete"));
  EXPECT_FALSE(IsLiveCommand("Room.CallbackAfterCreateRoom"));
  EXPECT_FALSE(IsLiveCommand("live.callbackaftercreateroom"));
  EXPECT_TRUE(IsRoomCommand("Room.CallbackUpdateRoomInfo"));
  EXPECT_TRUE(IsRoomCommand("Room.CallbackAfterUpdateRoomInfo"));
  EXPECT_TRUE(IsRoomCommand("Mic.CallbackAfterSeatInfoChanged"));
  EXPECT_FALSE(IsRoomCommand("Live.CallbackAfterCreateRoom"));
}

}  // namespace
}  // namespace trtc::domain
