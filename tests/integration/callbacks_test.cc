// Simulated calls and callback delivery over real sockets: POST /_emulator/calls plays a
// call, the emulator POSTs the configured callbacks to a receiver this test runs on
// 127.0.0.1, and GET /_emulator/callbacks shows every delivery and attempt. The server
// runs with a 20 ms retry unit and a 300 ms reply timeout so retries and timeouts happen
// quickly; nothing here asserts on time.
#include <string>
#include <vector>

#include "tests/integration/support/callback_receiver.h"
#include "tests/integration/support/callback_suite.h"
#include "tests/integration/support/emulator_test.h"
#include "tests/integration/support/envelope_expect.h"
#include "tests/integration/support/server_process.h"
#include "tests/integration/support/temp_dir.h"

namespace trtc::testing {
namespace {

namespace bhttp = http::bhttp;

const char kAllV4Commands[] =
    R"(["Call.CallbackAfterStartCall","Call.CallbackAfterEndCall","Call.CallbackAfterMemberChanged"])";

// The commands (v4) or actions (v1) of received callbacks, in arrival order.
std::vector<std::string> Commands(const std::vector<ReceivedRequest>& requests) {
  std::vector<std::string> out;
  for (const ReceivedRequest& request : requests) {
    const std::string v4 = request.Query("CallbackCommand");
    out.push_back(v4.empty() ? request.Query("command") : v4);
  }
  return out;
}

class CallbacksTest : public CallbackSuite {
 protected:
  static void SetUpTestSuite() {
    StartSuite({"--callback-retry-unit-ms", "20", "--callback-timeout-ms", "300"});
  }
  void SetUp() override {
    ASSERT_EQ(Control(bhttp::verb::post, "/_emulator/reset", "{}").status, 200u);
  }
};

TEST_F(CallbacksTest, V4CallbacksCarryTheDocumentedQueryAndBodies) {
  CallbackReceiver receiver;
  ConfigureV4(receiver.Url("/v4hook"), kAllV4Commands);
  rapidjson::Document call = Play(
      R"({"sdkappid":1400000000,"caller":"alice","callees":["bob"],"media_type":"Video",)"
      R"("room_id":"room-1","outcome":"normal_end"})");
  const std::string call_id = Str(call["call_id"]);
  EXPECT_EQ(Str(call["room_id"]), "room-1");
  ASSERT_EQ(call["deliveries"].Size(), 4u);

  const std::vector<ReceivedRequest> got = receiver.WaitFor(4);
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(Commands(got),
            (std::vector<std::string>{"Call.CallbackAfterStartCall", "Call.CallbackAfterMemberChanged",
                                      "Call.CallbackAfterMemberChanged", "Call.CallbackAfterEndCall"}));
  for (const ReceivedRequest& request : got) {
    EXPECT_EQ(request.method, "POST");
    EXPECT_TRUE(request.target.starts_with("/v4hook?")) << request.target;
    EXPECT_EQ(request.Query("SdkAppid"), "1400000000");
    EXPECT_EQ(request.Query("contenttype"), "json");
    EXPECT_EQ(request.Query("ClientIP"), "127.0.0.1");
    EXPECT_EQ(request.Query("OptPlatform"), "Web");
    EXPECT_TRUE(request.content_type.starts_with("application/json")) << request.content_type;
    rapidjson::Document body = request.Json();
    ASSERT_TRUE(body.IsObject()) << request.body;
    EXPECT_EQ(Str(body["CallbackCommand"]), request.Query("CallbackCommand"));
    EXPECT_TRUE(body["EventTime"].IsInt64());
  }

  rapidjson::Document start = got[0].Json();
  const rapidjson::Value& info = start["CallInfo"];
  EXPECT_EQ(Str(info["CallId"]), call_id);
  EXPECT_EQ(Str(info["CallMediaType"]), "Video");
  EXPECT_EQ(Str(info["ChatGroupId"]), "");
  EXPECT_EQ(Str(info["RoomId"]), "room-1");
  EXPECT_EQ(info["RoomIdType"].GetInt(), 2);  // a string room
  ASSERT_EQ(start["UserList"].Size(), 2u);
  EXPECT_EQ(Str(start["UserList"][0]["User_Account"]), "alice");
  EXPECT_EQ(Str(start["UserList"][0]["Status"]), "Calling");
  EXPECT_EQ(Str(start["UserList"][1]["User_Account"]), "bob");
  EXPECT_EQ(Str(start["UserList"][1]["Status"]), "Waiting");

  rapidjson::Document accept = got[1].Json();
  EXPECT_EQ(Str(accept["CallId"]), call_id);
  ASSERT_EQ(accept["ChangedUserList"].Size(), 1u);
  EXPECT_EQ(Str(accept["ChangedUserList"][0]["User_Account"]), "bob");
  EXPECT_EQ(Str(accept["ChangedUserList"][0]["ActionType"]), "Accept");
  EXPECT_EQ(Str(accept["UserList"][1]["Status"]), "Calling");
  rapidjson::Document hangup = got[2].Json();
  EXPECT_EQ(Str(hangup["ChangedUserList"][0]["User_Account"]), "alice");
  EXPECT_EQ(Str(hangup["ChangedUserList"][0]["ActionType"]), "Hangup");
  EXPECT_LE(start["EventTime"].GetInt64(), accept["EventTime"].GetInt64());

  rapidjson::Document end = got[3].Json();
  const rapidjson::Value& record = end["CallRecord"];
  EXPECT_EQ(Str(record["CallId"]), call_id);
  EXPECT_EQ(Str(record["Caller_Account"]), "alice");
  EXPECT_EQ(Str(record["MediaType"]), "Video");
  EXPECT_EQ(Str(record["CallType"]), "SingleCall");
  EXPECT_EQ(Str(record["CallResult"]), "NormalEnd");
  ASSERT_EQ(record["CalleeList_Account"].Size(), 1u);
  EXPECT_EQ(Str(record["CalleeList_Account"][0]), "bob");
  EXPECT_EQ(Str(record["RoomId"]), "room-1");
  EXPECT_GT(record["AcceptTime"].GetInt64(), 0);
  EXPECT_LE(record["StartTime"].GetInt64(), record["EndTime"].GetInt64());
  EXPECT_EQ(record["StartTime"].GetInt64(), start["EventTime"].GetInt64() / 1000);

  // The outbox shows each delivery with what was sent and what came back.
  rapidjson::Document outbox = Settled("?call_id=" + call_id);
  ASSERT_EQ(outbox["callbacks"].Size(), 4u);
  const rapidjson::Value& first = outbox["callbacks"][0];
  EXPECT_EQ(Str(first["id"]), Str(call["deliveries"][0]));
  EXPECT_EQ(Str(first["family"]), "v4");
  EXPECT_EQ(Str(first["command"]), "Call.CallbackAfterStartCall");
  EXPECT_EQ(Str(first["url"]), receiver.Url("") + got[0].target);
  EXPECT_EQ(Str(first["body"]["CallInfo"]["CallId"]), call_id);
  EXPECT_EQ(Str(first["state"]), "delivered");
  ASSERT_EQ(first["attempts"].Size(), 1u);
  EXPECT_EQ(first["attempts"][0]["http_status"].GetInt(), 200);
  EXPECT_EQ(Str(first["attempts"][0]["reply"]), CallbackReceiver::kOkReply);
  EXPECT_EQ(Str(first["attempts"][0]["error"]), "");
  EXPECT_TRUE(first["attempts"][0]["latency_ms"].IsInt64());
  EXPECT_GT(first["attempts"][0]["at"].GetInt64(), 0);
}

TEST_F(CallbacksTest, OnlyConfiguredCommandsAndActionsAreSent) {
  CallbackReceiver receiver;
  ConfigureV4(receiver.Url("/v4"), R"(["Call.CallbackAfterEndCall"])");
  ConfigureV1(receiver.Url("/v1?tenant=7"), R"(["reject","callee_reject_call"])");
  rapidjson::Document call = Play(
      R"({"sdkappid":1400000000,"caller":"alice","callees":["bob","carol"],"room_id":12345,)"
      R"("outcome":"reject"})");
  ASSERT_EQ(call["deliveries"].Size(), 4u);
  const std::vector<ReceivedRequest> got = receiver.WaitFor(4);
  ASSERT_EQ(got.size(), 4u);
  // In the order they happen: each callee rejects, then the call ends.
  EXPECT_EQ(Commands(got), (std::vector<std::string>{"callee_reject_call", "callee_reject_call",
                                                     "Call.CallbackAfterEndCall", "reject"}));
  rapidjson::Document end = got[2].Json();
  EXPECT_EQ(Str(end["CallRecord"]["CallType"]), "MultiCall");
  EXPECT_EQ(Str(end["CallRecord"]["CallResult"]), "Reject");
  EXPECT_EQ(end["CallRecord"]["AcceptTime"].GetInt64(), 0);
  EXPECT_EQ(Str(end["CallRecord"]["RoomId"]), "12345");
  EXPECT_EQ(end["CallRecord"]["RoomIdType"].GetInt(), 1);  // a numeric room

  // v1: lower-case query names after the configured address's own query.
  const ReceivedRequest& bob = got[0];
  EXPECT_TRUE(bob.target.starts_with("/v1?tenant=7&sdkappid=1400000000&command=")) << bob.target;
  EXPECT_EQ(bob.Query("contenttype"), "json");
  EXPECT_EQ(bob.Query("clientip"), "127.0.0.1");
  EXPECT_EQ(bob.Query("optplatform"), "Web");
  rapidjson::Document event = bob.Json();
  EXPECT_EQ(Str(event["UserId"]), "bob");
  EXPECT_EQ(Str(event["Role"]), "Callee");
  EXPECT_EQ(Str(event["Event"]), "reject_call");
  EXPECT_EQ(Str(event["CallResult"]), "");
  EXPECT_EQ(Str(event["CallType"]), "Group");
  EXPECT_EQ(event["TotalNum"].GetInt(), 3);
  EXPECT_EQ(Str(event["MediaType"]), "Audio");
  EXPECT_EQ(Str(event["RoomId"]), "12345");
  EXPECT_EQ(Str(event["CallId"]), Str(call["call_id"]));
  EXPECT_TRUE(event["EventTime"].IsInt64());
  EXPECT_EQ(Str(got[1].Json()["UserId"]), "carol");

  rapidjson::Document status = got[3].Json();
  EXPECT_EQ(Str(status["UserId"]), "alice");
  EXPECT_EQ(Str(status["Role"]), "Caller");
  EXPECT_EQ(Str(status["CallResult"]), "Reject");
  EXPECT_FALSE(status.HasMember("Event"));
  EXPECT_FALSE(status.HasMember("StartCallTs"));  // only a normal end has timestamps
}

TEST_F(CallbacksTest, AV1NormalEndCarriesItsTimestampsAndEveryStepsEvent) {
  CallbackReceiver receiver;
  ConfigureV1(receiver.Url("/v1"),
              R"(["normal_end","caller_start_call","callee_receive_call","callee_accept_call",)"
              R"("caller_call_accepted","caller_call_end","callee_call_end","cancel"])");
  Play(R"({"sdkappid":1400000000,"caller":"alice","callees":["bob"],"outcome":"normal_end"})");
  const std::vector<ReceivedRequest> got = receiver.WaitFor(7);
  ASSERT_EQ(got.size(), 7u);
  EXPECT_EQ(Commands(got),
            (std::vector<std::string>{"caller_start_call", "callee_receive_call",
                                      "callee_accept_call", "caller_call_accepted",
                                      "caller_call_end", "callee_call_end", "normal_end"}));
  EXPECT_EQ(Str(got[0].Json()["Event"]), "start_call");
  EXPECT_EQ(Str(got[1].Json()["Event"]), "receive_call");
  EXPECT_EQ(Str(got[1].Json()["UserId"]), "bob");
  rapidjson::Document status = got[6].Json();
  EXPECT_EQ(Str(status["CallResult"]), "Normal_end");
  EXPECT_EQ(Str(status["CallType"]), "Single");
  ASSERT_TRUE(status.HasMember("StartCallTs") && status.HasMember("AcceptTs") &&
              status.HasMember("EndTs"));
  EXPECT_LE(status["StartCallTs"].GetInt64(), status["AcceptTs"].GetInt64());
  EXPECT_LE(status["AcceptTs"].GetInt64(), status["EndTs"].GetInt64());
}

TEST_F(CallbacksTest, NothingConfiguredMeansNoDeliveries) {
  rapidjson::Document call =
      Play(R"({"sdkappid":1400000000,"caller":"alice","callees":["bob"],"outcome":"cancel"})");
  EXPECT_EQ(call["deliveries"].Size(), 0u);
  EXPECT_EQ(Outbox("?call_id=" + Str(call["call_id"]))["callbacks"].Size(), 0u);
}

TEST_F(CallbacksTest, AV1DeliveryIsRetriedUntilTheAppAcceptsIt) {
  CallbackReceiver receiver;
  receiver.Script({{500, "oops"}, {200, R"({"ErrorCode":1,"ErrorMessage":"busy"})"}});
  ConfigureV1(receiver.Url("/v1"), R"(["cancel"])");
  Play(R"({"sdkappid":1400000000,"caller":"alice","callees":["bob"],"outcome":"cancel"})");
  const std::vector<ReceivedRequest> got = receiver.WaitFor(3);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].body, got[1].body);
  EXPECT_EQ(got[1].body, got[2].body);
  rapidjson::Document outbox = Settled("?sdkappid=1400000000");
  ASSERT_EQ(outbox["callbacks"].Size(), 1u);
  const rapidjson::Value& delivery = outbox["callbacks"][0];
  EXPECT_EQ(Str(delivery["state"]), "delivered");
  ASSERT_EQ(delivery["attempts"].Size(), 3u);
  EXPECT_EQ(delivery["attempts"][0]["http_status"].GetInt(), 500);
  EXPECT_EQ(Str(delivery["attempts"][0]["reply"]), "oops");
  EXPECT_EQ(delivery["attempts"][1]["http_status"].GetInt(), 200);  // but ErrorCode 1
  EXPECT_EQ(delivery["attempts"][2]["http_status"].GetInt(), 200);
}

