// The people of a live room over real sockets (api.md §10.1-§10.2, §10.7): the control
// plane's audience, member lists and their paging, admins, the owner, bans and mutes with
// expiry on the emulator's clock, and the member, admin and owner callbacks at a real
// receiver; destroy drops it all; a restart keeps it.
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "tests/integration/support/callback_receiver.h"
#include "tests/integration/support/callback_suite.h"
#include "tests/integration/support/envelope_expect.h"
#include "tests/integration/support/official_usersig.h"
#include "tests/integration/support/temp_dir.h"

namespace trtc::testing {
namespace {

namespace bhttp = http::bhttp;

const char kPeopleCommands[] =
    R"(["Live.CallbackAfterMemberStateChanged","Live.CallbackAfterModifyAdmin",)"
    R"("Live.CallbackAfterChangeOwner","Mic.CallbackAfterSeatInfoChanged"])";

// ["u0","u1",…] for accounts prefix0..prefix(n-1), as a JSON array.
std::string Accounts(const std::string& prefix, int from, int to) {
  std::string out = "[";
  for (int i = from; i < to; ++i) out += (i > from ? ",\"" : "\"") + prefix + std::to_string(i) + "\"";
  return out + "]";
}

class RoomPeopleTest : public CallbackSuite {
 protected:
  void SetUp() override {
    ASSERT_EQ(Control(bhttp::verb::post, "/_emulator/reset", "{}").status, 200u);
    SetClock(0);
    Live("create_room", R"({"RoomInfo":{"RoomId":"r","RoomType":"Live","Owner_Account":"host"}})");
  }
  void TearDown() override { SetClock(0); }

  rapidjson::Document Live(const std::string& api, const std::string& body, int code = 0,
                           uint32_t app = kApp) {
    return ExpectV4(Call("v4/live_engine_http_srv/" + api, body, app), code);
  }
  HttpReply Audience(const std::string& body) {
    return Control(bhttp::verb::post, "/_emulator/rooms/members", body);
  }
  rapidjson::Document Join(const std::string& accounts, const std::string& room = "r") {
    HttpReply reply = Audience(R"({"sdkappid":1400000000,"room_id":")" + room +
                               R"(","join":)" + accounts + "}");
    EXPECT_EQ(reply.status, 200u) << reply.body;
    return reply.Json();
  }
  std::vector<std::string> MemberPage(const std::string& next, std::string* next_out = nullptr,
                                      int64_t* count = nullptr) {
    rapidjson::Document page =
        Live("get_member_list", R"({"RoomId":"r","Next":")" + next + "\"}");
    std::vector<std::string> members;
    for (const auto& member : page["Response"]["MemberList"].GetArray()) {
      members.push_back(member["Member_Account"].GetString());
    }
    if (next_out) *next_out = page["Response"]["Next"].GetString();
    if (count) *count = page["Response"]["MemberCount"].GetInt64();
    return members;
  }
  void ConfigureLive(const CallbackReceiver& receiver) {
    ExpectV4(Call("v4/live_config/set_callback", R"({"Url":")" + receiver.Url("/people") +
                                                     R"(","CallbackCommandList":)" +
                                                     kPeopleCommands + "}"),
             0);
  }
};

