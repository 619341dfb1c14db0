// The gift catalogue and gift events over real sockets (api.md §12-§13.1): every API's
// success and each error at its edge, the two response styles, language fall-back,
// relations and InvalidGiftIdList, cascades, the 1/s limit answering 100012 on a stepped
// clock, 102001 without the package, get_gift_count arithmetic, the statistic alias.
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "tests/integration/support/emulator_test.h"
#include "tests/integration/support/envelope_expect.h"
#include "tests/integration/support/temp_dir.h"

namespace trtc::testing {
namespace {

namespace bhttp = http::bhttp;

const char kRose[] =
    R"({"GiftId":"rose","IconUrl":"https://img.example/rose.png","ResourceUrl":"https://img.example/rose.svga",)"
    R"("Coins":10,"Level":1,"ExtensionInfo":"{\"hot\":true}","DefaultName":"Rose","DefaultDesc":"A rose"})";

class GiftsTest : public EmulatorTest {
 protected:
  void SetUp() override {
    ASSERT_EQ(Control(bhttp::verb::post, "/_emulator/reset", "{}").status, 200u);
    SetClock(0);
  }
  void TearDown() override { SetClock(0); }
  // The suite's server runs without rate limits: the 1/s limits are tested in
  // rate_limit_test.cc (timing-free) and rate_limiter_test.cc (a stepped clock).
  rapidjson::Document Gift(const std::string& api, const std::string& body, int code = 0,
                           uint32_t app = kApp) {
    return ExpectV4(Call("v4/live_engine_http_srv/" + api, body, app), code);
  }
};

TEST_F(GiftsTest, AGiftIsAddedReadEditedAndDeletedWithTopLevelPayloads) {
  Gift("add_gift", kRose);
  rapidjson::Document got = Gift("get_gift", R"({"GiftId":"rose"})");
  EXPECT_FALSE(got.HasMember("Response"));
  EXPECT_EQ(JsonText(got["GiftInfo"]),
            R"({"GiftId":"rose","IconUrl":"https://img.example/rose.png","ResourceUrl":"https://img.example/rose.svga",)"
            R"("Coins":10,"Level":1,"ExtensionInfo":"{\"hot\":true}","DefaultName":"Rose","DefaultDesc":"A rose"})");
  Gift("add_gift", kRose, 100002);  // exists
  // edit_gift: the fields present replace, "" clears, the others stay.
  Gift("edit_gift", R"({"GiftId":"rose","Coins":20,"DefaultDesc":"","ExtensionInfo":""})");
  got = Gift("get_gift", R"({"GiftId":"rose"})");
  EXPECT_EQ(got["GiftInfo"]["Coins"].GetInt(), 20);
  EXPECT_STREQ(got["GiftInfo"]["DefaultDesc"].GetString(), "");
  EXPECT_STREQ(got["GiftInfo"]["DefaultName"].GetString(), "Rose");
  Gift("edit_gift", R"({"GiftId":"nope","Coins":1})", 100002);
  Gift("edit_gift", R"({"GiftId":"nope","Coins":-1})", 100002);
  Gift("del_gift", R"({"GiftId":"rose"})");
  Gift("del_gift", R"({"GiftId":"rose"})");  // gone already: still OK
  Gift("get_gift", R"({"GiftId":"rose"})", 100002);

  // Each field at its edge.
  const std::string id21(21, 'g');
  for (const std::string& bad : std::vector<std::string>{
           R"({"Coins":1,"DefaultName":"x"})", R"({"GiftId":"","Coins":1,"DefaultName":"x"})",
           R"({"GiftId":")" + id21 + R"(","Coins":1,"DefaultName":"x"})",
           R"({"GiftId":"g","DefaultName":"x"})", R"({"GiftId":"g","Coins":1})",
           R"({"GiftId":"g","Coins":2147483648,"DefaultName":"x"})",
           R"({"GiftId":"g","Coins":"1","DefaultName":"x"})",
           R"({"GiftId":"g","Coins":1,"DefaultName":"123456789012345678901"})",
           R"({"GiftId":"g","Coins":1,"DefaultName":"x","IconUrl":")" + std::string(201, 'u') + "\"}",
           R"({"GiftId":"g","Coins":1,"DefaultName":"x","ExtensionInfo":"not json"})",
           R"({"GiftId":"g","Coins":1,"DefaultName":"x","Level":-1})"}) {
    SCOPED_TRACE(bad);
    Gift("add_gift", bad, 100002);
  }
  Gift("add_gift", R"({"GiftId":")" + std::string(20, 'g') + R"(","Coins":2147483647,"DefaultName":""})");
}

