// Unit tests of the callback side of simulated calls: which callbacks each outcome sends
// and in what order (PlanCallbacks), URL parsing for delivery, and what counts as an
// accepted reply in each family.
#include "server/domain/call_plan.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "server/callbacks/callback_dispatcher.h"
#include "server/callbacks/http_post.h"

namespace trtc::domain {
namespace {

using storage::CallbackConfig;
using storage::CallbackFamily;

const CallbackConfig kAllV4{"http://h/v4",
                            {"Call.CallbackAfterStartCall", "Call.CallbackAfterEndCall",
                             "Call.CallbackAfterMemberChanged"}};

// Every v1 action word (TRTC page 60135).
const CallbackConfig kAllV1{
    "http://h/v1",
    {"cancel", "reject", "not_answer", "normal_end", "call_busy", "interrupt",
     "caller_start_call", "caller_call_accepted", "caller_call_missed", "caller_call_rejected",
     "caller_call_busy", "caller_cancel_call", "caller_call_failed", "caller_call_end",
     "caller_call_interrupted", "callee_receive_call", "callee_accept_call",
     "callee_not_answer_call", "callee_reject_call", "callee_ignore_call", "callee_call_canceled",
     "callee_call_end", "callee_call_interrupted", "invite_user", "join_in_group_call"}};

SimulatedCall Call(CallOutcome outcome, std::vector<std::string> callees = {"bob"}) {
  SimulatedCall call;
  call.sdkappid = 1400000000;
  call.call_id = "call-1";
  call.caller = "alice";
  call.callees = std::move(callees);
  call.room_id = "42";
  call.outcome = outcome;
  return call;
}

// "family:command[@user]" for each planned callback, the user for v1 and member changes.
// The deliveries of a plan (its record is tested in call_records_test.cc).
std::vector<storage::CallbackDelivery> Deliveries(const SimulatedCall& call,
                                                 const CallbackConfig* v4,
                                                 const CallbackConfig* v1, int64_t start_ms) {
  return PlanCallbacks(call, v4, v1, start_ms).deliveries;
}

std::vector<std::string> Steps(const std::vector<storage::CallbackDelivery>& planned) {
  std::vector<std::string> out;
  for (const storage::CallbackDelivery& callback : planned) {
    rapidjson::Document body;
    body.Parse(callback.body.c_str());
    std::string step = (callback.family == CallbackFamily::kCallConfig ? "v4:" : "v1:") +
                       callback.command;
    if (body.HasMember("UserId")) step += std::string("@") + body["UserId"].GetString();
    if (body.HasMember("ChangedUserList")) {
      for (const auto& changed : body["ChangedUserList"].GetArray()) {
        step += std::string("@") + changed["User_Account"].GetString() + "/" +
                changed["ActionType"].GetString();
      }
    }
    out.push_back(step);
  }
  return out;
}

using Expected = std::vector<std::string>;

TEST(PlanCallbacksTest, ASingleCallThatEndsNormally) {
  EXPECT_EQ(Steps(Deliveries(Call(CallOutcome::kNormalEnd), &kAllV4, &kAllV1, 1000)),
            (Expected{"v4:Call.CallbackAfterStartCall", "v1:caller_start_call@alice",
                      "v1:callee_receive_call@bob",
                      "v4:Call.CallbackAfterMemberChanged@bob/Accept",
                      "v1:callee_accept_call@bob", "v1:caller_call_accepted@alice",
                      "v4:Call.CallbackAfterMemberChanged@alice/Hangup",
                      "v1:caller_call_end@alice", "v1:callee_call_end@bob",
                      "v4:Call.CallbackAfterEndCall", "v1:normal_end@alice"}));
}

TEST(PlanCallbacksTest, AGroupCallEndsWhenOneParticipantIsLeft) {
  EXPECT_EQ(Steps(Deliveries(Call(CallOutcome::kNormalEnd, {"bob", "carol"}), &kAllV4,
                                nullptr, 1000)),
            (Expected{"v4:Call.CallbackAfterStartCall",
                      "v4:Call.CallbackAfterMemberChanged@bob/Accept",
                      "v4:Call.CallbackAfterMemberChanged@carol/Accept",
                      "v4:Call.CallbackAfterMemberChanged@alice/Hangup",
                      "v4:Call.CallbackAfterMemberChanged@bob/Hangup",
                      "v4:Call.CallbackAfterEndCall"}));
}

TEST(PlanCallbacksTest, EachOutcomeSendsItsOwnSteps) {
  EXPECT_EQ(Steps(Deliveries(Call(CallOutcome::kReject), &kAllV4, &kAllV1, 0)),
            (Expected{"v4:Call.CallbackAfterStartCall", "v1:caller_start_call@alice",
                      "v1:callee_receive_call@bob", "v4:Call.CallbackAfterMemberChanged@bob/Reject",
                      "v1:callee_reject_call@bob", "v1:caller_call_rejected@alice",
                      "v4:Call.CallbackAfterEndCall", "v1:reject@alice"}));
  EXPECT_EQ(Steps(Deliveries(Call(CallOutcome::kNotAnswer), nullptr, &kAllV1, 0)),
            (Expected{"v1:caller_start_call@alice", "v1:callee_receive_call@bob",
                      "v1:callee_not_answer_call@bob", "v1:caller_call_missed@alice",
                      "v1:not_answer@alice"}));
  EXPECT_EQ(Steps(Deliveries(Call(CallOutcome::kCancel), nullptr, &kAllV1, 0)),
            (Expected{"v1:caller_start_call@alice", "v1:callee_receive_call@bob",
                      "v1:caller_cancel_call@alice", "v1:callee_call_canceled@bob",
                      "v1:cancel@alice"}));
  EXPECT_EQ(Steps(Deliveries(Call(CallOutcome::kCallBusy), &kAllV4, &kAllV1, 0)),
            (Expected{"v4:Call.CallbackAfterStartCall", "v1:caller_start_call@alice",
                      "v1:callee_receive_call@bob", "v1:caller_call_busy@alice",
                      "v4:Call.CallbackAfterEndCall", "v1:call_busy@alice"}));
  EXPECT_EQ(Steps(Deliveries(Call(CallOutcome::kInterrupt), &kAllV4, nullptr, 0)),
            (Expected{"v4:Call.CallbackAfterStartCall",
                      "v4:Call.CallbackAfterMemberChanged@bob/Accept",
                      "v4:Call.CallbackAfterMemberChanged@alice/Offline@bob/Offline",
                      "v4:Call.CallbackAfterEndCall"}));
}

TEST(PlanCallbacksTest, NothingIsPlannedWithoutAConfigurationOrSubscription) {
  EXPECT_TRUE(Deliveries(Call(CallOutcome::kNormalEnd), nullptr, nullptr, 0).empty());
  const CallbackConfig other{"http://h", {"cancel"}};
  EXPECT_TRUE(Deliveries(Call(CallOutcome::kReject), nullptr, &other, 0).empty());
}

TEST(PlanCallbacksTest, EventTimesFollowTheStepsAndTheEndRecordUsesSeconds) {
  const auto planned = Deliveries(Call(CallOutcome::kNormalEnd), &kAllV4, nullptr, 1700000000999);
  int64_t last = 0;
  for (const storage::CallbackDelivery& callback : planned) {
    rapidjson::Document body;
    body.Parse(callback.body.c_str());
    EXPECT_GT(body["EventTime"].GetInt64(), last) << callback.body;
    last = body["EventTime"].GetInt64();
  }
  rapidjson::Document end;
  end.Parse(planned.back().body.c_str());
  EXPECT_EQ(end["CallRecord"]["StartTime"].GetInt64(), 1700000000);
  EXPECT_EQ(end["CallRecord"]["AcceptTime"].GetInt64(), 1700000001);
  EXPECT_EQ(end["CallRecord"]["EndTime"].GetInt64(), 1700000001);
  EXPECT_EQ(end["CallRecord"]["RoomIdType"].GetInt(), 1);
}

TEST(PlanCallbacksTest, RoomIdTypeTellsNumericRoomsFromStringRooms) {
  auto type_of = [](const std::string& room) {
    SimulatedCall call = Call(CallOutcome::kCancel);
    call.room_id = room;
    const auto planned = Deliveries(call, &kAllV4, nullptr, 0);
    rapidjson::Document start;
    start.Parse(planned.front().body.c_str());
    return start["CallInfo"]["RoomIdType"].GetInt();
  };
  EXPECT_EQ(type_of("1"), 1);
  EXPECT_EQ(type_of("4294967295"), 1);
  EXPECT_EQ(type_of("4294967296"), 2);
  EXPECT_EQ(type_of("0"), 2);
  EXPECT_EQ(type_of("007"), 2);
  EXPECT_EQ(type_of("12a"), 2);
  EXPECT_EQ(type_of("room"), 2);
}

TEST(PlanCallbacksTest, UrlsKeepTheConfiguredQueryAndAddTheDocumentedOne) {
  const CallbackConfig v4{"http://h/p?x=1", {"Call.CallbackAfterEndCall"}};
  const auto planned = Deliveries(Call(CallOutcome::kCancel), &v4, nullptr, 0);
  ASSERT_EQ(planned.size(), 1u);
  EXPECT_EQ(planned[0].url,
            "http://h/p?x=1&SdkAppid=1400000000&CallbackCommand=Call.CallbackAfterEndCall"
            "&contenttype=json&ClientIP=127.0.0.1&OptPlatform=Web");
}

TEST(ParseHttpUrlTest, SplitsHostPortAndTarget) {
  std::string error;
  auto url = callbacks::ParseHttpUrl("http://example.com:8080/a/b?c=d#frag", &error);
  ASSERT_TRUE(url.has_value()) << error;
  EXPECT_EQ(url->host, "example.com");
  EXPECT_EQ(url->port, "8080");
  EXPECT_EQ(url->target, "/a/b?c=d");
  url = callbacks::ParseHttpUrl("HTTP://h?q=1", &error);
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->port, "80");
  EXPECT_EQ(url->target, "/?q=1");
  url = callbacks::ParseHttpUrl("http://[::1]:9/x", &error);
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, "9");
  EXPECT_FALSE(url->tls);
  EXPECT_FALSE(callbacks::ParseHttpUrl("http:///x", &error).has_value());
  EXPECT_FALSE(callbacks::ParseHttpUrl("http://[::1/x", &error).has_value());
  for (const auto& [text, host] : std::vector<std::pair<const char*, const char*>>{
           {"http://[::1]:9/x", "[::1]:9"}, {"https://[::1]/x", "[::1]"},
           {"http://a.example:80/", "a.example"}, {"https://a.example:80/", "a.example:80"},
           {"http://a.example:443/", "a.example:443"}}) {
    std::optional<callbacks::HttpUrl> parsed = callbacks::ParseHttpUrl(text, &error);
    ASSERT_TRUE(parsed.has_value()) << text;
    EXPECT_EQ(callbacks::HostHeader(*parsed), host) << text;
  }
  EXPECT_FALSE(callbacks::ParseHttpUrl("ftp://h", &error).has_value());
  EXPECT_NE(error.find("https://"), std::string::npos) << error;
}