TEST_F(CallbacksTest, AV1DeliveryIsAbandonedAfterSixRetries) {
  CallbackReceiver receiver;
  receiver.Script(std::vector<std::pair<unsigned, std::string>>(10, {503, "down"}));
  ConfigureV1(receiver.Url("/v1"), R"(["call_busy"])");
  Play(R"({"sdkappid":1400000000,"caller":"alice","callees":["bob"],"outcome":"call_busy"})");
  rapidjson::Document outbox = Settled("");
  ASSERT_EQ(outbox["callbacks"].Size(), 1u);
  EXPECT_EQ(Str(outbox["callbacks"][0]["state"]), "failed");
  EXPECT_EQ(outbox["callbacks"][0]["attempts"].Size(), 7u);  // the first try and six retries
  // Abandoned means no further attempt was scheduled: the receiver saw exactly seven.
  EXPECT_EQ(receiver.Received().size(), 7u);
}

TEST_F(CallbacksTest, AV4DeliveryIsTriedOnce) {
  CallbackReceiver receiver;
  receiver.Script({{500, "no"}});
  ConfigureV4(receiver.Url("/v4"), R"(["Call.CallbackAfterEndCall"])");
  Play(R"({"sdkappid":1400000000,"caller":"alice","callees":["bob"],"outcome":"not_answer"})");
  rapidjson::Document outbox = Settled("");
  ASSERT_EQ(outbox["callbacks"].Size(), 1u);
  EXPECT_EQ(Str(outbox["callbacks"][0]["state"]), "failed");
  ASSERT_EQ(outbox["callbacks"][0]["attempts"].Size(), 1u);
  EXPECT_EQ(outbox["callbacks"][0]["attempts"][0]["http_status"].GetInt(), 500);
  EXPECT_EQ(Str(outbox["callbacks"][0]["body"]["CallRecord"]["CallResult"]), "NotAnswer");
}