TEST_F(GiftsTest, CategoriesRelationsAndCascades) {
  Gift("add_gift", kRose);
  Gift("add_gift", R"({"GiftId":"car","Coins":500,"DefaultName":"Car"})");
  Gift("add_gift_category", R"({"CategoryId":"hot","DefaultName":"Hot","DefaultDesc":"Popular","ExtensionInfo":""})");
  EXPECT_EQ(JsonText(Gift("get_gift_category", R"({"CategoryId":"hot"})")["GiftCategoryInfo"]),
            R"({"CategoryId":"hot","ExtensionInfo":"","DefaultName":"Hot","DefaultDesc":"Popular"})");
  Gift("add_gift_category", R"({"CategoryId":"hot","DefaultName":"Again"})", 100002);
  Gift("edit_gift_category", R"({"CategoryId":"hot","DefaultDesc":"Very popular"})");
  EXPECT_STREQ(Gift("get_gift_category", R"({"CategoryId":"hot"})")["GiftCategoryInfo"]["DefaultDesc"].GetString(),
               "Very popular");
  rapidjson::Document added = Gift("add_gift_category_relations",
                                   R"({"CategoryId":"hot","GiftIdList":["car","ghost","rose","car"]})");
  EXPECT_EQ(JsonText(added["InvalidGiftIdList"]), R"(["ghost"])");
  rapidjson::Document clean = Gift("add_gift_category_relations", R"({"CategoryId":"hot","GiftIdList":["rose"]})");
  EXPECT_FALSE(clean.HasMember("InvalidGiftIdList"));
  EXPECT_EQ(JsonText(Gift("get_gift_category_relations", R"({"CategoryId":"hot"})")["Relation"]),
            R"({"CategoryId":"hot","GiftIdList":["car","rose"]})");
  Gift("add_gift_category_relations", R"({"CategoryId":"cold","GiftIdList":["rose"]})", 100002);
  Gift("add_gift_category_relations", R"({"CategoryId":"hot","GiftIdList":[]})", 100002);
  Gift("del_gift_category_relations", R"({"CategoryId":"hot","GiftIdList":["car","never"]})");
  EXPECT_EQ(JsonText(Gift("get_gift_category_relations", R"({"CategoryId":"hot"})")["Relation"]["GiftIdList"]),
            R"(["rose"])");
  // Deleting a gift takes its relations and language rows; deleting a category its own.
  Gift("set_gift_language", R"({"GiftId":"rose","Language":"en","Name":"Rose!"})");
  Gift("del_gift", R"({"GiftId":"rose"})");
  EXPECT_EQ(Gift("get_gift_category_relations", R"({"CategoryId":"hot"})")["Relation"]["GiftIdList"].Size(), 0u);
  Gift("add_gift", kRose);
  EXPECT_STREQ(Gift("get_gift_language", R"({"GiftId":"rose","Language":"en"})")["GiftInfo"]["Name"].GetString(), "");
  Gift("del_gift_category", R"({"CategoryId":"hot"})");
  Gift("del_gift_category", R"({"CategoryId":"hot"})");
  Gift("get_gift_category", R"({"CategoryId":"hot"})", 100002);
  // At most 10 categories an app.
  for (int i = 0; i < 10; ++i) {
    Gift("add_gift_category", R"({"CategoryId":"c)" + std::to_string(i) + R"(","DefaultName":"C"})");
  }
  Gift("add_gift_category", R"({"CategoryId":"c10","DefaultName":"C"})", 100002);
  Gift("add_gift_category", R"({"CategoryId":"c11","DefaultName":")" + std::string(21, 'n') + "\"}", 100002);
}

