// Unit tests of storage::RoomStore: rooms and their metadata in a real SQLite file.
#include "storage/room_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdio>
#include <filesystem>
#include <limits>
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
  // False when the room exists already (kAlreadyExists).
  bool Create(uint32_t sdkappid, const RoomInfo& room) {
    Status status = store_->Create(sdkappid, room);
    EXPECT_TRUE(status.ok() || status.IsAlreadyExists()) << status.message();
    return status.ok();
  }
  // Empty when there is no such room (kNotFound).
  std::optional<RoomInfo> Get(uint32_t sdkappid, const std::string& room_id) {
    StatusOr<RoomInfo> room = store_->Get(sdkappid, room_id);
    EXPECT_TRUE(room.ok() || room.status().IsNotFound()) << room.status().message();
    if (!room.ok()) return std::nullopt;
    return std::move(*room);
  }
  // Empty when there is no such room (kNotFound).
  std::optional<Metadata> GetMetadata(uint32_t sdkappid, const std::string& room_id) {
    StatusOr<Metadata> metadata = store_->GetMetadata(sdkappid, room_id);
    EXPECT_TRUE(metadata.ok() || metadata.status().IsNotFound()) << metadata.status().message();
    if (!metadata.ok()) return std::nullopt;
    return std::move(*metadata);
  }
  void SetMetadata(uint32_t sdkappid, const std::string& room_id, const Metadata& metadata) {
    Status status = store_->EditMetadata(sdkappid, room_id, [&](Metadata* current) {
      *current = metadata;
      return true;
    });
    ASSERT_TRUE(status.ok()) << status.message();
  }
  StatusOr<RoomPage> List(uint32_t sdkappid, const std::optional<RoomListPosition>& after,
                          int64_t limit) {
    StatusOr<RoomPage> page = store_->List(sdkappid, after, limit);
    EXPECT_TRUE(page.ok()) << page.status().message();
    return page;
  }
  // Every room ID of the app, walking pages of `page` rooms.
  std::vector<std::string> ListAll(uint32_t sdkappid, int64_t page) {
    std::vector<std::string> ids;
    std::optional<RoomListPosition> after;
    for (bool more = true; more;) {
      StatusOr<RoomPage> rooms = List(sdkappid, after, page);
      if (!rooms.ok()) break;
      for (const RoomInfo& room : rooms->rooms) ids.push_back(room.room_id);
      more = rooms->more;
      if (more) after = PositionOf(rooms->rooms.back());
    }
    return ids;
  }

  // EXPLAIN QUERY PLAN of List()'s statement with these parameters, one detail a line.
  std::string ListPlan(int64_t list_view, int64_t list_time, const std::string& room_id) {
    const std::string sql = std::string("EXPLAIN QUERY PLAN ") + RoomStore::kListSql;
    std::string plan;
    Status status = db_->WithLock([&]() -> Status {
      Query query(db_.get(), sql.c_str());
      query.Bind(kApp).Bind(list_view).Bind(list_time).Bind(room_id).Bind(int64_t{21});
      for (;;) {
        StatusOr<bool> row = query.Step();
        if (!row.ok()) return row.status();
        if (!*row) return Status::Ok();
        plan += query.ColumnText(3) + "\n";
      }
    });
    EXPECT_TRUE(status.ok()) << status.message();
    return plan;
  }
  // SQLite's virtual machine steps for one List() call: its work, whatever the machine.
  int ListSteps(const std::optional<RoomListPosition>& after, int64_t limit) {
    auto steps = [&] {
      return db_->WithLock([&] {
        return sqlite3_stmt_status(db_->Statement(RoomStore::kListSql), SQLITE_STMTSTATUS_VM_STEP,
                                   /*resetFlg=*/1);
      });
    };
    (void)steps();
    StatusOr<RoomPage> page = List(kApp, after, limit);
    EXPECT_EQ(page.ok() ? page->rooms.size() : 0u, static_cast<size_t>(limit));
    return steps();
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
  Status status = store_->Create(kApp, again);
  EXPECT_EQ(status.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(status.message(), "room \"r\" already exists");
  EXPECT_EQ(Get(kApp, "r")->room_name, "");  // the first one is untouched
  EXPECT_EQ(Get(kOtherApp, "r"), std::nullopt);
  EXPECT_TRUE(Create(kOtherApp, Room("r")));
}

TEST_F(RoomStoreTest, UpdateWritesWhatTheEditDecides) {
  ASSERT_TRUE(Create(kApp, Room("r")));
  ASSERT_TRUE(store_
                  ->Update(kApp, "r",
                           [](RoomInfo* room) {
                             room->room_name = "renamed";
                             room->category = {};
                             room->room_id = "ignored";
                             return true;
                           })
                  .ok());
  EXPECT_EQ(Get(kApp, "r")->room_name, "renamed");
  EXPECT_EQ(Get(kApp, "ignored"), std::nullopt);

  ASSERT_TRUE(store_
                  ->Update(kApp, "r",
                           [](RoomInfo* room) {
                             room->room_name = "rejected";
                             return false;
                           })
                  .ok());
  EXPECT_EQ(Get(kApp, "r")->room_name, "renamed");

  bool called = false;
  Status status = store_->Update(kApp, "missing", [&](RoomInfo*) { return called = true; });
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(status.message(), "no room \"missing\"");
  EXPECT_FALSE(called);
}

TEST_F(RoomStoreTest, MetadataKeepsTheOrderKeysWereSetIn) {
  ASSERT_TRUE(Create(kApp, Room("r")));
  SetMetadata(kApp, "r", {{"z", "1"}, {"a", "2"}, {"m", "3"}});
  EXPECT_EQ(GetMetadata(kApp, "r"), (Metadata{{"z", "1"}, {"a", "2"}, {"m", "3"}}));
  EXPECT_EQ(store_->GetMetadata(kApp, "nope").status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(Create(kApp, Room("bare")));
  EXPECT_EQ(GetMetadata(kApp, "bare"), Metadata{});  // a room without metadata is found
}

TEST_F(RoomStoreTest, ARejectedMetadataEditChangesNothing) {
  ASSERT_TRUE(Create(kApp, Room("r")));
  SetMetadata(kApp, "r", {{"k", "v"}});
  ASSERT_TRUE(store_
                  ->EditMetadata(kApp, "r",
                                 [](Metadata* metadata) {
                                   metadata->clear();
                                   metadata->emplace_back("other", "x");
                                   return false;
                                 })
                  .ok());
  EXPECT_EQ(GetMetadata(kApp, "r"), (Metadata{{"k", "v"}}));
  bool called = false;
  Status status = store_->EditMetadata(kApp, "missing", [&](Metadata*) { return called = true; });
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_FALSE(called);
}

TEST_F(RoomStoreTest, AFailedOuterTransactionLeavesNothing) {
  Status status = db_->Transaction([&]() -> Status {
    Status inner = store_->Create(kApp, Room("r"));
    if (inner.ok()) {
      inner = store_->EditMetadata(kApp, "r", [](Metadata* metadata) {
        metadata->emplace_back("k", "v");
        return true;
      });
    }
    if (!inner.ok()) return inner;
    return Status::Internal("abandoned");
  });
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(Get(kApp, "r"), std::nullopt);
  ASSERT_TRUE(Create(kApp, Room("r")));
  EXPECT_EQ(GetMetadata(kApp, "r"), Metadata{});
}

TEST_F(RoomStoreTest, DestroyRemovesTheRoomAndItsMetadata) {
  ASSERT_TRUE(Create(kApp, Room("r")));
  SetMetadata(kApp, "r", {{"k", "v"}});
  ASSERT_TRUE(store_->Destroy(kApp, "r").ok());
  EXPECT_EQ(Get(kApp, "r"), std::nullopt);
  EXPECT_EQ(GetMetadata(kApp, "r"), std::nullopt);
  EXPECT_EQ(store_->Destroy(kApp, "r").code(), StatusCode::kNotFound);
  // A room created again under the same ID starts with no metadata.
  ASSERT_TRUE(Create(kApp, Room("r")));
  EXPECT_EQ(GetMetadata(kApp, "r"), Metadata{});
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

  StatusOr<RoomPage> page = List(kApp, std::nullopt, 4);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->rooms.size(), 4u);
  EXPECT_FALSE(page->more);  // an exactly full page is the last one
}

TEST_F(RoomStoreTest, APageContinuesAfterItsCursorWhateverChangedMeanwhile) {
  for (int i = 0; i < 10; ++i)
    ASSERT_TRUE(Create(kApp, Room("room-" + std::to_string(i), 100 + i)));
  StatusOr<RoomPage> page = List(kApp, std::nullopt, 3);
  ASSERT_TRUE(page.ok());
  ASSERT_TRUE(page->more);
  EXPECT_EQ(page->rooms.back().room_id, "room-7");
  const RoomListPosition cursor = PositionOf(page->rooms.back());
  // The cursor's own room and one already listed disappear, new rooms arrive.
  ASSERT_TRUE(store_->Destroy(kApp, "room-7").ok());
  ASSERT_TRUE(store_->Destroy(kApp, "room-9").ok());
  ASSERT_TRUE(Create(kApp, Room("late", 500)));
  page = List(kApp, cursor, 20);
  ASSERT_TRUE(page.ok());
  std::vector<std::string> ids;
  for (const RoomInfo& room : page->rooms) ids.push_back(room.room_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"room-6", "room-5", "room-4", "room-3", "room-2",
                                           "room-1", "room-0"}));
  EXPECT_FALSE(page->more);
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
  EXPECT_EQ(GetMetadata(kApp, "a"), Metadata{});
  ASSERT_TRUE(store_->DeleteAll().ok());
  EXPECT_EQ(Get(kApp, "a"), std::nullopt);
  EXPECT_EQ(Get(kOtherApp, "b"), std::nullopt);
}