TEST_F(CallbacksTest, AReplaySendsTheSamePayloadAgain) {
  CallbackReceiver receiver;
  ConfigureV4(receiver.Url("/v4"), R"(["Call.CallbackAfterEndCall"])");
  rapidjson::Document call =
      Play(R"({"sdkappid":1400000000,"caller":"alice","callees":["bob"],"outcome":"interrupt"})");
  const std::string id = Str(call["deliveries"][0]);
  ASSERT_EQ(receiver.WaitFor(1).size(), 1u);
  Settled("");

  HttpReply replay = Control(bhttp::verb::post, "/_emulator/callbacks/" + id + "/replay");
  EXPECT_EQ(replay.status, 200u) << replay.body;
  const std::vector<ReceivedRequest> got = receiver.WaitFor(2);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].target, got[1].target);
  EXPECT_EQ(got[0].body, got[1].body);
  rapidjson::Document outbox =
      OutboxWhen("", [](const rapidjson::Value& c) { return c[0]["attempts"].Size() == 2; });
  EXPECT_EQ(Str(outbox["callbacks"][0]["state"]), "delivered");

  ErrorOf(Control(bhttp::verb::post, "/_emulator/callbacks/99999999/replay"), 404);
  ErrorOf(Control(bhttp::verb::post, "/_emulator/callbacks/abc/replay"), 404);
  ErrorOf(Control(bhttp::verb::get, "/_emulator/callbacks/" + id + "/replay"), 405);
}

