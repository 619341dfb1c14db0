// v4/live_engine_http_srv/* over a real socket (TRTC pages 63398-63406, 64374-64376): the eight
// room APIs, every metadata limit at its exact edge, the check order, paging, and app isolation.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <chrono>
#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "tests/integration/support/emulator_test.h"
#include "tests/integration/support/envelope_expect.h"

namespace trtc::testing {
namespace {

namespace bhttp = http::bhttp;

constexpr char kCreate[] = "v4/live_engine_http_srv/create_room";
constexpr char kDestroy[] = "v4/live_engine_http_srv/destroy_room";
constexpr char kUpdate[] = "v4/live_engine_http_srv/update_room_info";
constexpr char kInfo[] = "v4/live_engine_http_srv/get_room_info";
constexpr char kList[] = "v4/live_engine_http_srv/get_room_list";
constexpr char kSetMeta[] = "v4/live_engine_http_srv/set_room_metadata";
constexpr char kGetMeta[] = "v4/live_engine_http_srv/get_room_metadata";
constexpr char kDelMeta[] = "v4/live_engine_http_srv/del_room_metadata";

using Pairs = std::vector<std::pair<std::string, std::string>>;

// "中" is 3 bytes in UTF-8.
std::string Han(size_t count) {
  std::string text;
  for (size_t i = 0; i < count; ++i) text += "中";
  return text;
}

std::string Quote(const std::string& text) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  return buffer.GetString();
}

std::string RoomIdBody(const std::string& room_id) { return "{\"RoomId\":" + Quote(room_id) + "}"; }

std::string KeysBody(const std::string& room_id, const std::vector<std::string>& keys) {
  std::string body = "{\"RoomId\":" + Quote(room_id) + ",\"Keys\":[";
  for (size_t i = 0; i < keys.size(); ++i) body += (i ? "," : "") + Quote(keys[i]);
  return body + "]}";
}

std::string SetBody(const std::string& room_id, const Pairs& pairs) {
  std::string body = "{\"RoomId\":" + Quote(room_id) + ",\"Metadata\":[";
  for (size_t i = 0; i < pairs.size(); ++i) {
    body += (i ? "," : "") + std::string("{\"Key\":") + Quote(pairs[i].first) +
            ",\"Value\":" + Quote(pairs[i].second) + "}";
  }
  return body + "]}";
}

// n keys "k0".."k{n-1}", each with a value of `value_bytes` bytes.
Pairs Keys(int n, size_t value_bytes) {
  Pairs pairs;
  for (int i = 0; i < n; ++i)
    pairs.emplace_back("k" + std::to_string(i), std::string(value_bytes, 'v'));
  return pairs;
}

class RoomsTest : public EmulatorTest {
 protected:
  void SetUp() override {
    for (uint32_t app : {kApp, kOtherApp}) {
      HttpClient client(port());
      ASSERT_EQ(client
                    .Send(bhttp::verb::post, "/_emulator/reset",
                          "{\"sdkappid\":" + std::to_string(app) + "}")
                    .status,
                200u);
    }
  }
  void TearDown() override {
    HttpClient client(port());
    client.Send(bhttp::verb::post, "/_emulator/clock", R"({"offset_s":0})");
  }
  void Create(const std::string& room_id, uint32_t app = kApp) {
    ExpectV4(Call(kCreate,
                  "{\"RoomInfo\":{\"RoomId\":" + Quote(room_id) + ",\"RoomType\":\"Live\"}}", app),
             0);
  }
  // get_room_metadata's pairs, in order.
  Pairs Metadata(const std::string& room_id, const std::vector<std::string>& keys = {}) {
    rapidjson::Document json = ExpectV4(Call(kGetMeta, KeysBody(room_id, keys)), 0);
    Pairs pairs;
    if (!json.HasMember("Response")) return pairs;
    for (const auto& item : json["Response"]["Metadata"].GetArray()) {
      EXPECT_EQ(item.MemberCount(), 2u);
      pairs.emplace_back(item["Key"].GetString(), item["Value"].GetString());
    }
    return pairs;
  }
  rapidjson::Document Info(const std::string& room_id) {
    rapidjson::Document json = ExpectV4(Call(kInfo, RoomIdBody(room_id)), 0);
    return json;
  }
  // Walks get_room_list with `count` per page; calls `between` after each page but the last.
  std::vector<std::string> ListAll(uint32_t app, int count,
                                   const std::function<void(int page)>& between = {}) {
    std::vector<std::string> ids;
    std::string next;
    for (int page = 0;; ++page) {
      rapidjson::Document json = ExpectV4(
          Call(kList, "{\"Next\":" + Quote(next) + ",\"Count\":" + std::to_string(count) + "}",
               app),
          0);
      if (!json.HasMember("Response")) break;
      const auto& response = json["Response"];
      EXPECT_LE(response["RoomList"].Size(), static_cast<unsigned>(count));
      for (const auto& room : response["RoomList"].GetArray())
        ids.push_back(room["RoomId"].GetString());
      next = response["Next"].GetString();
      if (next.empty()) break;
      if (between) between(page);
    }
    return ids;
  }
  void ExpectInfo(const rapidjson::Document& json, const std::string& part) {
    ASSERT_TRUE(json.HasMember("ErrorInfo"));
    EXPECT_NE(std::string(json["ErrorInfo"].GetString()).find(part), std::string::npos)
        << json["ErrorInfo"].GetString();
  }
};

TEST_F(RoomsTest, CreateThenGetRoomInfoAnswersEveryDocumentedField) {
  const int64_t before = std::chrono::duration_cast<std::chrono::seconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  ExpectV4(Call(kCreate,
                R"({"RoomInfo":{"RoomId":"live-room","RoomType":"Live","RoomName":"live name",)"
                R"("Owner_Account":"administrator","MaxMemberCount":400,"CoverURL":"cover url",)"
                R"("IsMessageDisabled":true,"Category":[1,2,3],"IsPublicVisible":true,)"
                R"("IsSeatEnabled":false,"TakeSeatMode":"ApplyToTake","MaxSeatCount":8,)"
                R"("ActivityStatus":1,"Notice":"hi","SeatTemplate":"VideoDynamicGrid9Seats"}})"),
           0);
  const int64_t after = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  rapidjson::Document json = Info("live-room");
  ASSERT_TRUE(json.HasMember("Response"));
  ASSERT_EQ(json["Response"].MemberCount(), 1u);
  const auto& room = json["Response"]["RoomInfo"];
  const char* const kFields[] = {
      "RoomId",         "RoomName",          "RoomType",        "Owner_Account",
      "CreateTime",     "IsSeatEnabled",     "TakeSeatMode",    "MaxSeatCount",
      "MaxMemberCount", "IsMessageDisabled", "CoverURL",        "Category",
      "ActivityStatus", "ViewCount",         "IsPublicVisible", "Notice"};
  ASSERT_EQ(room.MemberCount(), std::size(kFields));
  size_t i = 0;
  for (const auto& member : room.GetObject()) EXPECT_STREQ(member.name.GetString(), kFields[i++]);
  EXPECT_STREQ(room["RoomId"].GetString(), "live-room");
  EXPECT_STREQ(room["RoomName"].GetString(), "live name");
  EXPECT_STREQ(room["RoomType"].GetString(), "Live");
  EXPECT_STREQ(room["Owner_Account"].GetString(), "administrator");
  EXPECT_GE(room["CreateTime"].GetInt64(), before);
  EXPECT_LE(room["CreateTime"].GetInt64(), after);
  EXPECT_FALSE(room["IsSeatEnabled"].GetBool());
  EXPECT_STREQ(room["TakeSeatMode"].GetString(), "ApplyToTake");
  EXPECT_EQ(room["MaxSeatCount"].GetInt(), 8);
  EXPECT_EQ(room["MaxMemberCount"].GetInt(), 400);
  EXPECT_TRUE(room["IsMessageDisabled"].GetBool());
  EXPECT_STREQ(room["CoverURL"].GetString(), "cover url");
  ASSERT_EQ(room["Category"].Size(), 3u);
  EXPECT_EQ(room["Category"][2].GetInt(), 3);
  EXPECT_EQ(room["ActivityStatus"].GetInt(), 1);
  EXPECT_EQ(room["ViewCount"].GetInt(), 0);
  EXPECT_TRUE(room["IsPublicVisible"].GetBool());
  EXPECT_STREQ(room["Notice"].GetString(), "hi");
}

TEST_F(RoomsTest, FieldsNotGivenTakeZeroValuesAndCreateTimeFollowsTheEmulatorClock) {
  HttpClient control(port());
  ASSERT_EQ(control.Send(bhttp::verb::post, "/_emulator/clock", R"({"offset_s":3600})").status,
            200u);
  const int64_t now =
      control.Send(bhttp::verb::get, "/_emulator/clock", "").Json()["now_s"].GetInt64();
  Create("bare");
  rapidjson::Document json = Info("bare");
  const auto& room = json["Response"]["RoomInfo"];
  EXPECT_STREQ(room["RoomName"].GetString(), "");
  EXPECT_STREQ(room["Owner_Account"].GetString(), "");
  EXPECT_STREQ(room["TakeSeatMode"].GetString(), "FreeToTake");
  EXPECT_EQ(room["MaxSeatCount"].GetInt(), 0);
  EXPECT_FALSE(room["IsPublicVisible"].GetBool());
  EXPECT_TRUE(room["Category"].IsArray() && room["Category"].Empty());
  EXPECT_GE(room["CreateTime"].GetInt64(), now);
  EXPECT_LE(room["CreateTime"].GetInt64(), now + 5);
}

TEST_F(RoomsTest, CreateAnswers100003WhenTheRoomExists) {
  Create("twice");
  ExpectV4(
      Call(kCreate, R"({"RoomInfo":{"RoomId":"twice","RoomType":"Live","RoomName":"second"}})"),
      100003);
  EXPECT_STREQ(Info("twice")["Response"]["RoomInfo"]["RoomName"].GetString(), "");
}

TEST_F(RoomsTest, InvalidCreateRequestsAnswer100002AndCreateNothing) {
  const std::string long_id = std::string(49, 'r');
  const std::string cases[] = {
      "{}",
      R"({"RoomInfo":"live-room"})",
      R"({"RoomInfo":{"RoomType":"Live"}})",
      R"({"RoomInfo":{"RoomId":"r"}})",
      R"({"RoomInfo":{"RoomId":"r","RoomType":"Voice"}})",
      R"({"RoomInfo":{"RoomId":7,"RoomType":"Live"}})",
      R"({"RoomInfo":{"RoomId":"","RoomType":"Live"}})",
      "{\"RoomInfo\":{\"RoomId\":\"" + long_id + "\",\"RoomType\":\"Live\"}}",
      "{\"RoomInfo\":{\"RoomId\":\"" + Han(17) + "\",\"RoomType\":\"Live\"}}",
      R"({"RoomInfo":{"RoomId":"r","RoomType":"Live","MaxSeatCount":"8"}})",
      R"({"RoomInfo":{"RoomId":"r","RoomType":"Live","MaxSeatCount":-1}})",
      R"({"RoomInfo":{"RoomId":"r","RoomType":"Live","IsSeatEnabled":1}})",
      R"({"RoomInfo":{"RoomId":"r","RoomType":"Live","TakeSeatMode":"Anyone"}})",
      R"({"RoomInfo":{"RoomId":"r","RoomType":"Live","Category":[1,2,3,4]}})",
      R"({"RoomInfo":{"RoomId":"r","RoomType":"Live","Category":["1"]}})",
      "{\"RoomInfo\":{\"RoomId\":\"r\",\"RoomType\":\"Live\",\"RoomName\":\"" + Han(34) + "\"}}",
      "{\"RoomInfo\":{\"RoomId\":\"r\",\"RoomType\":\"Live\",\"CoverURL\":\"" +
          std::string(201, 'c') + "\"}}",
      "{\"RoomInfo\":{\"RoomId\":\"r\",\"RoomType\":\"Live\",\"Notice\":\"" +
          std::string(101, 'n') + "\"}}",
  };
  for (const std::string& body : cases) {
    SCOPED_TRACE(body);
    ExpectV4(Call(kCreate, body), 100002);
  }
  EXPECT_EQ(ListAll(kApp, 20), std::vector<std::string>{});
  // The edges themselves are accepted: 48 bytes of RoomId (multi-byte), 100 of RoomName.
  ExpectV4(Call(kCreate, "{\"RoomInfo\":{\"RoomId\":\"" + Han(16) +
                             "\",\"RoomType\":\"Live\",\"RoomName\":\"" + std::string(100, 'n') +
                             "\",\"CoverURL\":\"" + std::string(200, 'c') + "\"}}"),
           0);
  ExpectV4(Call(kInfo, RoomIdBody(Han(16))), 0);
}

TEST_F(RoomsTest, UpdateRoomInfoChangesOnlyTheFieldsSent) {
  ExpectV4(Call(kCreate, R"({"RoomInfo":{"RoomId":"u","RoomType":"Live","RoomName":"before",)"
                         R"("Notice":"kept","MaxSeatCount":4,"Category":[7]}})"),
           0);
  const int64_t created = Info("u")["Response"]["RoomInfo"]["CreateTime"].GetInt64();
  ExpectV4(
      Call(kUpdate, R"({"RoomInfo":{"RoomId":"u","RoomName":"after","IsMessageDisabled":true}})"),
      0);
  rapidjson::Document json = Info("u");
  const auto& room = json["Response"]["RoomInfo"];
  EXPECT_STREQ(room["RoomName"].GetString(), "after");
  EXPECT_TRUE(room["IsMessageDisabled"].GetBool());
  EXPECT_STREQ(room["Notice"].GetString(), "kept");
  EXPECT_EQ(room["MaxSeatCount"].GetInt(), 4);
  EXPECT_EQ(room["Category"][0].GetInt(), 7);
  EXPECT_EQ(room["CreateTime"].GetInt64(), created);
}

TEST_F(RoomsTest, ARejectedUpdateLeavesTheRoomUnchanged) {
  ExpectV4(Call(kCreate, R"({"RoomInfo":{"RoomId":"u","RoomType":"Live","RoomName":"before"}})"),
           0);
  // The first field is fine, the second is not: nothing is applied.
  rapidjson::Document json = ExpectV4(
      Call(kUpdate, R"({"RoomInfo":{"RoomId":"u","RoomName":"after","TakeSeatMode":"x"}})"),
      100002);
  ExpectInfo(json, "TakeSeatMode");
  ExpectV4(Call(kUpdate, R"({"RoomInfo":{"RoomId":"u","RoomType":"Voice","RoomName":"after"}})"),
           100002);
  ExpectV4(Call(kUpdate, R"({"RoomId":"u","RoomName":"after"})"), 100002);
  EXPECT_STREQ(Info("u")["Response"]["RoomInfo"]["RoomName"].GetString(), "before");
}

TEST_F(RoomsTest, UnknownAndDestroyedRoomsAnswer100004Everywhere) {
  for (const std::string& room : {std::string("never"), std::string("gone")}) {
    SCOPED_TRACE(room);
    if (room == "gone") {
      Create(room);
      ExpectV4(Call(kSetMeta, SetBody(room, {{"k", "v"}})), 0);
      ExpectV4(Call(kDestroy, RoomIdBody(room)), 0);
    }
    ExpectV4(Call(kDestroy, RoomIdBody(room)), 100004);
    ExpectV4(Call(kUpdate, "{\"RoomInfo\":{\"RoomId\":\"" + room + "\",\"RoomName\":\"x\"}}"),
             100004);
    ExpectV4(Call(kInfo, RoomIdBody(room)), 100004);
    ExpectV4(Call(kSetMeta, SetBody(room, {{"k", "v"}})), 100004);
    ExpectV4(Call(kGetMeta, KeysBody(room, {})), 100004);
    ExpectV4(Call(kDelMeta, KeysBody(room, {"k"})), 100004);
  }
}

TEST_F(RoomsTest, DestroyAnswersZeroStatisticsAndRemovesTheMetadata) {
  Create("d");
  ExpectV4(Call(kSetMeta, SetBody("d", {{"k", "v"}})), 0);
  rapidjson::Document json = ExpectV4(Call(kDestroy, RoomIdBody("d")), 0);
  ASSERT_TRUE(json.HasMember("Response"));
  const auto& statistic = json["Response"]["Statistic"];
  const char* const kFields[] = {"TotalViewers", "TotalGiftsSent", "TotalGiftCoins",
                                 "TotalUniqueGiftSenders", "TotalLikesReceived"};
  ASSERT_EQ(statistic.MemberCount(), std::size(kFields));
  for (const char* field : kFields) EXPECT_EQ(statistic[field].GetInt(), 0) << field;
  Create("d");  // the same ID again: a new room, with no metadata
  EXPECT_EQ(Metadata("d"), Pairs{});
}

TEST_F(RoomsTest, SetAddsAndUpdatesGetFiltersDelRemoves) {
  Create("m");
  rapidjson::Document set =
      ExpectV4(Call(kSetMeta, SetBody("m", {{"key1", "value1"}, {"key2", "value2"}})), 0);
  EXPECT_FALSE(set.HasMember("Response"));
  ExpectV4(Call(kSetMeta, SetBody("m", {{"key2", "changed"}, {"key3", "value3"}})), 0);
  EXPECT_EQ(Metadata("m"), (Pairs{{"key1", "value1"}, {"key2", "changed"}, {"key3", "value3"}}));
  EXPECT_EQ(Metadata("m", {"key3", "missing", "key1"}),
            (Pairs{{"key1", "value1"}, {"key3", "value3"}}));
  EXPECT_EQ(Metadata("m", {"missing"}), Pairs{});
  // Deletes the named keys that exist; the missing one is no error while one exists.
  ExpectV4(Call(kDelMeta, KeysBody("m", {"key1", "missing"})), 0);
  EXPECT_EQ(Metadata("m"), (Pairs{{"key2", "changed"}, {"key3", "value3"}}));
}

TEST_F(RoomsTest, DeletingOnlyMissingKeysAnswers100503AndChangesNothing) {
  Create("m");
  ExpectV4(Call(kSetMeta, SetBody("m", {{"a", "1"}})), 0);
  ExpectV4(Call(kDelMeta, KeysBody("m", {"x", "y"})), 100503);
  EXPECT_EQ(Metadata("m"), (Pairs{{"a", "1"}}));
  ExpectV4(Call(kDelMeta, KeysBody("m", {"a"})), 0);
  ExpectV4(Call(kDelMeta, KeysBody("m", {"a"})), 100503);  // an empty room has none
}

TEST_F(RoomsTest, MalformedMetadataRequestsAnswer100002) {
  Create("m");
  const std::string cases[] = {
      R"({"Metadata":[{"Key":"k","Value":"v"}]})",
      R"({"RoomId":"m"})",
      R"({"RoomId":"m","Metadata":[]})",
      R"({"RoomId":"m","Metadata":{"k":"v"}})",
      R"({"RoomId":"m","Metadata":[{"Key":"k"}]})",
      R"({"RoomId":"m","Metadata":[{"Key":"k","Value":1}]})",
      R"({"RoomId":"m","Metadata":[{"Key":"","Value":"v"}]})",
      R"({"RoomId":"m","Metadata":["k"]})",
  };
  for (const std::string& body : cases) {
    SCOPED_TRACE(body);
    ExpectV4(Call(kSetMeta, body), 100002);
  }
  ExpectV4(Call(kGetMeta, R"({"RoomId":"m"})"), 100002);
  ExpectV4(Call(kGetMeta, R"({"RoomId":"m","Keys":[1]})"), 100002);
  ExpectV4(Call(kDelMeta, R"({"RoomId":"m","Keys":[]})"), 100002);
  ExpectV4(Call(kDelMeta, R"({"RoomId":"m"})"), 100002);
  // Fields are checked before the room: an unknown room with a bad body is 100002.
  ExpectV4(Call(kSetMeta, R"({"RoomId":"nope","Metadata":[]})"), 100002);
  EXPECT_EQ(Metadata("m"), Pairs{});
}

TEST_F(RoomsTest, TenKeysAreAcceptedTheEleventhIsNot) {
  Create("m");
  ExpectV4(Call(kSetMeta, SetBody("m", Keys(10, 1))), 0);
  ExpectInfo(ExpectV4(Call(kSetMeta, SetBody("m", {{"k10", "v"}})), 100500), "11");
  // Updating one of the ten is fine: the count does not grow.
  ExpectV4(Call(kSetMeta, SetBody("m", {{"k9", "new"}})), 0);
  EXPECT_EQ(Metadata("m").size(), 10u);
  // Eleven in one call into an empty room.
  Create("n");
  ExpectV4(Call(kSetMeta, SetBody("n", Keys(11, 1))), 100500);
  EXPECT_EQ(Metadata("n"), Pairs{});
}

TEST_F(RoomsTest, AKeyOf50BytesIsAcceptedOf51IsNot) {
  Create("m");
  ExpectV4(Call(kSetMeta, SetBody("m", {{std::string(50, 'k'), "v"}})), 0);
  ExpectV4(Call(kSetMeta, SetBody("m", {{std::string(51, 'k'), "v"}})), 100504);
  // In UTF-8 bytes: 16 × 3 = 48 bytes + "ab" = 50; 17 × 3 = 51.
  ExpectV4(Call(kSetMeta, SetBody("m", {{Han(16) + "ab", "v"}})), 0);
  ExpectV4(Call(kSetMeta, SetBody("m", {{Han(17), "v"}})), 100504);
  EXPECT_EQ(Metadata("m"), (Pairs{{std::string(50, 'k'), "v"}, {Han(16) + "ab", "v"}}));
}

TEST_F(RoomsTest, AValueOf2048BytesIsAcceptedOf2049IsNot) {
  Create("m");
  ExpectV4(Call(kSetMeta, SetBody("m", {{"a", std::string(2048, 'v')}})), 0);
  ExpectV4(Call(kSetMeta, SetBody("m", {{"b", std::string(2049, 'v')}})), 100501);
  // 682 × 3 = 2046 bytes + "xy" = 2048; 683 × 3 = 2049.
  ExpectV4(Call(kSetMeta, SetBody("m", {{"c", Han(682) + "xy"}})), 0);
  ExpectV4(Call(kSetMeta, SetBody("m", {{"a", Han(683)}})), 100501);  // an update, too
  EXPECT_EQ(Metadata("m"), (Pairs{{"a", std::string(2048, 'v')}, {"c", Han(682) + "xy"}}));
}

TEST_F(RoomsTest, AllValuesTogetherMayReach16384BytesNotOneMore) {
  Create("m");
  ExpectV4(Call(kSetMeta, SetBody("m", Keys(8, 2048))), 0);  // exactly 16384
  ExpectV4(Call(kSetMeta, SetBody("m", {{"extra", "x"}})), 100502);
  ExpectV4(Call(kSetMeta, SetBody("m", {{"empty", ""}})), 0);  // still 16384
  // Updating an existing key so that the total crosses the limit.
  ExpectInfo(ExpectV4(Call(kSetMeta, SetBody("m", {{"empty", "x"}})), 100502), "16385");
  ExpectV4(Call(kSetMeta, SetBody("m", {{"k0", std::string(2047, 'v')}, {"empty", "x"}})), 0);
  Pairs expected = Keys(8, 2048);
  expected[0].second = std::string(2047, 'v');
  expected.emplace_back("empty", "x");
  EXPECT_EQ(Metadata("m"), expected);
}

TEST_F(RoomsTest, LimitsAreCheckedInTheDocumentedOrder) {
  Create("m");
  ExpectV4(Call(kSetMeta, SetBody("m", Keys(8, 2048))), 0);
  // Every limit broken at once: the key length wins, then the value, then the count
  // (8 + 3 new keys), which also comes before the total (16384 + 3 bytes).
  Pairs all = {{std::string(51, 'k'), "v"}, {"n1", std::string(2049, 'v')}, {"n2", "v"}};
  ExpectV4(Call(kSetMeta, SetBody("m", all)), 100504);
  all[0].first = "n0";
  ExpectV4(Call(kSetMeta, SetBody("m", all)), 100501);
  all[1].second = "v";
  ExpectV4(Call(kSetMeta, SetBody("m", all)), 100500);
  // The room's existence comes before any limit.
  ExpectV4(Call(kSetMeta, SetBody("nope", {{std::string(51, 'k'), "v"}})), 100004);
  EXPECT_EQ(Metadata("m"), Keys(8, 2048));
}

TEST_F(RoomsTest, GetRoomListPagesThroughMoreRoomsThanOnePage) {
  std::set<std::string> created;
  for (int i = 0; i < 45; ++i) {
    const std::string id = "room-" + std::to_string(100 + i);
    Create(id);
    created.insert(id);
  }
  rapidjson::Document first = ExpectV4(Call(kList, R"({"Next":"","Count":20})"), 0);
  const auto& response = first["Response"];
  ASSERT_EQ(response.MemberCount(), 2u);
  ASSERT_EQ(response["RoomList"].Size(), 20u);
  EXPECT_STRNE(response["Next"].GetString(), "");
  const auto& entry = response["RoomList"][0];
  const char* const kFields[] = {"RoomName", "RoomId",     "Owner_Account",  "CoverURL",
                                 "Category", "CreateTime", "ActivityStatus", "ViewCount"};
  ASSERT_EQ(entry.MemberCount(), std::size(kFields));
  size_t i = 0;
  for (const auto& member : entry.GetObject()) EXPECT_STREQ(member.name.GetString(), kFields[i++]);

  std::vector<std::string> walked = ListAll(kApp, 20);
  EXPECT_EQ(walked.size(), 45u);
  EXPECT_EQ(std::set<std::string>(walked.begin(), walked.end()), created);
  // The default Count is 20; a page may be smaller.
  EXPECT_EQ(ExpectV4(Call(kList, "{}"), 0)["Response"]["RoomList"].Size(), 20u);
  EXPECT_EQ(ListAll(kApp, 7).size(), 45u);
}

TEST_F(RoomsTest, PagingVisitsEveryRoomThatExistsThroughoutExactlyOnce) {
  for (int i = 0; i < 45; ++i) Create("room-" + std::to_string(100 + i));
  std::set<std::string> destroyed;
  std::set<std::string> added;
  std::vector<std::string> walked = ListAll(kApp, 20, [&](int page) {
    // Between pages: destroy rooms from both ends of the order and create new ones.
    for (const std::string& id :
         {"room-" + std::to_string(100 + page), "room-" + std::to_string(144 - page)}) {
      ExpectV4(Call(kDestroy, RoomIdBody(id)), 0);
      destroyed.insert(id);
    }
    for (int j = 0; j < 3; ++j) {
      const std::string id = "new-" + std::to_string(page) + "-" + std::to_string(j);
      Create(id);
      added.insert(id);
    }
  });
  std::multiset<std::string> seen(walked.begin(), walked.end());
  for (int i = 0; i < 45; ++i) {
    const std::string id = "room-" + std::to_string(100 + i);
    if (!destroyed.count(id)) {
      EXPECT_EQ(seen.count(id), 1u) << id;
    }
  }
  for (const std::string& id : walked) {
    EXPECT_EQ(seen.count(id), 1u) << id << " was listed twice";
  }
}

TEST_F(RoomsTest, NextZeroIsTheFirstPageAsTencentsOwnAppsSendIt) {
  // TUILiveKit's room manager asks for the first page with "Next":"0".
  for (int i = 0; i < 25; ++i) Create("room-" + std::to_string(100 + i));
  for (const char* count : {"20", "7"}) {
    SCOPED_TRACE(count);
    const std::string tail = std::string(",\"Count\":") + count + "}";
    const rapidjson::Document empty = ExpectV4(Call(kList, R"({"Next":"")" + tail), 0);
    const rapidjson::Document zero = ExpectV4(Call(kList, R"({"Next":"0")" + tail), 0);
    ASSERT_TRUE(empty.HasMember("Response") && zero.HasMember("Response"));
    EXPECT_TRUE(zero["Response"] == empty["Response"]);
    EXPECT_STRNE(zero["Response"]["Next"].GetString(), "");
  }
}

TEST_F(RoomsTest, InvalidListRequestsAnswer100002) {
  for (const char* body : {R"({"Count":0})", R"({"Count":21})", R"({"Count":"20"})",
                           R"({"Count":2.5})", R"({"Next":5})", R"({"Next":"not a cursor"})"}) {
    SCOPED_TRACE(body);
    ExpectV4(Call(kList, body), 100002);
  }
  rapidjson::Document empty = ExpectV4(Call(kList, R"({"Next":"","Count":20})"), 0);
  EXPECT_STREQ(empty["Response"]["Next"].GetString(), "");
  EXPECT_TRUE(empty["Response"]["RoomList"].IsArray() && empty["Response"]["RoomList"].Empty());
}

TEST_F(RoomsTest, AnotherAppsRoomsAreInvisible) {
  Create("shared-id");
  ExpectV4(Call(kSetMeta, SetBody("shared-id", {{"owner", "app"}})), 0);
  Create("only-mine");
  EXPECT_EQ(ListAll(kOtherApp, 20), std::vector<std::string>{});
  ExpectV4(Call(kInfo, RoomIdBody("only-mine"), kOtherApp), 100004);
  ExpectV4(Call(kGetMeta, KeysBody("only-mine", {}), kOtherApp), 100004);
  ExpectV4(Call(kDestroy, RoomIdBody("only-mine"), kOtherApp), 100004);
  // The same ID is a different room in another app.
  Create("shared-id", kOtherApp);
  ExpectV4(Call(kSetMeta, SetBody("shared-id", {{"owner", "other"}}), kOtherApp), 0);
  EXPECT_EQ(Metadata("shared-id"), (Pairs{{"owner", "app"}}));
  ExpectV4(Call(kDestroy, RoomIdBody("shared-id"), kOtherApp), 0);
  ExpectV4(Call(kInfo, RoomIdBody("shared-id")), 0);
  EXPECT_EQ(ListAll(kApp, 20).size(), 2u);
}

TEST_F(RoomsTest, AnAppWithoutTheLivePackageGets100007OnEveryRoomApi) {
  for (const char* api : {kCreate, kDestroy, kUpdate, kInfo, kList, kSetMeta, kGetMeta, kDelMeta}) {
    SCOPED_TRACE(api);
    // Even a body that is not JSON: the package comes before the body.
    ExpectV4(Call(api, R"({"RoomInfo":{"RoomId":"r","RoomType":"Live"}})", kNoLiveApp), 100007);
    ExpectV4(Call(api, "{oops", kNoLiveApp), 100007);
  }
}

TEST_F(RoomsTest, TheStateDumpShowsRoomsAndMetadata) {
  Create("dumped");
  ExpectV4(Call(kSetMeta, SetBody("dumped", {{"k", "v"}})), 0);
  HttpClient client(port());
  rapidjson::Document state =
      client.Send(bhttp::verb::get, "/_emulator/state?sdkappid=" + std::to_string(kApp), "").Json();
  ASSERT_TRUE(state.IsObject());
  ASSERT_EQ(state["rooms"].Size(), 1u);
  EXPECT_STREQ(state["rooms"][0]["RoomInfo"]["RoomId"].GetString(), "dumped");
  EXPECT_STREQ(state["rooms"][0]["Metadata"][0]["Value"].GetString(), "v");
}

}  // namespace
}  // namespace trtc::testing