TEST_F(GiftsTest, LanguagesFallBackToTheDefaultsAndAnswerBothShapes) {
  Gift("add_gift", kRose);
  Gift("add_gift_category", R"({"CategoryId":"hot","DefaultName":"Hot"})");
  Gift("set_gift_language", R"({"GiftId":"rose","Language":"en","Desc":"no name yet"})", 100002);
  Gift("set_gift_language", R"({"GiftId":"rose","Language":"zh-Hans","Name":"玫瑰","Desc":"一朵"})");
  Gift("set_gift_language", R"({"GiftId":"rose","Language":"zh-Hans","Desc":"两朵"})");  // only Desc
  rapidjson::Document got = Gift("get_gift_language", R"({"GiftId":"rose","Language":"zh-Hans"})");
  EXPECT_EQ(JsonText(got["GiftInfo"]), R"({"Name":"玫瑰","Desc":"两朵"})");
  EXPECT_EQ(JsonText(got["Response"]), R"({"Language":{"Language":"zh-Hans","Name":"玫瑰","Desc":"两朵"}})");
  EXPECT_EQ(JsonText(Gift("get_gift_language", R"({"GiftId":"rose","Language":"en"})")["GiftInfo"]),
            R"({"Name":"","Desc":""})");
  Gift("get_gift_language", R"({"GiftId":"rose","Language":"fr"})", 100002);
  Gift("get_gift_language", R"({"GiftId":"ghost","Language":"en"})", 100002);
  Gift("set_gift_category_language", R"({"CategoryId":"hot","Language":"zh-Hant","CategoryName":"熱門"})");
  rapidjson::Document category =
      Gift("get_gift_category_language", R"({"CategoryId":"hot","Language":"zh-Hant"})");
  EXPECT_EQ(JsonText(category["CategoryInfo"]), R"({"CategoryName":"熱門","CategoryDesc":""})");
  EXPECT_EQ(JsonText(category["Response"]["Language"]),
            R"({"Language":"zh-Hant","CategoryName":"熱門","CategoryDesc":""})");
  Gift("add_gift_category_relations", R"({"CategoryId":"hot","GiftIdList":["rose"]})");

  // The list: the language's texts where set, the defaults elsewhere and for unknown codes.
  auto list = [&](const std::string& body) {
    return ExpectV4(Call("v4/live_engine_http_srv/get_gift_info_list", body), 0);
  };
  rapidjson::Document zh = list(R"({"Language":"zh-Hans"})");
  const rapidjson::Value& gift = zh["Response"]["GiftList"][0];
  EXPECT_STREQ(gift["Name"].GetString(), "玫瑰");
  EXPECT_EQ(JsonText(gift["LanguageList"]), R"([{"Language":"zh-Hans","Name":"玫瑰","Desc":"两朵"}])");
  EXPECT_TRUE(gift["CreateTime"].IsInt64());
  EXPECT_STREQ(zh["Response"]["CategoryList"][0]["CategoryName"].GetString(), "Hot");  // not set in zh-Hans
  EXPECT_EQ(zh["Response"]["TotalCount"].GetInt(), 1);
  rapidjson::Document fallback = list(R"({"Language":"zh"})");  // LKM 1.0 sends "zh"
  EXPECT_STREQ(fallback["Response"]["GiftList"][0]["Name"].GetString(), "Rose");
  rapidjson::Document tw = list(R"({"Language":"zh-Hant"})");
  EXPECT_EQ(JsonText(tw["Response"]["CategoryList"][0]),
            R"({"CategoryId":"hot","CategoryName":"熱門","CategoryDesc":"","CategoryExtension":"",)"
            R"("GiftIdList":["rose"],"LanguageList":[{"Language":"zh-Hant","CategoryName":"熱門","CategoryDesc":""}]})");
  Gift("del_gift_language", R"({"GiftId":"rose","Language":"zh-Hans"})");
  Gift("del_gift_language", R"({"GiftId":"rose","Language":"zh-Hans"})");  // never set: OK
  EXPECT_STREQ(list("{}")["Response"]["GiftList"][0]["Name"].GetString(), "Rose");
}