TEST_F(CallbacksTest, ADeliveryInFlightCannotBeReplayedAndASilentReceiverTimesOut) {
  CallbackReceiver receiver;
  receiver.Hold(true);
  ConfigureV4(receiver.Url("/v4"), R"(["Call.CallbackAfterStartCall"])");
  rapidjson::Document call =
      Play(R"({"sdkappid":1400000000,"caller":"alice","callees":["bob"],"outcome":"cancel"})");
  const std::string id = Str(call["deliveries"][0]);
  ASSERT_EQ(receiver.WaitFor(1).size(), 1u);  // it arrived and is left unanswered
  // Replaying is refused while the delivery is pending (the first attempt is in flight).
  const std::string error =
      ErrorOf(Control(bhttp::verb::post, "/_emulator/callbacks/" + id + "/replay"), 409);
  EXPECT_NE(error.find("still being sent"), std::string::npos) << error;
  rapidjson::Document outbox = Settled("");
  receiver.Hold(false);
  const rapidjson::Value& attempt = outbox["callbacks"][0]["attempts"][0];
  EXPECT_EQ(Str(outbox["callbacks"][0]["state"]), "failed");
  EXPECT_EQ(attempt["http_status"].GetInt(), 0);
  EXPECT_EQ(Str(attempt["error"]), "no reply within 300 ms");
}

