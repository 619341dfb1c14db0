#include "server/handlers/room_handlers.h"

#include "server/domain/room_list_cursor.h"
#include "server/domain/room_rules.h"
#include "server/handlers/live_callback.h"
#include "server/handlers/replies.h"
#include "server/handlers/room_json.h"
#include "storage/room_store.h"

namespace trtc::handlers {
namespace {

using api::ApiReply;

constexpr api::Family kV4 = api::Family::kV4;
constexpr int64_t kMaxRoomListCount = 20;

// destroy_room's Statistic: the room's counters as they were (TotalLikesReceived has no
// REST writer and stays 0).
void WriteStatistic(json::Writer& w, const storage::RoomCounters& counters) {
  w.StartObject();
  w.Key("TotalViewers").Int(counters.total_viewers);
  w.Key("TotalGiftsSent").Int(counters.total_gifts_sent);
  w.Key("TotalGiftCoins").Int(counters.total_gift_coins);
  w.Key("TotalUniqueGiftSenders").Int(counters.total_unique_gift_senders);
  w.Key("TotalLikesReceived").Int(counters.total_likes);
  w.EndObject();
}

// The RoomInfo object of create_room and update_room_info, with its RoomId read and
// checked.
Status ReadRoomInfo(const json::Value& body, const json::Value** room_info, std::string* room_id) {
  json::Fields::Object object;
  Status status = json::Fields(body).Required("RoomInfo", &object);
  if (!status.ok()) return status;
  *room_info = object.value;
  return domain::ReadRoomId(json::Fields(*object.value, "RoomInfo."), room_id);
}

// The room the body's RoomId names, or why not (100002, 100004, 100001).
std::optional<ApiReply> FindRoom(const api::HandlerContext& context, const json::Value& body,
                                 storage::RoomInfo* room) {
  std::string room_id;
  Status status = domain::ReadRoomId(json::Fields(body), &room_id);
  if (!status.ok()) return Refused(kV4, status);
  StatusOr<storage::RoomInfo> found = context.services.rooms->Get(context.sdkappid, room_id);
  if (found.status().IsNotFound()) return ApiReply::Fail(api::v4::kRoomNotFound);
  if (!found.ok()) return StoreFailed(kV4, found.status());
  *room = std::move(*found);
  return std::nullopt;
}

}  // namespace

ApiReply CreateRoom(const api::HandlerContext& context, const json::Value& body) {
  const json::Value* room_info = nullptr;
  storage::RoomInfo room;
  Status status = ReadRoomInfo(body, &room_info, &room.room_id);
  if (status.ok() && !json::Fields(*room_info).Has("RoomType")) {
    status = Status::InvalidArgument("RoomInfo.RoomType is required");
  }
  if (status.ok()) status = domain::ApplyRoomFields(*room_info, &room);
  if (!status.ok()) return Refused(kV4, status);
  room.create_time = context.services.clock->NowSeconds();
  status = context.services.rooms->Create(context.sdkappid, room);
  if (status.IsAlreadyExists()) return ApiReply::Fail(api::v4::kRoomExists, status.message());
  if (!status.ok()) return StoreFailed(kV4, status);
  if (std::optional<LiveCallback> callback = LiveCallback::Begin(context, kLiveCreateRoom)) {
    callback->Operator().body().Key("RoomInfo");
    WriteRoomInfo(callback->body(), room);
    callback->Send(room.room_id);
  }
  return ApiReply::Ok();
}

ApiReply DestroyRoom(const api::HandlerContext& context, const json::Value& body) {
  std::string room_id;
  Status status = domain::ReadRoomId(json::Fields(body), &room_id);
  if (!status.ok()) return Refused(kV4, status);
  std::optional<LiveCallback> callback = LiveCallback::Begin(context, kLiveDestroyRoom);
  // The room and its counters as they were, for the answer and the callback.
  storage::RoomInfo was;
  storage::RoomCounters counters;
  status = context.services.rooms->ReadPeople(
      context.sdkappid, room_id,
      [&](const storage::RoomInfo& room, storage::RoomPeople& people) -> Status {
        was = room;
        StatusOr<storage::RoomCounters> read = people.Counters();
        if (read.ok()) counters = *read;
        return read.status();
      });
  if (status.ok()) status = context.services.rooms->Destroy(context.sdkappid, room_id);
  if (status.IsNotFound()) return ApiReply::Fail(api::v4::kRoomNotFound);
  if (!status.ok()) return StoreFailed(kV4, status);
  json::Writer w;
  w.StartObject().Key("Statistic");
  WriteStatistic(w, counters);
  w.EndObject();
  if (callback) {
    json::Writer& body = callback->Operator().body();
    body.Key("RoomId").String(room_id);
    body.Key("EventType").String("DestroyByUser");
    body.Key("RoomInfo");
    WriteRoomInfo(body, was);
    body.Key("Statistic");
    WriteStatistic(body, counters);
    callback->Send(room_id);
  }
  return ApiReply::Ok(w.Take());
}

ApiReply UpdateRoomInfo(const api::HandlerContext& context, const json::Value& body) {
  const json::Value* room_info = nullptr;
  std::string room_id;
  Status status = ReadRoomInfo(body, &room_info, &room_id);
  // Checked on a scratch room first: fields are judged before the room's existence.
  storage::RoomInfo scratch;
  if (status.ok()) status = domain::ApplyRoomFields(*room_info, &scratch);
  if (!status.ok()) return Refused(kV4, status);
  std::optional<LiveCallback> callback = LiveCallback::Begin(context, kLiveUpdateRoomInfo);
  status = context.services.rooms->Update(context.sdkappid, room_id, [&](storage::RoomInfo* room) {
    (void)domain::ApplyRoomFields(*room_info, room);  // cannot fail: checked above
    if (callback) scratch = *room;
    return true;
  });
  if (status.IsNotFound()) return ApiReply::Fail(api::v4::kRoomNotFound);
  if (!status.ok()) return StoreFailed(kV4, status);
  if (callback) {
    // RoomId and each field the call sent, with its new value.
    callback->Operator().body().Key("RoomInfo");
    WriteRoomInfo(callback->body(), scratch, room_info);
    callback->Send(room_id);
  }
  return ApiReply::Ok();
}

ApiReply GetRoomInfo(const api::HandlerContext& context, const json::Value& body) {
  storage::RoomInfo room;
  if (std::optional<ApiReply> refused = FindRoom(context, body, &room)) return std::move(*refused);
  json::Writer w(512);
  w.StartObject().Key("RoomInfo");
  WriteRoomInfo(w, room);
  w.EndObject();
  return ApiReply::Ok(w.Take());
}

ApiReply GetRoomList(const api::HandlerContext& context, const json::Value& body) {
  // Both members are optional (emulator choice): no Next is the first page, no Count 20.
  const json::Fields fields(body);
  std::string_view next;
  Status status = fields.Optional("Next", &next);
  if (!status.ok()) return Refused(kV4, status);
  StatusOr<std::optional<storage::RoomListPosition>> after = domain::DecodeRoomCursor(next);
  if (!after.ok()) return Refused(kV4, after.status());
  int64_t count = kMaxRoomListCount;
  if (!fields.Optional("Count", &count).ok() || count < 1 || count > kMaxRoomListCount) {
    return Refused(kV4, Status::InvalidArgument("Count must be an integer from 1 to " +
                                                std::to_string(kMaxRoomListCount)));
  }
  StatusOr<storage::RoomPage> page = context.services.rooms->List(context.sdkappid, *after, count);
  if (!page.ok()) return StoreFailed(kV4, page.status());
  json::Writer w(256 + 256 * page->rooms.size());
  w.StartObject();
  w.Key("Next").String(
      page->more ? domain::EncodeRoomCursor(storage::PositionOf(page->rooms.back())) : "");
  w.Key("RoomList").StartArray();
  for (const storage::RoomInfo& room : page->rooms) WriteRoomListEntry(w, room);
  w.EndArray().EndObject();
  return ApiReply::Ok(w.Take());
}

ApiReply ResumeMcuTask(const api::HandlerContext& context, const json::Value& body) {
  storage::RoomInfo room;
  if (std::optional<ApiReply> refused = FindRoom(context, body, &room)) return std::move(*refused);
  if (!room.is_unlimited_room_enabled) return ApiReply::Fail(api::v4::kNoMixAbility);
  return ApiReply::Ok();
}

}  // namespace trtc::handlers