TEST_F(RoomPeopleTest, TheAudienceJoinsAndLeavesAsTheSdkWouldMakeIt) {
  CallbackReceiver receiver;
  ConfigureLive(receiver);
  rapidjson::Document first = Join(R"(["alice","bob","alice"])");
  EXPECT_EQ(JsonText(first), R"({"joined":["alice","bob"],"left":[]})");
  HttpReply both = Audience(R"({"sdkappid":1400000000,"room_id":"r","join":["bob","carol"],"leave":["alice","zed"]})");
  ASSERT_EQ(both.status, 200u) << both.body;
  EXPECT_EQ(JsonText(both.Json()), R"({"joined":["carol"],"left":["alice"]})");
  EXPECT_EQ(MemberPage(""), (std::vector<std::string>{"bob", "carol"}));
  // Joined accounts are imported Chat accounts; each join is a visit (ViewCount).
  rapidjson::Document checked = ExpectV4(
      Call("v4/im_open_login_svc/account_check", R"({"CheckItem":[{"UserID":"carol"}]})"), 0);
  EXPECT_STREQ(checked["ResultItem"][0]["AccountStatus"].GetString(), "Imported");
  Join(R"(["alice"])");  // a re-join counts again
  EXPECT_EQ(Live("get_room_info", R"({"RoomId":"r"})")["Response"]["RoomInfo"]["ViewCount"].GetInt(), 4);

  const std::vector<ReceivedRequest> got = receiver.WaitFor(4);
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0].Query("CallbackCommand"), "Live.CallbackAfterMemberStateChanged");
  rapidjson::Document enter = got[0].Json();
  EXPECT_EQ(MemberNames(enter), (std::vector<std::string>{"CallbackCommand", "RoomId", "EventType",
                                                      "EventCause", "MemberList", "EventTime"}));
  EXPECT_EQ(JsonText(enter["MemberList"]), R"([{"Member_Account":"alice"},{"Member_Account":"bob"}])");
  EXPECT_EQ(Str(enter["EventType"]), "Online");
  EXPECT_EQ(Str(enter["EventCause"]), "Enter");
  // Joins and leaves of one request are two callbacks, joins first.
  EXPECT_EQ(JsonText(got[1].Json()["MemberList"]), R"([{"Member_Account":"carol"}])");
  rapidjson::Document leave = got[2].Json();
  EXPECT_EQ(Str(leave["EventType"]), "Offline");
  EXPECT_EQ(Str(leave["EventCause"]), "Leave");
  EXPECT_EQ(JsonText(leave["MemberList"]), R"([{"Member_Account":"alice"}])");

  // The control plane's refusals.
  EXPECT_EQ(Audience(R"({"sdkappid":1400000000,"room_id":"nope","join":["x"]})").status, 404u);
  EXPECT_EQ(Audience(R"({"sdkappid":1499999999,"room_id":"r","join":["x"]})").status, 404u);
  EXPECT_EQ(Audience(R"({"sdkappid":1400000000,"room_id":"r","join":[""]})").status, 400u);
  EXPECT_EQ(Audience(R"({"sdkappid":1400000000,"join":["x"]})").status, 400u);
  EXPECT_EQ(Audience("not json").status, 400u);
}

TEST_F(RoomPeopleTest, AFullRoomRefusesTheWholeRequest) {
  Live("update_room_info", R"({"RoomInfo":{"RoomId":"r","MaxMemberCount":2}})");
  Join(R"(["a"])");
  HttpReply full = Audience(R"({"sdkappid":1400000000,"room_id":"r","join":["b","c"],"leave":["a"]})");
  EXPECT_EQ(full.status, 409u);
  EXPECT_NE(ErrorOf(full, 409).find("MaxMemberCount"), std::string::npos);
  EXPECT_EQ(MemberPage(""), (std::vector<std::string>{"a"}));  // nothing applied
  Join(R"(["b"])");
}

