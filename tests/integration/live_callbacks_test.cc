// The LiveKit callbacks (api.md §9) over real sockets: the room APIs' changes POSTed to a
// receiver this test runs on 127.0.0.1 with the documented query string and bodies; only
// subscribed commands, nothing for refused calls or seeds; the Sign checked with an
// independent SHA-256; the outbox's listing by room and its replay (signed afresh); reset
// and a restart.
#include <cstdio>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <openssl/evp.h>

#include "tests/integration/support/callback_receiver.h"
#include "tests/integration/support/callback_suite.h"
#include "tests/integration/support/emulator_test.h"
#include "tests/integration/support/envelope_expect.h"
#include "tests/integration/support/official_usersig.h"
#include "tests/integration/support/server_process.h"
#include "tests/integration/support/temp_dir.h"

namespace trtc::testing {
namespace {

namespace bhttp = http::bhttp;

const char kRoomCommands[] =
    R"(["Live.CallbackAfterCreateRoom","Live.CallbackAfterUpdateRoomInfo","Live.CallbackAfterSetMetadata",)"
    R"("Live.CallbackAfterDelMetadata","Live.CallbackAfterDestroyRoom"])";

// Lower-case hex SHA-256 through OpenSSL's EVP interface (the emulator uses SHA256()).
std::string Sha256Hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EXPECT_EQ(EVP_Digest(text.data(), text.size(), digest, &size, EVP_sha256(), nullptr), 1);
  std::string hex;
  char byte[3];
  for (unsigned int i = 0; i < size; ++i) {
    std::snprintf(byte, sizeof byte, "%02x", digest[i]);
    hex += byte;
  }
  return hex;
}

class LiveCallbacksTest : public CallbackSuite {
 protected:
  void SetUp() override {
    ASSERT_EQ(Control(bhttp::verb::post, "/_emulator/reset", "{}").status, 200u);
    SetClock(0);
  }
  void TearDown() override { SetClock(0); }

