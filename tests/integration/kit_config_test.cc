// The TUILiveKit and TUIRoomKit callback configurations over real sockets: every API's
// success and its codes at their edges, the signing token, the package check, the three
// v4 stores' independence, reset, seeds, and a restart that keeps configuration and token.
#include <fstream>
#include <string>

#include "tests/integration/support/emulator_test.h"
#include "tests/integration/support/envelope_expect.h"
#include "tests/integration/support/official_usersig.h"
#include "tests/integration/support/temp_dir.h"

namespace trtc::testing {
namespace {

namespace bhttp = http::bhttp;

constexpr char kLiveBody[] =
    R"({"Url":"https://live.example/cb","CallbackCommandList":["Live.CallbackAfterCreateRoom","Live.CallbackAfterCreateRoom","Mic.CallbackAfterSeatInfoChanged"]})";
constexpr char kRoomBody[] =
    R"({"Url":"http://room.example/cb","CallbackCommandList":["Room.CallbackUpdateRoomInfo","Room.CallbackAfterMemberEnter"]})";

class KitConfigTest : public EmulatorTest {
 protected:
  void SetUp() override {
    ASSERT_EQ(Control(bhttp::verb::post, "/_emulator/reset", "{}").status, 200u);
  }
  HttpReply Live(const std::string& api, const std::string& body, uint32_t app = kApp) {
    return Call("v4/live_config/" + api, body, app);
  }
  HttpReply Room(const std::string& api, const std::string& body, uint32_t app = kApp) {
    return Call("v4/room_config/" + api, body, app);
  }
};

TEST_F(KitConfigTest, SetGetUpdateDeleteInEachFamily) {
  for (const char* family : {"live", "room"}) {
    SCOPED_TRACE(family);
    const bool live = std::string(family) == "live";
    auto api = [&](const std::string& name, const std::string& body) {
      return live ? Live(name, body) : Room(name, body);
    };
    const std::string body = live ? kLiveBody : kRoomBody;
    ExpectV4(api("get_callback", "{}"), 100301);
    ExpectV4(api("update_callback", body), 100301);
    ExpectV4(api("delete_callback", "{}"), 0);  // nothing to delete: still OK
    ExpectV4(api("set_callback", body), 0);
    ExpectV4(api("set_callback", body), 100300);  // set never overwrites
    rapidjson::Document got = ExpectV4(api("get_callback", "{}"), 0);
    const auto& response = got["Response"];
    EXPECT_STREQ(response["Url"].GetString(), live ? "https://live.example/cb" : "http://room.example/cb");
    // Duplicates kept once, order kept, words as sent (RoomKit's older spelling too).
    ASSERT_EQ(response["CallbackCommandList"].Size(), 2u);
    EXPECT_STREQ(response["CallbackCommandList"][0].GetString(),
                 live ? "Live.CallbackAfterCreateRoom" : "Room.CallbackUpdateRoomInfo");
    const std::string other = live
        ? R"({"Url":"HTTP://two.example/","CallbackCommandList":["Live.CallbackAfterDestroyRoom"]})"
        : R"({"Url":"HTTP://two.example/","CallbackCommandList":["Room.CallbackAfterDestroyRoom"]})";
    ExpectV4(api("update_callback", other), 0);
    EXPECT_STREQ(ExpectV4(api("get_callback", "{}"), 0)["Response"]["Url"].GetString(),
                 "HTTP://two.example/");
    ExpectV4(api("delete_callback", "{}"), 0);
    ExpectV4(api("get_callback", "{}"), 100301);
  }
}

TEST_F(KitConfigTest, BodiesAreCheckedBeforeExistenceWithEachFamilysWords) {
  ExpectV4(Live("set_callback", kLiveBody), 0);
  for (const char* bad :
       {R"({"CallbackCommandList":["Live.CallbackAfterCreateRoom"]})", R"({"Url":"https://a/"})",
        R"({"Url":"ftp://a/","CallbackCommandList":["Live.CallbackAfterCreateRoom"]})",
        R"({"Url":"https://a/","CallbackCommandList":[]})",
        R"({"Url":"https://a/","CallbackCommandList":["Room.CallbackAfterCreateRoom"]})",
        R"({"Url":"https://a/","CallbackCommandList":["Call.CallbackAfterStartCall"]})",
        R"({"Url":5,"CallbackCommandList":["Live.CallbackAfterCreateRoom"]})"}) {
    ExpectV4(Live("set_callback", bad), 100002);  // 100002 although one exists (not 100300)
    ExpectV4(Live("update_callback", bad), 100002);
  }
  ExpectV4(Room("set_callback", R"({"Url":"https://a/","CallbackCommandList":["Live.CallbackAfterCreateRoom"]})"), 100002);
  ExpectV4(Room("update_callback", R"({"Url":"https://a/","CallbackCommandList":["Room.CallbackAfterCreateRoom"]})"), 100301);
  // The follow words are LiveKit words too.
  ExpectV4(Live("update_callback", R"({"Url":"https://a/","CallbackCommandList":["Follow.CallbackAfterFollowAdd"]})"), 0);
}

TEST_F(KitConfigTest, TheTokenIsItsOwnSetting) {
  ExpectV4(Live("get_callback_token", "{}"), 100302);
  ExpectV4(Live("set_callback_token", R"({"Token":"xxxxyyyy"})"), 100002);  // the first needs both
  ExpectV4(Live("set_callback_token", R"({"IsTokenEnable":true})"), 100002);
  ExpectV4(Live("set_callback_token", R"({"Token":"","IsTokenEnable":true})"), 100002);
  ExpectV4(Live("set_callback_token", R"({"Token":")" + std::string(129, 't') + R"(","IsTokenEnable":true})"), 100002);
  ExpectV4(Live("set_callback_token", R"({"Token":5,"IsTokenEnable":true})"), 100002);
  // Before any configuration exists.
  ExpectV4(Live("set_callback_token", R"({"Token":")" + std::string(128, 't') + R"(","IsTokenEnable":true})"), 0);
  ExpectV4(Live("set_callback_token", R"({"IsTokenEnable":false})"), 0);  // later: only what changes
  rapidjson::Document token = ExpectV4(Live("get_callback_token", "{}"), 0);
  EXPECT_EQ(std::string(token["Response"]["Token"].GetString()), std::string(128, 't'));
  EXPECT_FALSE(token["Response"]["IsTokenEnable"].GetBool());
  ExpectV4(Live("set_callback_token", "{}"), 100002);
  ExpectV4(Live("set_callback_token", R"({"Token":"xxxxyyyy"})"), 0);
  // delete_callback leaves the token.
  ExpectV4(Live("set_callback", kLiveBody), 0);
  ExpectV4(Live("delete_callback", "{}"), 0);
  EXPECT_STREQ(ExpectV4(Live("get_callback_token", "{}"), 0)["Response"]["Token"].GetString(), "xxxxyyyy");
}

TEST_F(KitConfigTest, ThreeIndependentV4StoresAndTheLivePackage) {
  ExpectV4(Call("v4/call_config/set_callback",
                R"({"Url":"http://call.example/","CallbackCommandList":["Call.CallbackAfterStartCall"]})"),
           0);
  ExpectV4(Live("get_callback", "{}"), 100301);
  ExpectV4(Room("get_callback", "{}"), 100301);
  ExpectV4(Live("set_callback", kLiveBody), 0);
  ExpectV4(Room("get_callback", "{}"), 100301);
  ExpectV4(Room("set_callback", kRoomBody), 0);
  ExpectV4(Live("delete_callback", "{}"), 0);
  EXPECT_STREQ(ExpectV4(Call("v4/call_config/get_callback", "{}"), 0)["Response"]["Url"].GetString(),
               "http://call.example/");
  ExpectV4(Room("get_callback", "{}"), 0);
  // live_config needs the Live package; room_config none.
  ExpectV4(Live("get_callback", "{}", kNoLiveApp), 100007);
  ExpectV4(Live("set_callback_token", R"({"Token":"t","IsTokenEnable":true})", kNoLiveApp), 100007);
  ExpectV4(Room("set_callback", kRoomBody, kNoLiveApp), 0);
  // A reset takes all of it, token included.
  ExpectV4(Live("set_callback_token", R"({"Token":"t","IsTokenEnable":true})"), 0);
  ASSERT_EQ(Control(bhttp::verb::post, "/_emulator/reset", R"({"sdkappid":1400000000})").status, 200u);
  ExpectV4(Room("get_callback", "{}"), 100301);
  ExpectV4(Live("get_callback_token", "{}"), 100302);
  ExpectV4(Room("get_callback", "{}", kNoLiveApp), 0);  // another app's stays
}

TEST(KitConfigProcessTest, SeedsAndARestartKeepConfigurationsAndToken) {
  TempDir dir;
  const std::string fixture = dir.File("kit.json");
  std::ofstream(fixture) << R"({"apps":[{"sdkappid":1400000000,"key":")" << kAppKey
                         << R"("}],"live_callbacks":[{"sdkappid":1400000000,"url":"https://live.example/",)"
                            R"("commands":["Live.CallbackAfterCreateRoom"],"token":"xxxxyyyy","token_enabled":true}],)"
                            R"("room_callbacks":[{"sdkappid":1400000000,"url":"https://room.example/",)"
                            R"("commands":["Room.CallbackAfterCreateRoom"]}]})";
  const std::vector<std::string> args = {"--db", dir.File("kit.db"), "--fixtures", fixture,
                                         "--rate-limits", "off"};
  std::unique_ptr<ServerProcess> server;
  ASSERT_TRUE(ServerProcess::Start(args, &server));
  auto call = [&](const std::string& path, const std::string& body) {
    return CallDefaultApp(server->port(), path, body);
  };
  rapidjson::Document token = ExpectV4(call("v4/live_config/get_callback_token", "{}"), 0);
  EXPECT_STREQ(token["Response"]["Token"].GetString(), "xxxxyyyy");
  EXPECT_TRUE(token["Response"]["IsTokenEnable"].GetBool());
  ExpectV4(call("v4/room_config/delete_callback", "{}"), 0);
  ExpectV4(call("v4/live_config/set_callback_token", R"({"Token":"changed"})"), 0);
  EXPECT_EQ(server->Stop(SIGTERM), 0);
  ASSERT_TRUE(ServerProcess::Start(args, &server));
  // The restart neither brings back the deleted seed nor undoes the token change.
  ExpectV4(call("v4/room_config/get_callback", "{}"), 100301);
  EXPECT_STREQ(ExpectV4(call("v4/live_config/get_callback_token", "{}"), 0)["Response"]["Token"].GetString(),
               "changed");
  ExpectV4(call("v4/live_config/get_callback", "{}"), 0);
  rapidjson::Document state =
      HttpClient(server->port()).Send(bhttp::verb::get, "/_emulator/state?sdkappid=1400000000", "").Json();
  EXPECT_STREQ(state["live_config"]["url"].GetString(), "https://live.example/");
  EXPECT_TRUE(state["room_config"].IsNull());
  EXPECT_STREQ(state["live_token"]["token"].GetString(), "changed");
  // A seed's token is checked like set_callback_token: both or neither, 1..128 bytes.
  std::ofstream(dir.File("bad.json")) << R"({"apps":[{"sdkappid":1400000000,"key":"k"}],"live_callbacks":[)"
                                         R"({"sdkappid":1400000000,"url":"https://a/","commands":)"
                                         R"(["Live.CallbackAfterCreateRoom"],"token":"t"}]})";
  ProcessResult bad = RunToExit({"--in-memory", "--port", "0", "--fixtures", dir.File("bad.json")});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("live_callbacks[0]"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace trtc::testing