TEST_F(RoomPeopleTest, MemberListsArePagedByHundredUpToAThousand) {
  Join(Accounts("m", 0, 1000));
  Join(Accounts("n", 0, 5));
  std::string next;
  int64_t count = 0;
  std::vector<std::string> all = MemberPage("", &next, &count);
  EXPECT_EQ(count, 1005);  // every member is counted
  ASSERT_EQ(all.size(), 100u);
  EXPECT_EQ(all.front(), "m0");
  EXPECT_EQ(next, "100");
  int pages = 1;
  while (!next.empty()) {
    std::vector<std::string> page = MemberPage(next, &next);
    all.insert(all.end(), page.begin(), page.end());
    ++pages;
  }
  EXPECT_EQ(pages, 10);
  ASSERT_EQ(all.size(), 1000u);  // "only returns 1000"
  EXPECT_EQ(all.back(), "m999");
  EXPECT_EQ(MemberPage("0").front(), "m0");  // "0" reads as the first page
  for (const char* bad : {"1", "50", "1000", "x", "-100"}) {
    Live("get_member_list", R"({"RoomId":"r","Next":")" + std::string(bad) + "\"}", 100002);
  }
  Live("get_member_list", R"({"RoomId":"r"})", 100002);
  Live("get_member_list", R"({"RoomId":"none","Next":"x"})", 100004);  // the room first
  Live("get_member_list", R"({"RoomId":"r","Next":""})", 100007, kNoLiveApp);
}

TEST_F(RoomPeopleTest, AdminsAreKeptInOrderUpToFive) {
  CallbackReceiver receiver;
  ConfigureLive(receiver);
  Live("modify_admin", R"({"RoomId":"r","Admin_Account":["a1","a2","a1"],"OpType":"add"})");
  Live("modify_admin", R"({"RoomId":"r","Admin_Account":["a2","a3"],"OpType":"add"})");
  Live("modify_admin", R"({"RoomId":"r","Admin_Account":["zz"],"OpType":"delete"})");  // no-op
  EXPECT_EQ(JsonText(Live("get_admin_list", R"({"RoomId":"r"})")["Response"]),
            R"({"Admin_Account":["a1","a2","a3"]})");
  Live("modify_admin", R"({"RoomId":"r","Admin_Account":["a4","a5","a6"],"OpType":"add"})", 100020);
  Live("modify_admin", R"({"RoomId":"r","Admin_Account":["a4","a5"],"OpType":"add"})");
  Live("modify_admin", R"({"RoomId":"r","Admin_Account":["a1"],"OpType":"delete"})");
  EXPECT_EQ(JsonText(Live("get_admin_list", R"({"RoomId":"r"})")["Response"]["Admin_Account"]),
            R"(["a2","a3","a4","a5"])");
  for (const char* bad :
       {R"({"RoomId":"r","Admin_Account":[],"OpType":"add"})",
        R"({"RoomId":"r","Admin_Account":["1","2","3","4","5","6"],"OpType":"add"})",
        R"({"RoomId":"r","Admin_Account":["a"],"OpType":"Add"})",
        R"({"RoomId":"r","Admin_Account":["a"]})", R"({"RoomId":"r","OpType":"add"})"}) {
    Live("modify_admin", bad, 100002);
  }
  Live("modify_admin", R"({"RoomId":"none","Admin_Account":["a"],"OpType":"add"})", 100004);

  // One callback per call that changed the set, naming only the accounts changed.
  const std::vector<ReceivedRequest> got = receiver.WaitFor(4);
  ASSERT_EQ(got.size(), 4u);
  rapidjson::Document first = got[0].Json();
  EXPECT_EQ(MemberNames(first), (std::vector<std::string>{"CallbackCommand", "RoomId", "EventTime",
                                                      "Operator_Account", "Admin_Account", "opType"}));
  EXPECT_EQ(JsonText(first["Admin_Account"]), R"(["a1","a2"])");
  EXPECT_EQ(Str(first["opType"]), "add");
  EXPECT_EQ(Str(first["Operator_Account"]), kAdmin);
  EXPECT_EQ(JsonText(got[1].Json()["Admin_Account"]), R"(["a3"])");
  rapidjson::Document removed = got[3].Json();
  EXPECT_EQ(JsonText(removed["Admin_Account"]), R"(["a1"])");
  EXPECT_EQ(Str(removed["opType"]), "delete");
}

