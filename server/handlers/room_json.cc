#include "server/handlers/room_json.h"

namespace trtc::handlers {
namespace {

void WriteCategory(JsonWriter& writer, const std::vector<int64_t>& category) {
  writer.StartArray();
  for (int64_t value : category) writer.Int64(value);
  writer.EndArray();
}

}  // namespace

void WriteRoomInfo(JsonWriter& writer, const storage::RoomInfo& room) {
  writer.StartObject();
  writer.Key("RoomId");
  WriteString(writer, room.room_id);
  writer.Key("RoomName");
  WriteString(writer, room.room_name);
  writer.Key("RoomType");
  writer.String("Live");
  writer.Key("Owner_Account");
  WriteString(writer, room.owner_account);
  writer.Key("CreateTime");
  writer.Int64(room.create_time);
  writer.Key("IsSeatEnabled");
  writer.Bool(room.is_seat_enabled);
  writer.Key("TakeSeatMode");
  WriteString(writer, room.take_seat_mode);
  writer.Key("MaxSeatCount");
  writer.Int64(room.max_seat_count);
  writer.Key("MaxMemberCount");
  writer.Int64(room.max_member_count);
  writer.Key("IsMessageDisabled");
  writer.Bool(room.is_message_disabled);
  writer.Key("CoverURL");
  WriteString(writer, room.cover_url);
  writer.Key("Category");
  WriteCategory(writer, room.category);
  writer.Key("ActivityStatus");
  writer.Int64(room.activity_status);
  writer.Key("ViewCount");
  writer.Int64(room.view_count);
  writer.Key("IsPublicVisible");
  writer.Bool(room.is_public_visible);
  writer.Key("Notice");
  WriteString(writer, room.notice);
  writer.EndObject();
}

void WriteRoomListEntry(JsonWriter& writer, const storage::RoomInfo& room) {
  writer.StartObject();
  writer.Key("RoomName");
  WriteString(writer, room.room_name);
  writer.Key("RoomId");
  WriteString(writer, room.room_id);
  writer.Key("Owner_Account");
  WriteString(writer, room.owner_account);
  writer.Key("CoverURL");
  WriteString(writer, room.cover_url);
  writer.Key("Category");
  WriteCategory(writer, room.category);
  writer.Key("CreateTime");
  writer.Int64(room.create_time);
  writer.Key("ActivityStatus");
  writer.Int64(room.activity_status);
  writer.Key("ViewCount");
  writer.Int64(room.view_count);
  writer.EndObject();
}

void WriteMetadataList(JsonWriter& writer, const storage::Metadata& metadata) {
  writer.StartArray();
  for (const auto& [key, value] : metadata) {
    writer.StartObject();
    writer.Key("Key");
    WriteString(writer, key);
    writer.Key("Value");
    WriteString(writer, value);
    writer.EndObject();
  }
  writer.EndArray();
}

}  // namespace trtc::handlers
