// Seats, messages, statistics and robots of a live room over real sockets (api.md
// §10.3-§10.6): each API's success and its codes in the stated order, the interplay (a
// ban takes a member off its seat and out of the room, lock removes the occupant, a muted
// sender gets 100017, a fourth robot 100013), and the seat and member callbacks at a real
// receiver.
#include <string>
#include <vector>

#include "tests/integration/support/callback_receiver.h"
#include "tests/integration/support/callback_suite.h"
#include "tests/integration/support/envelope_expect.h"

namespace trtc::testing {
namespace {

namespace bhttp = http::bhttp;

class RoomActivityTest : public CallbackSuite {
 protected:
  void SetUp() override {
    ASSERT_EQ(Control(bhttp::verb::post, "/_emulator/reset", "{}").status, 200u);
    SetClock(0);
    Live("create_room",
         R"({"RoomInfo":{"RoomId":"r","RoomType":"Live","Owner_Account":"host","MaxSeatCount":3}})");
    Join(R"(["host","a","b","c"])");
  }
  void TearDown() override { SetClock(0); }

  rapidjson::Document Live(const std::string& api, const std::string& body, int code = 0) {
    return ExpectV4(Call("v4/live_engine_http_srv/" + api, body), code);
  }
  rapidjson::Document Mic(const std::string& api, const std::string& body, int code = 0) {
    return ExpectV4(Call("v4/room_engine_http_mic/" + api, body), code);
  }
  void Join(const std::string& accounts) {
    ASSERT_EQ(Control(bhttp::verb::post, "/_emulator/rooms/members",
                      R"({"sdkappid":1400000000,"room_id":"r","join":)" + accounts + "}")
                  .status,
              200u);
  }
  std::string Seats() {
    return JsonText(Mic("get_seat_list", R"({"RoomId":"r"})")["Response"]["SeatList"]);
  }
  void Pick(const std::string& account, int index, int code = 0) {
    Mic("pick_user_on_seat",
        R"({"RoomId":"r","Member_Account":")" + account + R"(","Index":)" + std::to_string(index) + "}",
        code);
  }
};

TEST_F(RoomActivityTest, SeatsAreTakenMovedLockedAndLeftInTheStatedOrder) {
  EXPECT_EQ(Seats(),
            R"([{"Index":0,"IsTakenDisabled":false,"IsVideoDisabled":false,"IsAudioDisabled":false},)"
            R"({"Index":1,"IsTakenDisabled":false,"IsVideoDisabled":false,"IsAudioDisabled":false},)"
            R"({"Index":2,"IsTakenDisabled":false,"IsVideoDisabled":false,"IsAudioDisabled":false}])");
  Pick("a", 0);
  Pick("a", 1, 100203);   // already on a seat
  Pick("b", 0, 100210);   // someone sits there
  Pick("ghost", 1, 100005);  // not a member
  Pick("b", 3, 100002);   // no such seat
  Pick("ghost", 3, 100002);  // the range before membership
  Mic("lock_seat", R"({"RoomId":"r","Index":1,"ForbidTaken":true})");
  Pick("b", 1, 100200);   // locked
  Mic("lock_seat", R"({"RoomId":"r","Index":0,"ForbidAudio":true})");
  Mic("switch_seat", R"({"RoomId":"r","ToIndex":2,"Member_Account":"a"})");
  // The user's flags move with them; the lock stays on its seat.
  EXPECT_EQ(Seats(),
            R"([{"Index":0,"IsTakenDisabled":false,"IsVideoDisabled":false,"IsAudioDisabled":false},)"
            R"({"Index":1,"IsTakenDisabled":true,"IsVideoDisabled":false,"IsAudioDisabled":false},)"
            R"({"Index":2,"Member_Account":"a","IsTakenDisabled":false,"IsVideoDisabled":false,"IsAudioDisabled":true}])");
  Mic("switch_seat", R"({"RoomId":"r","ToIndex":1,"Member_Account":"a"})", 100200);
  Mic("switch_seat", R"({"RoomId":"r","ToIndex":0,"Member_Account":"b"})", 100206);
  Pick("b", 0);
  Mic("switch_seat", R"({"RoomId":"r","ToIndex":0,"Member_Account":"a"})", 100210);
  Mic("switch_seat", R"({"RoomId":"r","ToIndex":2,"Member_Account":"a"})");  // its own: no-op
  // Locking an occupied seat removes its user first.
  Mic("lock_seat", R"({"RoomId":"r","Index":0,"ForbidTaken":true,"ForbidVideo":true})");
  rapidjson::Document seats = Mic("get_seat_list", R"({"RoomId":"r"})");
  EXPECT_FALSE(seats["Response"]["SeatList"][0].HasMember("Member_Account"));
  EXPECT_FALSE(seats["Response"]["SeatList"][0]["IsVideoDisabled"].GetBool());  // ignored: locked
  Mic("kick_user_off_seat", R"({"RoomId":"r","Member_Account":"b","Data":"bye"})", 100206);
  Mic("kick_user_off_seat", R"({"RoomId":"r","Member_Account":"a","Data":"bye"})");
  Mic("kick_user_off_seat", R"({"RoomId":"r","Member_Account":"a"})", 100002);
  Mic("lock_seat", R"({"RoomId":"r","Index":"0"})", 100002);
  Mic("lock_seat", R"({"RoomId":"none","Index":0})", 100004);

  // A room without seats.
  Live("create_room", R"({"RoomInfo":{"RoomId":"flat","RoomType":"Live"}})");
  EXPECT_EQ(JsonText(Mic("get_seat_list", R"({"RoomId":"flat"})")["Response"]), R"({"SeatList":[]})");
  Mic("pick_user_on_seat", R"({"RoomId":"flat","Member_Account":"a","Index":9})", 100211);
  Mic("lock_seat", R"({"RoomId":"flat","Index":0})", 100211);
}

TEST_F(RoomActivityTest, SeatChangesSendTheFullSeatListAndABanTakesTheSeatFirst) {
  CallbackReceiver receiver;
  ExpectV4(Call("v4/live_config/set_callback",
                R"({"Url":")" + receiver.Url("/mic") +
                    R"(","CallbackCommandList":["Mic.CallbackAfterSeatInfoChanged","Live.CallbackAfterMemberStateChanged"]})"),
           0);
  Pick("a", 1);
  Live("ban_member", R"({"RoomId":"r","MemberList_Account":["a"],"Duration":60})");
  const std::vector<ReceivedRequest> got = receiver.WaitFor(3);
  ASSERT_EQ(got.size(), 3u);
  rapidjson::Document picked = got[0].Json();
  EXPECT_EQ(Str(picked["CallbackCommand"]), "Mic.CallbackAfterSeatInfoChanged");
  EXPECT_EQ(MemberNames(picked),
            (std::vector<std::string>{"CallbackCommand", "RoomId", "SeatList", "EventTime"}));
  EXPECT_EQ(picked["SeatList"].Size(), 3u);
  EXPECT_EQ(Str(picked["SeatList"][1]["Member_Account"]), "a");
  EXPECT_FALSE(got[1].Json()["SeatList"][1].HasMember("Member_Account"));  // off the seat first
  EXPECT_EQ(Str(got[2].Json()["EventCause"]), "Kicked");                  // then out
  EXPECT_FALSE(Seats().find("\"a\"") != std::string::npos);
}