TEST_F(RoomPeopleTest, TheNewOwnerMustBeAMember) {
  CallbackReceiver receiver;
  ConfigureLive(receiver);
  Live("change_room_owner", R"({"RoomId":"r","NewOwner_Account":"guest"})", 100005);
  Live("change_room_owner", R"({"RoomId":"r","NewOwner_Account":"host"})");  // already: a no-op
  Join(R"(["guest"])");
  Live("change_room_owner", R"({"RoomId":"r","NewOwner_Account":"guest"})");
  EXPECT_STREQ(Live("get_room_info", R"({"RoomId":"r"})")["Response"]["RoomInfo"]["Owner_Account"].GetString(),
               "guest");
  Live("change_room_owner", R"({"RoomId":"r","NewOwner_Account":""})", 100002);
  Live("change_room_owner", R"({"RoomId":"r"})", 100002);
  Live("change_room_owner", R"({"RoomId":"none","NewOwner_Account":"guest"})", 100004);
  const std::vector<ReceivedRequest> got = receiver.WaitFor(2);  // the join, then the owner
  ASSERT_EQ(got.size(), 2u);
  rapidjson::Document owner = got[1].Json();
  EXPECT_EQ(MemberNames(owner), (std::vector<std::string>{"CallbackCommand", "RoomId", "EventTime",
                                                      "Operator_Account", "CurrentOwner_Account",
                                                      "OriginalOwner_Account"}));
  EXPECT_EQ(Str(owner["CurrentOwner_Account"]), "guest");
  EXPECT_EQ(Str(owner["OriginalOwner_Account"]), "host");
}

TEST_F(RoomPeopleTest, ABanKicksAMemberAndBlocksTheRejoinUntilItEnds) {
  CallbackReceiver receiver;
  ConfigureLive(receiver);
  Join(R"(["bad","good"])");
  const int64_t now = Now();
  Live("ban_member", R"({"RoomId":"r","MemberList_Account":["bad","absent"],"Duration":60,"Reason":"spam"})");
  EXPECT_EQ(MemberPage(""), (std::vector<std::string>{"good"}));
  HttpReply rejoin = Audience(R"({"sdkappid":1400000000,"room_id":"r","join":["new","bad"]})");
  EXPECT_NE(ErrorOf(rejoin, 409).find("\"bad\" is banned"), std::string::npos);
  EXPECT_EQ(MemberPage(""), (std::vector<std::string>{"good"}));  // "new" was not applied either

  rapidjson::Document banned = Live("get_banned_member_list", R"({"RoomId":"r"})");
  const auto& list = banned["Response"]["BannedAccountList"];
  ASSERT_EQ(list.Size(), 2u);
  EXPECT_STREQ(list[0]["Member_Account"].GetString(), "absent");  // by account
  EXPECT_GE(list[0]["BannedUntil"].GetInt64(), now + 60);
  EXPECT_LE(list[0]["BannedUntil"].GetInt64(), Now() + 60);
  EXPECT_EQ(banned["Response"]["NextOffset"].GetInt(), 0);
  rapidjson::Document paged = Live("get_banned_member_list", R"({"RoomId":"r","Offset":0,"Limit":1})");
  EXPECT_EQ(paged["Response"]["BannedAccountList"].Size(), 1u);
  EXPECT_EQ(paged["Response"]["NextOffset"].GetInt(), 1);
  paged = Live("get_banned_member_list", R"({"RoomId":"r","Offset":1,"Limit":1})");
  EXPECT_STREQ(paged["Response"]["BannedAccountList"][0]["Member_Account"].GetString(), "bad");
  EXPECT_EQ(paged["Response"]["NextOffset"].GetInt(), 0);

  SetClock(61);  // the ban is over: gone from the list, no longer blocks
  EXPECT_EQ(Live("get_banned_member_list", R"({"RoomId":"r"})")["Response"]["BannedAccountList"].Size(), 0u);
  Join(R"(["bad"])");
  // unban ends one at once.
  Live("ban_member", R"({"RoomId":"r","MemberList_Account":["x"],"Duration":100})");
  Live("unban_member", R"({"RoomId":"r","MemberList_Account":["x","never"]})");
  Join(R"(["x"])");

  for (const char* bad :
       {R"({"RoomId":"r","MemberList_Account":["a"],"Duration":0})",
        R"({"RoomId":"r","MemberList_Account":["a"]})",
        R"({"RoomId":"r","MemberList_Account":[],"Duration":5})",
        R"({"RoomId":"r","MemberList_Account":["a"],"Duration":"5"})"}) {
    Live("ban_member", bad, 100002);
  }
  Live("ban_member", R"({"RoomId":"r","MemberList_Account":)" + Accounts("u", 0, 21) + R"(,"Duration":5})", 100002);
  Live("ban_member", R"({"RoomId":"r","MemberList_Account":["a"],"Duration":5,"Reason":")" +
                         std::string(201, 'x') + "\"}", 100002);
  Live("get_banned_member_list", R"({"RoomId":"r","Limit":101})", 100002);
  Live("get_banned_member_list", R"({"RoomId":"r","Offset":-1})", 100002);
  Live("unban_member", R"({"RoomId":"none","MemberList_Account":["a"]})", 100004);

  // The kick: an Offline callback with EventCause Kicked, naming only who was present.
  const std::vector<ReceivedRequest> got = receiver.WaitFor(2);
  ASSERT_GE(got.size(), 2u);
  rapidjson::Document kicked = got[1].Json();
  EXPECT_EQ(Str(kicked["EventType"]), "Offline");
  EXPECT_EQ(Str(kicked["EventCause"]), "Kicked");
  EXPECT_EQ(JsonText(kicked["MemberList"]), R"([{"Member_Account":"bad"}])");
}

