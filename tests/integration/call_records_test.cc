// Call records over real sockets, both families: what every played call leaves, its
// agreement with the end-of-call callback, each API's errors at their edges, filters and
// paging, the 7-day window on the emulator's clock, fixture seeds, reset and restarts.
#include <algorithm>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

#include "tests/integration/support/callback_receiver.h"
#include "tests/integration/support/emulator_test.h"
#include "tests/integration/support/envelope_expect.h"
#include "tests/integration/support/official_usersig.h"
#include "tests/integration/support/temp_dir.h"

namespace trtc::testing {
namespace {

namespace bhttp = http::bhttp;

constexpr char kV4ById[] = "v4/call_record_http_srv/get_record_by_callid";
constexpr char kV4ByFilter[] = "v4/call_record_http_srv/get_record_by_filter";
constexpr char kV1ById[] = "v1/records/get_record_by_callId";
constexpr char kV1ByFilter[] = "v1/records/get_records_by_filter";
constexpr int64_t kHour = 3600;
constexpr int64_t kDay = 86400;

std::string Str(const rapidjson::Value& value) { return value.IsString() ? value.GetString() : "?"; }

std::vector<std::string> V4Ids(const rapidjson::Document& reply) {
  std::vector<std::string> ids;
  for (const auto& record : reply["Response"]["CallRecordList"].GetArray()) {
    ids.push_back(Str(record["CallId"]));
  }
  return ids;
}

class CallRecordsTest : public EmulatorTest {
 protected:
  // The window tests move the clock by days: UserSigs valid for 30 of them.
  static void SetUpTestSuite() {
    EmulatorTest::SetUpTestSuite();
    const std::vector<SigRequest> requests = {
        {kApp, kAppKey, kAdmin, 30 * kDay, {}},
        {kOtherApp, kOtherAppKey, kAdmin, 30 * kDay, {}},
        {kNoGroupCallApp, kNoGroupCallAppKey, kAdmin, 30 * kDay, {}}};
    const std::vector<std::string> sigs = OfficialUserSigs(requests);
    ASSERT_EQ(sigs.size(), requests.size());
    for (size_t i = 0; i < sigs.size(); ++i) sigs_[{requests[i].sdkappid, kAdmin}] = sigs[i];
  }
  void SetUp() override {
    ASSERT_EQ(Control(bhttp::verb::post, "/_emulator/reset", "{}").status, 200u);
    SetClock(0);
  }
  void TearDown() override { SetClock(0); }


  // Plays a call and returns its id.
  std::string Play(const std::string& call_id, const std::string& outcome,
                   const std::string& callees = R"(["bob"])", const std::string& extra = "") {
    HttpReply reply = Control(bhttp::verb::post, "/_emulator/calls",
                              R"({"sdkappid":1400000000,"caller":"alice","callees":)" + callees +
                                  R"(,"outcome":")" + outcome + R"(","call_id":")" + call_id +
                                  "\"" + extra + "}");
    EXPECT_EQ(reply.status, 200u) << reply.body;
    return call_id;
  }

  rapidjson::Document V4Record(const std::string& call_id, int code = 0) {
    return ExpectV4(Call(kV4ById, R"({"CallId":")" + call_id + "\"}"), code);
  }
  rapidjson::Document V1Record(const std::string& call_id, int code = 0) {
    return ExpectV1(Call(kV1ById, R"({"callId":")" + call_id + "\"}"), code);
  }
};

