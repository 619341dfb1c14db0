// The rules of live rooms and their metadata (TRTC pages 63401-63405, 64374-64376), shared by the
// REST handlers and the fixture loader, so that a seeded room is checked exactly like the API that
// would have written it. Knows JSON values and plain limits, not envelopes or codes: each answers a
// Status and each caller maps it to its own answer. Sizes are UTF-8 bytes (the body parser has
// already validated the encoding).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "server/common/json.h"
#include "server/common/status.h"
#include "storage/room_store.h"

namespace trtc::domain {

inline constexpr size_t kMaxRoomIdBytes = 48;
inline constexpr size_t kMaxRoomNameBytes = 100;
inline constexpr size_t kMaxCoverUrlBytes = 200;
inline constexpr size_t kMaxNoticeBytes = 100;
inline constexpr size_t kMaxCategories = 3;
inline constexpr size_t kMaxMetadataKeys = 10;
inline constexpr size_t kMaxMetadataKeyBytes = 50;
inline constexpr size_t kMaxMetadataValueBytes = 2048;
inline constexpr size_t kMaxMetadataTotalBytes = 16384;

// Every Status below is OK, or names the field and says what was expected:
// kInvalidArgument for a missing member or a value not allowed, kWrongType for a member
// of the wrong JSON type, kResourceExhausted for a metadata limit.

// A room ID is 1 to 48 bytes. `field` names it in the message.
Status CheckRoomId(std::string_view room_id, std::string_view field = "RoomId");

// Reads the required string member `RoomId` of `fields` into *room_id and checks it.
Status ReadRoomId(const json::Fields& fields, std::string* room_id);

// Checks the members of a RoomInfo object (create_room, update_room_info) and copies
// those present into *room; RoomType, when present, must be "Live". RoomId is neither
// checked nor copied (the caller reads it with ReadRoomId), and members the API does not
// document are ignored. On a problem *room may be partly changed.
Status ApplyRoomFields(const json::Value& room_info, storage::RoomInfo* room);

// Sets each pair of `written` in *metadata, in order: an existing key keeps its place
// and takes the new value; a new key is appended.
void MergeMetadata(const storage::Metadata& written, storage::Metadata* metadata);

// A key is at least one byte (its upper limit is a MetadataLimit below).
Status CheckMetadataKey(std::string_view key);

// The documented metadata limits, in the documented check order.
enum class MetadataLimit {
  kKeyTooLong,     // a written key over 50 bytes
  kValueTooLarge,  // a written value over 2048 bytes
  kTooManyKeys,    // more than 10 keys after the write
  kTotalTooLarge,  // all values together over 16384 bytes after the write
};

// Checks the pairs being written and the metadata as it would be after the write, limit
// by limit in the documented order: the first one broken is kResourceExhausted, and
// *broken (when given) says which it is.
Status CheckMetadataLimits(const storage::Metadata& written, const storage::Metadata& after,
                           MetadataLimit* broken = nullptr);

}  // namespace trtc::domain