TEST_F(GiftsTest, TheConfigurationApisNeedTheLivePackageAndAnswer102001) {
  ExpectV4(Call("v4/live_engine_http_srv/add_gift", kRose, kNoLiveApp), 102001);
  ExpectV4(Call("v4/live_engine_http_srv/get_gift_info_list", "{}", kNoLiveApp), 102001);
  ExpectV4(Call("v4/live_engine_http_srv/get_gift_count", R"({"RoomId":"r","From_Account":"a"})", kNoLiveApp),
           100007);
}

TEST_F(GiftsTest, GiftsSentInARoomAddUpPerReceiverAndInTheRoomsCounters) {
  Gift("add_gift", kRose);  // 10 coins
  Gift("add_gift", R"({"GiftId":"car","Coins":500,"DefaultName":"Car"})");
  ExpectV4(Call("v4/live_engine_http_srv/create_room", R"({"RoomInfo":{"RoomId":"r","RoomType":"Live"}})"), 0);
  auto send = [&](const std::string& body, int code = 0) {
    ExpectV4(Call("v4/live_engine_http_srv/send_gift", body), code);
  };
  send(R"({"RoomId":"r","GiftId":"rose","Count":3,"From_Account":"fan1","ReceiverList_Account":["host","guest"]})");
  send(R"({"RoomId":"r","GiftId":"car","From_Account":"fan2","ReceiverList_Account":["host"]})");
  send(R"({"RoomId":"r","GiftId":"rose","Count":1,"From_Account":"fan1","ReceiverList_Account":["host"]})");
  Gift("edit_gift", R"({"GiftId":"rose","Coins":1000})");  // later price changes do not rewrite history
  auto count = [&](const std::string& receiver) {
    return JsonText(ExpectV4(Call("v4/live_engine_http_srv/get_gift_count",
                                  R"({"RoomId":"r","From_Account":")" + receiver + "\"}"),
                             0)["Response"]);
  };
  EXPECT_EQ(count("host"), R"({"Sequence":3,"TotalCount":5,"TotalCoins":540,"GiftSenderCount":2})");
  EXPECT_EQ(count("guest"), R"({"Sequence":1,"TotalCount":3,"TotalCoins":30,"GiftSenderCount":1})");
  EXPECT_EQ(count("nobody"), R"({"Sequence":0,"TotalCount":0,"TotalCoins":0,"GiftSenderCount":0})");
  rapidjson::Document stats = ExpectV4(Call("v4/live_engine_http_srv/get_room_stats", R"({"RoomId":"r"})"), 0);
  EXPECT_EQ(JsonText(stats["Response"]),
            R"({"TotalViewers":0,"TotalGiftsSent":8,"TotalGiftCoins":570,"TotalUniqueGiftSenders":2,)"
            R"("TotalLikesReceived":0,"TotalMsgCount":0})");
  // The alias answers exactly what get_room_stats answers.
  rapidjson::Document alias = ExpectV4(Call("v4/live_engine_http_srv/get_room_statistic", R"({"RoomId":"r"})"), 0);
  EXPECT_EQ(JsonText(alias["Response"]), JsonText(stats["Response"]));
  ExpectV4(Call("v4/live_engine_http_srv/get_room_statistic", R"({"RoomId":"none"})"), 100004);

  send(R"({"RoomId":"none","GiftId":"rose","From_Account":"a","ReceiverList_Account":["b"]})", 100004);
  send(R"({"RoomId":"r","GiftId":"ghost","From_Account":"a","ReceiverList_Account":["b"]})", 100002);
  send(R"({"RoomId":"r","GiftId":"rose","Count":0,"From_Account":"a","ReceiverList_Account":["b"]})", 100002);
  send(R"({"RoomId":"r","GiftId":"rose","Count":10001,"From_Account":"a","ReceiverList_Account":["b"]})", 100002);
  send(R"({"RoomId":"r","GiftId":"rose","From_Account":"a","ReceiverList_Account":[]})", 100002);
  ExpectV4(Call("v4/live_engine_http_srv/get_gift_count", R"({"RoomId":"none","From_Account":"a"})"), 100004);
  ExpectV4(Call("v4/live_engine_http_srv/get_gift_count", R"({"RoomId":"r"})"), 100002);
  // destroy_room answers the same counters, and drops the events.
  rapidjson::Document destroyed =
      ExpectV4(Call("v4/live_engine_http_srv/destroy_room", R"({"RoomId":"r"})"), 0);
  EXPECT_EQ(destroyed["Response"]["Statistic"]["TotalGiftCoins"].GetInt(), 570);
  ExpectV4(Call("v4/live_engine_http_srv/create_room", R"({"RoomInfo":{"RoomId":"r","RoomType":"Live"}})"), 0);
  EXPECT_EQ(count("host"), R"({"Sequence":0,"TotalCount":0,"TotalCoins":0,"GiftSenderCount":0})");
}