TEST_F(CallRecordsTest, EveryPlayedCallLeavesOneRecordInBothFamilies) {
  const char* outcomes[] = {"normal_end", "reject", "not_answer", "cancel", "call_busy", "interrupt"};
  const char* v4_results[] = {"NormalEnd", "Reject", "NotAnswer", "Cancel", "CallBusy", "Interrupt"};
  for (size_t i = 0; i < std::size(outcomes); ++i) {
    for (bool group : {false, true}) {
      const std::string id = std::string(outcomes[i]) + (group ? "-group" : "-single");
      SCOPED_TRACE(id);
      Play(id, outcomes[i], group ? R"(["bob","carol"])" : R"(["bob"])",
           group ? R"(,"media_type":"Video","room_id":"room-x")" : "");
      const int64_t now = Now();
      rapidjson::Document v4 = V4Record(id);
      const auto& record = v4["Response"]["CallRecord"];
      EXPECT_EQ(Str(record["CallId"]), id);
      EXPECT_EQ(Str(record["Caller_Account"]), "alice");
      EXPECT_EQ(Str(record["MediaType"]), group ? "Video" : "Audio");
      EXPECT_EQ(Str(record["CallType"]), group ? "MultiCall" : "SingleCall");
      EXPECT_EQ(Str(record["CallResult"]), v4_results[i]);
      EXPECT_EQ(record["CalleeList_Account"].Size(), group ? 2u : 1u);
      EXPECT_EQ(record["RoomIdType"].GetInt(), group ? 2 : 1);
      EXPECT_LE(record["StartTime"].GetInt64(), now);
      EXPECT_GE(record["StartTime"].GetInt64(), now - 60);
      const bool accepted = i == 0 || i == 5;
      EXPECT_EQ(record["AcceptTime"].GetInt64() > 0, accepted);
      rapidjson::Document v1 = V1Record(id);
      const auto& data = v1["data"];
      EXPECT_EQ(Str(data["callId"]), id);
      EXPECT_EQ(data["sdkAppId"].GetUint(), kApp);
      EXPECT_EQ(Str(data["mediaType"]), group ? "video" : "audio");
      EXPECT_EQ(Str(data["callType"]), group ? "group" : "single");
      EXPECT_EQ(Str(data["callResult"]), outcomes[i]);
      EXPECT_EQ(Str(data["roomId"]), Str(record["RoomId"]));
      EXPECT_EQ(data["startCallTs"].GetInt64(), record["StartTime"].GetInt64());
      EXPECT_EQ(data["acceptTs"].GetInt64(), record["AcceptTime"].GetInt64());
      EXPECT_EQ(data["endTs"].GetInt64(), record["EndTime"].GetInt64());
      EXPECT_EQ(data["totalUserNumber"].GetInt(), group ? 3 : 2);
      EXPECT_EQ(data["callees"].Size(), group ? 2u : 1u);
    }
  }
  rapidjson::Document all = ExpectV4(Call(kV4ByFilter, R"({"NumberPerPage":100})"), 0);
  EXPECT_EQ(all["Response"]["TotalNum"].GetInt(), 12);
}

TEST_F(CallRecordsTest, TheRecordIsTheEndCallbacksCallRecordFieldByField) {
  CallbackReceiver receiver;
  ExpectV4(Call("v4/call_config/set_callback",
                R"({"Url":")" + receiver.Url("/end") +
                    R"(","CallbackCommandList":["Call.CallbackAfterEndCall"]})"),
           0);
  Play("agreeing-1", "normal_end", R"(["bob","carol","dave"])", R"(,"media_type":"Video")");
  Play("agreeing-2", "cancel");
  const std::vector<ReceivedRequest> received = receiver.WaitFor(2);
  ASSERT_EQ(received.size(), 2u);
  for (const ReceivedRequest& request : received) {
    rapidjson::Document body = request.Json();
    const std::string id = Str(body["CallRecord"]["CallId"]);
    SCOPED_TRACE(id);
    rapidjson::Document v4 = V4Record(id);
    EXPECT_TRUE(v4["Response"]["CallRecord"] == body["CallRecord"]) << request.body;
  }
}

TEST_F(CallRecordsTest, UnknownIdsBadFieldsAndWrongCasePaths) {
  Play("known", "cancel");
  V4Record("unknown", 101050);
  ExpectV4(Call(kV4ById, "{}"), 100002);
  ExpectV4(Call(kV4ById, R"({"CallId":5})"), 100002);
  ExpectV4(Call(kV4ById, R"({"callId":"known"})"), 100002);  // v1's spelling
  rapidjson::Document v1 = V1Record("unknown", 70001);
  EXPECT_EQ(Str(v1["errorMessage"]), "The call record does not exist");
  ExpectV1(Call(kV1ById, "{}"), 70001);
  ExpectV1(Call(kV1ById, R"({"callId":5})"), 70009);
  ExpectV1(Call(kV1ById, "[]"), 70009);
  // Paths are case-sensitive, exactly as Tencent writes them.
  ExpectV4(Call("v4/call_record_http_srv/get_record_by_callId", R"({"CallId":"known"})"), 60009);
  ExpectV4(Call("v4/call_record_http_srv/get_records_by_filter", "{}"), 60009);
  ExpectV1(Call("v1/records/get_record_by_callid", R"({"callId":"known"})"), 70001);
  ExpectV1(Call("v1/records/get_record_by_filter", R"({"startTimestamp":0})"), 70001);
  // Without the Group Call package, v1 answers 50001; v4 has no package check.
  ExpectV1(Call(kV1ById, R"({"callId":"known"})", kNoGroupCallApp), 50001);
  V4Record("known");
}

