// get_room_list's `Next`: an opaque text naming the last room of the previous page. The
// next page continues strictly after that place in list order (a keyset cursor), so a
// walk through the pages visits every room that exists throughout exactly once, however
// many rooms are created or destroyed between pages.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "server/common/status.h"
#include "storage/room_store.h"

namespace trtc::domain {

// Never "" (which means "the list is complete").
std::string EncodeRoomCursor(const storage::RoomListPosition& position);
// Where the page asked for with `next` continues: empty for the first page ("", or "0",
// which clients send for "from the start" too); kInvalidArgument when `next` was not
// made by EncodeRoomCursor.
StatusOr<std::optional<storage::RoomListPosition>> DecodeRoomCursor(std::string_view next);

}  // namespace trtc::domain