TEST_F(CallbacksTest, UndeliverableUrlsAreRecordedWithTheReason) {
  uint16_t closed_port = 0;
  {
    CallbackReceiver gone;  // a port that was just free, and is closed again
    closed_port = gone.port();
  }
  const std::string closed = "127.0.0.1:" + std::to_string(closed_port);
  ConfigureV4("http://" + closed + "/v4", R"(["Call.CallbackAfterEndCall"])");
  ConfigureV1("https://" + closed + "/v1", R"(["cancel"])");
  Play(R"({"sdkappid":1400000000,"caller":"alice","callees":["bob"],"outcome":"cancel"})");
  rapidjson::Document outbox = Settled("");
  ASSERT_EQ(outbox["callbacks"].Size(), 2u);
  const rapidjson::Value& v4 = outbox["callbacks"][0];
  const rapidjson::Value& v1 = outbox["callbacks"][1];
  EXPECT_EQ(Str(v4["state"]), "failed");
  EXPECT_NE(Str(v4["attempts"][0]["error"]).find("connecting"), std::string::npos)
      << Str(v4["attempts"][0]["error"]);
  EXPECT_EQ(Str(v1["state"]), "failed");
  EXPECT_EQ(v1["attempts"].Size(), 7u);
  EXPECT_NE(Str(v1["attempts"][0]["error"]).find("connecting"), std::string::npos)
      << Str(v1["attempts"][0]["error"]);
}