TEST_F(CallRecordsTest, FiltersAndPagingNewestFirst) {
  // Twelve calls an hour apart: f-0 now, f-11 eleven hours ago; every third a group
  // call, odd ones rejected.
  for (int i = 0; i < 12; ++i) {
    SetClock(-i * kHour);
    Play("f-" + std::to_string(i), i % 2 ? "reject" : "normal_end",
         i % 3 == 0 ? R"(["bob","carol"])" : R"(["bob"])");
  }
  SetClock(0);
  const int64_t now = Now();
  rapidjson::Document page = ExpectV4(Call(kV4ByFilter, "{}"), 0);
  EXPECT_EQ(page["Response"]["TotalNum"].GetInt(), 12);
  EXPECT_EQ(page["Response"]["Page"].GetInt(), 1);
  EXPECT_EQ(V4Ids(page), (std::vector<std::string>{"f-0", "f-1", "f-2", "f-3", "f-4", "f-5", "f-6",
                                                   "f-7", "f-8", "f-9"}));
  page = ExpectV4(Call(kV4ByFilter, R"({"NumberPerPage":5,"Page":3})"), 0);
  EXPECT_EQ(V4Ids(page), (std::vector<std::string>{"f-10", "f-11"}));
  EXPECT_EQ(page["Response"]["Page"].GetInt(), 3);
  page = ExpectV4(Call(kV4ByFilter, R"({"NumberPerPage":5,"Page":4})"), 0);
  EXPECT_EQ(page["Response"]["Page"].GetInt(), 0);  // past the end
  EXPECT_EQ(page["Response"]["TotalNum"].GetInt(), 12);
  EXPECT_TRUE(V4Ids(page).empty());
  const std::string range = R"({"StartTime":)" + std::to_string(now - 5 * kHour - 1800) +
                            R"(,"EndTime":)" + std::to_string(now - 2 * kHour - 1800) + "}";
  EXPECT_EQ(V4Ids(ExpectV4(Call(kV4ByFilter, range), 0)),
            (std::vector<std::string>{"f-3", "f-4", "f-5"}));
  page = ExpectV4(Call(kV4ByFilter, R"({"CallResult":"Reject","CallType":"MultiCall"})"), 0);
  EXPECT_EQ(V4Ids(page), (std::vector<std::string>{"f-3", "f-9"}));
  page = ExpectV4(Call(kV4ByFilter, R"({"CallResult":"Offline"})"), 0);
  EXPECT_EQ(page["Response"]["TotalNum"].GetInt(), 0);
  EXPECT_EQ(page["Response"]["Page"].GetInt(), 0);
  for (const char* bad : {R"({"StartTime":10,"EndTime":9})", R"({"NumberPerPage":0})",
                          R"({"NumberPerPage":101})", R"({"Page":0})", R"({"CallResult":"reject"})",
                          R"({"CallType":"group"})", R"({"StartTime":"1"})"}) {
    ExpectV4(Call(kV4ByFilter, bad), 100002);
  }

  rapidjson::Document v1 = ExpectV1(Call(kV1ByFilter, R"({"startTimestamp":0})"), 0);
  EXPECT_EQ(v1["data"]["totalNum"].GetInt(), 12);
  EXPECT_EQ(v1["data"]["page"].GetInt(), 1);
  EXPECT_EQ(v1["data"]["callRecordList"].Size(), 12u);  // 100 a page by default
  EXPECT_EQ(Str(v1["data"]["callRecordList"][0]["callId"]), "f-0");
  v1 = ExpectV1(Call(kV1ByFilter, R"({"startTimestamp":0,"callType":"group","callResult":"normal_end","numberPerPage":1,"page":2})"), 0);
  EXPECT_EQ(v1["data"]["totalNum"].GetInt(), 2);  // f-0, f-6
  EXPECT_EQ(Str(v1["data"]["callRecordList"][0]["callId"]), "f-6");
  v1 = ExpectV1(Call(kV1ByFilter, R"({"startTimestamp":0,"page":2})"), 0);
  EXPECT_EQ(v1["data"]["page"].GetInt(), 0);
  EXPECT_EQ(v1["data"]["callRecordList"].Size(), 0u);
  ExpectV1(Call(kV1ByFilter, "{}"), 70001);
  ExpectV1(Call(kV1ByFilter, R"({"startTimestamp":5,"endTimestamp":4})"), 70001);
  ExpectV1(Call(kV1ByFilter, R"({"startTimestamp":0,"callResult":"NormalEnd"})"), 70001);
  ExpectV1(Call(kV1ByFilter, R"({"startTimestamp":0,"numberPerPage":101})"), 70001);
  ExpectV1(Call(kV1ByFilter, R"({"startTimestamp":"0"})"), 70009);
}

