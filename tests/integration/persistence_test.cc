// State survives restarts on the same database; fixture seeds apply once per database.
#include <filesystem>
#include <string>

#include "tests/integration/support/emulator_test.h"
#include "tests/integration/support/envelope_expect.h"
#include "tests/integration/support/official_usersig.h"
#include "tests/integration/support/temp_dir.h"

namespace trtc::testing {
namespace {

class PersistenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<std::string> sigs = OfficialUserSigs({{kApp, kAppKey, kAdmin, 86400, {}}});
    ASSERT_EQ(sigs.size(), 1u);
    sig_ = sigs[0];
  }
  void StartServer(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"--db", dir_.File("state.db")};
    args.insert(args.end(), extra.begin(), extra.end());
    ASSERT_TRUE(ServerProcess::Start(args, &server_));
  }
  void StopServer() { EXPECT_EQ(server_->Stop(SIGTERM), 0); }
  HttpReply Call(const std::string& path, const std::string& body) {
    HttpClient client(server_->port());
    return client.Post(ApiTarget(path, kApp, kAdmin, sig_), body);
  }

  TempDir dir_;
  std::string sig_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(PersistenceTest, TheDatabaseFileIsCreatedBeforeTheReadyLine) {
  ASSERT_FALSE(std::filesystem::exists(dir_.File("state.db")));
  StartServer();
  EXPECT_TRUE(std::filesystem::exists(dir_.File("state.db")));
  StopServer();
}

