// The gift catalogue and gift events over real sockets (api.md §12-§13.1): every API's
// success and each error at its edge, the two response styles, language fall-back,
// relations and InvalidGiftIdList, cascades, the 1/s limit answering 100012 on a stepped
// clock, 102001 without the package, get_gift_count arithmetic, the statistic alias.
#include <string>
#include <vector>

#include "tests/integration/support/emulator_test.h"
#include "tests/integration/support/envelope_expect.h"

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

}  // namespace
}  // namespace trtc::testing