TEST_F(RoomActivityTest, MessagesCountAndAreCheckedAgainstBansMutesAndTheRoomSwitch) {
  rapidjson::Document first = Live(
      "send_text_msg",
      R"({"RoomId":"r","Sender_Account":"a","TextContent":"hi","ExtensionInfo":"{\"k\":1}"})");
  EXPECT_EQ(first["Response"]["MsgSeq"].GetInt(), 1);
  EXPECT_STREQ(first["Response"]["MsgDropReason"].GetString(), "");
  EXPECT_GE(first["Response"]["MsgTime"].GetInt64(), Now() - 1);
  rapidjson::Document custom =
      Live("send_custom_msg", R"({"RoomId":"r","BusinessId":"gift","Data":"{\"n\":3}"})");
  EXPECT_EQ(custom["Response"]["MsgSeq"].GetInt(), 2);
  rapidjson::Document messages =
      Control(bhttp::verb::get, "/_emulator/rooms/messages?sdkappid=1400000000&room_id=r").Json();
  ASSERT_EQ(messages["messages"].Size(), 2u);
  EXPECT_EQ(JsonText(messages["messages"][0]["MsgBody"]),
            R"([{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}])");
  EXPECT_EQ(Str(messages["messages"][0]["CloudCustomData"]), R"({"k":1})");
  EXPECT_EQ(Str(messages["messages"][1]["Sender_Account"]), kAdmin);  // the caller by default
  EXPECT_EQ(JsonText(messages["messages"][1]["MsgBody"]),
            R"([{"MsgType":"TIMCustomElem","MsgContent":{"Data":"{\"BusinessId\":\"gift\",\"Data\":\"{\\\"n\\\":3}\"}"}}])");

  // The stated order: fields, room, banned, muted, messages disabled.
  const std::string from_b = R"({"RoomId":"r","Sender_Account":"b","TextContent":"x"})";
  Live("send_text_msg", R"({"RoomId":"r","Sender_Account":"b","TextContent":""})", 100002);
  Live("send_text_msg", R"({"RoomId":"r","Sender_Account":"b","TextContent":"x","ExtensionInfo":"{nope"})", 100002);
  Live("send_text_msg", R"({"RoomId":"r","Sender_Account":"b","TextContent":")" + std::string(8200, 't') + "\"}", 100002);
  Live("send_text_msg", R"({"RoomId":"none","Sender_Account":"b","TextContent":""})", 100002);
  Live("send_text_msg", R"({"RoomId":"none","Sender_Account":"b","TextContent":"x"})", 100004);
  Live("mute_member", R"({"RoomId":"r","MemberList_Account":["b"],"MuteTime":60})");
  Live("send_text_msg", from_b, 100017);
  Live("ban_member", R"({"RoomId":"r","MemberList_Account":["b"],"Duration":60})");
  Live("send_text_msg", from_b, 100016);
  SetClock(61);
  Live("send_text_msg", from_b);  // both over
  Live("update_room_info", R"({"RoomInfo":{"RoomId":"r","IsMessageDisabled":true}})");
  Live("send_text_msg", from_b, 100017);
  Live("send_text_msg", R"({"RoomId":"r","Sender_Account":"host","TextContent":"owner"})");
  Live("send_text_msg", R"({"RoomId":"r","Sender_Account":"administrator","TextContent":"app admin"})");
  Live("modify_admin", R"({"RoomId":"r","Admin_Account":["b"],"OpType":"add"})");
  rapidjson::Document last = Live("send_text_msg", from_b);  // a room admin
  EXPECT_EQ(last["Response"]["MsgSeq"].GetInt(), 6);

  rapidjson::Document stats = Live("get_room_stats", R"({"RoomId":"r"})");
  EXPECT_EQ(JsonText(stats["Response"]),
            R"({"TotalViewers":4,"TotalGiftsSent":0,"TotalGiftCoins":0,"TotalUniqueGiftSenders":0,)"
            R"("TotalLikesReceived":0,"TotalMsgCount":6})");
  Live("get_room_stats", R"({"RoomId":"none"})", 100004);
  EXPECT_EQ(Control(bhttp::verb::get, "/_emulator/rooms/messages?sdkappid=1400000000&room_id=none").status, 404u);
  EXPECT_EQ(Control(bhttp::verb::get, "/_emulator/rooms/messages?sdkappid=1400000000").status, 400u);
}

