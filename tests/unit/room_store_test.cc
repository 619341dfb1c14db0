// Unit tests of storage::RoomStore: rooms and their metadata in a real SQLite file.
#include "storage/room_store.h"

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

RoomInfo Room(const std::string& room_id, int64_t create_time = 1700000000) {
  RoomInfo room;
  room.room_id = room_id;
  room.create_time = create_time;
  return room;
}

class RoomStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }
  void Reopen() {
    store_.reset();
    db_.reset();
    Status status = Database::Open(dir_.File("rooms.db"), &db_);
    ASSERT_TRUE(status.ok()) << status.message();
    store_ = std::make_unique<RoomStore>(db_.get());
  }
  bool Create(uint32_t sdkappid, const RoomInfo& room) {
    bool created = false;
    EXPECT_TRUE(store_->Create(sdkappid, room, &created).ok());
    return created;
  }
  std::optional<RoomInfo> Get(uint32_t sdkappid, const std::string& room_id) {
    std::optional<RoomInfo> room;
    EXPECT_TRUE(store_->Get(sdkappid, room_id, &room).ok());
    return room;
  }
  Metadata GetMetadata(uint32_t sdkappid, const std::string& room_id, bool* found = nullptr) {
    Metadata metadata;
    bool exists = false;
    EXPECT_TRUE(store_->GetMetadata(sdkappid, room_id, &metadata, &exists).ok());
    if (found != nullptr) *found = exists;
    return metadata;
  }
  void SetMetadata(uint32_t sdkappid, const std::string& room_id, const Metadata& metadata) {
    bool found = false;
    ASSERT_TRUE(store_
                    ->EditMetadata(
                        sdkappid, room_id,
                        [&](Metadata* current) {
                          *current = metadata;
                          return true;
                        },
                        &found)
                    .ok());
    ASSERT_TRUE(found);
  }
  // Every room ID of the app, walking pages of `page` rooms.
  std::vector<std::string> ListAll(uint32_t sdkappid, int64_t page) {
    std::vector<std::string> ids;
    std::optional<RoomListPosition> after;
    for (bool more = true; more;) {
      std::vector<RoomInfo> rooms;
      EXPECT_TRUE(store_->List(sdkappid, after, page, &rooms, &more).ok());
      for (const RoomInfo& room : rooms) ids.push_back(room.room_id);
      if (more) after = PositionOf(rooms.back());
    }
    return ids;
  }

  testing::TempDir dir_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<RoomStore> store_;
};

TEST_F(RoomStoreTest, CreateThenGetReturnsEveryField) {
  RoomInfo room = Room("live-room");
  room.room_name = "名字";
  room.owner_account = "host";
  room.is_seat_enabled = true;
  room.take_seat_mode = "ApplyToTake";
  room.max_seat_count = 8;
  room.max_member_count = 400;
  room.is_message_disabled = true;
  room.cover_url = "https://cover.example/c.png";
  room.category = {1, 0, 4294967295};
  room.activity_status = 3;
  room.is_public_visible = true;
  room.notice = "welcome";
  room.seat_template = "VideoDynamicGrid9Seats";
  ASSERT_TRUE(Create(kApp, room));
  EXPECT_EQ(Get(kApp, "live-room"), room);
  EXPECT_EQ(Get(kApp, "other"), std::nullopt);
}

TEST_F(RoomStoreTest, RoomIdsArePerApp) {
  ASSERT_TRUE(Create(kApp, Room("r")));
  RoomInfo again = Room("r");
  again.room_name = "second";
  EXPECT_FALSE(Create(kApp, again));
  EXPECT_EQ(Get(kApp, "r")->room_name, "");  // the first one is untouched
  EXPECT_EQ(Get(kOtherApp, "r"), std::nullopt);
  EXPECT_TRUE(Create(kOtherApp, Room("r")));
}

