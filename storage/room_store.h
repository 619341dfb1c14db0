// RoomStore: the live rooms of each app (TRTC pages 63398-63406) and their metadata. Room IDs are
// per app. Plain values in, plain values out: no JSON and no rules here — the handlers decide what
// is valid; every call below is one transaction, so a rejected change writes nothing.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/common/status.h"
#include "storage/database.h"
#include "storage/room_people.h"

namespace trtc::storage {

// Every stored field of a room (RoomType is always "Live", so it is not stored).
struct RoomInfo {
  std::string room_id;
  std::string room_name;
  std::string owner_account;
  int64_t create_time = 0;  // Unix seconds
  bool is_seat_enabled = false;
  std::string take_seat_mode = "FreeToTake";
  int64_t max_seat_count = 0;
  int64_t max_member_count = 0;
  bool is_message_disabled = false;
  std::string cover_url;
  std::vector<int64_t> category;
  int64_t activity_status = 0;
  int64_t view_count = 0;
  bool is_public_visible = false;
  std::string notice;
  std::string seat_template;
  bool is_unlimited_room_enabled = false;  // resume_mcu_task's prerequisite (72333)
  bool operator==(const RoomInfo&) const = default;
};

// Key -> value pairs in the order the keys were first set.
using Metadata = std::vector<std::pair<std::string, std::string>>;

// A place in get_room_list's order (view_count descending, create_time descending,
// room_id ascending): a page continues strictly after it.
struct RoomListPosition {
  int64_t view_count = 0;
  int64_t create_time = 0;
  std::string room_id;
  bool operator==(const RoomListPosition&) const = default;
};

// One page of get_room_list.
struct RoomPage {
  std::vector<RoomInfo> rooms;
  bool more = false;  // whether rooms follow the last one
};

// A room with its metadata, as the control plane's state dump shows it.
struct RoomWithMetadata {
  RoomInfo room;
  Metadata metadata;
};

// Absence is a Status: kNotFound for a room that does not exist, kAlreadyExists for one
// created twice; kInternal for everything SQLite reports.
class RoomStore {
 public:
  explicit RoomStore(Database* db) : db_(db) {}

  // Decides a change: edits the value in place and returns true to write it, or false to
  // leave the room exactly as it was.
  using RoomEdit = std::function<bool(RoomInfo* room)>;
  using MetadataEdit = std::function<bool(Metadata* metadata)>;

  // kAlreadyExists (nothing written) when the app already has a room with that ID.
  Status Create(uint32_t sdkappid, const RoomInfo& room);
  // Removes the room and its metadata; kNotFound when there is none.
  Status Destroy(uint32_t sdkappid, std::string_view room_id);
  StatusOr<RoomInfo> Get(uint32_t sdkappid, std::string_view room_id);
  // Reads the room, lets `edit` change it and writes the result, in one transaction. The
  // room ID is kept whatever `edit` does. kNotFound when there is no such room.
  Status Update(uint32_t sdkappid, std::string_view room_id, const RoomEdit& edit);
  // Up to `limit` rooms in list order, strictly after `after` (from the first when
  // empty). One index range: the cost depends on `limit`, not on how many rooms the app
  // has or where `after` is among them.
  StatusOr<RoomPage> List(uint32_t sdkappid, const std::optional<RoomListPosition>& after,
                          int64_t limit);
  // List()'s statement, for tests of its query plan: ?1 the sdkappid; ?2, ?3, ?4 the
  // place to continue after as the ascending sort key (-view_count, -create_time,
  // room_id); ?5 the number of rows.
  static const char* const kListSql;
  // Every room of the app with its metadata, in list order, read at one moment.
  StatusOr<std::vector<RoomWithMetadata>> ListWithMetadata(uint32_t sdkappid);

  // kNotFound when there is no such room.
  StatusOr<Metadata> GetMetadata(uint32_t sdkappid, std::string_view room_id);
  // Reads the room's metadata, lets `edit` change it and stores the result, in one
  // transaction. kNotFound when there is no such room (`edit` is not called).
  Status EditMetadata(uint32_t sdkappid, std::string_view room_id, const MetadataEdit& edit);

  // Runs `work` on the room and its people in one transaction, rolled back when `work`
  // fails; kNotFound when there is no such room (`work` is not called). `room` is the
  // room as it was when the transaction began.
  using PeopleWork = std::function<Status(const RoomInfo& room, RoomPeople& people)>;
  Status ChangePeople(uint32_t sdkappid, std::string_view room_id, const PeopleWork& work);
  // The same for reads, without a write transaction.
  Status ReadPeople(uint32_t sdkappid, std::string_view room_id, const PeopleWork& work);

  // Removes every room of one app (reset).
  Status DeleteApp(uint32_t sdkappid);
  // Removes every room of every app (reset of all apps).
  Status DeleteAll();

 private:
  Status RequireRoom(uint32_t sdkappid, std::string_view room_id);
  StatusOr<Metadata> ReadMetadata(uint32_t sdkappid, std::string_view room_id);
  StatusOr<RoomInfo> ReadRoom(uint32_t sdkappid, std::string_view room_id);

  Database* db_;
};

// Where `room` stands in list order.
inline RoomListPosition PositionOf(const RoomInfo& room) {
  return RoomListPosition{room.view_count, room.create_time, room.room_id};
}

}  // namespace trtc::storage
