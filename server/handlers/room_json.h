// The JSON shapes of rooms and metadata in the responses of TRTC pages 63404, 63405 and 64374,
// field names and order exactly as documented. Also used by the control plane's state dump.
#pragma once

#include "server/common/json.h"
#include "storage/room_store.h"

namespace trtc::handlers {

// get_room_info's RoomInfo object. With `only` (a request's RoomInfo object), just RoomId
// and the fields `only` has: what Live.CallbackAfterUpdateRoomInfo carries.
void WriteRoomInfo(json::Writer& w, const storage::RoomInfo& room,
                   const json::Value* only = nullptr);
// One entry of get_room_list's RoomList.
void WriteRoomListEntry(json::Writer& w, const storage::RoomInfo& room);
// [{"Key":...,"Value":...},...], as get_room_metadata answers it.
void WriteMetadataList(json::Writer& w, const storage::Metadata& metadata);

}  // namespace trtc::handlers