  int64_t NowMs() { return Now() * 1000; }
  void ConfigureLive(const std::string& url, const std::string& commands) {
    ExpectV4(Call("v4/live_config/set_callback",
                  R"({"Url":")" + url + R"(","CallbackCommandList":)" + commands + "}"),
             0);
  }
  rapidjson::Document Room(const std::string& api, const std::string& body, int code = 0) {
    return ExpectV4(Call("v4/live_engine_http_srv/" + api, body), code);
  }
  void CreateRoom(const std::string& room_id) {
    Room("create_room", R"({"RoomInfo":{"RoomId":")" + room_id + R"(","RoomType":"Live"}})");
  }
};

TEST_F(LiveCallbacksTest, EachRoomChangeCarriesTheDocumentedQueryAndBody) {
  CallbackReceiver receiver;
  // A URL with a query of its own: the documented parameters follow with '&'.
  ConfigureLive(receiver.Url("/live?app=demo"), kRoomCommands);
  const int64_t before_ms = NowMs();
  Room("create_room",
       R"({"RoomInfo":{"RoomId":"live-1","RoomType":"Live","RoomName":"Launch","MaxSeatCount":4,)"
       R"("Category":[2,7],"IsPublicVisible":true}})");
  const std::string created = JsonText(Room("get_room_info", R"({"RoomId":"live-1"})")["Response"]["RoomInfo"]);
  Room("update_room_info", R"({"RoomInfo":{"RoomId":"live-1","RoomName":"Renamed","Notice":"hi"}})");
  Room("set_room_metadata",
       R"({"RoomId":"live-1","Metadata":[{"Key":"b","Value":"1"},{"Key":"a","Value":"2"},{"Key":"b","Value":"3"}]})");
  Room("del_room_metadata", R"({"RoomId":"live-1","Keys":["a","missing"]})");
  const std::string updated = JsonText(Room("get_room_info", R"({"RoomId":"live-1"})")["Response"]["RoomInfo"]);
  rapidjson::Document destroyed = Room("destroy_room", R"({"RoomId":"live-1"})");

  const std::vector<ReceivedRequest> got = receiver.WaitFor(5);
  ASSERT_EQ(got.size(), 5u);
  const std::vector<std::string> commands = {
      "Live.CallbackAfterCreateRoom", "Live.CallbackAfterUpdateRoomInfo",
      "Live.CallbackAfterSetMetadata", "Live.CallbackAfterDelMetadata",
      "Live.CallbackAfterDestroyRoom"};
  int64_t last_event_ms = before_ms;
  for (size_t i = 0; i < got.size(); ++i) {
    SCOPED_TRACE(commands[i]);
    const ReceivedRequest& request = got[i];
    EXPECT_EQ(request.method, "POST");
    EXPECT_EQ(request.target, "/live?app=demo&SdkAppid=1400000000&CallbackCommand=" + commands[i] +
                                  "&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI");
    EXPECT_NE(request.content_type.find("application/json"), std::string::npos);
    rapidjson::Document body = request.Json();
    ASSERT_TRUE(body.IsObject()) << request.body;
    EXPECT_EQ(Str(body["CallbackCommand"]), commands[i]);
    EXPECT_EQ(Str(body["Operator_Account"]), kAdmin);
    ASSERT_TRUE(body["EventTime"].IsInt64());
    // Milliseconds of the emulator's clock, in the order the changes were made.
    EXPECT_GE(body["EventTime"].GetInt64(), last_event_ms);
    last_event_ms = body["EventTime"].GetInt64();
  }
  EXPECT_LE(last_event_ms, NowMs() + 1000);

  rapidjson::Document create = got[0].Json();
  EXPECT_EQ(MemberNames(create),
            (std::vector<std::string>{"CallbackCommand", "Operator_Account", "RoomInfo", "EventTime"}));
  EXPECT_EQ(JsonText(create["RoomInfo"]), created);  // every field get_room_info answers

  rapidjson::Document update = got[1].Json();
  EXPECT_EQ(JsonText(update["RoomInfo"]), R"({"RoomId":"live-1","RoomName":"Renamed","Notice":"hi"})");

  rapidjson::Document set = got[2].Json();
  EXPECT_EQ(Str(set["RoomId"]), "live-1");
  // Each key the call set once, with its stored (last) value, in the room's key order.
  EXPECT_EQ(JsonText(set["Metadata"]), R"([{"Key":"b","Value":"3"},{"Key":"a","Value":"2"}])");

  rapidjson::Document del = got[3].Json();
  EXPECT_EQ(Str(del["RoomId"]), "live-1");
  EXPECT_EQ(JsonText(del["Keys"]), R"(["a"])");  // only the keys actually deleted

  rapidjson::Document destroy = got[4].Json();
  EXPECT_EQ(MemberNames(destroy),
            (std::vector<std::string>{"CallbackCommand", "Operator_Account", "RoomId", "EventType",
                                      "RoomInfo", "Statistic", "EventTime"}));
  EXPECT_EQ(Str(destroy["RoomId"]), "live-1");
  EXPECT_EQ(Str(destroy["EventType"]), "DestroyByUser");
  EXPECT_EQ(JsonText(destroy["RoomInfo"]), updated);  // the room as it was
  EXPECT_EQ(JsonText(destroy["Statistic"]), JsonText(destroyed["Response"]["Statistic"]));
  EXPECT_EQ(MemberNames(destroy["Statistic"]),
            (std::vector<std::string>{"TotalViewers", "TotalGiftsSent", "TotalGiftCoins",
                                      "TotalUniqueGiftSenders", "TotalLikesReceived"}));
}

TEST_F(LiveCallbacksTest, OnlySubscribedCommandsOfConfiguredAppsAndNothingForRefusedCalls) {
  CallbackReceiver receiver;
  ConfigureLive(receiver.Url("/only-destroy"), R"(["Live.CallbackAfterDestroyRoom"])");
  CreateRoom("r1");  // not subscribed
  Room("create_room", R"({"RoomInfo":{"RoomId":"r1","RoomType":"Live"}})", 100003);
  Room("destroy_room", R"({"RoomId":"nobody"})", 100004);
  Room("destroy_room", R"({"RoomId":""})", 100002);
  Room("update_room_info", R"({"RoomInfo":{"RoomId":"r1","MaxSeatCount":-1}})", 100002);
  Room("del_room_metadata", R"({"RoomId":"r1","Keys":["none"]})", 100503);
  // Another app has no configuration at all.
  ExpectV4(Call("v4/live_engine_http_srv/create_room",
                R"({"RoomInfo":{"RoomId":"r1","RoomType":"Live"}})", kOtherApp),
           0);
  ExpectV4(Call("v4/live_engine_http_srv/destroy_room", R"({"RoomId":"r1"})", kOtherApp), 0);
  Room("destroy_room", R"({"RoomId":"r1"})");

  rapidjson::Document outbox = Outbox("?sdkappid=1400000000");
  ASSERT_EQ(outbox["callbacks"].Size(), 1u);  // stored when the call was answered
  EXPECT_EQ(Str(outbox["callbacks"][0]["command"]), "Live.CallbackAfterDestroyRoom");
  EXPECT_EQ(Outbox("?sdkappid=1400000001")["callbacks"].Size(), 0u);
  const std::vector<ReceivedRequest> got = receiver.WaitFor(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].Query("CallbackCommand"), "Live.CallbackAfterDestroyRoom");
  Settled("?sdkappid=1400000000");
  EXPECT_EQ(receiver.Received().size(), 1u);
}

