// Unit tests of handlers/ against real stores: how a refused body and a failed store are
// answered, and get_room_list's first page.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "server/common/clock.h"
#include "server/common/json.h"
#include "server/handlers/call_config_handlers.h"
#include "server/handlers/callkit_callback_handlers.h"
#include "server/handlers/room_handlers.h"
#include "storage/callback_config_store.h"
#include "storage/database.h"
#include "storage/room_store.h"

namespace trtc::handlers {
namespace {

class HandlersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Status status = storage::Database::Open(":memory:", &db_);
    ASSERT_TRUE(status.ok()) << status.message();
    configs_ = std::make_unique<storage::CallbackConfigStore>(db_.get());
    rooms_ = std::make_unique<storage::RoomStore>(db_.get());
    services_.callback_configs = configs_.get();
    services_.rooms = rooms_.get();
    services_.clock = &clock_;
    app_.sdkappid = kApp;
  }

  api::ApiReply Call(api::Handler handler, const char* body_text) {
    json::Body body;
    Status status = body.Parse(body_text, "request body");
    EXPECT_TRUE(status.ok()) << status.message();
    return handler(api::HandlerContext{kApp, app_, services_, "administrator"}, body.root());
  }

  // Makes every later statement on the table fail inside SQLite.
  void Break(const char* table) {
    // Appended, not `std::string(..) + table`: GCC 12 reports a false -Warray-bounds on
    // that operator+ when inlined (GCC bug 105651).
    std::string sql = "DROP TABLE ";
    sql += table;
    ASSERT_TRUE(db_->WithLock([&] { return db_->Exec(sql.c_str()); }).ok());
  }

  static constexpr uint32_t kApp = 1400000001;
  ManualClock clock_{1700000000000};
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<storage::CallbackConfigStore> configs_;
  std::unique_ptr<storage::RoomStore> rooms_;
  api::Services services_;
  api::App app_;
};

TEST_F(HandlersTest, AStoreFailureNeverShowsSQLitesText) {
  Break("callback_config");
  const char* v1_body = R"({"address":"http://x","actions":["cancel"]})";
  api::ApiReply v1 = Call(SetCallkitCallback, v1_body);
  EXPECT_EQ(v1.code(), 70001);
  EXPECT_EQ(std::string(v1.message_or_detail()), "internal storage error, please retry");
  v1 = Call(GetCallkitCallback, "{}");
  EXPECT_EQ(v1.code(), 70001);
  EXPECT_EQ(std::string(v1.message_or_detail()).find("callback_config"), std::string::npos);

  api::ApiReply v4 = Call(GetCallConfig, "{}");
  EXPECT_EQ(v4.code(), 100001);
  EXPECT_TRUE(v4.detail.empty()) << v4.detail;
}

TEST_F(HandlersTest, V1AnswersAWrongJsonType70009AndABadValue70001) {
  api::ApiReply reply = Call(SetCallkitCallback, R"({"address":5,"actions":["cancel"]})");
  EXPECT_EQ(reply.code(), 70009);
  EXPECT_EQ(reply.detail, "address must be a string");
  reply = Call(SetCallkitCallback, R"({"address":"x","actions":["cancel"]})");
  EXPECT_EQ(reply.code(), 70001);
  EXPECT_EQ(reply.detail, "Callback address must start with http or https");
  // v4 answers both 100002.
  EXPECT_EQ(Call(SetCallConfig, R"({"Url":5})").code(), 100002);
  EXPECT_EQ(Call(SetCallConfig, R"({"Url":"x"})").code(), 100002);
}

TEST_F(HandlersTest, NextZeroAsksForTheFirstPageLikeAnEmptyNext) {
  for (const char* id : {"a", "b", "c"}) {
    std::string body = std::string(R"({"RoomInfo":{"RoomId":")") + id + R"(","RoomType":"Live"}})";
    ASSERT_EQ(Call(CreateRoom, body.c_str()).code(), 0);
  }
  api::ApiReply empty = Call(GetRoomList, R"({"Next":"","Count":2})");
  api::ApiReply zero = Call(GetRoomList, R"({"Next":"0","Count":2})");
  ASSERT_EQ(empty.code(), 0);
  ASSERT_EQ(zero.code(), 0);
  EXPECT_EQ(zero.payload, empty.payload);
  EXPECT_NE(empty.payload.find(R"("RoomId":"a")"), std::string::npos) << empty.payload;
  EXPECT_EQ(Call(GetRoomList, R"({"Next":"00"})").code(), 100002);
}

}  // namespace
}  // namespace trtc::handlers