TEST_F(RoomPeopleTest, MutesEndWithTheirTimeOrWithZero) {
  Live("mute_member", R"({"RoomId":"r","MemberList_Account":["loud","louder"],"MuteTime":30})");
  rapidjson::Document muted = Live("get_muted_member_list", R"({"RoomId":"r"})");
  ASSERT_EQ(muted["Response"]["MutedAccountList"].Size(), 2u);
  EXPECT_STREQ(muted["Response"]["MutedAccountList"][0]["Member_Account"].GetString(), "loud");
  EXPECT_TRUE(muted["Response"]["MutedAccountList"][0]["MutedUntil"].IsInt64());
  Live("mute_member", R"({"RoomId":"r","MemberList_Account":["louder"],"MuteTime":0})");  // unmute
  EXPECT_EQ(Live("get_muted_member_list", R"({"RoomId":"r"})")["Response"]["MutedAccountList"].Size(), 1u);
  SetClock(31);
  EXPECT_EQ(Live("get_muted_member_list", R"({"RoomId":"r"})")["Response"]["MutedAccountList"].Size(), 0u);
  Live("mute_member", R"({"RoomId":"r","MemberList_Account":["a"],"MuteTime":-1})", 100002);
  Live("mute_member", R"({"RoomId":"r","MemberList_Account":["a"]})", 100002);
  Live("mute_member", R"({"RoomId":"r","MemberList_Account":)" + Accounts("u", 0, 501) + R"(,"MuteTime":5})", 100002);
  Live("get_muted_member_list", R"({"RoomId":"none"})", 100004);
}

TEST_F(RoomPeopleTest, DestroyDropsThePeopleAndAnswersTheViewers) {
  Join(R"(["a","b"])");
  Live("modify_admin", R"({"RoomId":"r","Admin_Account":["a"],"OpType":"add"})");
  Live("ban_member", R"({"RoomId":"r","MemberList_Account":["c"],"Duration":600})");
  rapidjson::Document destroyed = Live("destroy_room", R"({"RoomId":"r"})");
  EXPECT_EQ(destroyed["Response"]["Statistic"]["TotalViewers"].GetInt(), 2);
  Live("create_room", R"({"RoomInfo":{"RoomId":"r","RoomType":"Live"}})");
  EXPECT_TRUE(MemberPage("").empty());
  EXPECT_EQ(Live("get_admin_list", R"({"RoomId":"r"})")["Response"]["Admin_Account"].Size(), 0u);
  Join(R"(["c"])");  // the ban went with the room
  EXPECT_EQ(Live("get_room_info", R"({"RoomId":"r"})")["Response"]["RoomInfo"]["ViewCount"].GetInt(), 1);
}