TEST_F(GiftsTest, ResumeMcuTaskNeedsARoomThatAllowsMixing) {
  auto live = [&](const std::string& api, const std::string& body, int code) {
    return ExpectV4(Call("v4/live_engine_http_srv/" + api, body), code);
  };
  live("create_room", R"({"RoomInfo":{"RoomId":"mix","RoomType":"Live"}})", 0);
  live("resume_mcu_task", R"({"RoomId":"mix"})", 100006);
  live("update_room_info", R"({"RoomInfo":{"RoomId":"mix","IsUnlimitedRoomEnabled":true}})", 0);
  live("resume_mcu_task", R"({"RoomId":"mix"})", 0);
  live("create_room", R"({"RoomInfo":{"RoomId":"mix2","RoomType":"Live","IsUnlimitedRoomEnabled":true}})", 0);
  live("resume_mcu_task", R"({"RoomId":"mix2"})", 0);
  live("resume_mcu_task", R"({"RoomId":"none"})", 100004);
  live("resume_mcu_task", R"({})", 100002);
  live("update_room_info", R"({"RoomInfo":{"RoomId":"mix","IsUnlimitedRoomEnabled":"yes"}})", 100002);
  ExpectV4(Call("v4/live_engine_http_srv/resume_mcu_task", R"({"RoomId":"mix"})", kNoLiveApp), 100007);
}

