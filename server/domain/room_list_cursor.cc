#include "server/domain/room_list_cursor.h"

#include <charconv>

#include "server/auth/base64.h"

namespace trtc::domain {
namespace {

// Reads a decimal integer and the '.' after it from the front of *text.
bool TakeNumber(std::string_view* text, int64_t* value) {
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), *value);
  if (ec != std::errc() || end == text->data() + text->size() || *end != '.') return false;
  text->remove_prefix(static_cast<size_t>(end - text->data()) + 1);
  return true;
}

}  // namespace

// Base64 of "VIEW_COUNT.CREATE_TIME.ROOM_ID": the room ID comes last, so it may hold
// any byte, and base64 keeps clients from reading meaning into the text.
std::string EncodeRoomCursor(const storage::RoomListPosition& position) {
  return auth::Base64Encode(std::to_string(position.view_count) + "." +
                            std::to_string(position.create_time) + "." + position.room_id);
}

StatusOr<std::optional<storage::RoomListPosition>> DecodeRoomCursor(std::string_view next) {
  if (next.empty() || next == "0") return std::optional<storage::RoomListPosition>();
  // Built only on failure: a valid cursor costs no message.
  auto foreign = [] {
    return Status::InvalidArgument("Next is not a value returned by get_room_list");
  };
  std::string decoded;
  if (!auth::Base64Decode(next, &decoded)) return foreign();
  std::string_view text(decoded);
  storage::RoomListPosition position;
  if (!TakeNumber(&text, &position.view_count) || !TakeNumber(&text, &position.create_time) ||
      text.empty()) {
    return foreign();
  }
  position.room_id.assign(text);
  return std::optional<storage::RoomListPosition>(std::move(position));
}

}  // namespace trtc::domain