TEST(RoomPeopleProcessTest, ARestartKeepsMembersAdminsAndBans) {
  TempDir dir;
  const std::vector<std::string> args = {"--db", dir.File("people.db"), "--rate-limits", "off"};
  std::unique_ptr<ServerProcess> server;
  ASSERT_TRUE(ServerProcess::Start(args, &server));
  auto call = [&](const std::string& api, const std::string& body) {
    return CallDefaultApp(server->port(), "v4/live_engine_http_srv/" + api, body);
  };
  ExpectV4(call("create_room", R"({"RoomInfo":{"RoomId":"p","RoomType":"Live"}})"), 0);
  ASSERT_EQ(HttpClient(server->port())
                .Send(bhttp::verb::post, "/_emulator/rooms/members",
                      R"({"sdkappid":1400000000,"room_id":"p","join":["m1","m2"]})")
                .status,
            200u);
  ExpectV4(call("modify_admin", R"({"RoomId":"p","Admin_Account":["m1"],"OpType":"add"})"), 0);
  ExpectV4(call("ban_member", R"({"RoomId":"p","MemberList_Account":["m2"],"Duration":3600})"), 0);
  server->Stop(SIGKILL);  // no clean shutdown
  ASSERT_TRUE(ServerProcess::Start(args, &server));
  EXPECT_EQ(JsonText(ExpectV4(call("get_member_list", R"({"RoomId":"p","Next":""})"), 0)["Response"]),
            R"({"Next":"","MemberCount":1,"MemberList":[{"Member_Account":"m1"}]})");
  EXPECT_EQ(JsonText(ExpectV4(call("get_admin_list", R"({"RoomId":"p"})"), 0)["Response"]),
            R"({"Admin_Account":["m1"]})");
  EXPECT_EQ(ExpectV4(call("get_banned_member_list", R"({"RoomId":"p"})"), 0)["Response"]["BannedAccountList"].Size(),
            1u);
}

}  // namespace
}  // namespace trtc::testing

