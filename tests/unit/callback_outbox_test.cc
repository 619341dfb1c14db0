// Unit tests of storage::CallbackOutbox: deliveries and their attempts in SQLite.
#include "storage/callback_outbox.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.h"
#include "tests/integration/support/temp_dir.h"

namespace trtc::storage {
namespace {

constexpr uint32_t kApp = 1400000001;
constexpr uint32_t kOtherApp = 1400000002;

CallbackDelivery Delivery(uint32_t sdkappid, const std::string& call_id,
                          const std::string& command) {
  CallbackDelivery delivery;
  delivery.sdkappid = sdkappid;
  delivery.call_id = call_id;
  delivery.family = CallbackFamily::kCallkit;
  delivery.url = "http://127.0.0.1:1/hook?command=" + command;
  delivery.command = command;
  delivery.body = R"({"UserId":"alice"})";
  delivery.created_ms = 1700000000000;
  return delivery;
}

class CallbackOutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(Database::Open(dir_.File("outbox.db"), &db_).ok());
    outbox_ = std::make_unique<CallbackOutbox>(db_.get());
  }
  std::vector<CallbackDelivery> Add(std::vector<CallbackDelivery> deliveries) {
    EXPECT_TRUE(outbox_->Add(&deliveries).ok());
    return deliveries;
  }
  std::vector<CallbackDelivery> Find(std::optional<uint32_t> sdkappid, const std::string& call) {
    std::vector<CallbackDelivery> out;
    EXPECT_TRUE(outbox_->Find(sdkappid, call, "", &out).ok());
    return out;
  }

  testing::TempDir dir_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<CallbackOutbox> outbox_;
};

TEST_F(CallbackOutboxTest, AddAssignsIncreasingIdsAndKeepsEveryField) {
  auto added = Add({Delivery(kApp, "c1", "cancel"), Delivery(kApp, "c1", "caller_cancel_call")});
  ASSERT_EQ(added.size(), 2u);
  EXPECT_GT(added[0].id, 0);
  EXPECT_GT(added[1].id, added[0].id);
  StatusOr<CallbackDelivery> got = outbox_->Get(added[1].id);
  ASSERT_TRUE(got.ok()) << got.status().message();
  EXPECT_EQ(got->sdkappid, kApp);
  EXPECT_EQ(got->call_id, "c1");
  EXPECT_EQ(got->family, CallbackFamily::kCallkit);
  EXPECT_EQ(got->url, "http://127.0.0.1:1/hook?command=caller_cancel_call");
  EXPECT_EQ(got->command, "caller_cancel_call");
  EXPECT_EQ(got->body, R"({"UserId":"alice"})");
  EXPECT_EQ(got->state, DeliveryState::kPending);
  EXPECT_EQ(got->created_ms, 1700000000000);
  EXPECT_TRUE(got->attempts.empty());
  EXPECT_EQ(outbox_->Get(added[1].id + 100).status().code(), StatusCode::kNotFound);
}

TEST_F(CallbackOutboxTest, ALimitKeepsTheNewestMatchingDeliveriesOldestFirst) {
  auto added = Add({Delivery(kApp, "c1", "a"), Delivery(kOtherApp, "c2", "b"),
                    Delivery(kApp, "c3", "c"), Delivery(kApp, "c4", "d")});
  ASSERT_TRUE(outbox_->RecordAttempt(added[2].id, {1, 200, "ok", 1, ""},
                                     DeliveryState::kDelivered).ok());
  ASSERT_TRUE(outbox_->RecordAttempt(added[2].id, {2, 200, "ok", 1, ""},
                                     DeliveryState::kDelivered).ok());
  std::vector<CallbackDelivery> newest;
  ASSERT_TRUE(outbox_->Find(kApp, "", "", &newest, 2).ok());
  ASSERT_EQ(newest.size(), 2u);
  EXPECT_EQ(newest[0].command, "c");
  EXPECT_EQ(newest[0].attempts.size(), 2u);  // a limit counts deliveries, not attempts
  EXPECT_EQ(newest[1].command, "d");
  ASSERT_TRUE(outbox_->Find(std::nullopt, "", "", &newest, 3).ok());
  ASSERT_EQ(newest.size(), 3u);
  EXPECT_EQ(newest[0].command, "b");
  ASSERT_TRUE(outbox_->Find(kApp, "", "", &newest, 0).ok());
  EXPECT_TRUE(newest.empty());
  ASSERT_TRUE(outbox_->Find(kApp, "", "", &newest).ok());
  EXPECT_EQ(newest.size(), 3u);
}

