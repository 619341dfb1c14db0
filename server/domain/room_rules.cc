#include "server/domain/room_rules.h"

#include <algorithm>
#include <cstdint>
#include <functional>

namespace trtc::domain {
namespace {

using rapidjson::Value;

std::string Bytes(size_t n) { return std::to_string(n) + " bytes"; }

// Each Apply* below copies `object[name]` into *field when the member is present.

std::string ApplyString(const Value& object, const char* name, size_t max_bytes,
                        std::string* field) {
  auto it = object.FindMember(name);
  if (it == object.MemberEnd()) return "";
  if (!it->value.IsString()) return std::string("RoomInfo.") + name + " must be a string";
  if (it->value.GetStringLength() > max_bytes) {
    return std::string("RoomInfo.") + name + " must be at most " + Bytes(max_bytes) + " (got " +
           Bytes(it->value.GetStringLength()) + ")";
  }
  field->assign(it->value.GetString(), it->value.GetStringLength());
  return "";
}

std::string ApplyBool(const Value& object, const char* name, bool* field) {
  auto it = object.FindMember(name);
  if (it == object.MemberEnd()) return "";
  if (!it->value.IsBool()) return std::string("RoomInfo.") + name + " must be true or false";
  *field = it->value.GetBool();
  return "";
}

// Counts, statuses and categories are non-negative 32-bit integers (emulator choice: the
// pages say only "Integer").
std::string ApplyInteger(const Value& object, const char* name, int64_t* field) {
  auto it = object.FindMember(name);
  if (it == object.MemberEnd()) return "";
  if (!it->value.IsUint()) {
    return std::string("RoomInfo.") + name + " must be a non-negative 32-bit integer";
  }
  *field = it->value.GetUint();
  return "";
}

std::string ApplyCategory(const Value& object, std::vector<int64_t>* field) {
  auto it = object.FindMember("Category");
  if (it == object.MemberEnd()) return "";
  const std::string wanted = "RoomInfo.Category must be an array of at most " +
                             std::to_string(kMaxCategories) + " non-negative 32-bit integers";
  if (!it->value.IsArray() || it->value.Size() > kMaxCategories) return wanted;
  std::vector<int64_t> category;
  for (const Value& item : it->value.GetArray()) {
    if (!item.IsUint()) return wanted;
    category.push_back(item.GetUint());
  }
  *field = std::move(category);
  return "";
}

std::string ApplyTakeSeatMode(const Value& object, std::string* field) {
  auto it = object.FindMember("TakeSeatMode");
  if (it == object.MemberEnd()) return "";
  const std::string_view mode =
      it->value.IsString() ? std::string_view(it->value.GetString(), it->value.GetStringLength())
                           : std::string_view();
  if (mode != "FreeToTake" && mode != "ApplyToTake") {
    return "RoomInfo.TakeSeatMode must be \"FreeToTake\" or \"ApplyToTake\"";
  }
  field->assign(mode);
  return "";
}

std::string CheckRoomType(const Value& object) {
  auto it = object.FindMember("RoomType");
  if (it == object.MemberEnd()) return "";
  if (!it->value.IsString() ||
      std::string_view(it->value.GetString(), it->value.GetStringLength()) != "Live") {
    return "RoomInfo.RoomType must be \"Live\"";
  }
  return "";
}

}  // namespace

std::string RoomIdProblem(std::string_view room_id) {
  if (room_id.empty()) return "RoomId must not be empty";
  if (room_id.size() > kMaxRoomIdBytes) {
    return "RoomId must be at most " + Bytes(kMaxRoomIdBytes) + " (got " + Bytes(room_id.size()) +
           ")";
  }
  return "";
}

std::string ReadRoomId(const Value& object, std::string* room_id) {
  auto it = object.FindMember("RoomId");
  if (it == object.MemberEnd()) return "RoomId is required";
  if (!it->value.IsString()) return "RoomId must be a string";
  room_id->assign(it->value.GetString(), it->value.GetStringLength());
  return RoomIdProblem(*room_id);
}

std::string ApplyRoomFields(const Value& room_info, storage::RoomInfo* room) {
  const Value& in = room_info;
  // In this order; the first problem stops the rest. No limit is documented for the
  // owner or the seat template.
  const std::function<std::string()> steps[] = {
      [&] { return CheckRoomType(in); },
      [&] { return ApplyString(in, "RoomName", kMaxRoomNameBytes, &room->room_name); },
      [&] { return ApplyString(in, "Owner_Account", SIZE_MAX, &room->owner_account); },
      [&] { return ApplyString(in, "CoverURL", kMaxCoverUrlBytes, &room->cover_url); },
      [&] { return ApplyString(in, "Notice", kMaxNoticeBytes, &room->notice); },
      [&] { return ApplyString(in, "SeatTemplate", SIZE_MAX, &room->seat_template); },
      [&] { return ApplyTakeSeatMode(in, &room->take_seat_mode); },
      [&] { return ApplyCategory(in, &room->category); },
      [&] { return ApplyInteger(in, "MaxSeatCount", &room->max_seat_count); },
      [&] { return ApplyInteger(in, "MaxMemberCount", &room->max_member_count); },
      [&] { return ApplyInteger(in, "ActivityStatus", &room->activity_status); },
      [&] { return ApplyBool(in, "IsSeatEnabled", &room->is_seat_enabled); },
      [&] { return ApplyBool(in, "IsMessageDisabled", &room->is_message_disabled); },
      [&] { return ApplyBool(in, "IsPublicVisible", &room->is_public_visible); },
  };
  for (const auto& step : steps) {
    std::string problem = step();
    if (!problem.empty()) return problem;
  }
  return "";
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

std::string MetadataKeyProblem(std::string_view key) {
  return key.empty() ? "a metadata Key must not be empty" : "";
}

MetadataCheck CheckMetadataLimits(const storage::Metadata& written,
                                  const storage::Metadata& after) {
  for (const auto& [key, value] : written) {
    if (key.size() > kMaxMetadataKeyBytes) {
      return {MetadataLimit::kKeyTooLong, "a metadata key is " + Bytes(key.size()) +
                                              "; a key is at most " + Bytes(kMaxMetadataKeyBytes)};
    }
  }
  for (const auto& [key, value] : written) {
    if (value.size() > kMaxMetadataValueBytes) {
      return {MetadataLimit::kValueTooLarge, "the value of metadata key \"" + key + "\" is " +
                                                 Bytes(value.size()) + "; a value is at most " +
                                                 Bytes(kMaxMetadataValueBytes)};
    }
  }
  if (after.size() > kMaxMetadataKeys) {
    return {MetadataLimit::kTooManyKeys, "the room would have " + std::to_string(after.size()) +
                                             " metadata keys; at most " +
                                             std::to_string(kMaxMetadataKeys) + " are allowed"};
  }
  size_t total = 0;
  for (const auto& [key, value] : after) total += value.size();
  if (total > kMaxMetadataTotalBytes) {
    return {MetadataLimit::kTotalTooLarge, "all metadata values together would be " + Bytes(total) +
                                               "; at most " + Bytes(kMaxMetadataTotalBytes) +
                                               " are allowed"};
  }
  return {};
}

}  // namespace trtc::domain
