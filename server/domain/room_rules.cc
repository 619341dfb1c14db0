#include "server/domain/room_rules.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>

namespace trtc::domain {
namespace {

std::string Bytes(size_t n) { return std::to_string(n) + " bytes"; }

// Each Apply* below copies the member `name` of `in` into *field when it is present.

Status ApplyString(const json::Fields& in, std::string_view name, size_t max_bytes,
                   std::string* field) {
  std::optional<std::string_view> text;
  Status status = in.Optional(name, &text);
  if (!status.ok() || !text) return status;
  if (text->size() > max_bytes) {
    return Status::InvalidArgument(in.Name(name) + " must be at most " + Bytes(max_bytes) +
                                   " (got " + Bytes(text->size()) + ")");
  }
  field->assign(*text);
  return Status::Ok();
}

// Counts, statuses and categories are non-negative 32-bit integers (emulator choice: the
// pages say only "Integer").
Status ApplyInteger(const json::Fields& in, std::string_view name, int64_t* field) {
  std::optional<uint32_t> value;
  if (!in.Optional(name, &value).ok()) {
    return Status::WrongType(in.Name(name) + " must be a non-negative 32-bit integer");
  }
  if (value) *field = *value;
  return Status::Ok();
}

Status ApplyCategory(const json::Fields& in, std::vector<int64_t>* field) {
  const Status wanted =
      Status::InvalidArgument(in.Name("Category") + " must be an array of at most " +
                              std::to_string(kMaxCategories) + " non-negative 32-bit integers");
  json::Fields::Array array;
  if (!in.Optional("Category", &array).ok()) return wanted;
  if (array.value == nullptr) return Status::Ok();
  if (array.value->Size() > kMaxCategories) return wanted;
  std::vector<int64_t> category;
  for (const json::Value& item : array.value->GetArray()) {
    if (!item.IsUint()) return wanted;
    category.push_back(item.GetUint());
  }
  *field = std::move(category);
  return Status::Ok();
}

// A member that, when present, must be a string equal to one of `allowed`.
Status ApplyWord(const json::Fields& in, std::string_view name,
                 std::initializer_list<std::string_view> allowed, std::string* field) {
  std::optional<std::string_view> word;
  const bool is_string = in.Optional(name, &word).ok();
  if (is_string && (!word || std::find(allowed.begin(), allowed.end(), *word) != allowed.end())) {
    if (word && field != nullptr) field->assign(*word);
    return Status::Ok();
  }
  std::string message = in.Name(name) + " must be ";
  for (auto it = allowed.begin(); it != allowed.end(); ++it) {
    if (it != allowed.begin()) message += " or ";
    message += json::Quote(*it);
  }
  return is_string ? Status::InvalidArgument(std::move(message))
                   : Status::WrongType(std::move(message));
}

}  // namespace

Status CheckRoomId(std::string_view room_id, std::string_view field) {
  if (room_id.empty()) return Status::InvalidArgument(std::string(field) + " must not be empty");
  if (room_id.size() > kMaxRoomIdBytes) {
    return Status::InvalidArgument(std::string(field) + " must be at most " +
                                   Bytes(kMaxRoomIdBytes) + " (got " + Bytes(room_id.size()) + ")");
  }
  return Status::Ok();
}

Status ReadRoomId(const json::Fields& fields, std::string* room_id) {
  Status status = fields.Required("RoomId", room_id);
  return status.ok() ? CheckRoomId(*room_id, fields.Name("RoomId")) : status;
}

Status ApplyRoomFields(const json::Value& room_info, storage::RoomInfo* room) {
  const json::Fields in(room_info, "RoomInfo.");
  // In this order; the first problem stops the rest. No limit is documented for the
  // owner or the seat template.
  const std::function<Status()> steps[] = {
      [&] { return ApplyWord(in, "RoomType", {"Live"}, nullptr); },
      [&] { return ApplyString(in, "RoomName", kMaxRoomNameBytes, &room->room_name); },
      [&] { return ApplyString(in, "Owner_Account", SIZE_MAX, &room->owner_account); },
      [&] { return ApplyString(in, "CoverURL", kMaxCoverUrlBytes, &room->cover_url); },
      [&] { return ApplyString(in, "Notice", kMaxNoticeBytes, &room->notice); },
      [&] { return ApplyString(in, "SeatTemplate", SIZE_MAX, &room->seat_template); },
      [&] {
        return ApplyWord(in, "TakeSeatMode", {"FreeToTake", "ApplyToTake"}, &room->take_seat_mode);
      },
      [&] { return ApplyCategory(in, &room->category); },
      [&] { return ApplyInteger(in, "MaxSeatCount", &room->max_seat_count); },
      [&] { return ApplyInteger(in, "MaxMemberCount", &room->max_member_count); },
      [&] { return ApplyInteger(in, "ActivityStatus", &room->activity_status); },
      [&] { return in.Optional("IsSeatEnabled", &room->is_seat_enabled); },
      [&] { return in.Optional("IsMessageDisabled", &room->is_message_disabled); },
      [&] { return in.Optional("IsPublicVisible", &room->is_public_visible); },
      [&] { return in.Optional("IsUnlimitedRoomEnabled", &room->is_unlimited_room_enabled); },
  };
  for (const auto& step : steps) {
    Status status = step();
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

void MergeMetadata(const storage::Metadata& written, storage::Metadata* metadata) {
  // Not a structured binding: clang before 16 cannot capture one in a lambda.
  for (const auto& entry : written) {
    auto it = std::find_if(metadata->begin(), metadata->end(),
                           [&](const auto& pair) { return pair.first == entry.first; });
    if (it != metadata->end()) {
      it->second = entry.second;
    } else {
      metadata->push_back(entry);
    }
  }
}

Status CheckMetadataKey(std::string_view key) {
  return key.empty() ? Status::InvalidArgument("a metadata Key must not be empty") : Status::Ok();
}

Status CheckMetadataLimits(const storage::Metadata& written, const storage::Metadata& after,
                           MetadataLimit* broken) {
  auto limit = [&](MetadataLimit which, std::string message) {
    if (broken != nullptr) *broken = which;
    return Status::ResourceExhausted(std::move(message));
  };
  for (const auto& [key, value] : written) {
    if (key.size() > kMaxMetadataKeyBytes) {
      return limit(MetadataLimit::kKeyTooLong, "a metadata key is " + Bytes(key.size()) +
                                                   "; a key is at most " +
                                                   Bytes(kMaxMetadataKeyBytes));
    }
  }
  for (const auto& [key, value] : written) {
    if (value.size() > kMaxMetadataValueBytes) {
      return limit(MetadataLimit::kValueTooLarge,
                   "the value of metadata key \"" + key + "\" is " + Bytes(value.size()) +
                       "; a value is at most " + Bytes(kMaxMetadataValueBytes));
    }
  }
  if (after.size() > kMaxMetadataKeys) {
    return limit(MetadataLimit::kTooManyKeys,
                 "the room would have " + std::to_string(after.size()) +
                     " metadata keys; at most " + std::to_string(kMaxMetadataKeys) +
                     " are allowed");
  }
  size_t total = 0;
  for (const auto& [key, value] : after) total += value.size();
  if (total > kMaxMetadataTotalBytes) {
    return limit(MetadataLimit::kTotalTooLarge, "all metadata values together would be " +
                                                    Bytes(total) + "; at most " +
                                                    Bytes(kMaxMetadataTotalBytes) + " are allowed");
  }
  return Status::Ok();
}

}  // namespace trtc::domain