TEST_F(CallbackOutboxTest, AttemptsAreKeptInOrderWithTheLatestState) {
  auto added = Add({Delivery(kApp, "c1", "cancel")});
  const int64_t id = added[0].id;
  ASSERT_TRUE(outbox_->RecordAttempt(id, {10, 500, "oops", 3, ""}, DeliveryState::kPending).ok());
  ASSERT_TRUE(outbox_->RecordAttempt(id, {20, 0, "", 2000, "timeout"}, DeliveryState::kPending).ok());
  ASSERT_TRUE(outbox_->RecordAttempt(id, {30, 200, "{}", 1, ""}, DeliveryState::kDelivered).ok());
  StatusOr<CallbackDelivery> got = outbox_->Get(id);
  ASSERT_TRUE(got.ok()) << got.status().message();
  ASSERT_EQ(got->attempts.size(), 3u);
  EXPECT_EQ(got->state, DeliveryState::kDelivered);
  EXPECT_EQ(got->attempts[0].at_ms, 10);
  EXPECT_EQ(got->attempts[0].http_status, 500);
  EXPECT_EQ(got->attempts[0].reply, "oops");
  EXPECT_EQ(got->attempts[0].latency_ms, 3);
  EXPECT_EQ(got->attempts[1].error, "timeout");
  EXPECT_EQ(got->attempts[2].http_status, 200);
  // A delivery that is gone (reset while in flight) records nothing.
  EXPECT_EQ(outbox_->RecordAttempt(id + 1, {40, 200, "", 1, ""}, DeliveryState::kDelivered).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(outbox_->Get(id + 1).status().code(), StatusCode::kNotFound);
}

TEST_F(CallbackOutboxTest, FindFiltersByAppAndCallOldestFirst) {
  Add({Delivery(kApp, "c1", "a"), Delivery(kOtherApp, "c2", "b"), Delivery(kApp, "c3", "c")});
  auto all = Find(std::nullopt, "");
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].command, "a");
  EXPECT_EQ(all[2].command, "c");
  auto app = Find(kApp, "");
  ASSERT_EQ(app.size(), 2u);
  EXPECT_EQ(app[1].call_id, "c3");
  EXPECT_EQ(Find(std::nullopt, "c2").size(), 1u);
  EXPECT_EQ(Find(kApp, "c2").size(), 0u);
}

TEST_F(CallbackOutboxTest, PendingListsOnlyUnfinishedDeliveriesWithTheirAttempts) {
  auto added = Add({Delivery(kApp, "c1", "a"), Delivery(kApp, "c1", "b"), Delivery(kApp, "c1", "c")});
  ASSERT_TRUE(outbox_->RecordAttempt(added[0].id, {1, 200, "", 1, ""}, DeliveryState::kDelivered).ok());
  ASSERT_TRUE(outbox_->RecordAttempt(added[1].id, {1, 500, "", 1, ""}, DeliveryState::kPending).ok());
  ASSERT_TRUE(outbox_->RecordAttempt(added[2].id, {1, 500, "", 1, ""}, DeliveryState::kFailed).ok());
  std::vector<CallbackDelivery> pending;
  ASSERT_TRUE(outbox_->Pending(&pending).ok());
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].id, added[1].id);
  EXPECT_EQ(pending[0].attempts.size(), 1u);
}

TEST_F(CallbackOutboxTest, DeleteAppAndDeleteAllRemoveDeliveriesAndAttempts) {
  auto added = Add({Delivery(kApp, "c1", "a"), Delivery(kOtherApp, "c2", "b")});
  ASSERT_TRUE(outbox_->RecordAttempt(added[0].id, {1, 200, "", 1, ""}, DeliveryState::kDelivered).ok());
  ASSERT_TRUE(outbox_->DeleteApp(kApp).ok());
  EXPECT_EQ(Find(kApp, "").size(), 0u);
  EXPECT_EQ(Find(kOtherApp, "").size(), 1u);
  ASSERT_TRUE(outbox_->DeleteAll().ok());
  EXPECT_EQ(Find(std::nullopt, "").size(), 0u);
  // Ids are never reused, so an id a test still holds cannot name a newer delivery.
  auto again = Add({Delivery(kApp, "c9", "z")});
  EXPECT_GT(again[0].id, added[1].id);
}