TEST_F(CallRecordsTest, TheSevenDayWindowFollowsTheEmulatorsClock) {
  Play("aging", "normal_end");
  SetClock(6 * kDay);  // six days later: still there, and a StartTime of 0 is raised
  V4Record("aging");
  EXPECT_EQ(V4Ids(ExpectV4(Call(kV4ByFilter, R"({"StartTime":0})"), 0)),
            std::vector<std::string>{"aging"});
  SetClock(8 * kDay);  // eight days later: gone from both families
  V4Record("aging", 101050);
  V1Record("aging", 70001);
  EXPECT_EQ(ExpectV4(Call(kV4ByFilter, "{}"), 0)["Response"]["TotalNum"].GetInt(), 0);
  EXPECT_EQ(ExpectV1(Call(kV1ByFilter, R"({"startTimestamp":0})"), 0)["data"]["totalNum"].GetInt(), 0);
  // Still stored: the state shows it, and moving the clock back brings it back.
  HttpReply state = Control(bhttp::verb::get, "/_emulator/state?sdkappid=1400000000");
  EXPECT_EQ(Str(state.Json()["call_records"][0]["CallId"]), "aging");
  SetClock(0);
  V4Record("aging");
}

TEST_F(CallRecordsTest, ResetClearsAnAppsRecordsAndNoOtherApps) {
  Play("before-reset", "cancel");
  HttpReply other = Control(bhttp::verb::post, "/_emulator/calls",
                            R"({"sdkappid":1400000001,"caller":"a","callees":["b"],"outcome":"cancel","call_id":"other-app"})");
  ASSERT_EQ(other.status, 200u);
  ASSERT_EQ(Control(bhttp::verb::post, "/_emulator/reset", R"({"sdkappid":1400000000})").status, 200u);
  V4Record("before-reset", 101050);
  ExpectV4(Call(kV4ById, R"({"CallId":"other-app"})", kOtherApp), 0);
}

// Each of these starts its own server.
class CallRecordProcessTest : public ::testing::Test {
 protected:
  void Start(const std::vector<std::string>& args) {
    ASSERT_TRUE(ServerProcess::Start(args, &server_));
    if (sig_.empty()) {
      std::vector<std::string> sigs = OfficialUserSigs({{kApp, kAppKey, kAdmin, 86400, {}}});
      ASSERT_EQ(sigs.size(), 1u);
      sig_ = sigs[0];
    }
  }
  HttpReply Call(const std::string& path, const std::string& body) {
    return HttpClient(server_->port()).Post(ApiTarget(path, kApp, kAdmin, sig_), body);
  }
  HttpReply Control(bhttp::verb method, const std::string& path, const std::string& body = "") {
    return HttpClient(server_->port()).Send(method, path, body);
  }
  std::string Fixture(const std::string& records) {
    const std::string path = dir_.File("records-" + std::to_string(++fixtures_) + ".json");
    std::ofstream(path) << R"({"apps":[{"sdkappid":1400000000,"key":")" << kAppKey
                        << R"("}],"call_records":)" << records << "}";
    return path;
  }

  TempDir dir_;
  int fixtures_ = 0;
  std::unique_ptr<ServerProcess> server_;
  std::string sig_;
};

std::string Seed(const std::string& call_id, int64_t start, const std::string& extra = "",
                 const std::string& outcome = "normal_end", const std::string& media = "Video") {
  return R"({"sdkappid":1400000000,"call_id":")" + call_id +
         R"(","caller":"alice","callees":["bob"],"media_type":")" + media + R"(","outcome":")" +
         outcome + R"(","start_time":)" + std::to_string(start) + R"(,"accept_time":)" +
         std::to_string(start + 3) + R"(,"end_time":)" + std::to_string(start + 60) + extra + "}";
}