TEST_F(PersistenceTest, ConfigurationsSurviveARestart) {
  StartServer();
  ExpectV4(Call("v4/call_config/set_callback",
                R"({"Url":"https://keep.example/","CallbackCommandList":["Call.CallbackAfterEndCall"]})"),
           0);
  ExpectV1(Call("v1/callback/set", R"({"address":"https://keep.example/v1","actions":["reject","cancel"]})"), 0);
  StopServer();

  StartServer();
  rapidjson::Document v4 = ExpectV4(Call("v4/call_config/get_callback", "{}"), 0);
  EXPECT_STREQ(v4["Response"]["Url"].GetString(), "https://keep.example/");
  EXPECT_STREQ(v4["Response"]["CallbackCommandList"][0].GetString(), "Call.CallbackAfterEndCall");
  rapidjson::Document v1 = ExpectV1(Call("v1/callback/get", "{}"), 0);
  EXPECT_STREQ(v1["data"]["address"].GetString(), "https://keep.example/v1");
  ASSERT_EQ(v1["data"]["actions"].Size(), 2u);
  EXPECT_STREQ(v1["data"]["actions"][1].GetString(), "cancel");
  StopServer();
}

TEST_F(PersistenceTest, AnAcknowledgedWriteSurvivesKill9) {
  StartServer();
  ExpectV4(Call("v4/call_config/set_callback",
                R"({"Url":"https://durable.example/","CallbackCommandList":["Call.CallbackAfterStartCall"]})"),
           0);
  server_->Stop(SIGKILL);
  StartServer();
  EXPECT_STREQ(ExpectV4(Call("v4/call_config/get_callback", "{}"), 0)["Response"]["Url"].GetString(),
               "https://durable.example/");
  StopServer();
}

TEST_F(PersistenceTest, SeedsApplyOnceAndNeverComeBack) {
  const std::vector<std::string> seeded = {"--fixtures", FixturePath("seeded.json")};
  StartServer(seeded);
  EXPECT_STREQ(ExpectV4(Call("v4/call_config/get_callback", "{}"), 0)["Response"]["Url"].GetString(),
               "https://seed.example/call");
  EXPECT_STREQ(ExpectV1(Call("v1/callback/get", "{}"), 0)["data"]["address"].GetString(),
               "https://seed.example/callkit");
  ExpectV4(Call("v4/call_config/delete_callback", "{}"), 0);
  ExpectV1(Call("v1/callback/update", R"({"address":"https://changed.example/","actions":["cancel"]})"), 0);
  StopServer();

  StartServer(seeded);
  ExpectV4(Call("v4/call_config/get_callback", "{}"), 100301);
  EXPECT_STREQ(ExpectV1(Call("v1/callback/get", "{}"), 0)["data"]["address"].GetString(),
               "https://changed.example/");
  StopServer();
}

constexpr char kGetRoomMetadata[] = "v4/live_engine_http_srv/get_room_metadata";

TEST_F(PersistenceTest, RoomsAndMetadataSurviveARestartAndKill9) {
  StartServer();
  ExpectV4(Call("v4/live_engine_http_srv/create_room",
                R"({"RoomInfo":{"RoomId":"kept","RoomType":"Live","RoomName":"名字","Category":[4]}})"),
           0);
  ExpectV4(Call("v4/live_engine_http_srv/set_room_metadata",
                R"({"RoomId":"kept","Metadata":[{"Key":"a","Value":"1"},{"Key":"键","Value":"值"}]})"),
           0);
  const int64_t created =
      ExpectV4(Call("v4/live_engine_http_srv/get_room_info", R"({"RoomId":"kept"})"), 0)
          ["Response"]["RoomInfo"]["CreateTime"].GetInt64();
  StopServer();

  StartServer();
  rapidjson::Document info =
      ExpectV4(Call("v4/live_engine_http_srv/get_room_info", R"({"RoomId":"kept"})"), 0);
  EXPECT_STREQ(info["Response"]["RoomInfo"]["RoomName"].GetString(), "名字");
  EXPECT_EQ(info["Response"]["RoomInfo"]["Category"][0].GetInt(), 4);
  EXPECT_EQ(info["Response"]["RoomInfo"]["CreateTime"].GetInt64(), created);
  rapidjson::Document metadata = ExpectV4(Call(kGetRoomMetadata, R"({"RoomId":"kept","Keys":[]})"), 0);
  ASSERT_EQ(metadata["Response"]["Metadata"].Size(), 2u);
  EXPECT_STREQ(metadata["Response"]["Metadata"][1]["Key"].GetString(), "键");
  // Acknowledged changes survive a kill -9, a rejected one left no trace.
  ExpectV4(Call("v4/live_engine_http_srv/del_room_metadata", R"({"RoomId":"kept","Keys":["a"]})"), 0);
  ExpectV4(Call("v4/live_engine_http_srv/set_room_metadata",
                R"({"RoomId":"kept","Metadata":[{"Key":"big","Value":")" + std::string(2049, 'v') + "\"}]}"),
           100501);
  ExpectV4(Call("v4/live_engine_http_srv/create_room", R"({"RoomInfo":{"RoomId":"late","RoomType":"Live"}})"), 0);
  server_->Stop(SIGKILL);

  StartServer();
  metadata = ExpectV4(Call(kGetRoomMetadata, R"({"RoomId":"kept","Keys":[]})"), 0);
  ASSERT_EQ(metadata["Response"]["Metadata"].Size(), 1u);
  EXPECT_STREQ(metadata["Response"]["Metadata"][0]["Value"].GetString(), "值");
  ExpectV4(Call("v4/live_engine_http_srv/get_room_info", R"({"RoomId":"late"})"), 0);
  StopServer();
}

TEST_F(PersistenceTest, RoomSeedsApplyOnceAndResetBringsThemBack) {
  const std::vector<std::string> seeded = {"--fixtures", FixturePath("rooms_seeded.json")};
  StartServer(seeded);
  rapidjson::Document metadata =
      ExpectV4(Call(kGetRoomMetadata, R"({"RoomId":"seeded-room","Keys":[]})"), 0);
  ASSERT_EQ(metadata["Response"]["Metadata"].Size(), 2u);
  EXPECT_STREQ(metadata["Response"]["Metadata"][0]["Key"].GetString(), "theme");
  EXPECT_STREQ(metadata["Response"]["Metadata"][1]["Value"].GetString(), "中文");
  rapidjson::Document info =
      ExpectV4(Call("v4/live_engine_http_srv/get_room_info", R"({"RoomId":"bare-seed"})"), 0);
  EXPECT_STREQ(info["Response"]["RoomInfo"]["TakeSeatMode"].GetString(), "FreeToTake");
  EXPECT_GT(info["Response"]["RoomInfo"]["CreateTime"].GetInt64(), 0);
  ExpectV4(Call("v4/live_engine_http_srv/set_room_metadata",
                R"({"RoomId":"seeded-room","Metadata":[{"Key":"theme","Value":"light"}]})"),
           0);
  ExpectV4(Call("v4/live_engine_http_srv/destroy_room", R"({"RoomId":"bare-seed"})"), 0);
  StopServer();

  // A restart applies nothing again: the client's changes stand.
  StartServer(seeded);
  metadata = ExpectV4(Call(kGetRoomMetadata, R"({"RoomId":"seeded-room","Keys":["theme"]})"), 0);
  EXPECT_STREQ(metadata["Response"]["Metadata"][0]["Value"].GetString(), "light");
  ExpectV4(Call("v4/live_engine_http_srv/get_room_info", R"({"RoomId":"bare-seed"})"), 100004);

  // A reset of the app wipes its rooms and applies its seeds again.
  ExpectV4(Call("v4/live_engine_http_srv/create_room", R"({"RoomInfo":{"RoomId":"client","RoomType":"Live"}})"), 0);
  HttpClient control(server_->port());
  ASSERT_EQ(control.Send(http::bhttp::verb::post, "/_emulator/reset", R"({"sdkappid":1400000000})").status,
            200u);
  ExpectV4(Call("v4/live_engine_http_srv/get_room_info", R"({"RoomId":"client"})"), 100004);
  ExpectV4(Call("v4/live_engine_http_srv/get_room_info", R"({"RoomId":"bare-seed"})"), 0);
  metadata = ExpectV4(Call(kGetRoomMetadata, R"({"RoomId":"seeded-room","Keys":["theme"]})"), 0);
  EXPECT_STREQ(metadata["Response"]["Metadata"][0]["Value"].GetString(), "dark");
  StopServer();
}

TEST_F(PersistenceTest, InMemoryStateIsGoneAfterARestart) {
  ASSERT_TRUE(ServerProcess::Start({"--in-memory"}, &server_));
  ExpectV4(Call("v4/call_config/set_callback",
                R"({"Url":"https://gone.example/","CallbackCommandList":["Call.CallbackAfterStartCall"]})"),
           0);
  StopServer();
  ASSERT_TRUE(ServerProcess::Start({"--in-memory"}, &server_));
  ExpectV4(Call("v4/call_config/get_callback", "{}"), 100301);
  StopServer();
}

}  // namespace
}  // namespace trtc::testing
