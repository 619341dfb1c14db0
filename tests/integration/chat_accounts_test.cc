// Chat accounts and profiles over real sockets (api.md §11): account_import,
// multiaccount_import, account_check, account_delete, portrait_get and portrait_set, with
// Chat's top-level result placement and its codes at their edges; the fixture's admins
// imported from the start; reset, and a restart that keeps accounts and profiles.
#include <fstream>
#include <string>

#include "tests/integration/support/emulator_test.h"
#include "tests/integration/support/envelope_expect.h"
#include "tests/integration/support/official_usersig.h"
#include "tests/integration/support/temp_dir.h"

namespace trtc::testing {
namespace {

namespace bhttp = http::bhttp;

class ChatAccountsTest : public EmulatorTest {
 protected:
  void SetUp() override {
    ASSERT_EQ(Control(bhttp::verb::post, "/_emulator/reset", "{}").status, 200u);
  }
  rapidjson::Document Login(const std::string& api, const std::string& body, int code,
                            uint32_t app = kApp) {
    return ExpectV4(Call("v4/im_open_login_svc/" + api, body, app), code);
  }
  rapidjson::Document Profile(const std::string& api, const std::string& body, int code) {
    return ExpectV4(Call("v4/profile/" + api, body), code);
  }
  // account_check's AccountStatus of one account.
  std::string StatusOf(const std::string& user_id, uint32_t app = kApp) {
    rapidjson::Document reply =
        Login("account_check", R"({"CheckItem":[{"UserID":")" + user_id + R"("}]})", 0, app);
    return reply["ResultItem"][0]["AccountStatus"].GetString();
  }
};

TEST_F(ChatAccountsTest, ImportCheckAndDeleteWithChatsTopLevelResults) {
  EXPECT_EQ(StatusOf(kAdmin), "Imported");  // the fixture's admins, from the start
  rapidjson::Document imported = Login("account_import", R"({"UserID":"robot_1","Nick":"Robo"})", 0);
  EXPECT_FALSE(imported.HasMember("Response"));
  // The older Identifier spelling, and an import of an existing account updates it.
  Login("account_import", R"({"Identifier":"old_style"})", 0);
  Login("account_import", R"({"UserID":"robot_1","FaceUrl":"https://img.example/r.png"})", 0);

  rapidjson::Document checked = Login(
      "account_check", R"({"CheckItem":[{"UserID":"nobody"},{"UserID":"robot_1"},{"UserID":"old_style"}]})", 0);
  EXPECT_EQ(JsonText(checked["ResultItem"]),
            R"([{"UserID":"nobody","ResultCode":0,"ResultInfo":"","AccountStatus":"NotImported"},)"
            R"({"UserID":"robot_1","ResultCode":0,"ResultInfo":"","AccountStatus":"Imported"},)"
            R"({"UserID":"old_style","ResultCode":0,"ResultInfo":"","AccountStatus":"Imported"}])");

  rapidjson::Document deleted =
      Login("account_delete", R"({"DeleteItem":[{"UserID":"robot_1"},{"UserID":"nobody"}]})", 0);
  EXPECT_EQ(JsonText(deleted["ResultItem"]),
            R"([{"ResultCode":0,"ResultInfo":"","UserID":"robot_1"},)"
            R"({"ResultCode":70107,"ResultInfo":"Err_TLS_PT_Open_Login_Account_Not_Exist","UserID":"nobody"}])");
  EXPECT_EQ(StatusOf("robot_1"), "NotImported");
  Login("account_import", R"({"UserID":"robot_1"})", 0);  // at once again (Trial behaviour)
  EXPECT_EQ(StatusOf("robot_1"), "Imported");
  // Accounts are per app.
  EXPECT_EQ(StatusOf("robot_1", kOtherApp), "NotImported");
}

TEST_F(ChatAccountsTest, AccountFieldsAreCheckedWithChatsCodes) {
  for (const char* bad : {R"({})", R"({"UserID":""})", R"({"UserID":5})",
                          R"({"UserID":"123456789012345678901234567890123"})",
                          R"({"UserID":"a","Nick":5})"}) {
    SCOPED_TRACE(bad);
    Login("account_import", bad, 70402);
  }
  Login("account_import", R"({"UserID":"12345678901234567890123456789012"})", 0);  // 32 bytes
  Login("account_import", R"({"UserID":"a","Nick":")" + std::string(501, 'n') + "\"}", 40601);
  Login("account_import", R"({"UserID":"a","FaceUrl":")" + std::string(501, 'u') + "\"}", 40601);
  Login("account_import", R"({"UserID":"a","Nick":")" + std::string(500, 'n') + "\"}", 0);

  std::string hundred_and_one = "[";
  for (int i = 0; i <= 100; ++i) hundred_and_one += std::string(i ? "," : "") + R"({"UserID":"u"})";
  hundred_and_one += "]";
  for (const char* api : {"account_check", "account_delete"}) {
    SCOPED_TRACE(api);
    const std::string key = std::string(api) == "account_check" ? "CheckItem" : "DeleteItem";
    Login(api, "{}", 70402);
    Login(api, R"({")" + key + R"(":[]})", 70402);
    Login(api, R"({")" + key + R"(":[{"UserID":""}]})", 70402);
    Login(api, R"({")" + key + R"(":["u"]})", 70402);
    Login(api, R"({")" + key + R"(":)" + hundred_and_one + "}", 70402);
  }
}