TEST_F(RoomStoreTest, ListWithMetadataGivesEveryRoomInListOrderWithItsMetadata) {
  ASSERT_TRUE(Create(kApp, Room("b", 100)));
  ASSERT_TRUE(Create(kApp, Room("a", 100)));
  ASSERT_TRUE(Create(kApp, Room("new", 200)));
  RoomInfo viewed = Room("viewed", 10);
  viewed.view_count = 7;
  ASSERT_TRUE(Create(kApp, viewed));
  ASSERT_TRUE(Create(kOtherApp, Room("foreign", 300)));
  SetMetadata(kApp, "a", {{"z", "1"}, {"a", "2"}});
  SetMetadata(kApp, "viewed", {{"k", "v"}});
  SetMetadata(kOtherApp, "foreign", {{"x", "y"}});

  StatusOr<std::vector<RoomWithMetadata>> rooms = store_->ListWithMetadata(kApp);
  ASSERT_TRUE(rooms.ok()) << rooms.status().message();
  std::vector<std::string> ids;
  for (const RoomWithMetadata& entry : *rooms) ids.push_back(entry.room.room_id);
  EXPECT_EQ(ids, ListAll(kApp, 20));
  EXPECT_EQ(ids, (std::vector<std::string>{"viewed", "new", "a", "b"}));
  EXPECT_EQ((*rooms)[0].room, viewed);
  EXPECT_EQ((*rooms)[0].metadata, (Metadata{{"k", "v"}}));
  EXPECT_EQ((*rooms)[1].metadata, Metadata{});
  EXPECT_EQ((*rooms)[2].metadata, (Metadata{{"z", "1"}, {"a", "2"}}));
  EXPECT_EQ((*rooms)[3].metadata, Metadata{});

  rooms = store_->ListWithMetadata(1400000009);
  ASSERT_TRUE(rooms.ok());
  EXPECT_TRUE(rooms->empty());
}

