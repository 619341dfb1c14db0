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