TEST_F(ChatAccountsTest, BatchImportReportsFailedEntriesAndImportsTheRest) {
  rapidjson::Document old_form =
      Login("multiaccount_import", R"({"Accounts":["a1","a1","",5,"a2"]})", 0);
  EXPECT_EQ(JsonText(old_form["FailAccounts"]), R"(["",5])");
  rapidjson::Document new_form = Login(
      "multiaccount_import",
      R"({"AccountList":[{"UserID":"b1","Nick":"B"},{"UserID":"123456789012345678901234567890123"},{"Nick":"x"}]})",
      0);
  EXPECT_EQ(JsonText(new_form["FailAccounts"]), R"(["123456789012345678901234567890123",{"Nick":"x"}])");
  rapidjson::Document none_failed = Login("multiaccount_import", R"({"Accounts":["c1"]})", 0);
  EXPECT_EQ(JsonText(none_failed["FailAccounts"]), "[]");
  for (const char* user : {"a1", "a2", "b1", "c1"}) EXPECT_EQ(StatusOf(user), "Imported") << user;
  // Exactly one of the two forms, 1..100 entries.
  Login("multiaccount_import", R"({"Accounts":["a"],"AccountList":[{"UserID":"b"}]})", 70402);
  Login("multiaccount_import", "{}", 70402);
  Login("multiaccount_import", R"({"Accounts":[]})", 70402);
  Login("multiaccount_import", R"({"AccountList":"b"})", 70402);
  // The batch import's Nick is a profile field like the single one's.
  rapidjson::Document nick = Profile(
      "portrait_get", R"({"To_Account":["b1"],"TagList":["Tag_Profile_IM_Nick"]})", 0);
  EXPECT_STREQ(nick["UserProfileItem"][0]["ProfileItem"][0]["Value"].GetString(), "B");
}

TEST_F(ChatAccountsTest, ProfilesAreSetAllOrNothingAndReadInTagOrder) {
  Login("account_import", R"({"UserID":"alice","Nick":"Alice","FaceUrl":"https://img.example/a"})", 0);
  rapidjson::Document set = Profile(
      "portrait_set",
      R"({"From_Account":"alice","ProfileItem":[{"Tag":"Tag_Profile_IM_Gender","Value":"Gender_Type_Female"},)"
      R"({"Tag":"Tag_Profile_IM_Level","Value":3},{"Tag":"Tag_Profile_Custom_team","Value":"red"},)"
      R"({"Tag":"Tag_Profile_IM_Level","Value":7}]})",
      0);
  EXPECT_STREQ(set["ErrorDisplay"].GetString(), "");
  rapidjson::Document got = Profile(
      "portrait_get",
      R"({"To_Account":["alice","ghost"],"TagList":["Tag_Profile_IM_Level","Tag_Profile_IM_Nick",)"
      R"("Tag_Profile_IM_Image","Tag_Profile_IM_Gender","Tag_Profile_Custom_team","Tag_Profile_IM_Language",)"
      R"("Tag_Profile_IM_Location"]})",
      0);
  EXPECT_EQ(JsonText(got["UserProfileItem"][0]),
            R"({"To_Account":"alice","ProfileItem":[{"Tag":"Tag_Profile_IM_Level","Value":7},)"
            R"({"Tag":"Tag_Profile_IM_Nick","Value":"Alice"},{"Tag":"Tag_Profile_IM_Image","Value":"https://img.example/a"},)"
            R"({"Tag":"Tag_Profile_IM_Gender","Value":"Gender_Type_Female"},{"Tag":"Tag_Profile_Custom_team","Value":"red"},)"
            R"({"Tag":"Tag_Profile_IM_Language","Value":0},{"Tag":"Tag_Profile_IM_Location","Value":""}],)"
            R"("ResultCode":0,"ResultInfo":""})");
  EXPECT_STREQ(got["UserProfileItem"][1]["To_Account"].GetString(), "ghost");
  EXPECT_EQ(got["UserProfileItem"][1]["ResultCode"].GetInt(), 40003);
  EXPECT_EQ(JsonText(got["Fail_Account"]), R"(["ghost"])");
  EXPECT_STREQ(got["ErrorDisplay"].GetString(), "");
  rapidjson::Document all_found =
      Profile("portrait_get", R"({"To_Account":["alice"],"TagList":["Tag_Profile_IM_Nick"]})", 0);
  EXPECT_FALSE(all_found.HasMember("Fail_Account"));

  // Each check at its edge; a refused set changes nothing (Level stays 7).
  const std::string from = R"({"From_Account":"alice","ProfileItem":[{"Tag":"Tag_Profile_IM_Level","Value":1},)";
  Profile("portrait_set", from + R"({"Tag":"Tag_Profile_IM_Nope","Value":"x"}]})", 40009);
  Profile("portrait_set", from + R"({"Tag":"Tag_Profile_IM_Nick","Value":5}]})", 40610);
  Profile("portrait_set", from + R"({"Tag":"Tag_Profile_IM_Level","Value":"5"}]})", 40610);
  Profile("portrait_set", from + R"({"Tag":"Tag_Profile_IM_Gender","Value":"Gender_Type_Other"}]})", 40605);
  Profile("portrait_set", from + R"({"Tag":"Tag_Profile_IM_Level","Value":-1}]})", 40605);
  Profile("portrait_set", from + R"({"Tag":"Tag_Profile_IM_Location","Value":"12345678901234567"}]})", 40601);
  Profile("portrait_set", from + R"({"Tag":"Tag_Profile_IM_SelfSignature","Value":")" + std::string(501, 's') + "\"}]}", 40601);
  Profile("portrait_set", R"({"From_Account":"ghost","ProfileItem":[{"Tag":"Tag_Profile_IM_Nope","Value":1}]})", 40003);
  Profile("portrait_set", R"({"From_Account":"alice","ProfileItem":[]})", 40001);
  Profile("portrait_set", R"({"From_Account":"alice"})", 40001);
  Profile("portrait_set", R"({"ProfileItem":[{"Tag":"Tag_Profile_IM_Level","Value":1}]})", 40001);
  Profile("portrait_set", R"({"From_Account":"alice","ProfileItem":[{"Value":1}]})", 40001);
  rapidjson::Document level =
      Profile("portrait_get", R"({"To_Account":["alice"],"TagList":["Tag_Profile_IM_Level"]})", 0);
  EXPECT_EQ(level["UserProfileItem"][0]["ProfileItem"][0]["Value"].GetInt(), 7);

  Profile("portrait_get", R"({"TagList":["Tag_Profile_IM_Nick"]})", 40002);
  Profile("portrait_get", R"({"To_Account":[],"TagList":["Tag_Profile_IM_Nick"]})", 40002);
  Profile("portrait_get", R"({"To_Account":["alice"]})", 40001);
  Profile("portrait_get", R"({"To_Account":["alice"],"TagList":[]})", 40001);
  Profile("portrait_get", R"({"To_Account":"alice","TagList":["Tag_Profile_IM_Nick"]})", 40001);
  Profile("portrait_get", R"({"To_Account":["alice"],"TagList":["Tag_Profile_IM_Nope"]})", 40009);
  // Deleting the account takes its profile.
  Login("account_delete", R"({"DeleteItem":[{"UserID":"alice"}]})", 0);
  Login("account_import", R"({"UserID":"alice"})", 0);
  rapidjson::Document fresh =
      Profile("portrait_get", R"({"To_Account":["alice"],"TagList":["Tag_Profile_IM_Nick"]})", 0);
  EXPECT_STREQ(fresh["UserProfileItem"][0]["ProfileItem"][0]["Value"].GetString(), "");
}

