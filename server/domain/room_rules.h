// The rules of live rooms and their metadata (api.md §4), shared by the REST handlers
// and the fixture loader, so that a seeded room is checked exactly like the API that
// would have written it. Knows JSON values and plain limits, not envelopes or codes:
// each caller maps a problem to its own answer. Sizes are UTF-8 bytes (the body parser
// has already validated the encoding).
#pragma once

#include <rapidjson/document.h>

#include <cstddef>
#include <string>
#include <string_view>

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

// Every function below that returns a std::string returns "" when all is well, and
// otherwise says which field is wrong and what was expected.

// A room ID is 1 to 48 bytes.
std::string RoomIdProblem(std::string_view room_id);

// Reads the required string member `RoomId` of `object` into *room_id and checks it.
std::string ReadRoomId(const rapidjson::Value& object, std::string* room_id);

// Checks the members of a RoomInfo object (create_room, update_room_info) and copies
// those present into *room; RoomType, when present, must be "Live". RoomId is neither
// checked nor copied (the caller reads it with ReadRoomId), and members the API does not
// document are ignored. On a problem *room may be partly changed.
std::string ApplyRoomFields(const rapidjson::Value& room_info, storage::RoomInfo* room);

// Sets each pair of `written` in *metadata, in order: an existing key keeps its place
// and takes the new value; a new key is appended.
void MergeMetadata(const storage::Metadata& written, storage::Metadata* metadata);

// A key is at least one byte (its upper limit is a MetadataLimit below).
std::string MetadataKeyProblem(std::string_view key);

// The documented metadata limits, in the documented check order.
enum class MetadataLimit {
  kNone,
  kKeyTooLong,     // a written key over 50 bytes
  kValueTooLarge,  // a written value over 2048 bytes
  kTooManyKeys,    // more than 10 keys after the write
  kTotalTooLarge,  // all values together over 16384 bytes after the write
};

struct MetadataCheck {
  MetadataLimit limit = MetadataLimit::kNone;
  std::string message;
  bool ok() const { return limit == MetadataLimit::kNone; }
};

// Checks the pairs being written and the metadata as it would be after the write.
MetadataCheck CheckMetadataLimits(const storage::Metadata& written, const storage::Metadata& after);

}  // namespace trtc::domain