TEST(ParseHttpUrlTest, HttpsUrlsGoOverTlsToPort443UnlessTheyNameOne) {
  const struct {
    const char* url;
    const char* host;
    const char* port;
    const char* target;
  } cases[] = {
      {"https://example.com/cb?x=1", "example.com", "443", "/cb?x=1"},
      {"HTTPS://[::1]:8443", "::1", "8443", "/"},
      {"https://h:/x", "h", "443", "/x"},
  };
  for (const auto& c : cases) {
    std::string error;
    auto url = callbacks::ParseHttpUrl(c.url, &error);
    ASSERT_TRUE(url.has_value()) << c.url << ": " << error;
    EXPECT_TRUE(url->tls) << c.url;
    EXPECT_EQ(url->host, c.host) << c.url;
    EXPECT_EQ(url->port, c.port) << c.url;
    EXPECT_EQ(url->target, c.target) << c.url;
  }
  std::string error;
  EXPECT_FALSE(callbacks::ParseHttpUrl("https:///x", &error).has_value());
}

TEST(AcceptedReplyTest, EachFamilyHasItsOwnIdeaOfSuccess) {
  EXPECT_TRUE(callbacks::AcceptedReply(CallbackFamily::kCallConfig, 200, ""));
  EXPECT_TRUE(callbacks::AcceptedReply(CallbackFamily::kCallConfig, 204, "whatever"));
  EXPECT_FALSE(callbacks::AcceptedReply(CallbackFamily::kCallConfig, 500, R"({"ErrorCode":0})"));
  EXPECT_FALSE(callbacks::AcceptedReply(CallbackFamily::kCallConfig, 0, ""));
  EXPECT_TRUE(callbacks::AcceptedReply(CallbackFamily::kCallkit, 200, R"({"ErrorCode":0,"ErrorMessage":"Success"})"));
  EXPECT_FALSE(callbacks::AcceptedReply(CallbackFamily::kCallkit, 200, R"({"ErrorCode":1})"));
  EXPECT_FALSE(callbacks::AcceptedReply(CallbackFamily::kCallkit, 200, R"({"ErrorCode":"0"})"));
  EXPECT_FALSE(callbacks::AcceptedReply(CallbackFamily::kCallkit, 200, "OK"));
  EXPECT_FALSE(callbacks::AcceptedReply(CallbackFamily::kCallkit, 201, R"({"ErrorCode":0})"));
}

}  // namespace
}  // namespace trtc::domain