TEST_F(ChatAccountsTest, AResetKeepsOnlyTheFixturesAdmins) {
  Login("account_import", R"({"UserID":"temp"})", 0);
  Login("account_delete", R"({"DeleteItem":[{"UserID":"administrator"}]})", 0);
  rapidjson::Document state = Control(bhttp::verb::get, "/_emulator/state?sdkappid=1400000000").Json();
  EXPECT_EQ(JsonText(state["accounts"]), R"(["temp"])");
  ASSERT_EQ(Control(bhttp::verb::post, "/_emulator/reset", R"({"sdkappid":1400000000})").status, 200u);
  EXPECT_EQ(StatusOf("temp"), "NotImported");
  EXPECT_EQ(StatusOf(kAdmin), "Imported");
}

TEST(ChatAccountsProcessTest, ARestartKeepsAccountsAndProfiles) {
  TempDir dir;
  const std::vector<std::string> args = {"--db", dir.File("chat.db"), "--rate-limits", "off"};
  std::unique_ptr<ServerProcess> server;
  ASSERT_TRUE(ServerProcess::Start(args, &server));
  auto call = [&](const std::string& path, const std::string& body) {
    return CallDefaultApp(server->port(), path, body);
  };
  ExpectV4(call("v4/im_open_login_svc/account_import", R"({"UserID":"kept","Nick":"K"})"), 0);
  ExpectV4(call("v4/profile/portrait_set",
                R"({"From_Account":"kept","ProfileItem":[{"Tag":"Tag_Profile_IM_Role","Value":2}]})"),
           0);
  EXPECT_EQ(server->Stop(SIGTERM), 0);
  ASSERT_TRUE(ServerProcess::Start(args, &server));
  rapidjson::Document got = ExpectV4(
      call("v4/profile/portrait_get",
           R"({"To_Account":["kept"],"TagList":["Tag_Profile_IM_Nick","Tag_Profile_IM_Role"]})"),
      0);
  EXPECT_EQ(JsonText(got["UserProfileItem"][0]["ProfileItem"]),
            R"([{"Tag":"Tag_Profile_IM_Nick","Value":"K"},{"Tag":"Tag_Profile_IM_Role","Value":2}])");
}

}  // namespace
}  // namespace trtc::testing