// get_room_list must cost the same with 10 rooms as with 10,000: the first page and a
// page after a cursor are both one seek into room_list_order, never a scan or a sort.
TEST_F(RoomStoreTest, ListSeeksInTheListingIndexForTheFirstPageAndAfterACursor) {
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(Create(kApp, Room("room-" + std::to_string(i), 100 + i % 7)));
  }
  const std::string first = ListPlan(std::numeric_limits<int64_t>::min(), 0, "");
  const std::string after = ListPlan(0, -103, "room-30");
  for (const std::string& plan : {first, after}) {
    SCOPED_TRACE(plan);
    EXPECT_EQ(plan.find("SCAN room"), std::string::npos);
    EXPECT_EQ(plan.find("USE TEMP B-TREE"), std::string::npos);
    // The row value bounds the seek: the cursor is where the index range starts.
    EXPECT_NE(plan.find("SEARCH room USING INDEX room_list_order (sdkappid=? AND "
                        "(list_view,list_time,room_id)>(?,?,?))"),
              std::string::npos);
  }
}

TEST_F(RoomStoreTest, APageDeepInTheListCostsWhatAPageNearTheStartCosts) {
  for (int i = 0; i < 2000; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "room-%04d", i);
    ASSERT_TRUE(Create(kApp, Room(id)));
  }
  ASSERT_TRUE(Create(kOtherApp, Room("elsewhere")));
  auto after = [](const char* room_id) { return RoomListPosition{0, 1700000000, room_id}; };
  const int first = ListSteps(std::nullopt, 5);
  const int near = ListSteps(after("room-0005"), 5);
  const int middle = ListSteps(after("room-1000"), 5);
  const int deep = ListSteps(after("room-1990"), 5);
  // The same work wherever the page starts (a walk past the rooms before it would add
  // thousands of steps), and about the first page's.
  EXPECT_EQ(middle, near);
  EXPECT_EQ(deep, near);
  EXPECT_GT(first, 0);
  EXPECT_LE(near, 2 * first) << "first page " << first << " steps, a later page " << near;
}

