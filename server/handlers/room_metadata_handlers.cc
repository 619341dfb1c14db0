#include "server/handlers/room_metadata_handlers.h"

#include <algorithm>
#include <set>

#include "server/handlers/json_text.h"
#include "server/handlers/room_json.h"
#include "server/domain/room_rules.h"
#include "server/handlers/storage_failure.h"
#include "storage/room_store.h"

namespace trtc::handlers {
namespace {

using namespace trtc::domain;  // the rules these APIs apply

using api::ApiReply;
using rapidjson::Value;

ApiReply Invalid(std::string problem) {
  return ApiReply::Fail(api::v4::kInvalidParameter, std::move(problem));
}

ApiReply StorageFailure(const Status& status) { return V4StorageFailure("room metadata", status); }

const api::ErrorCode& CodeFor(MetadataLimit limit) {
  switch (limit) {
    case MetadataLimit::kKeyTooLong: return api::v4::kMetadataKeyTooLong;
    case MetadataLimit::kValueTooLarge: return api::v4::kMetadataValueTooLarge;
    case MetadataLimit::kTooManyKeys: return api::v4::kTooManyMetadataKeys;
    case MetadataLimit::kTotalTooLarge: return api::v4::kMetadataTooLarge;
    case MetadataLimit::kNone: break;
  }
  return api::v4::kInternal;
}

std::string_view Text(const Value& value) {
  return std::string_view(value.GetString(), value.GetStringLength());
}

// set_room_metadata's `Metadata`: a non-empty array of {"Key": string, "Value": string}.
std::string ReadMetadataList(const Value& body, storage::Metadata* written) {
  auto it = body.FindMember("Metadata");
  if (it == body.MemberEnd()) return "Metadata is required";
  const std::string wanted =
      "Metadata must be a non-empty array of {\"Key\": string, \"Value\": string}";
  if (!it->value.IsArray() || it->value.Empty()) return wanted;
  for (const Value& item : it->value.GetArray()) {
    if (!item.IsObject()) return wanted;
    auto key = item.FindMember("Key");
    auto value = item.FindMember("Value");
    if (key == item.MemberEnd() || value == item.MemberEnd() || !key->value.IsString() ||
        !value->value.IsString()) {
      return wanted;
    }
    std::string problem = MetadataKeyProblem(Text(key->value));
    if (!problem.empty()) return problem;
    written->emplace_back(Text(key->value), Text(value->value));
  }
  return "";
}

// The `Keys` array of strings of get and del; `allow_empty` for get (empty = all).
std::string ReadKeys(const Value& body, bool allow_empty,
                     std::set<std::string, std::less<>>* keys) {
  auto it = body.FindMember("Keys");
  if (it == body.MemberEnd()) return "Keys is required";
  const std::string wanted = allow_empty ? "Keys must be an array of strings"
                                         : "Keys must be a non-empty array of strings";
  if (!it->value.IsArray() || (!allow_empty && it->value.Empty())) return wanted;
  for (const Value& key : it->value.GetArray()) {
    if (!key.IsString()) return wanted;
    keys->emplace(Text(key));
  }
  return "";
}

}  // namespace

ApiReply SetRoomMetadata(const api::HandlerContext& context, const Value& body) {
  std::string room_id;
  storage::Metadata written;
  std::string problem = ReadRoomId(body, &room_id);
  if (problem.empty()) problem = ReadMetadataList(body, &written);
  if (!problem.empty()) return Invalid(std::move(problem));
  std::optional<ApiReply> rejection;
  Status status = context.services.rooms->EditMetadata(
      context.sdkappid, room_id, [&](storage::Metadata* metadata) {
        storage::Metadata after = *metadata;
        MergeMetadata(written, &after);
        MetadataCheck check = CheckMetadataLimits(written, after);
        if (!check.ok()) {
          rejection = ApiReply::Fail(CodeFor(check.limit), std::move(check.message));
          return false;
        }
        *metadata = std::move(after);
        return true;
      });
  if (status.IsNotFound()) return ApiReply::Fail(api::v4::kRoomNotFound);
  if (!status.ok()) return StorageFailure(status);
  return rejection ? std::move(*rejection) : ApiReply::Ok();
}

ApiReply GetRoomMetadata(const api::HandlerContext& context, const Value& body) {
  std::string room_id;
  std::set<std::string, std::less<>> keys;
  std::string problem = ReadRoomId(body, &room_id);
  if (problem.empty()) problem = ReadKeys(body, /*allow_empty=*/true, &keys);
  if (!problem.empty()) return Invalid(std::move(problem));
  StatusOr<storage::Metadata> metadata =
      context.services.rooms->GetMetadata(context.sdkappid, room_id);
  if (metadata.status().IsNotFound()) return ApiReply::Fail(api::v4::kRoomNotFound);
  if (!metadata.ok()) return StorageFailure(metadata.status());
  if (!keys.empty()) {
    std::erase_if(*metadata, [&](const auto& pair) { return !keys.contains(pair.first); });
  }
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("Metadata");
  WriteMetadataList(writer, *metadata);
  writer.EndObject();
  return ApiReply::Ok(TakeJson(buffer));
}

ApiReply DelRoomMetadata(const api::HandlerContext& context, const Value& body) {
  std::string room_id;
  std::set<std::string, std::less<>> keys;
  std::string problem = ReadRoomId(body, &room_id);
  if (problem.empty()) problem = ReadKeys(body, /*allow_empty=*/false, &keys);
  if (!problem.empty()) return Invalid(std::move(problem));
  bool none_existed = false;
  Status status = context.services.rooms->EditMetadata(
      context.sdkappid, room_id, [&](storage::Metadata* metadata) {
        const size_t removed =
            std::erase_if(*metadata, [&](const auto& pair) { return keys.contains(pair.first); });
        none_existed = removed == 0;
        return !none_existed;
      });
  if (status.IsNotFound()) return ApiReply::Fail(api::v4::kRoomNotFound);
  if (!status.ok()) return StorageFailure(status);
  if (none_existed) return ApiReply::Fail(api::v4::kNoMetadataKeysToDelete);
  return ApiReply::Ok();
}

}  // namespace trtc::handlers
