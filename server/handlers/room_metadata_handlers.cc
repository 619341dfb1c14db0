#include "server/handlers/room_metadata_handlers.h"

#include <algorithm>
#include <set>

#include "server/domain/room_rules.h"
#include "server/handlers/live_callback.h"
#include "server/handlers/replies.h"
#include "server/handlers/room_json.h"
#include "storage/room_store.h"

namespace trtc::handlers {
namespace {

using api::ApiReply;
using domain::MetadataLimit;

constexpr api::Family kV4 = api::Family::kV4;

const api::ErrorCode& CodeFor(MetadataLimit limit) {
  switch (limit) {
    case MetadataLimit::kKeyTooLong: return api::v4::kMetadataKeyTooLong;
    case MetadataLimit::kValueTooLarge: return api::v4::kMetadataValueTooLarge;
    case MetadataLimit::kTooManyKeys: return api::v4::kTooManyMetadataKeys;
    case MetadataLimit::kTotalTooLarge: return api::v4::kMetadataTooLarge;
  }
  return api::v4::kInternal;
}

// set_room_metadata's `Metadata`: a non-empty array of {"Key": string, "Value": string}.
Status ReadMetadataList(const json::Value& body, storage::Metadata* written) {
  json::Fields::Array list;
  Status status = json::Fields(body).Required("Metadata", &list);
  if (status.code() == StatusCode::kInvalidArgument) return status;  // absent
  // Built only on failure: a valid body costs no message.
  auto wanted = [] {
    return Status::InvalidArgument(
        "Metadata must be a non-empty array of {\"Key\": string, \"Value\": string}");
  };
  if (!status.ok() || list.value->Empty()) return wanted();
  for (const json::Value& item : list.value->GetArray()) {
    if (!item.IsObject()) return wanted();
    const json::Fields pair(item);
    std::string_view key;
    std::string_view value;
    if (!pair.Required("Key", &key).ok() || !pair.Required("Value", &value).ok()) return wanted();
    status = domain::CheckMetadataKey(key);
    if (!status.ok()) return status;
    written->emplace_back(key, value);
  }
  return Status::Ok();
}

// The `Keys` array of strings of get and del; `allow_empty` for get (empty = all).
Status ReadKeys(const json::Value& body, bool allow_empty,
                std::set<std::string, std::less<>>* keys) {
  std::vector<std::string> list;
  Status status = json::Fields(body).Required("Keys", &list);
  if (status.code() == StatusCode::kWrongType || (status.ok() && !allow_empty && list.empty())) {
    return Status::InvalidArgument(allow_empty ? "Keys must be an array of strings"
                                               : "Keys must be a non-empty array of strings");
  }
  if (!status.ok()) return status;
  keys->insert(std::make_move_iterator(list.begin()), std::make_move_iterator(list.end()));
  return Status::Ok();
}

// The pairs of `metadata` whose keys `written` names, in the room's order.
storage::Metadata KeysOf(const storage::Metadata& written, const storage::Metadata& metadata) {
  std::set<std::string_view> names;
  for (const auto& pair : written) names.insert(pair.first);
  storage::Metadata out;
  for (const auto& pair : metadata) {
    if (names.contains(pair.first)) out.push_back(pair);
  }
  return out;
}

}  // namespace

ApiReply SetRoomMetadata(const api::HandlerContext& context, const json::Value& body) {
  std::string room_id;
  storage::Metadata written;
  Status status = domain::ReadRoomId(json::Fields(body), &room_id);
  if (status.ok()) status = ReadMetadataList(body, &written);
  if (!status.ok()) return Refused(kV4, status);
  std::optional<ApiReply> rejection;
  std::optional<LiveCallback> callback = LiveCallback::Begin(context, kLiveSetMetadata);
  storage::Metadata set;  // for the callback: each key the call set, with its stored value
  status = context.services.rooms->EditMetadata(
      context.sdkappid, room_id, [&](storage::Metadata* metadata) {
        storage::Metadata after = *metadata;
        domain::MergeMetadata(written, &after);
        MetadataLimit broken{};
        Status limits = domain::CheckMetadataLimits(written, after, &broken);
        if (!limits.ok()) {
          rejection = ApiReply::Fail(CodeFor(broken), limits.message());
          return false;
        }
        *metadata = std::move(after);
        if (callback) set = KeysOf(written, *metadata);
        return true;
      });
  if (status.IsNotFound()) return ApiReply::Fail(api::v4::kRoomNotFound);
  if (!status.ok()) return StoreFailed(kV4, status);
  if (rejection) return std::move(*rejection);
  if (callback) {
    callback->Operator().body().Key("RoomId").String(room_id);
    callback->body().Key("Metadata");
    WriteMetadataList(callback->body(), set);
    callback->Send(room_id);
  }
  return ApiReply::Ok();
}

ApiReply GetRoomMetadata(const api::HandlerContext& context, const json::Value& body) {
  std::string room_id;
  std::set<std::string, std::less<>> keys;
  Status status = domain::ReadRoomId(json::Fields(body), &room_id);
  if (status.ok()) status = ReadKeys(body, /*allow_empty=*/true, &keys);
  if (!status.ok()) return Refused(kV4, status);
  StatusOr<storage::Metadata> metadata =
      context.services.rooms->GetMetadata(context.sdkappid, room_id);
  if (metadata.status().IsNotFound()) return ApiReply::Fail(api::v4::kRoomNotFound);
  if (!metadata.ok()) return StoreFailed(kV4, metadata.status());
  if (!keys.empty()) {
    std::erase_if(*metadata, [&](const auto& pair) { return !keys.contains(pair.first); });
  }
  json::Writer w;
  w.StartObject().Key("Metadata");
  WriteMetadataList(w, *metadata);
  w.EndObject();
  return ApiReply::Ok(w.Take());
}

ApiReply DelRoomMetadata(const api::HandlerContext& context, const json::Value& body) {
  std::string room_id;
  std::set<std::string, std::less<>> keys;
  Status status = domain::ReadRoomId(json::Fields(body), &room_id);
  if (status.ok()) status = ReadKeys(body, /*allow_empty=*/false, &keys);
  if (!status.ok()) return Refused(kV4, status);
  std::vector<std::string> deleted;  // in the room's key order
  status = context.services.rooms->EditMetadata(
      context.sdkappid, room_id, [&](storage::Metadata* metadata) {
        std::erase_if(*metadata, [&](const auto& pair) {
          if (!keys.contains(pair.first)) return false;
          deleted.push_back(pair.first);
          return true;
        });
        return !deleted.empty();
      });
  if (status.IsNotFound()) return ApiReply::Fail(api::v4::kRoomNotFound);
  if (!status.ok()) return StoreFailed(kV4, status);
  if (deleted.empty()) return ApiReply::Fail(api::v4::kNoMetadataKeysToDelete);
  if (std::optional<LiveCallback> callback = LiveCallback::Begin(context, kLiveDelMetadata)) {
    json::Writer& body = callback->Operator().body();
    body.Key("RoomId").String(room_id);
    body.Key("Keys").StartArray();
    for (const std::string& key : deleted) body.String(key);
    body.EndArray();
    callback->Send(room_id);
  }
  return ApiReply::Ok();
}

}  // namespace trtc::handlers