// A database written by the previous schema (version 3, before room_list_order) is
// migrated on open, its rooms listed in the same order.
TEST_F(RoomStoreTest, RoomsOfASchemaVersion3DatabaseAreListedAfterTheMigration) {
  store_.reset();
  db_.reset();
  const std::string path = dir_.File("rooms.db");
  {
    // A database as version 3 left it (the old listing index), with rooms in it.
    std::filesystem::remove(path);
    std::unique_ptr<Database> old;
    Status opened = Database::Open(path, 3, &old);
    ASSERT_TRUE(opened.ok()) << opened.message();
    old.reset();
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(
        raw,
        "INSERT INTO room (sdkappid, room_id, room_name, owner_account, create_time, "
        "is_seat_enabled, take_seat_mode, max_seat_count, max_member_count, "
        "is_message_disabled, cover_url, category, activity_status, view_count, "
        "is_public_visible, notice, seat_template) VALUES "
        "(1400000001, 'b', '', '', 100, 0, 'FreeToTake', 0, 0, 0, '', '', 0, 0, 0, '', ''),"
        "(1400000001, 'a', '', '', 100, 0, 'FreeToTake', 0, 0, 0, '', '', 0, 0, 0, '', ''),"
        "(1400000001, 'new', '', '', 200, 0, 'FreeToTake', 0, 0, 0, '', '', 0, 0, 0, '', ''),"
        "(1400000001, 'seen', '', '', 50, 0, 'FreeToTake', 0, 0, 0, '', '', 0, 9, 0, '', '');",
        nullptr, nullptr, &error);
    EXPECT_EQ(rc, SQLITE_OK) << (error != nullptr ? error : "");
    sqlite3_free(error);
    sqlite3_close(raw);
  }
  Reopen();
  EXPECT_EQ(db_->schema_version(), Database::LatestSchemaVersion());
  EXPECT_EQ(ListAll(kApp, 20), (std::vector<std::string>{"seen", "new", "a", "b"}));
  EXPECT_EQ(ListAll(kApp, 1), (std::vector<std::string>{"seen", "new", "a", "b"}));
  EXPECT_NE(ListPlan(0, -100, "a").find("room_list_order"), std::string::npos);
}

}  // namespace
}  // namespace trtc::storage