TEST_F(LiveCallbacksTest, ARoomCallNeverWaitsForItsCallback) {
  CallbackReceiver receiver;
  receiver.Hold(true);  // reads callbacks, never answers
  ConfigureLive(receiver.Url("/slow"), kRoomCommands);
  CreateRoom("r-slow");
  Room("set_room_metadata", R"({"RoomId":"r-slow","Metadata":[{"Key":"k","Value":"v"}]})");
  // Answered while the first callback is still unanswered; the second waits its turn.
  ASSERT_EQ(receiver.WaitFor(1).size(), 1u);
  EXPECT_EQ(Str(Outbox("?room_id=r-slow")["callbacks"][0]["state"]), "pending");
  receiver.Hold(false);
  rapidjson::Document settled = Settled("?room_id=r-slow");
  ASSERT_EQ(settled["callbacks"].Size(), 2u);
  const std::vector<ReceivedRequest> got = receiver.WaitFor(2);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[1].Query("CallbackCommand"), "Live.CallbackAfterSetMetadata");
}

TEST_F(LiveCallbacksTest, SignedWithTheTokenOnTheEmulatorsClockAndReplayedAfresh) {
  CallbackReceiver receiver;
  ConfigureLive(receiver.Url("/signed"), kRoomCommands);
  ExpectV4(Call("v4/live_config/set_callback_token", R"({"Token":"xxxxyyyy","IsTokenEnable":true})"), 0);
  SetClock(3600);  // RequestTime follows the emulator's clock, not the machine's
  const int64_t before_s = NowMs() / 1000;
  CreateRoom("signed-room");
  std::vector<ReceivedRequest> got = receiver.WaitFor(1);
  ASSERT_EQ(got.size(), 1u);
  const std::string request_time = got[0].Query("RequestTime");
  ASSERT_FALSE(request_time.empty()) << got[0].target;
  EXPECT_GE(std::stoll(request_time), before_s);
  EXPECT_LE(std::stoll(request_time), NowMs() / 1000);
  EXPECT_EQ(got[0].Query("Sign"), Sha256Hex("xxxxyyyy" + request_time));
  // The query ends with the signature, after the documented parameters.
  EXPECT_NE(got[0].target.find("&OptPlatform=RESTAPI&Sign="), std::string::npos) << got[0].target;
  EXPECT_EQ(Sha256Hex("xxxxyyyy1669872112"),
            "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061");  // the page's

  // The outbox lists the room's deliveries; its URL is the unsigned one.
  rapidjson::Document outbox = Settled("?room_id=signed-room");
  ASSERT_EQ(outbox["callbacks"].Size(), 1u);
  const rapidjson::Value& delivery = outbox["callbacks"][0];
  EXPECT_EQ(Str(delivery["family"]), "live");
  EXPECT_EQ(Str(delivery["room_id"]), "signed-room");
  EXPECT_FALSE(delivery.HasMember("call_id"));
  EXPECT_EQ(Str(delivery["state"]), "delivered");
  EXPECT_EQ(Str(delivery["url"]).find("Sign="), std::string::npos);
  EXPECT_EQ(Outbox("?room_id=other-room")["callbacks"].Size(), 0u);

  // A replay is a new request: a later RequestTime and its own Sign, with the new token.
  ExpectV4(Call("v4/live_config/set_callback_token", R"({"Token":"rotated"})"), 0);
  SetClock(7200);
  const std::string id = Str(delivery["id"]);
  ASSERT_EQ(Control(bhttp::verb::post, "/_emulator/callbacks/" + id + "/replay").status, 200u);
  got = receiver.WaitFor(2);
  ASSERT_EQ(got.size(), 2u);
  const std::string replay_time = got[1].Query("RequestTime");
  EXPECT_GE(std::stoll(replay_time), std::stoll(request_time) + 3600);
  EXPECT_EQ(got[1].Query("Sign"), Sha256Hex("rotated" + replay_time));
  EXPECT_EQ(got[1].body, got[0].body);

  // Disabled: no Sign, no RequestTime.
  ExpectV4(Call("v4/live_config/set_callback_token", R"({"IsTokenEnable":false})"), 0);
  Room("destroy_room", R"({"RoomId":"signed-room"})");
  got = receiver.WaitFor(3);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[2].Query("Sign"), "");
  EXPECT_EQ(got[2].Query("RequestTime"), "");
}

