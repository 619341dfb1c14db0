// Call records without sockets: the record a played call leaves (and its agreement with the
// end-of-call callback), each family's filter rules at their edges, the seed rules, and
// CallRecordStore's order, paging, filters and retention in a real SQLite file.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <memory>
#include <string>
#include <vector>

#include "server/domain/call_plan.h"
#include "server/domain/call_records.h"
#include "storage/call_record_store.h"
#include "storage/database.h"
#include "tests/integration/support/temp_dir.h"

namespace trtc::domain {
namespace {

using storage::CallRecord;
using storage::CallRecordFilter;

constexpr int64_t kNow = 1800000000;

SimulatedCall Call(CallOutcome outcome, std::vector<std::string> callees = {"bob"}) {
  SimulatedCall call;
  call.sdkappid = 1400000000;
  call.call_id = "call-1";
  call.caller = "alice";
  call.callees = std::move(callees);
  call.room_id = "room-7";
  call.video = true;
  call.outcome = outcome;
  return call;
}

std::string V4Json(const CallRecord& record) {
  json::Writer w;
  WriteV4Record(w, record);
  return w.Take();
}

TEST(CallRecordOfAPlayedCall, IsWhatItsEndCallbackCarriesForEveryOutcome) {
  const storage::CallbackConfig v4{"http://h/", {"Call.CallbackAfterEndCall"}};
  for (CallOutcome outcome : {CallOutcome::kNormalEnd, CallOutcome::kReject, CallOutcome::kNotAnswer,
                              CallOutcome::kCancel, CallOutcome::kCallBusy, CallOutcome::kInterrupt}) {
    for (const auto& callees : {std::vector<std::string>{"bob"}, {"bob", "carol", "dave"}}) {
      SCOPED_TRACE(std::string(OutcomeWord(outcome)) + " with " + std::to_string(callees.size()));
      const PlannedCall plan = PlanCallbacks(Call(outcome, callees), &v4, nullptr, kNow * 1000 + 998);
      ASSERT_EQ(plan.deliveries.size(), 1u);
      rapidjson::Document body;
      body.Parse(plan.deliveries[0].body.c_str());
      rapidjson::Document record;
      record.Parse(V4Json(plan.record).c_str());
      EXPECT_TRUE(body["CallRecord"] == record) << plan.deliveries[0].body;
      EXPECT_EQ(plan.record.outcome, OutcomeWord(outcome));
      EXPECT_EQ(plan.record.start_time, kNow);
      EXPECT_EQ(plan.record.accept_time > 0, WasAccepted(outcome));
      EXPECT_GE(plan.record.end_time, plan.record.start_time);
      EXPECT_EQ(plan.record.callees, callees);
      EXPECT_TRUE(CheckCallRecord(plan.record).ok()) << CheckCallRecord(plan.record).message();
    }
  }
  // Unsubscribed, the call still leaves its record.
  EXPECT_EQ(PlanCallbacks(Call(CallOutcome::kCancel), nullptr, nullptr, 0).record.call_id, "call-1");
}

TEST(CallRecordJson, EachFamilySpellsTheSameRecord) {
  CallRecord record;
  record.sdkappid = 1400000000;
  record.call_id = "c";
  record.caller = "alice";
  record.callees = {"bob", "carol"};
  record.video = false;
  record.room_id = "123";
  record.outcome = "not_answer";
  record.start_time = 10;
  record.end_time = 20;
  EXPECT_EQ(V4Json(record),
            R"({"CallId":"c","Caller_Account":"alice","MediaType":"Audio","CallType":"MultiCall",)"
            R"("StartTime":10,"EndTime":20,"AcceptTime":0,"CallResult":"NotAnswer",)"
            R"("CalleeList_Account":["bob","carol"],"RoomId":"123","RoomIdType":1})");
  json::Writer w;
  WriteV1Record(w, record);
  EXPECT_EQ(w.Take(),
            R"({"callId":"c","sdkAppId":1400000000,"mediaType":"audio","roomId":"123",)"
            R"("startCallTs":10,"acceptTs":0,"endTs":20,"caller":"alice","totalUserNumber":3,)"
            R"("callType":"group","callResult":"not_answer","callees":["bob","carol"]})");
}

struct FilterCase {
  const char* body;
  bool ok;
};

StatusOr<CallRecordFilter> V4(const char* text, int64_t* page) {
  rapidjson::Document body;
  body.Parse(text);
  return ReadV4RecordFilter(body, kNow, page);
}

StatusOr<CallRecordFilter> V1(const char* text, int64_t* page) {
  rapidjson::Document body;
  body.Parse(text);
  return ReadV1RecordFilter(body, kNow, page);
}

TEST(CallRecordFilters, V4DefaultsToTheNewestTenOfTheLastSevenDays) {
  int64_t page = 0;
  StatusOr<CallRecordFilter> filter = V4("{}", &page);
  ASSERT_TRUE(filter.ok());
  EXPECT_EQ(filter->min_start, kNow - 7 * 86400);
  EXPECT_EQ(filter->max_start, kNow);
  EXPECT_EQ(filter->limit, 10);
  EXPECT_EQ(filter->offset, 0);
  EXPECT_EQ(page, 1);
  EXPECT_EQ(filter->outcome, "");
  EXPECT_FALSE(filter->group.has_value());
  // An earlier StartTime is raised to the window; the page is an offset.
  filter = V4(R"({"StartTime":5,"EndTime":1800000000,"CallResult":"CallBusy","CallType":"MultiCall","NumberPerPage":100,"Page":3})", &page);
  ASSERT_TRUE(filter.ok()) << filter.status().message();
  EXPECT_EQ(filter->min_start, kNow - 7 * 86400);
  EXPECT_EQ(filter->outcome, "call_busy");
  EXPECT_EQ(filter->group, true);
  EXPECT_EQ(filter->offset, 200);
  EXPECT_EQ(page, 3);
}

TEST(CallRecordFilters, EachFamilyRefusesItsBadFieldsWithTheRightKind) {
  int64_t page = 0;
  const struct {
    const char* body;
    bool v4_ok;
    bool v1_ok;
  } cases[] = {
      {R"({"StartTime":10,"EndTime":9})", false, false},  // v1: startTimestamp missing
      {R"({"NumberPerPage":0})", false, false},
      {R"({"NumberPerPage":101})", false, false},
      {R"({"Page":0})", false, false},
      {R"({"CallResult":"normal_end"})", false, false},  // v1 spelling in v4
      {R"({"CallResult":"Offline"})", true, false},      // documented, never produced
      {R"({"CallType":"Single"})", false, false},
      {R"({"startTimestamp":1,"endTimestamp":0})", true, false},
      {R"({"startTimestamp":1,"callResult":"NormalEnd"})", true, false},
      {R"({"startTimestamp":1,"callType":"group","numberPerPage":100,"page":2})", true, true},
      {R"({"startTimestamp":1,"numberPerPage":101})", true, false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(V4(c.body, &page).ok(), c.v4_ok) << c.body;
    EXPECT_EQ(V1(c.body, &page).ok(), c.v1_ok) << c.body;
  }
  // The kind decides v1's code: a missing field 70001 (InvalidArgument), a mistyped one 70009.
  EXPECT_EQ(V1("{}", &page).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(V1(R"({"startTimestamp":"1"})", &page).status().code(), StatusCode::kWrongType);
  EXPECT_EQ(V4(R"({"Page":"2"})", &page).status().code(), StatusCode::kWrongType);
  // v1 lists 100 a page by default; end < start is compared as sent, before the floor.
  StatusOr<CallRecordFilter> v1 = V1(R"({"startTimestamp":0})", &page);
  ASSERT_TRUE(v1.ok());
  EXPECT_EQ(v1->limit, 100);
  EXPECT_EQ(v1->min_start, kNow - 7 * 86400);
  EXPECT_FALSE(V1(R"({"startTimestamp":5,"endTimestamp":4})", &page).ok());
}

TEST(CallRecordSeeds, KeepTheRulesOfAPlayedCall) {
  CallRecord record;
  record.call_id = "c";
  record.caller = "alice";
  record.callees = {"bob"};
  record.outcome = "normal_end";
  record.start_time = 100;
  record.accept_time = 103;
  record.end_time = 160;
  EXPECT_TRUE(CheckCallRecord(record).ok());
  auto with = [&](auto change) {
    CallRecord changed = record;
    change(changed);
    return CheckCallRecord(changed);
  };
  EXPECT_FALSE(with([](CallRecord& r) { r.outcome = "hangup"; }).ok());
  EXPECT_FALSE(with([](CallRecord& r) { r.accept_time = 0; }).ok());       // accepted outcome
  EXPECT_FALSE(with([](CallRecord& r) { r.accept_time = 99; }).ok());      // before the start
  EXPECT_FALSE(with([](CallRecord& r) { r.end_time = 102; }).ok());        // before the accept
  EXPECT_FALSE(with([](CallRecord& r) { r.outcome = "reject"; }).ok());    // never accepted
  EXPECT_TRUE(with([](CallRecord& r) { r.outcome = "reject"; r.accept_time = 0; }).ok());
  EXPECT_FALSE(with([](CallRecord& r) { r.callees = {}; }).ok());
  EXPECT_FALSE(with([](CallRecord& r) { r.callees = std::vector<std::string>(51, "x"); }).ok());
  EXPECT_FALSE(with([](CallRecord& r) { r.callees = {"a\nb"}; }).ok());
  EXPECT_FALSE(with([](CallRecord& r) { r.caller = ""; }).ok());
  EXPECT_FALSE(with([](CallRecord& r) { r.call_id = ""; }).ok());
}

}  // namespace
}  // namespace trtc::domain

namespace trtc::storage {
namespace {

constexpr uint32_t kApp = 1400000001;

CallRecord Record(const std::string& id, int64_t start, const std::string& outcome = "cancel",
                  std::vector<std::string> callees = {"bob"}) {
  CallRecord record;
  record.sdkappid = kApp;
  record.call_id = id;
  record.caller = "alice";
  record.callees = std::move(callees);
  record.room_id = "r";
  record.outcome = outcome;
  record.start_time = start;
  record.end_time = start + 1;
  return record;
}

class CallRecordStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }
  void Reopen() {
    store_.reset();
    db_.reset();
    ASSERT_TRUE(Database::Open(dir_.File("records.db"), &db_).ok());
    store_ = std::make_unique<CallRecordStore>(db_.get());
  }
  std::vector<std::string> Ids(const CallRecordFilter& filter, int64_t* total = nullptr) {
    StatusOr<CallRecordPage> page = store_->Find(kApp, filter);
    EXPECT_TRUE(page.ok());
    std::vector<std::string> ids;
    for (const CallRecord& record : page->records) ids.push_back(record.call_id);
    if (total) *total = page->total;
    return ids;
  }
  testing::TempDir dir_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<CallRecordStore> store_;
};

TEST_F(CallRecordStoreTest, NewestFirstThenCallIdWithPagesAndFilters) {
  ASSERT_TRUE(store_->Record(Record("b", 100)).ok());
  ASSERT_TRUE(store_->Record(Record("a", 100, "reject", {"x", "y"})).ok());
  ASSERT_TRUE(store_->Record(Record("c", 300, "normal_end")).ok());
  ASSERT_TRUE(store_->Record(Record("d", 50)).ok());
  CallRecordFilter all{0, 1000, "", std::nullopt, 0, 10};
  int64_t total = 0;
  EXPECT_EQ(Ids(all, &total), (std::vector<std::string>{"c", "a", "b", "d"}));
  EXPECT_EQ(total, 4);
  EXPECT_EQ(Ids({0, 1000, "", std::nullopt, 2, 2}, &total), (std::vector<std::string>{"b", "d"}));
  EXPECT_EQ(total, 4);
  EXPECT_EQ(Ids({0, 1000, "", std::nullopt, 4, 2}, &total), std::vector<std::string>{});
  EXPECT_EQ(total, 4);
  EXPECT_EQ(Ids({100, 300, "", std::nullopt, 0, 10}), (std::vector<std::string>{"c", "a", "b"}));
  EXPECT_EQ(Ids({0, 1000, "cancel", std::nullopt, 0, 10}), (std::vector<std::string>{"b", "d"}));
  EXPECT_EQ(Ids({0, 1000, "", true, 0, 10}), (std::vector<std::string>{"a"}));
  EXPECT_EQ(Ids({0, 1000, "", false, 0, 10}), (std::vector<std::string>{"c", "b", "d"}));
  EXPECT_EQ(Ids({301, 1000, "", std::nullopt, 0, 10}, &total), std::vector<std::string>{});
  EXPECT_EQ(total, 0);
}

TEST_F(CallRecordStoreTest, ACountIsNeverStaleAfterAWrite) {
  const CallRecordFilter filter{0, 1000, "", std::nullopt, 0, 10};
  int64_t total = -1;
  Ids(filter, &total);
  EXPECT_EQ(total, 0);
  ASSERT_TRUE(store_->Record(Record("a", 10)).ok());
  Ids(filter, &total);
  EXPECT_EQ(total, 1);
  ASSERT_TRUE(store_->Put(Record("b", 20)).ok());
  Ids(filter, &total);
  EXPECT_EQ(total, 2);
  // A write that is rolled back: the count stays right too.
  EXPECT_FALSE(db_->Transaction([&] {
                     Status status = store_->Put(Record("c", 30));
                     return status.ok() ? Status::Internal("roll back") : status;
                   }).ok());
  Ids(filter, &total);
  EXPECT_EQ(total, 2);
  ASSERT_TRUE(store_->DeleteApp(kApp).ok());
  Ids(filter, &total);
  EXPECT_EQ(total, 0);
  ASSERT_TRUE(store_->Record(Record("d", 40)).ok());
  ASSERT_TRUE(store_->DeleteAll().ok());
  Ids(filter, &total);
  EXPECT_EQ(total, 0);
}

TEST_F(CallRecordStoreTest, ARecordReadsBackAsStoredAndSurvivesAReopen) {
  CallRecord record = Record("x", 100, "normal_end", {"bob", "carol"});
  record.video = true;
  record.accept_time = 101;
  record.end_time = 150;
  ASSERT_TRUE(store_->Record(record).ok());
  Reopen();
  StatusOr<CallRecord> got = store_->Get(kApp, "x");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->callees, record.callees);
  EXPECT_TRUE(got->video);
  EXPECT_EQ(got->accept_time, 101);
  EXPECT_EQ(got->end_time, 150);
  EXPECT_EQ(got->outcome, "normal_end");
  EXPECT_TRUE(store_->Get(kApp, "y").status().IsNotFound());
  EXPECT_TRUE(store_->Get(kApp + 1, "x").status().IsNotFound());
  // The same id again replaces it (a test replaying one call id).
  ASSERT_TRUE(store_->Record(Record("x", 200)).ok());
  EXPECT_EQ(store_->Get(kApp, "x")->start_time, 200);
  ASSERT_TRUE(store_->DeleteApp(kApp).ok());
  EXPECT_TRUE(store_->Get(kApp, "x").status().IsNotFound());
}

TEST_F(CallRecordStoreTest, KeepsTheNewestTenThousandPerApp) {
  ASSERT_TRUE(db_->Transaction([&] {
                   for (int i = 0; i < CallRecordStore::kCapacityPerApp; ++i) {
                     Status status = store_->Put(Record("r" + std::to_string(i), 1000 + i));
                     if (!status.ok()) return status;
                   }
                   return store_->TrimApp(kApp);
                 }).ok());
  CallRecord other = Record("other", 1);
  other.sdkappid = kApp + 1;
  ASSERT_TRUE(store_->Record(other).ok());
  int64_t total = 0;
  Ids({0, 1 << 30, "", std::nullopt, 0, 1}, &total);
  EXPECT_EQ(total, CallRecordStore::kCapacityPerApp);
  ASSERT_TRUE(store_->Record(Record("newest", 1 << 20)).ok());
  Ids({0, 1 << 30, "", std::nullopt, 0, 1}, &total);
  EXPECT_EQ(total, CallRecordStore::kCapacityPerApp);
  EXPECT_TRUE(store_->Get(kApp, "r0").status().IsNotFound());  // the oldest went
  EXPECT_TRUE(store_->Get(kApp, "r1").ok());
  EXPECT_TRUE(store_->Get(kApp + 1, "other").ok());  // another app's are its own
}

}  // namespace
}  // namespace trtc::storage