namespace trtc::testing {
namespace {

TEST(RoomPeopleSeedTest, APopulatedRoomFromTheFixtureAndBadSeedsStopTheStart) {
  TempDir dir;
  const std::string fixture = dir.File("people.json");
  std::ofstream(fixture) << R"({"apps":[{"sdkappid":1400000000,"key":")" << kAppKey << R"("}],)"
                         << R"("rooms":[{"sdkappid":1400000000,"room_id":"live-room","metadata":{"k":"v"},)"
                            R"("room_info":{"RoomName":"Demo","Owner_Account":"alice","MaxSeatCount":4},)"
                            R"("members":["alice","bob"],"admins":["alice"],"seats":{"2":"bob"}}]})";
  const std::vector<std::string> args = {"--db", dir.File("seeded.db"), "--fixtures", fixture,
                                         "--rate-limits", "off"};
  std::unique_ptr<ServerProcess> server;
  ASSERT_TRUE(ServerProcess::Start(args, &server));
  auto call = [&](const std::string& path, const std::string& body) {
    return CallDefaultApp(server->port(), path, body);
  };
  rapidjson::Document info =
      ExpectV4(call("v4/live_engine_http_srv/get_room_info", R"({"RoomId":"live-room"})"), 0);
  EXPECT_STREQ(info["Response"]["RoomInfo"]["RoomName"].GetString(), "Demo");
  EXPECT_STREQ(info["Response"]["RoomInfo"]["Owner_Account"].GetString(), "alice");
  EXPECT_EQ(info["Response"]["RoomInfo"]["ViewCount"].GetInt(), 2);
  EXPECT_EQ(JsonText(ExpectV4(call("v4/live_engine_http_srv/get_member_list",
                                   R"({"RoomId":"live-room","Next":""})"),
                              0)["Response"]["MemberList"]),
            R"([{"Member_Account":"alice"},{"Member_Account":"bob"}])");
  EXPECT_EQ(JsonText(ExpectV4(call("v4/live_engine_http_srv/get_admin_list", R"({"RoomId":"live-room"})"), 0)
                         ["Response"]),
            R"({"Admin_Account":["alice"]})");
  rapidjson::Document seats =
      ExpectV4(call("v4/room_engine_http_mic/get_seat_list", R"({"RoomId":"live-room"})"), 0);
  ASSERT_EQ(seats["Response"]["SeatList"].Size(), 4u);
  EXPECT_STREQ(seats["Response"]["SeatList"][2]["Member_Account"].GetString(), "bob");
  rapidjson::Document checked = ExpectV4(
      call("v4/im_open_login_svc/account_check", R"({"CheckItem":[{"UserID":"bob"}]})"), 0);
  EXPECT_STREQ(checked["ResultItem"][0]["AccountStatus"].GetString(), "Imported");
  // The state dump shows the people; the seed sent no callback (there is no configuration
  // to send one to, and seeds never do).
  rapidjson::Document state =
      HttpClient(server->port()).Send(bhttp::verb::get, "/_emulator/state?sdkappid=1400000000", "").Json();
  const rapidjson::Value& room = state["rooms"][0];
  EXPECT_EQ(JsonText(room["Members"]), R"(["alice","bob"])");
  EXPECT_EQ(JsonText(room["Admins"]), R"(["alice"])");
  EXPECT_EQ(room["SeatList"].Size(), 4u);
  // A reset brings the seeded people back.
  ExpectV4(call("v4/live_engine_http_srv/destroy_room", R"({"RoomId":"live-room"})"), 0);
  ASSERT_EQ(HttpClient(server->port()).Send(bhttp::verb::post, "/_emulator/reset", "{}").status, 200u);
  EXPECT_EQ(ExpectV4(call("v4/live_engine_http_srv/get_member_list", R"({"RoomId":"live-room","Next":""})"), 0)
                ["Response"]["MemberCount"].GetInt(),
            2);
  server->Stop(SIGTERM);

  const std::string seed_start =
      R"({"apps":[{"sdkappid":1400000000,"key":"k"}],"rooms":[{"sdkappid":1400000000,"room_id":"x",)";
  const std::pair<std::string, std::string> bad_seeds[] = {
      {R"("room_info":{"MaxSeatCount":2},"members":["a"],"seats":{"2":"a"}}]})", "rooms[0].seats"},
      {R"("room_info":{"MaxSeatCount":2},"members":["a"],"seats":{"0":"b"}}]})", "rooms[0].seats"},
      {R"("admins":["1","2","3","4","5","6"]}]})", "rooms[0].admins"},
      {R"("room_info":{"MaxSeatCount":-1}}]})", "rooms[0].room_info"},
      {R"("room_info":{"MaxMemberCount":1},"members":["a","b"]}]})", "rooms[0].members"},
      {R"("members":[""]}]})", "rooms[0].members"},
  };
  for (const auto& [tail, where] : bad_seeds) {
    SCOPED_TRACE(tail);
    std::ofstream(dir.File("bad.json")) << seed_start << tail;
    ProcessResult bad = RunToExit({"--in-memory", "--port", "0", "--fixtures", dir.File("bad.json")});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find(where), std::string::npos) << bad.err;
  }
}

}  // namespace
}  // namespace trtc::testing