TEST_F(LiveCallbacksTest, AResetTakesTheRoomsDeliveries) {
  CallbackReceiver receiver;
  ConfigureLive(receiver.Url("/reset"), kRoomCommands);
  CreateRoom("gone");
  Settled("?room_id=gone");
  ASSERT_EQ(Control(bhttp::verb::post, "/_emulator/reset", R"({"sdkappid":1400000000})").status, 200u);
  EXPECT_EQ(Outbox("?room_id=gone")["callbacks"].Size(), 0u);
  // And the configuration: a new room sends nothing.
  CreateRoom("gone");
  EXPECT_EQ(Outbox("?sdkappid=1400000000")["callbacks"].Size(), 0u);
}

TEST(LiveCallbacksProcessTest, SeedsSendNothingAndARestartKeepsDeliveriesAndToken) {
  CallbackReceiver receiver;
  TempDir dir;
  const std::string fixture = dir.File("live.json");
  std::ofstream(fixture)
      << R"({"apps":[{"sdkappid":1400000000,"key":")" << kAppKey
      << R"("}],"live_callbacks":[{"sdkappid":1400000000,"url":")" << receiver.Url("/seeded")
      << R"(","commands":)" << kRoomCommands << R"(,"token":"seed-token","token_enabled":true}],)"
      << R"("rooms":[{"sdkappid":1400000000,"room_id":"seeded","metadata":{"k":"v"}}]})";
  const std::vector<std::string> args = {"--db", dir.File("live.db"), "--fixtures", fixture,
                                         "--rate-limits", "off"};
  std::unique_ptr<ServerProcess> server;
  ASSERT_TRUE(ServerProcess::Start(args, &server));
  EXPECT_EQ(Outbox(server->port())["callbacks"].Size(), 0u);  // seeds send nothing
  auto call = [&](const std::string& path, const std::string& body) {
    return CallDefaultApp(server->port(), path, body);
  };
  ExpectV4(call("v4/live_engine_http_srv/del_room_metadata", R"({"RoomId":"seeded","Keys":["k"]})"), 0);
  OutboxWhen(server->port(), "?room_id=seeded",
             [](const rapidjson::Value& callbacks) { return FirstIs(callbacks, "delivered"); });
  EXPECT_EQ(server->Stop(SIGTERM), 0);

  ASSERT_TRUE(ServerProcess::Start(args, &server));
  rapidjson::Document kept = Outbox(server->port(), "?room_id=seeded");
  ASSERT_EQ(kept["callbacks"].Size(), 1u);
  EXPECT_EQ(Str(kept["callbacks"][0]["command"]), "Live.CallbackAfterDelMetadata");
  ExpectV4(call("v4/live_engine_http_srv/destroy_room", R"({"RoomId":"seeded"})"), 0);
  const std::vector<ReceivedRequest> got = receiver.WaitFor(2);
  ASSERT_EQ(got.size(), 2u);
  for (const ReceivedRequest& request : got) {
    EXPECT_EQ(request.Query("Sign"), Sha256Hex("seed-token" + request.Query("RequestTime")));
  }
  EXPECT_EQ(got[1].Query("CallbackCommand"), "Live.CallbackAfterDestroyRoom");
  EXPECT_EQ(Str(got[1].Json()["RoomInfo"]["RoomId"]), "seeded");
}

}  // namespace
}  // namespace trtc::testing
