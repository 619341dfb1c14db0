// The JSON shapes of rooms and metadata in api.md §4 responses, field names and order
// exactly as documented. Also used by the control plane's state dump.
#pragma once

#include "server/handlers/json_text.h"
#include "storage/room_store.h"

namespace trtc::handlers {

// get_room_info's RoomInfo object.
void WriteRoomInfo(JsonWriter& writer, const storage::RoomInfo& room);
// One entry of get_room_list's RoomList.
void WriteRoomListEntry(JsonWriter& writer, const storage::RoomInfo& room);
// [{"Key":...,"Value":...},...], as get_room_metadata answers it.
void WriteMetadataList(JsonWriter& writer, const storage::Metadata& metadata);

}  // namespace trtc::handlers
