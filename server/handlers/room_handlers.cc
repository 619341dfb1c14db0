#include "server/handlers/room_handlers.h"

#include "server/handlers/json_text.h"
#include "server/handlers/room_json.h"
#include "server/domain/room_list_cursor.h"
#include "server/domain/room_rules.h"
#include "server/handlers/storage_failure.h"
#include "storage/room_store.h"

namespace trtc::handlers {
namespace {

using namespace trtc::domain;  // the rules these APIs apply

using api::ApiReply;
using rapidjson::Value;

constexpr int64_t kMaxRoomListCount = 20;

ApiReply Invalid(std::string problem) {
  return ApiReply::Fail(api::v4::kInvalidParameter, std::move(problem));
}

ApiReply StorageFailure(const Status& status) { return V4StorageFailure("room", status); }

// The RoomInfo object of create_room and update_room_info, with its RoomId checked.
std::string ReadRoomInfo(const Value& body, const Value** room_info, std::string* room_id) {
  auto it = body.FindMember("RoomInfo");
  if (it == body.MemberEnd()) return "RoomInfo is required";
  if (!it->value.IsObject()) return "RoomInfo must be an object";
  *room_info = &it->value;
  std::string problem = ReadRoomId(it->value, room_id);
  return problem.empty() ? "" : "RoomInfo." + problem;
}

}  // namespace

ApiReply CreateRoom(const api::HandlerContext& context, const Value& body) {
  const Value* room_info = nullptr;
  storage::RoomInfo room;
  std::string problem = ReadRoomInfo(body, &room_info, &room.room_id);
  if (problem.empty() && !room_info->HasMember("RoomType")) {
    problem = "RoomInfo.RoomType is required";
  }
  if (problem.empty()) problem = ApplyRoomFields(*room_info, &room);
  if (!problem.empty()) return Invalid(std::move(problem));
  room.create_time = context.services.clock->NowSeconds();
  Status status = context.services.rooms->Create(context.sdkappid, room);
  if (status.IsAlreadyExists()) {
    return ApiReply::Fail(api::v4::kRoomExists, "room \"" + room.room_id + "\" already exists");
  }
  return status.ok() ? ApiReply::Ok() : StorageFailure(status);
}

ApiReply DestroyRoom(const api::HandlerContext& context, const Value& body) {
  std::string room_id;
  std::string problem = ReadRoomId(body, &room_id);
  if (!problem.empty()) return Invalid(std::move(problem));
  Status status = context.services.rooms->Destroy(context.sdkappid, room_id);
  if (status.IsNotFound()) return ApiReply::Fail(api::v4::kRoomNotFound);
  if (!status.ok()) return StorageFailure(status);
  // The emulator has no viewers, gifts or likes: every statistic is zero.
  return ApiReply::Ok(R"({"Statistic":{"TotalViewers":0,"TotalGiftsSent":0,"TotalGiftCoins":0,)"
                      R"("TotalUniqueGiftSenders":0,"TotalLikesReceived":0}})");
}

ApiReply UpdateRoomInfo(const api::HandlerContext& context, const Value& body) {
  const Value* room_info = nullptr;
  std::string room_id;
  std::string problem = ReadRoomInfo(body, &room_info, &room_id);
  // Checked on a scratch room first: fields are judged before the room's existence.
  storage::RoomInfo scratch;
  if (problem.empty()) problem = ApplyRoomFields(*room_info, &scratch);
  if (!problem.empty()) return Invalid(std::move(problem));
  Status status =
      context.services.rooms->Update(context.sdkappid, room_id, [&](storage::RoomInfo* room) {
        ApplyRoomFields(*room_info, room);  // cannot fail: checked above
        return true;
      });
  if (status.IsNotFound()) return ApiReply::Fail(api::v4::kRoomNotFound);
  return status.ok() ? ApiReply::Ok() : StorageFailure(status);
}

ApiReply GetRoomInfo(const api::HandlerContext& context, const Value& body) {
  std::string room_id;
  std::string problem = ReadRoomId(body, &room_id);
  if (!problem.empty()) return Invalid(std::move(problem));
  StatusOr<storage::RoomInfo> room = context.services.rooms->Get(context.sdkappid, room_id);
  if (room.status().IsNotFound()) return ApiReply::Fail(api::v4::kRoomNotFound);
  if (!room.ok()) return StorageFailure(room.status());
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("RoomInfo");
  WriteRoomInfo(writer, *room);
  writer.EndObject();
  return ApiReply::Ok(TakeJson(buffer));
}

ApiReply GetRoomList(const api::HandlerContext& context, const Value& body) {
  // Both members are optional (emulator choice): no Next is the first page, no Count 20.
  std::optional<storage::RoomListPosition> after;
  if (auto next = body.FindMember("Next"); next != body.MemberEnd()) {
    if (!next->value.IsString()) return Invalid("Next must be a string");
    std::string_view text(next->value.GetString(), next->value.GetStringLength());
    // "0" is the first page too: Tencent's own TUILiveKit sends it so (no cursor is "0").
    if (!text.empty() && text != "0") {
      storage::RoomListPosition position;
      if (!DecodeRoomCursor(text, &position)) {
        return Invalid("Next is not a value returned by get_room_list");
      }
      after = std::move(position);
    }
  }
  int64_t count = kMaxRoomListCount;
  if (auto member = body.FindMember("Count"); member != body.MemberEnd()) {
    if (!member->value.IsInt64() || member->value.GetInt64() < 1 ||
        member->value.GetInt64() > kMaxRoomListCount) {
      return Invalid("Count must be an integer from 1 to " + std::to_string(kMaxRoomListCount));
    }
    count = member->value.GetInt64();
  }
  StatusOr<storage::RoomPage> page = context.services.rooms->List(context.sdkappid, after, count);
  if (!page.ok()) return StorageFailure(page.status());
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("Next");
  WriteString(writer, page->more ? EncodeRoomCursor(storage::PositionOf(page->rooms.back())) : "");
  writer.Key("RoomList");
  writer.StartArray();
  for (const storage::RoomInfo& room : page->rooms) WriteRoomListEntry(writer, room);
  writer.EndArray();
  writer.EndObject();
  return ApiReply::Ok(TakeJson(buffer));
}

}  // namespace trtc::handlers