TEST_F(CallbacksTest, TheOutboxFiltersByAppAndCallAndResetEmptiesIt) {
  CallbackReceiver receiver;
  ConfigureV4(receiver.Url("/v4"), R"(["Call.CallbackAfterEndCall"])");
  rapidjson::Document first =
      Play(R"({"sdkappid":1400000000,"caller":"a","callees":["b"],"outcome":"cancel"})");
  rapidjson::Document second =
      Play(R"({"sdkappid":1400000000,"caller":"c","callees":["d"],"outcome":"cancel","call_id":"mine"})");
  EXPECT_EQ(Str(second["call_id"]), "mine");
  receiver.WaitFor(2);
  EXPECT_EQ(Settled("")["callbacks"].Size(), 2u);
  rapidjson::Document mine = Outbox("?call_id=mine");
  ASSERT_EQ(mine["callbacks"].Size(), 1u);
  EXPECT_EQ(Str(mine["callbacks"][0]["body"]["CallRecord"]["Caller_Account"]), "c");
  EXPECT_EQ(Outbox("?sdkappid=1400000001")["callbacks"].Size(), 0u);
  ErrorOf(Control(bhttp::verb::get, "/_emulator/callbacks?sdkappid=x"), 400);

  ASSERT_EQ(Control(bhttp::verb::post, "/_emulator/reset", R"({"sdkappid":1400000000})").status,
            200u);
  EXPECT_EQ(Outbox()["callbacks"].Size(), 0u);
  // The configuration went with the reset too: a new call sends nothing.
  EXPECT_EQ(Play(R"({"sdkappid":1400000000,"caller":"a","callees":["b"],"outcome":"cancel"})")
                ["deliveries"].Size(),
            0u);
}

TEST_F(CallbacksTest, BadCallRequestsAreRefusedWithTheReason) {
  struct Case {
    const char* body;
    unsigned status;
    const char* mentions;
  };
  const Case cases[] = {
      {"not json", 400, "JSON"},
      {"[]", 400, "object"},
      {R"({"caller":"a","callees":["b"],"outcome":"cancel"})", 400, "sdkappid"},
      {R"({"sdkappid":"1400000000","caller":"a","callees":["b"],"outcome":"cancel"})", 400, "sdkappid"},
      {R"({"sdkappid":1499999999,"caller":"a","callees":["b"],"outcome":"cancel"})", 404, "1499999999"},
      {R"({"sdkappid":1400000000,"callees":["b"],"outcome":"cancel"})", 400, "caller"},
      {R"({"sdkappid":1400000000,"caller":"","callees":["b"],"outcome":"cancel"})", 400, "caller"},
      {R"({"sdkappid":1400000000,"caller":"a","callees":[],"outcome":"cancel"})", 400, "callees"},
      {R"({"sdkappid":1400000000,"caller":"a","callees":"b","outcome":"cancel"})", 400, "callees"},
      {R"({"sdkappid":1400000000,"caller":"a","callees":[7],"outcome":"cancel"})", 400, "callee"},
      {R"({"sdkappid":1400000000,"caller":"a","callees":["b","b"],"outcome":"cancel"})", 400, "twice"},
      {R"({"sdkappid":1400000000,"caller":"a","callees":["a"],"outcome":"cancel"})", 400, "caller"},
      {R"({"sdkappid":1400000000,"caller":"a","callees":["b"]})", 400, "outcome"},
      {R"({"sdkappid":1400000000,"caller":"a","callees":["b"],"outcome":"hangup"})", 400, "outcome"},
      {R"({"sdkappid":1400000000,"caller":"a","callees":["b"],"outcome":"cancel","media_type":"audio"})", 400, "media_type"},
      {R"({"sdkappid":1400000000,"caller":"a","callees":["b"],"outcome":"cancel","room_id":""})", 400, "room_id"},
      {R"({"sdkappid":1400000000,"caller":"a","callees":["b"],"outcome":"cancel","call_id":5})", 400, "call_id"},
  };
  for (const Case& c : cases) {
    const std::string error = ErrorOf(Control(bhttp::verb::post, "/_emulator/calls", c.body), c.status);
    EXPECT_NE(error.find(c.mentions), std::string::npos) << c.body << " -> " << error;
  }
  std::string many = R"({"sdkappid":1400000000,"caller":"a","outcome":"cancel","callees":[)";
  for (int i = 0; i < 51; ++i) many += (i ? ",\"u" : "\"u") + std::to_string(i) + "\"";
  ErrorOf(Control(bhttp::verb::post, "/_emulator/calls", many + "]}"), 400);
  EXPECT_EQ(Control(bhttp::verb::get, "/_emulator/health").status, 200u);
}