TEST_F(RoomActivityTest, RobotsAreImportedMembersThatNeverCountAsViewers) {
  CallbackReceiver receiver;
  ExpectV4(Call("v4/live_config/set_callback",
                R"({"Url":")" + receiver.Url("/robots") +
                    R"(","CallbackCommandList":["Live.CallbackAfterMemberStateChanged"]})"),
           0);
  ExpectV4(Call("v4/im_open_login_svc/multiaccount_import", R"({"Accounts":["bot1","bot2","bot3","bot4"]})"), 0);
  Live("add_robot", R"({"RoomId":"r","RobotList_Account":["bot1","nobody"]})", 100002);  // not imported
  Live("add_robot", R"({"RoomId":"r","RobotList_Account":["bot1","bot2"]})");
  Live("add_robot", R"({"RoomId":"r","RobotList_Account":["bot2","bot3"]})");  // bot2: a no-op
  Live("add_robot", R"({"RoomId":"r","RobotList_Account":["bot4"]})", 100013);  // a fourth
  Live("add_robot", R"({"RoomId":"r","RobotList_Account":["a"]})", 100002);     // a member, not a robot
  EXPECT_EQ(JsonText(Live("get_robot", R"({"RoomId":"r"})")["Response"]),
            R"({"RobotList_Account":["bot1","bot2","bot3"]})");
  rapidjson::Document members = Live("get_member_list", R"({"RoomId":"r","Next":""})");
  EXPECT_EQ(members["Response"]["MemberCount"].GetInt(), 7);  // robots are members
  Pick("bot1", 0);
  Live("change_room_owner", R"({"RoomId":"r","NewOwner_Account":"bot2"})");
  Live("ban_member", R"({"RoomId":"r","MemberList_Account":["bot4"],"Duration":60})");
  Live("del_robot", R"({"RoomId":"r","RobotList_Account":["bot3"]})");
  Live("add_robot", R"({"RoomId":"r","RobotList_Account":["bot4"]})", 100016);  // banned
  Live("del_robot", R"({"RoomId":"r","RobotList_Account":["bot1","a"]})");  // a: not a robot, a no-op
  EXPECT_EQ(JsonText(Live("get_robot", R"({"RoomId":"r"})")["Response"]["RobotList_Account"]), R"(["bot2"])");
  EXPECT_EQ(Seats().find("bot1"), std::string::npos);  // off its seat
  EXPECT_EQ(Live("get_room_stats", R"({"RoomId":"r"})")["Response"]["TotalViewers"].GetInt(), 4);
  Live("get_robot", R"({"RoomId":"none"})", 100004);
  Live("add_robot", R"({"RoomId":"r","RobotList_Account":[]})", 100002);

  // Enter for bot1+bot2, enter for bot3, leave for bot3, leave for bot1.
  const std::vector<ReceivedRequest> got = receiver.WaitFor(4);
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(JsonText(got[0].Json()["MemberList"]), R"([{"Member_Account":"bot1"},{"Member_Account":"bot2"}])");
  EXPECT_EQ(JsonText(got[1].Json()["MemberList"]), R"([{"Member_Account":"bot3"}])");
  EXPECT_EQ(Str(got[2].Json()["EventCause"]), "Leave");
  EXPECT_EQ(JsonText(got[3].Json()["MemberList"]), R"([{"Member_Account":"bot1"}])");
}

}  // namespace
}  // namespace trtc::testing