TEST_F(RoomStoreTest, UpdateWritesWhatTheEditDecides) {
  ASSERT_TRUE(Create(kApp, Room("r")));
  bool found = false;
  ASSERT_TRUE(store_
                  ->Update(
                      kApp, "r",
                      [](RoomInfo* room) {
                        room->room_name = "renamed";
                        room->category = {};
                        room->room_id = "ignored";
                        return true;
                      },
                      &found)
                  .ok());
  EXPECT_TRUE(found);
  EXPECT_EQ(Get(kApp, "r")->room_name, "renamed");
  EXPECT_EQ(Get(kApp, "ignored"), std::nullopt);

  ASSERT_TRUE(store_
                  ->Update(
                      kApp, "r",
                      [](RoomInfo* room) {
                        room->room_name = "rejected";
                        return false;
                      },
                      &found)
                  .ok());
  EXPECT_EQ(Get(kApp, "r")->room_name, "renamed");

  bool called = false;
  ASSERT_TRUE(store_
                  ->Update(
                      kApp, "missing", [&](RoomInfo*) { return called = true; }, &found)
                  .ok());
  EXPECT_FALSE(found);
  EXPECT_FALSE(called);
}

TEST_F(RoomStoreTest, MetadataKeepsTheOrderKeysWereSetIn) {
  ASSERT_TRUE(Create(kApp, Room("r")));
  SetMetadata(kApp, "r", {{"z", "1"}, {"a", "2"}, {"m", "3"}});
  EXPECT_EQ(GetMetadata(kApp, "r"), (Metadata{{"z", "1"}, {"a", "2"}, {"m", "3"}}));
  bool found = false;
  GetMetadata(kApp, "nope", &found);
  EXPECT_FALSE(found);
  GetMetadata(kApp, "r", &found);
  EXPECT_TRUE(found);
}

TEST_F(RoomStoreTest, ARejectedMetadataEditChangesNothing) {
  ASSERT_TRUE(Create(kApp, Room("r")));
  SetMetadata(kApp, "r", {{"k", "v"}});
  bool found = false;
  ASSERT_TRUE(store_
                  ->EditMetadata(
                      kApp, "r",
                      [](Metadata* metadata) {
                        metadata->clear();
                        metadata->emplace_back("other", "x");
                        return false;
                      },
                      &found)
                  .ok());
  EXPECT_TRUE(found);
  EXPECT_EQ(GetMetadata(kApp, "r"), (Metadata{{"k", "v"}}));
  bool called = false;
  ASSERT_TRUE(store_
                  ->EditMetadata(
                      kApp, "missing", [&](Metadata*) { return called = true; }, &found)
                  .ok());
  EXPECT_FALSE(found);
  EXPECT_FALSE(called);
}

TEST_F(RoomStoreTest, AFailedOuterTransactionLeavesNothing) {
  Status status = db_->Transaction([&]() -> Status {
    bool created = false;
    Status inner = store_->Create(kApp, Room("r"), &created);
    if (inner.ok())
      inner = store_->EditMetadata(
          kApp, "r",
          [](Metadata* metadata) {
            metadata->emplace_back("k", "v");
            return true;
          },
          &created);
    if (!inner.ok()) return inner;
    return Status::Error("abandoned");
  });
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(Get(kApp, "r"), std::nullopt);
  ASSERT_TRUE(Create(kApp, Room("r")));
  EXPECT_TRUE(GetMetadata(kApp, "r").empty());
}

TEST_F(RoomStoreTest, DestroyRemovesTheRoomAndItsMetadata) {
  ASSERT_TRUE(Create(kApp, Room("r")));
  SetMetadata(kApp, "r", {{"k", "v"}});
  bool existed = false;
  ASSERT_TRUE(store_->Destroy(kApp, "r", &existed).ok());
  EXPECT_TRUE(existed);
  EXPECT_EQ(Get(kApp, "r"), std::nullopt);
  ASSERT_TRUE(store_->Destroy(kApp, "r", &existed).ok());
  EXPECT_FALSE(existed);
  // A room created again under the same ID starts with no metadata.
  ASSERT_TRUE(Create(kApp, Room("r")));
  EXPECT_TRUE(GetMetadata(kApp, "r").empty());
}

