#include "server/handlers/room_json.h"

namespace trtc::handlers {
namespace {

void WriteCategory(json::Writer& w, const std::vector<int64_t>& category) {
  w.StartArray();
  for (int64_t value : category) w.Int(value);
  w.EndArray();
}

}  // namespace

void WriteRoomInfo(json::Writer& w, const storage::RoomInfo& room) {
  w.StartObject();
  w.Key("RoomId").String(room.room_id);
  w.Key("RoomName").String(room.room_name);
  w.Key("RoomType").String("Live");
  w.Key("Owner_Account").String(room.owner_account);
  w.Key("CreateTime").Int(room.create_time);
  w.Key("IsSeatEnabled").Bool(room.is_seat_enabled);
  w.Key("TakeSeatMode").String(room.take_seat_mode);
  w.Key("MaxSeatCount").Int(room.max_seat_count);
  w.Key("MaxMemberCount").Int(room.max_member_count);
  w.Key("IsMessageDisabled").Bool(room.is_message_disabled);
  w.Key("CoverURL").String(room.cover_url);
  w.Key("Category");
  WriteCategory(w, room.category);
  w.Key("ActivityStatus").Int(room.activity_status);
  w.Key("ViewCount").Int(room.view_count);
  w.Key("IsPublicVisible").Bool(room.is_public_visible);
  w.Key("Notice").String(room.notice);
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
