#include "storage/room_store.h"

#include <charconv>
#include <limits>
#include <unordered_map>

namespace trtc::storage {

namespace {

// The room columns in the order ReadRow() reads them.
#define ROOM_COLUMNS                                                                  \
  "room_id, room_name, owner_account, create_time, is_seat_enabled, take_seat_mode, " \
  "max_seat_count, max_member_count, is_message_disabled, cover_url, category, "      \
  "activity_status, view_count, is_public_visible, notice, seat_template, "           \
  "is_unlimited_room_enabled"

// get_room_list's order (view_count descending, create_time descending, room_id
// ascending) as the ascending key that room_list_order indexes (schema version 4):
// list_view = -view_count, list_time = -create_time.
#define LIST_ORDER "list_view, list_time, room_id"

// The categories are one TEXT value in which every integer is followed by ',': a room is
// one row, and [] ("") stays apart from [0] ("0,").
std::string EncodeCategory(const std::vector<int64_t>& category) {
  std::string text;
  for (int64_t value : category) text += std::to_string(value) + ",";
  return text;
}

Status DecodeCategory(std::string_view text, std::vector<int64_t>* out) {
  out->clear();
  while (!text.empty()) {
    int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end == text.data() + text.size() || *end != ',') {
      return Status::Internal("stored room category list is corrupt");
    }
    out->push_back(value);
    text.remove_prefix(static_cast<size_t>(end - text.data()) + 1);
  }
  return Status::Ok();
}

Status ReadRow(const Query& query, RoomInfo* room) {
  room->room_id = query.ColumnText(0);
  room->room_name = query.ColumnText(1);
  room->owner_account = query.ColumnText(2);
  room->create_time = query.ColumnInt(3);
  room->is_seat_enabled = query.ColumnInt(4) != 0;
  room->take_seat_mode = query.ColumnText(5);
  room->max_seat_count = query.ColumnInt(6);
  room->max_member_count = query.ColumnInt(7);
  room->is_message_disabled = query.ColumnInt(8) != 0;
  room->cover_url = query.ColumnText(9);
  Status status = DecodeCategory(query.ColumnText(10), &room->category);
  room->activity_status = query.ColumnInt(11);
  room->view_count = query.ColumnInt(12);
  room->is_public_visible = query.ColumnInt(13) != 0;
  room->notice = query.ColumnText(14);
  room->seat_template = query.ColumnText(15);
  room->is_unlimited_room_enabled = query.ColumnInt(16) != 0;
  return status;
}

// Binds every column but room_id, in ROOM_COLUMNS order.
Query& BindFields(Query& query, const RoomInfo& room, const std::string& category) {
  return query.Bind(room.room_name)
      .Bind(room.owner_account)
      .Bind(room.create_time)
      .Bind(int64_t{room.is_seat_enabled})
      .Bind(room.take_seat_mode)
      .Bind(room.max_seat_count)
      .Bind(room.max_member_count)
      .Bind(int64_t{room.is_message_disabled})
      .Bind(room.cover_url)
      .Bind(category)
      .Bind(room.activity_status)
      .Bind(room.view_count)
      .Bind(int64_t{room.is_public_visible})
      .Bind(room.notice)
      .Bind(room.seat_template)
      .Bind(int64_t{room.is_unlimited_room_enabled});
}

// The message of a kNotFound about a room.
std::string NoRoom(std::string_view room_id) { return "no room \"" + std::string(room_id) + "\""; }

// Reads rows of ROOM_COLUMNS, up to `limit` rooms; a row beyond them sets `more` (the
// query asks for one row more than the page holds).
StatusOr<RoomPage> ReadRooms(Query& query, int64_t limit) {
  RoomPage page;
  for (;;) {
    StatusOr<bool> row = query.Step();
    if (!row.ok()) return row.status();
    if (!*row) return page;
    if (static_cast<int64_t>(page.rooms.size()) == limit) {
      page.more = true;
      return page;
    }
    Status status = ReadRow(query, &page.rooms.emplace_back());
    if (!status.ok()) return status;
  }
}

}  // namespace