TEST_F(RoomStoreTest, ListOrdersNewestFirstThenByRoomId) {
  ASSERT_TRUE(Create(kApp, Room("b", 100)));
  ASSERT_TRUE(Create(kApp, Room("a", 100)));
  ASSERT_TRUE(Create(kApp, Room("old", 50)));
  ASSERT_TRUE(Create(kApp, Room("new", 200)));
  ASSERT_TRUE(Create(kOtherApp, Room("foreign", 300)));
  EXPECT_EQ(ListAll(kApp, 20), (std::vector<std::string>{"new", "a", "b", "old"}));
  EXPECT_EQ(ListAll(kApp, 1), (std::vector<std::string>{"new", "a", "b", "old"}));
  EXPECT_EQ(ListAll(kOtherApp, 20), std::vector<std::string>{"foreign"});

  std::vector<RoomInfo> rooms;
  bool more = true;
  ASSERT_TRUE(store_->List(kApp, std::nullopt, 4, &rooms, &more).ok());
  EXPECT_EQ(rooms.size(), 4u);
  EXPECT_FALSE(more);  // an exactly full page is the last one
}

TEST_F(RoomStoreTest, APageContinuesAfterItsCursorWhateverChangedMeanwhile) {
  for (int i = 0; i < 10; ++i)
    ASSERT_TRUE(Create(kApp, Room("room-" + std::to_string(i), 100 + i)));
  std::vector<RoomInfo> page;
  bool more = false;
  ASSERT_TRUE(store_->List(kApp, std::nullopt, 3, &page, &more).ok());
  ASSERT_TRUE(more);
  EXPECT_EQ(page.back().room_id, "room-7");
  const RoomListPosition cursor = PositionOf(page.back());
  // The cursor's own room and one already listed disappear, new rooms arrive.
  bool existed = false;
  ASSERT_TRUE(store_->Destroy(kApp, "room-7", &existed).ok());
  ASSERT_TRUE(store_->Destroy(kApp, "room-9", &existed).ok());
  ASSERT_TRUE(Create(kApp, Room("late", 500)));
  ASSERT_TRUE(store_->List(kApp, cursor, 20, &page, &more).ok());
  std::vector<std::string> ids;
  for (const RoomInfo& room : page) ids.push_back(room.room_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"room-6", "room-5", "room-4", "room-3", "room-2",
                                           "room-1", "room-0"}));
  EXPECT_FALSE(more);
}

TEST_F(RoomStoreTest, RoomsAndMetadataSurviveReopening) {
  RoomInfo room = Room("durable", 123);
  room.notice = "kept";
  ASSERT_TRUE(Create(kApp, room));
  SetMetadata(kApp, "durable", {{"k", std::string(2048, 'x')}, {"键", "值"}});
  Reopen();
  EXPECT_EQ(Get(kApp, "durable"), room);
  EXPECT_EQ(GetMetadata(kApp, "durable"), (Metadata{{"k", std::string(2048, 'x')}, {"键", "值"}}));
}

TEST_F(RoomStoreTest, DeleteAppAndDeleteAllClearRooms) {
  ASSERT_TRUE(Create(kApp, Room("a")));
  SetMetadata(kApp, "a", {{"k", "v"}});
  ASSERT_TRUE(Create(kOtherApp, Room("b")));
  ASSERT_TRUE(store_->DeleteApp(kApp).ok());
  EXPECT_EQ(Get(kApp, "a"), std::nullopt);
  EXPECT_NE(Get(kOtherApp, "b"), std::nullopt);
  ASSERT_TRUE(Create(kApp, Room("a")));
  EXPECT_TRUE(GetMetadata(kApp, "a").empty());
  ASSERT_TRUE(store_->DeleteAll().ok());
  EXPECT_EQ(Get(kApp, "a"), std::nullopt);
  EXPECT_EQ(Get(kOtherApp, "b"), std::nullopt);
}

}  // namespace
}  // namespace trtc::storage