TEST_F(GiftsTest, SendGroupMsgPostsIntoTheLiveRoomsGroupOnceEveryFiveMinutesPerRandom) {
  ExpectV4(Call("v4/live_engine_http_srv/create_room", R"({"RoomInfo":{"RoomId":"g","RoomType":"Live"}})"), 0);
  ExpectV4(Call("v4/live_engine_http_srv/send_text_msg",
                R"({"RoomId":"g","Sender_Account":"a","TextContent":"first"})"),
           0);
  auto send = [&](const std::string& body, int code) {
    return ExpectV4(Call("v4/group_open_http_svc/send_group_msg", body), code);
  };
  const std::string message =
      R"({"GroupId":"g","From_Account":"admin2","Random":77,"MsgPriority":"Normal",)"
      R"("MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hello"}}],)"
      R"("SendMsgControl":["NoMsgCheck"],"ForbidCallbackControl":["ForbidBeforeSendMsgCallback"]})";
  rapidjson::Document sent = send(message, 0);
  EXPECT_FALSE(sent.HasMember("Response"));
  EXPECT_EQ(sent["MsgSeq"].GetInt(), 2);  // shared with the live room's messages
  EXPECT_STREQ(sent["MsgDropReason"].GetString(), "");
  const int64_t first_time = sent["MsgTime"].GetInt64();
  SetClock(299);  // the same Random within five minutes: the same message
  rapidjson::Document again = send(message, 0);
  EXPECT_EQ(again["MsgSeq"].GetInt(), 2);
  EXPECT_EQ(again["MsgTime"].GetInt64(), first_time);
  SetClock(301);
  EXPECT_EQ(send(message, 0)["MsgSeq"].GetInt(), 3);
  rapidjson::Document own = send(
      R"({"GroupId":"g","Random":1,"MsgBody":[{"MsgType":"TIMCustomElem","MsgContent":{"Data":"x"}}]})", 0);
  EXPECT_EQ(own["MsgSeq"].GetInt(), 4);
  rapidjson::Document messages =
      Control(bhttp::verb::get, "/_emulator/rooms/messages?sdkappid=1400000000&room_id=g").Json();
  ASSERT_EQ(messages["messages"].Size(), 4u);
  EXPECT_STREQ(messages["messages"][3]["Sender_Account"].GetString(), kAdmin);  // the caller
  EXPECT_EQ(JsonText(messages["messages"][1]["MsgBody"]),
            R"([{"MsgType":"TIMTextElem","MsgContent":{"Text":"hello"}}])");
  EXPECT_EQ(ExpectV4(Call("v4/live_engine_http_srv/get_room_stats", R"({"RoomId":"g"})"), 0)
                ["Response"]["TotalMsgCount"].GetInt(),
            4);
  // The checks: fields (10004), group (10010), a muted sender (10017).
  for (const char* bad :
       {R"({"Random":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"x"}}]})",
        R"({"GroupId":"g","MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"x"}}]})",
        R"({"GroupId":"g","Random":4294967296,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"x"}}]})",
        R"({"GroupId":"g","Random":1,"MsgBody":[]})",
        R"({"GroupId":"g","Random":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{}}]})",
        R"({"GroupId":"g","Random":1,"MsgBody":[{"MsgContent":{"Text":"x"}}]})",
        R"({"GroupId":"g","Random":1,"SendMsgControl":"NoMsgCheck","MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"x"}}]})"}) {
    SCOPED_TRACE(bad);
    send(bad, 10004);
  }
  send(R"({"GroupId":"nope","Random":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"x"}}]})", 10010);
  ExpectV4(Call("v4/live_engine_http_srv/mute_member", R"({"RoomId":"g","MemberList_Account":["loud"],"MuteTime":600})"), 0);
  send(R"({"GroupId":"g","From_Account":"loud","Random":2,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"x"}}]})", 10017);
  // A Chat API: no live package needed.
  ExpectV4(Call("v4/group_open_http_svc/send_group_msg",
                R"({"GroupId":"g","Random":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"x"}}]})",
                kNoLiveApp),
           10010);
}

