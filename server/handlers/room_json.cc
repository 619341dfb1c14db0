#include "server/handlers/room_json.h"

#include <optional>

namespace trtc::handlers {
namespace {

void WriteCategory(json::Writer& w, const std::vector<int64_t>& category) {
  w.StartArray();
  for (int64_t value : category) w.Int(value);
  w.EndArray();
}

}  // namespace

void WriteRoomInfo(json::Writer& w, const storage::RoomInfo& room, const json::Value* only) {
  const std::optional<json::Fields> sent =
      only ? std::optional<json::Fields>(std::in_place, *only) : std::nullopt;
  // Writes the key and returns true when the field is to be written.
  auto key = [&](std::string_view name) -> bool {
    if (sent && !sent->Has(name)) return false;
    w.Key(name);
    return true;
  };
  w.StartObject();
  w.Key("RoomId").String(room.room_id);
  if (key("RoomName")) w.String(room.room_name);
  if (key("RoomType")) w.String("Live");
  if (key("Owner_Account")) w.String(room.owner_account);
  if (key("CreateTime")) w.Int(room.create_time);
  if (key("IsSeatEnabled")) w.Bool(room.is_seat_enabled);
  if (key("TakeSeatMode")) w.String(room.take_seat_mode);
  if (key("MaxSeatCount")) w.Int(room.max_seat_count);
  if (key("MaxMemberCount")) w.Int(room.max_member_count);
  if (key("IsMessageDisabled")) w.Bool(room.is_message_disabled);
  if (key("CoverURL")) w.String(room.cover_url);
  if (key("Category")) WriteCategory(w, room.category);
  if (key("ActivityStatus")) w.Int(room.activity_status);
  if (key("ViewCount")) w.Int(room.view_count);
  if (key("IsPublicVisible")) w.Bool(room.is_public_visible);
  if (key("Notice")) w.String(room.notice);
  w.EndObject();
}

void WriteRoomListEntry(json::Writer& w, const storage::RoomInfo& room) {
  w.StartObject();
  w.Key("RoomName").String(room.room_name);
  w.Key("RoomId").String(room.room_id);
  w.Key("Owner_Account").String(room.owner_account);
  w.Key("CoverURL").String(room.cover_url);
  w.Key("Category");
  WriteCategory(w, room.category);
  w.Key("CreateTime").Int(room.create_time);
  w.Key("ActivityStatus").Int(room.activity_status);
  w.Key("ViewCount").Int(room.view_count);
  w.EndObject();
}

void WriteMetadataList(json::Writer& w, const storage::Metadata& metadata) {
  w.StartArray();
  for (const auto& [key, value] : metadata) {
    w.StartObject();
    w.Key("Key").String(key);
    w.Key("Value").String(value);
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace trtc::handlers
