#include "storage/room_store.h"

#include <charconv>

namespace trtc::storage {

namespace {

// The room columns in the order ReadRow() reads them.
#define ROOM_COLUMNS                                                                  \
  "room_id, room_name, owner_account, create_time, is_seat_enabled, take_seat_mode, " \
  "max_seat_count, max_member_count, is_message_disabled, cover_url, category, "      \
  "activity_status, view_count, is_public_visible, notice, seat_template"

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
      return Status::Error("stored room category list is corrupt");
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
      .Bind(room.seat_template);
}

}  // namespace

Status RoomStore::Create(uint32_t sdkappid, const RoomInfo& room, bool* created) {
  *created = false;
  const std::string category = EncodeCategory(room.category);
  return db_->Transaction([&] {
    // DO NOTHING + RETURNING: a row comes back exactly when the room was inserted.
    Query query(db_, "INSERT INTO room (sdkappid, " ROOM_COLUMNS
                     ") VALUES "
                     "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                     "ON CONFLICT (sdkappid, room_id) DO NOTHING RETURNING 1");
    query.Bind(sdkappid).Bind(room.room_id);
    return BindFields(query, room, category).Step(created);
  });
}

Status RoomStore::Destroy(uint32_t sdkappid, std::string_view room_id, bool* existed) {
  *existed = false;
  return db_->Transaction([&] {
    // The metadata rows go with the room (ON DELETE CASCADE).
    return Query(db_, "DELETE FROM room WHERE sdkappid = ? AND room_id = ? RETURNING 1")
        .Bind(sdkappid)
        .Bind(room_id)
        .Step(existed);
  });
}

Status RoomStore::ReadRoom(uint32_t sdkappid, std::string_view room_id,
                           std::optional<RoomInfo>* out) {
  out->reset();
  Query query(db_, "SELECT " ROOM_COLUMNS " FROM room WHERE sdkappid = ? AND room_id = ?");
  bool row = false;
  Status status = query.Bind(sdkappid).Bind(room_id).Step(&row);
  if (!status.ok() || !row) return status;
  RoomInfo room;
  status = ReadRow(query, &room);
  if (status.ok()) *out = std::move(room);
  return status;
}

Status RoomStore::Get(uint32_t sdkappid, std::string_view room_id, std::optional<RoomInfo>* out) {
  return db_->WithLock([&] { return ReadRoom(sdkappid, room_id, out); });
}

Status RoomStore::Update(uint32_t sdkappid, std::string_view room_id, const RoomEdit& edit,
                         bool* found) {
  *found = false;
  return db_->Transaction([&]() -> Status {
    std::optional<RoomInfo> room;
    Status status = ReadRoom(sdkappid, room_id, &room);
    if (!status.ok() || !room) return status;
    *found = true;
    if (!edit(&*room)) return Status::Ok();
    const std::string category = EncodeCategory(room->category);
    Query query(db_,
                "UPDATE room SET room_name = ?, owner_account = ?, create_time = ?, "
                "is_seat_enabled = ?, take_seat_mode = ?, max_seat_count = ?, "
                "max_member_count = ?, is_message_disabled = ?, cover_url = ?, category = ?, "
                "activity_status = ?, view_count = ?, is_public_visible = ?, notice = ?, "
                "seat_template = ? WHERE sdkappid = ? AND room_id = ?");
    return BindFields(query, *room, category).Bind(sdkappid).Bind(room_id).Run();
  });
}

Status RoomStore::List(uint32_t sdkappid, const std::optional<RoomListPosition>& after,
                       int64_t limit, std::vector<RoomInfo>* rooms, bool* more) {
  rooms->clear();
  *more = false;
  return db_->WithLock([&]() -> Status {
    // One row beyond the page tells whether another page follows.
    const int64_t wanted = limit + 1;
    std::optional<Query> query;
    if (after) {
      // Strictly after `after` in (view_count DESC, create_time DESC, room_id ASC).
      query.emplace(db_, "SELECT " ROOM_COLUMNS
                         " FROM room WHERE sdkappid = ?1 AND "
                         "(view_count < ?2 OR (view_count = ?2 AND (create_time < ?3 OR "
                         "(create_time = ?3 AND room_id > ?4)))) "
                         "ORDER BY view_count DESC, create_time DESC, room_id ASC LIMIT ?5");
      query->Bind(sdkappid)
          .Bind(after->view_count)
          .Bind(after->create_time)
          .Bind(after->room_id)
          .Bind(wanted);
    } else {
      query.emplace(db_, "SELECT " ROOM_COLUMNS
                         " FROM room WHERE sdkappid = ? "
                         "ORDER BY view_count DESC, create_time DESC, room_id ASC LIMIT ?");
      query->Bind(sdkappid).Bind(wanted);
    }
    for (;;) {
      bool row = false;
      Status status = query->Step(&row);
      if (!status.ok() || !row) return status;
      if (static_cast<int64_t>(rooms->size()) == limit) {
        *more = true;
        return Status::Ok();
      }
      RoomInfo room;
      status = ReadRow(*query, &room);
      if (!status.ok()) return status;
      rooms->push_back(std::move(room));
    }
  });
}

Status RoomStore::ReadMetadata(uint32_t sdkappid, std::string_view room_id, Metadata* out) {
  out->clear();
  Query query(db_,
              "SELECT key, value FROM room_metadata WHERE sdkappid = ? AND room_id = ? "
              "ORDER BY position");
  query.Bind(sdkappid).Bind(room_id);
  for (;;) {
    bool row = false;
    Status status = query.Step(&row);
    if (!status.ok() || !row) return status;
    out->emplace_back(query.ColumnText(0), query.ColumnText(1));
  }
}

Status RoomStore::GetMetadata(uint32_t sdkappid, std::string_view room_id, Metadata* out,
                              bool* found) {
  out->clear();
  *found = false;
  return db_->WithLock([&]() -> Status {
    std::optional<RoomInfo> room;
    Status status = ReadRoom(sdkappid, room_id, &room);
    if (!status.ok() || !room) return status;
    *found = true;
    return ReadMetadata(sdkappid, room_id, out);
  });
}

Status RoomStore::EditMetadata(uint32_t sdkappid, std::string_view room_id,
                               const MetadataEdit& edit, bool* found) {
  *found = false;
  return db_->Transaction([&]() -> Status {
    Status status;
    {
      Query exists(db_, "SELECT 1 FROM room WHERE sdkappid = ? AND room_id = ?");
      status = exists.Bind(sdkappid).Bind(room_id).Step(found);
    }
    if (!status.ok() || !*found) return status;
    Metadata metadata;
    status = ReadMetadata(sdkappid, room_id, &metadata);
    if (!status.ok() || !edit(&metadata)) return status;
    // At most a few keys per room: writing them all again is simpler than a diff.
    status = Query(db_, "DELETE FROM room_metadata WHERE sdkappid = ? AND room_id = ?")
                 .Bind(sdkappid)
                 .Bind(room_id)
                 .Run();
    for (size_t i = 0; status.ok() && i < metadata.size(); ++i) {
      status = Query(db_,
                     "INSERT INTO room_metadata (sdkappid, room_id, key, value, position) "
                     "VALUES (?, ?, ?, ?, ?)")
                   .Bind(sdkappid)
                   .Bind(room_id)
                   .Bind(metadata[i].first)
                   .Bind(metadata[i].second)
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