TEST_F(CallbackOutboxTest, OnlyTheNewestDeliveriesAreKept) {
  std::vector<CallbackDelivery> batch(CallbackOutbox::kCapacity + 5, Delivery(kApp, "c", "x"));
  auto added = Add(batch);
  auto kept = Find(std::nullopt, "");
  ASSERT_EQ(kept.size(), static_cast<size_t>(CallbackOutbox::kCapacity));
  EXPECT_EQ(kept.front().id, added[5].id);
  EXPECT_EQ(kept.back().id, added.back().id);
}

TEST_F(CallbackOutboxTest, TheOutboxSurvivesReopening) {
  auto added = Add({Delivery(kApp, "c1", "a")});
  outbox_.reset();
  db_.reset();
  ASSERT_TRUE(Database::Open(dir_.File("outbox.db"), &db_).ok());
  outbox_ = std::make_unique<CallbackOutbox>(db_.get());
  auto found = Find(kApp, "c1");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, added[0].id);
}

}  // namespace
}  // namespace trtc::storage

namespace trtc::storage {
namespace {

// Migration 6 rebuilds the tables that carry a family: a database as version 5 left it
// keeps every configuration, delivery and attempt, and ids are never handed out twice.
TEST(CallbackMigrationTest, Version5DeliveriesAttemptsAndConfigurationsSurviveMigration6) {
  testing::TempDir dir;
  const std::string path = dir.File("v5.db");
  {
    std::unique_ptr<Database> db;
    ASSERT_TRUE(Database::Open(path, 5, &db).ok());
    ASSERT_EQ(db->schema_version(), 5);
    ASSERT_TRUE(db->Transaction([&] {
                     return db->Exec(
                         "INSERT INTO callback_config VALUES (7, 1, 'http://a/', 'x\n'), "
                         "(7, 2, 'http://b/', 'cancel\n');"
                         "INSERT INTO callback_delivery (sdkappid, call_id, family, url, command, "
                         "body, state, created_ms) VALUES (7, 'c', 2, 'u', 'cancel', '{}', 2, 1), "
                         "(7, 'c', 1, 'u', 'x', '{}', 0, 2), (7, 'd', 1, 'u', 'x', '{}', 0, 3);"
                         "INSERT INTO callback_attempt VALUES (1, 0, 5, 500, 'r', 1, ''), "
                         "(1, 1, 6, 200, 'ok', 1, '');"
                         "DELETE FROM callback_delivery WHERE id = 3;");
                   }).ok());
  }
  std::unique_ptr<Database> db;
  ASSERT_TRUE(Database::Open(path, &db).ok());
  EXPECT_EQ(db->schema_version(), Database::LatestSchemaVersion());
  CallbackConfigStore configs(db.get());
  EXPECT_EQ((*configs.Get(CallbackFamily::kCallkit, 7))->url, "http://b/");
  EXPECT_TRUE(configs.Put(CallbackFamily::kLive, 7, {"http://live/", {"Live.CallbackAfterCreateRoom"}}).ok());
  CallbackOutbox outbox(db.get());
  std::vector<CallbackDelivery> kept;
  ASSERT_TRUE(outbox.Find(7, "", "", &kept).ok());
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(kept[0].id, 1);
  EXPECT_EQ(kept[0].attempts.size(), 2u);
  EXPECT_EQ(kept[0].attempts[1].reply, "ok");
  EXPECT_EQ(kept[0].room_id, "");
  // Id 3 was handed out before the migration: the next one is 4.
  std::vector<CallbackDelivery> added(1);
  added[0].sdkappid = 7;
  added[0].room_id = "room";
  added[0].family = CallbackFamily::kLive;
  ASSERT_TRUE(outbox.Add(&added).ok());
  EXPECT_EQ(added[0].id, 4);
  std::vector<CallbackDelivery> by_room;
  ASSERT_TRUE(outbox.Find(std::nullopt, "", "room", &by_room).ok());
  ASSERT_EQ(by_room.size(), 1u);
  EXPECT_EQ(by_room[0].family, CallbackFamily::kLive);
  // Attempts still go with their delivery.
  ASSERT_TRUE(outbox.DeleteApp(7).ok());
  const int64_t attempts = db->WithLock([&]() -> int64_t {
    Query count(db.get(), "SELECT count(*) FROM callback_attempt");
    return count.Step().ok() ? count.ColumnInt(0) : -1;
  });
  EXPECT_EQ(attempts, 0);
}

}  // namespace
}  // namespace trtc::storage