TEST(GiftSeedTest, ACatalogueFromTheFixtureSurvivesARestartAndBadSeedsStopTheStart) {
  TempDir dir;
  const std::string fixture = dir.File("gifts.json");
  std::ofstream(fixture)
      << R"({"apps":[{"sdkappid":1400000000,"key":")" << kAppKey << R"("}],)"
      << R"("gifts":[{"sdkappid":1400000000,"gift_id":"rose","coins":10,"default_name":"Rose",)"
         R"("default_desc":"","icon_url":"https://img.example/r.png","resource_url":"","level":0,)"
         R"("extension_info":"","languages":{"en":{"name":"Rose","desc":""},"zh-Hans":{"name":"玫瑰","desc":""}}},)"
         R"({"sdkappid":1400000000,"gift_id":"car","coins":500,"default_name":"Car"}],)"
         R"("gift_categories":[{"sdkappid":1400000000,"category_id":"hot","default_name":"Hot",)"
         R"("default_desc":"","extension_info":"","gift_ids":["car","rose"],"languages":{"zh-Hans":{"name":"热门","desc":""}}}]})";
  const std::vector<std::string> args = {"--db", dir.File("gifts.db"), "--fixtures", fixture,
                                         "--rate-limits", "off"};
  std::unique_ptr<ServerProcess> server;
  ASSERT_TRUE(ServerProcess::Start(args, &server));
  auto call = [&](const std::string& api, const std::string& body) {
    return CallDefaultApp(server->port(), "v4/live_engine_http_srv/" + api, body);
  };
  rapidjson::Document list = ExpectV4(call("get_gift_info_list", R"({"Language":"zh-Hans"})"), 0);
  EXPECT_EQ(list["Response"]["TotalCount"].GetInt(), 2);
  EXPECT_EQ(JsonText(list["Response"]["CategoryList"][0]["GiftIdList"]), R"(["car","rose"])");
  EXPECT_STREQ(list["Response"]["CategoryList"][0]["CategoryName"].GetString(), "热门");
  ExpectV4(call("edit_gift", R"({"GiftId":"rose","Coins":99})"), 0);
  ExpectV4(call("del_gift", R"({"GiftId":"car"})"), 0);
  rapidjson::Document state =
      HttpClient(server->port()).Send(bhttp::verb::get, "/_emulator/state?sdkappid=1400000000", "").Json();
  EXPECT_EQ(JsonText(state["gift_categories"][0]["gift_ids"]), R"(["rose"])");
  EXPECT_EQ(state["gifts"][0]["coins"].GetInt(), 99);
  EXPECT_STREQ(state["gifts"][0]["languages"]["zh-Hans"]["name"].GetString(), "玫瑰");
  server->Stop(SIGKILL);
  // A restart keeps the changes and does not bring the deleted seed back.
  ASSERT_TRUE(ServerProcess::Start(args, &server));
  rapidjson::Document kept = ExpectV4(call("get_gift_info_list", "{}"), 0);
  EXPECT_EQ(kept["Response"]["TotalCount"].GetInt(), 1);
  EXPECT_EQ(kept["Response"]["GiftList"][0]["Coins"].GetInt(), 99);
  // A reset puts the seeds back.
  ASSERT_EQ(HttpClient(server->port()).Send(bhttp::verb::post, "/_emulator/reset", "{}").status, 200u);
  EXPECT_EQ(ExpectV4(call("get_gift_info_list", "{}"), 0)["Response"]["TotalCount"].GetInt(), 2);
  server->Stop(SIGTERM);

  const std::string start = R"({"apps":[{"sdkappid":1400000000,"key":"k"}],)";
  const std::pair<std::string, std::string> bad_seeds[] = {
      {R"("gifts":[{"sdkappid":1400000000,"gift_id":"g","default_name":"G"}]})", "gifts[0].coins"},
      {R"("gifts":[{"sdkappid":1400000000,"gift_id":")" + std::string(21, 'g') + R"(","coins":1,"default_name":"G"}]})",
       "gifts[0].gift_id"},
      {R"("gifts":[{"sdkappid":1400000000,"gift_id":"g","coins":1,"default_name":"G","languages":{"fr":{"name":"x"}}}]})",
       "gifts[0].languages"},
      {R"("gift_categories":[{"sdkappid":1400000000,"category_id":"c","default_name":"C","gift_ids":["ghost"]}]})",
       "gift_categories[0]"},
      {R"("gifts":[{"sdkappid":1400000001,"gift_id":"g","coins":1,"default_name":"G"}]})", "gifts[0]"},
  };
  for (const auto& [tail, where] : bad_seeds) {
    SCOPED_TRACE(tail);
    std::ofstream(dir.File("bad.json")) << start << tail;
    ProcessResult bad = RunToExit({"--in-memory", "--port", "0", "--fixtures", dir.File("bad.json")});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find(where), std::string::npos) << bad.err;
  }
}

}  // namespace
}  // namespace trtc::testing
