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
    EXPECT_TRUE(outbox_->Find(sdkappid, call, &out).ok());
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