Status RoomStore::Create(uint32_t sdkappid, const RoomInfo& room) {
  const std::string category = EncodeCategory(room.category);
  return db_->Transaction([&]() -> Status {
    // DO NOTHING + RETURNING: a row comes back exactly when the room was inserted.
    Query query(db_, "INSERT INTO room (sdkappid, " ROOM_COLUMNS
                     ") VALUES "
                     "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                     "ON CONFLICT (sdkappid, room_id) DO NOTHING RETURNING 1");
    query.Bind(sdkappid).Bind(room.room_id);
    StatusOr<bool> created = BindFields(query, room, category).Step();
    if (!created.ok()) return created.status();
    if (!*created) return Status::AlreadyExists("room \"" + room.room_id + "\" already exists");
    return Status::Ok();
  });
}

Status RoomStore::Destroy(uint32_t sdkappid, std::string_view room_id) {
  return db_->Transaction([&] {
    // The metadata rows go with the room (ON DELETE CASCADE).
    return Query(db_, "DELETE FROM room WHERE sdkappid = ? AND room_id = ? RETURNING 1")
        .Bind(sdkappid)
        .Bind(room_id)
        .RequireRow(NoRoom(room_id));
  });
}

Status RoomStore::RequireRoom(uint32_t sdkappid, std::string_view room_id) {
  return Query(db_, "SELECT 1 FROM room WHERE sdkappid = ? AND room_id = ?")
      .Bind(sdkappid)
      .Bind(room_id)
      .RequireRow(NoRoom(room_id));
}

StatusOr<RoomInfo> RoomStore::ReadRoom(uint32_t sdkappid, std::string_view room_id) {
  Query query(db_, "SELECT " ROOM_COLUMNS " FROM room WHERE sdkappid = ? AND room_id = ?");
  StatusOr<bool> row = query.Bind(sdkappid).Bind(room_id).Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound(NoRoom(room_id));
  RoomInfo room;
  Status status = ReadRow(query, &room);
  if (!status.ok()) return status;
  return room;
}

StatusOr<RoomInfo> RoomStore::Get(uint32_t sdkappid, std::string_view room_id) {
  return db_->WithLock([&] { return ReadRoom(sdkappid, room_id); });
}

Status RoomStore::Update(uint32_t sdkappid, std::string_view room_id, const RoomEdit& edit) {
  return db_->Transaction([&]() -> Status {
    StatusOr<RoomInfo> room = ReadRoom(sdkappid, room_id);
    if (!room.ok()) return room.status();
    if (!edit(&*room)) return Status::Ok();
    const std::string category = EncodeCategory(room->category);
    Query query(db_,
                "UPDATE room SET room_name = ?, owner_account = ?, create_time = ?, "
                "is_seat_enabled = ?, take_seat_mode = ?, max_seat_count = ?, "
                "max_member_count = ?, is_message_disabled = ?, cover_url = ?, category = ?, "
                "activity_status = ?, view_count = ?, is_public_visible = ?, notice = ?, "
                "seat_template = ?, is_unlimited_room_enabled = ? WHERE sdkappid = ? AND room_id = ?");
    return BindFields(query, *room, category).Bind(sdkappid).Bind(room_id).Run();
  });
}

Status RoomStore::ChangePeople(uint32_t sdkappid, std::string_view room_id,
                               const PeopleWork& work) {
  return db_->Transaction([&]() -> Status {
    StatusOr<RoomInfo> room = ReadRoom(sdkappid, room_id);
    if (!room.ok()) return room.status();
    RoomPeople people(db_, sdkappid, room_id);
    return work(*room, people);
  });
}

Status RoomStore::ReadPeople(uint32_t sdkappid, std::string_view room_id, const PeopleWork& work) {
  return db_->WithLock([&]() -> Status {
    StatusOr<RoomInfo> room = ReadRoom(sdkappid, room_id);
    if (!room.ok()) return room.status();
    RoomPeople people(db_, sdkappid, room_id);
    return work(*room, people);
  });
}

const char* const RoomStore::kListSql =
    "SELECT " ROOM_COLUMNS " FROM room WHERE sdkappid = ?1 AND "
    "(list_view, list_time, room_id) > (?2, ?3, ?4) ORDER BY " LIST_ORDER " LIMIT ?5";

StatusOr<RoomPage> RoomStore::List(uint32_t sdkappid, const std::optional<RoomListPosition>& after,
                                   int64_t limit) {
  return db_->WithLock([&]() -> StatusOr<RoomPage> {
    Query query(db_, kListSql);
    query.Bind(sdkappid);
    if (after) {
      query.Bind(-after->view_count).Bind(-after->create_time).Bind(after->room_id);
    } else {
      // Before every room: list_view is at least -(2^32 - 1).
      query.Bind(std::numeric_limits<int64_t>::min()).Bind(int64_t{0}).Bind(std::string_view());
    }
    // One row beyond the page tells whether another page follows.
    return ReadRooms(query.Bind(limit + 1), limit);
  });
}

StatusOr<std::vector<RoomWithMetadata>> RoomStore::ListWithMetadata(uint32_t sdkappid) {
  return db_->WithLock([&]() -> StatusOr<std::vector<RoomWithMetadata>> {
    std::vector<RoomWithMetadata> out;
    std::unordered_map<std::string, size_t> index;  // room ID -> its place in `out`
    {
      Query rooms(db_, "SELECT " ROOM_COLUMNS " FROM room WHERE sdkappid = ? ORDER BY " LIST_ORDER);
      StatusOr<RoomPage> all = ReadRooms(rooms.Bind(sdkappid), -1);
      if (!all.ok()) return all.status();
      out.reserve(all->rooms.size());
      for (RoomInfo& room : all->rooms) {
        index.emplace(room.room_id, out.size());
        out.push_back(RoomWithMetadata{std::move(room), {}});
      }
    }
    Query metadata(db_,
                   "SELECT room_id, key, value FROM room_metadata WHERE sdkappid = ? "
                   "ORDER BY room_id, position");
    metadata.Bind(sdkappid);
    for (;;) {
      StatusOr<bool> row = metadata.Step();
      if (!row.ok()) return row.status();
      if (!*row) return out;
      auto it = index.find(metadata.ColumnText(0));
      if (it == index.end()) continue;  // cannot be: foreign keys keep rows with their room
      out[it->second].metadata.emplace_back(metadata.ColumnText(1), metadata.ColumnText(2));
    }
  });
}

StatusOr<Metadata> RoomStore::ReadMetadata(uint32_t sdkappid, std::string_view room_id) {
  Query query(db_,
              "SELECT key, value FROM room_metadata WHERE sdkappid = ? AND room_id = ? "
              "ORDER BY position");
  query.Bind(sdkappid).Bind(room_id);
  Metadata metadata;
  for (;;) {
    StatusOr<bool> row = query.Step();
    if (!row.ok()) return row.status();
    if (!*row) return metadata;
    metadata.emplace_back(query.ColumnText(0), query.ColumnText(1));
  }
}

StatusOr<Metadata> RoomStore::GetMetadata(uint32_t sdkappid, std::string_view room_id) {
  return db_->WithLock([&]() -> StatusOr<Metadata> {
    Status status = RequireRoom(sdkappid, room_id);
    if (!status.ok()) return status;
    return ReadMetadata(sdkappid, room_id);
  });
}

Status RoomStore::EditMetadata(uint32_t sdkappid, std::string_view room_id,
                               const MetadataEdit& edit) {
  return db_->Transaction([&]() -> Status {
    Status status = RequireRoom(sdkappid, room_id);
    if (!status.ok()) return status;
    StatusOr<Metadata> metadata = ReadMetadata(sdkappid, room_id);
    if (!metadata.ok()) return metadata.status();
    if (!edit(&*metadata)) return Status::Ok();
    // At most a few keys per room: writing them all again is simpler than a diff.
    status = Query(db_, "DELETE FROM room_metadata WHERE sdkappid = ? AND room_id = ?")
                 .Bind(sdkappid)
                 .Bind(room_id)
                 .Run();
    for (size_t i = 0; status.ok() && i < metadata->size(); ++i) {
      status = Query(db_,
                     "INSERT INTO room_metadata (sdkappid, room_id, key, value, position) "
                     "VALUES (?, ?, ?, ?, ?)")
                   .Bind(sdkappid)
                   .Bind(room_id)
                   .Bind((*metadata)[i].first)
                   .Bind((*metadata)[i].second)
                   .Bind(static_cast<int64_t>(i))
                   .Run();
    }
    return status;
  });
}

Status RoomStore::DeleteApp(uint32_t sdkappid) {
  return db_->Transaction(
      [&] { return Query(db_, "DELETE FROM room WHERE sdkappid = ?").Bind(sdkappid).Run(); });
}

Status RoomStore::DeleteAll() {
  return db_->Transaction([&] { return Query(db_, "DELETE FROM room").Run(); });
}

}  // namespace trtc::storage