// The outbox is state like any other: it survives a restart on the same database.
TEST(CallbackOutboxPersistenceTest, TheOutboxSurvivesARestart) {
  TempDir dir;
  CallbackReceiver receiver;
  const std::vector<std::string> args = {"--db", dir.File("state.db"), "--auth", "off"};
  std::unique_ptr<ServerProcess> server;
  ASSERT_TRUE(ServerProcess::Start(args, &server));
  {
    HttpClient client(server->port());
    ExpectV4(client.Post(ApiTarget("v4/call_config/set_callback", kApp, kAdmin, "unchecked"),
                         R"({"Url":")" + receiver.Url("/v4") +
                             R"(","CallbackCommandList":["Call.CallbackAfterEndCall"]})"),
             0);
    HttpReply played = client.Post(
        "/_emulator/calls",
        R"({"sdkappid":1400000000,"caller":"a","callees":["b"],"outcome":"cancel","call_id":"kept"})");
    ASSERT_EQ(played.status, 200u) << played.body;
  }
  ASSERT_EQ(receiver.WaitFor(1).size(), 1u);
  // The attempt is recorded once the reply is read; wait for that before stopping.
  OutboxWhen(server->port(), "", [](const rapidjson::Value& c) { return FirstIs(c, "delivered"); });
  const std::string before =
      HttpClient(server->port()).Send(bhttp::verb::get, "/_emulator/callbacks", "").body;
  ASSERT_NE(before.find("delivered"), std::string::npos) << before;
  EXPECT_EQ(server->Stop(SIGTERM), 0);

  ASSERT_TRUE(ServerProcess::Start(args, &server));
  const std::string after =
      HttpClient(server->port()).Send(bhttp::verb::get, "/_emulator/callbacks", "").body;
  EXPECT_EQ(after, before);
  EXPECT_EQ(receiver.Received().size(), 1u);  // a delivered callback is not sent again
  EXPECT_EQ(server->Stop(SIGTERM), 0);
}

// A delivery still waiting for a retry when the server stops carries on after a restart.
TEST(CallbackOutboxPersistenceTest, APendingDeliveryResumesAfterARestart) {
  TempDir dir;
  CallbackReceiver receiver;
  // The first retry follows at once (0 units); the second waits one unit.
  receiver.Script({{500, "not yet"}, {500, "still not"}});
  const std::vector<std::string> args = {"--db", dir.File("state.db"), "--auth", "off"};
  std::unique_ptr<ServerProcess> server;
  // An hour-long retry unit: the retry can only come from the restarted server.
  std::vector<std::string> slow = args;
  slow.insert(slow.end(), {"--callback-retry-unit-ms", "3600000"});
  ASSERT_TRUE(ServerProcess::Start(slow, &server));
  {
    HttpClient client(server->port());
    ExpectV1(client.Post(ApiTarget("v1/callback/set", kApp, kAdmin, "unchecked"),
                         R"({"address":")" + receiver.Url("/v1") + R"(","actions":["cancel"]})"),
             0);
    ASSERT_EQ(client.Post("/_emulator/calls", R"({"sdkappid":1400000000,"caller":"a",)"
                                              R"("callees":["b"],"outcome":"cancel"})")
                  .status,
              200u);
  }
  ASSERT_EQ(receiver.WaitFor(2).size(), 2u);
  // Wait until the second failed attempt is recorded (the delivery stays pending).
  rapidjson::Document outbox = OutboxWhen(server->port(), "", [](const rapidjson::Value& c) {
    return !c.Empty() && c[0]["attempts"].Size() == 2;
  });
  ASSERT_TRUE(FirstIs(outbox["callbacks"], "pending"));
  EXPECT_EQ(server->Stop(SIGTERM), 0);

  ASSERT_TRUE(ServerProcess::Start(args, &server));
  const std::vector<ReceivedRequest> got = receiver.WaitFor(3);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].body, got[2].body);
  EXPECT_EQ(server->Stop(SIGTERM), 0);
}

}  // namespace
}  // namespace trtc::testing