TEST_F(CallRecordProcessTest, SeedsAreRecordsFromTheFirstStartAndAfterEachReset) {
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  const std::string fixture =
      Fixture("[" + Seed("seeded", now - kHour, R"(,"room_id":"room-9")") + "," +
              Seed("no-room", now - 2 * kHour) + "," + Seed("old", now - 9 * kDay) + "]");
  Start({"--in-memory", "--rate-limits", "off", "--fixtures", fixture});
  rapidjson::Document v4 = ExpectV4(Call(kV4ById, R"({"CallId":"seeded"})"), 0);
  const auto& record = v4["Response"]["CallRecord"];
  EXPECT_EQ(record["StartTime"].GetInt64(), now - kHour);
  EXPECT_EQ(record["AcceptTime"].GetInt64(), now - kHour + 3);
  EXPECT_EQ(record["EndTime"].GetInt64(), now - kHour + 60);
  EXPECT_EQ(Str(record["RoomId"]), "room-9");
  EXPECT_EQ(Str(record["MediaType"]), "Video");
  rapidjson::Document generated = ExpectV4(Call(kV4ById, R"({"CallId":"no-room"})"), 0);
  EXPECT_EQ(generated["Response"]["CallRecord"]["RoomIdType"].GetInt(), 1);
  // Older than 7 days: stored, outside the window until the clock goes back.
  ExpectV4(Call(kV4ById, R"({"CallId":"old"})"), 101050);
  ASSERT_EQ(Control(bhttp::verb::post, "/_emulator/clock", R"({"offset_s":-777600})").status, 200u);
  ExpectV4(Call(kV4ById, R"({"CallId":"old"})"), 0);
  ASSERT_EQ(Control(bhttp::verb::post, "/_emulator/clock", R"({"offset_s":0})").status, 200u);
  // A played call goes with a reset; the seeds come back.
  ASSERT_EQ(Control(bhttp::verb::post, "/_emulator/calls",
                    R"({"sdkappid":1400000000,"caller":"a","callees":["b"],"outcome":"cancel","call_id":"played"})")
                .status,
            200u);
  ASSERT_EQ(Control(bhttp::verb::post, "/_emulator/reset", "{}").status, 200u);
  ExpectV4(Call(kV4ById, R"({"CallId":"played"})"), 101050);
  rapidjson::Document state = Control(bhttp::verb::get, "/_emulator/state?sdkappid=1400000000").Json();
  ASSERT_EQ(state["call_records"].Size(), 3u);
  EXPECT_EQ(Str(state["call_records"][0]["CallId"]), "seeded");
}

TEST_F(CallRecordProcessTest, AnInvalidSeedStopsTheStartWithOneLine) {
  const int64_t t = 1764000000;
  const struct {
    std::string records;
    std::string says;
  } cases[] = {
      {"[" + Seed("a", t, "", "hangup") + "]", "hangup"},
      {R"([{"sdkappid":1400000000,"call_id":"a","caller":"x","callees":["y"],"media_type":"Audio","outcome":"reject","start_time":1,"accept_time":2,"end_time":3}])",
       "accept_time must be 0"},
      {R"([{"sdkappid":1400000000,"call_id":"a","caller":"x","callees":["y"],"media_type":"Audio","outcome":"normal_end","start_time":5,"accept_time":9,"end_time":8}])",
       "start_time <= accept_time <= end_time"},
      {"[" + Seed("a", t) + "," + Seed("a", t + 1) + "]", "seeded twice"},
      {R"([{"sdkappid":1400000009,"call_id":"a","caller":"x","callees":["y"],"media_type":"Audio","outcome":"cancel","start_time":1,"accept_time":0,"end_time":3}])",
       "not defined in apps"},
      {R"([{"sdkappid":1400000000,"call_id":"a","caller":"x","callees":["y"],"media_type":"Audio","outcome":"cancel","start_time":1,"end_time":3}])",
       "call_records[0].accept_time is required"},
      {"[" + Seed("a", t, "", "normal_end", "video") + "]", "media_type"},
      {"[" + Seed("a", t, R"(,"callee":"z")") + "]", "unknown member \"callee\""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.records);
    ProcessResult result = RunToExit({"--in-memory", "--port", "0", "--fixtures", Fixture(c.records)});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find(c.says), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("call_records[") , std::string::npos) << result.err;
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  }
}

TEST_F(CallRecordProcessTest, RecordsSurviveARestartAndAKill) {
  const std::vector<std::string> args = {"--db", dir_.File("records.db"), "--rate-limits", "off"};
  Start(args);
  ASSERT_EQ(Control(bhttp::verb::post, "/_emulator/calls",
                    R"({"sdkappid":1400000000,"caller":"a","callees":["b"],"outcome":"call_busy","call_id":"kept"})")
                .status,
            200u);
  EXPECT_EQ(server_->Stop(SIGTERM), 0);
  Start(args);
  ExpectV4(Call(kV4ById, R"({"CallId":"kept"})"), 0);
  ASSERT_EQ(Control(bhttp::verb::post, "/_emulator/calls",
                    R"({"sdkappid":1400000000,"caller":"a","callees":["b"],"outcome":"cancel","call_id":"killed"})")
                .status,
            200u);
  server_->Stop(SIGKILL);
  Start(args);
  ExpectV1(Call(kV1ById, R"({"callId":"killed"})"), 0);
  ExpectV1(Call(kV1ById, R"({"callId":"kept"})"), 0);
}

}  // namespace
}  // namespace trtc::testing
