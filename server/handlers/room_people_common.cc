#include "server/handlers/room_people_common.h"

#include <optional>

#include "server/common/log.h"
#include "server/domain/room_people_rules.h"
#include "server/handlers/live_callback.h"
#include "server/handlers/replies.h"

namespace trtc::handlers {
namespace {

using api::ApiReply;

ApiReply RunPeople(const api::HandlerContext& context, std::string_view room_id,
                   const PeopleWork& work, bool change) {
  std::optional<ApiReply> reply;
  auto run = [&](const storage::RoomInfo& room, storage::RoomPeople& people) -> Status {
    reply = work(room, people);
    // Not OK: roll back (the reply says why).
    return reply->ok() ? Status::Ok() : Status::FailedPrecondition("refused");
  };
  storage::RoomStore& rooms = *context.services.rooms;
  const Status status = change ? rooms.ChangePeople(context.sdkappid, room_id, run)
                               : rooms.ReadPeople(context.sdkappid, room_id, run);
  if (status.IsNotFound()) return ApiReply::Fail(api::v4::kRoomNotFound);
  if (reply && !reply->ok()) return std::move(*reply);
  if (!status.ok()) return StoreFailed(api::Family::kV4, status);
  return std::move(*reply);
}

}  // namespace

ApiReply ChangePeople(const api::HandlerContext& context, std::string_view room_id,
                      const PeopleWork& work) {
  return RunPeople(context, room_id, work, /*change=*/true);
}

ApiReply ReadPeople(const api::HandlerContext& context, std::string_view room_id,
                    const PeopleWork& work) {
  return RunPeople(context, room_id, work, /*change=*/false);
}

Status LeaveSeat(storage::RoomPeople& people, std::string_view account, bool* changed) {
  *changed = false;
  StatusOr<std::vector<storage::Seat>> seats = people.Seats();
  if (!seats.ok()) return seats.status();
  for (storage::Seat seat : *seats) {
    if (seat.account != account) continue;
    seat.account.clear();
    seat.video_disabled = false;
    seat.audio_disabled = false;
    *changed = true;
    return people.PutSeat(seat);
  }
  return Status::Ok();
}

void WriteSeatList(json::Writer& w, const std::vector<storage::Seat>& seats) {
  w.StartArray();
  for (const storage::Seat& seat : seats) {
    w.StartObject().Key("Index").Int(seat.index);
    if (!seat.account.empty()) w.Key("Member_Account").String(seat.account);
    w.Key("IsTakenDisabled").Bool(seat.taken_disabled);
    w.Key("IsVideoDisabled").Bool(seat.video_disabled);
    w.Key("IsAudioDisabled").Bool(seat.audio_disabled);
    w.EndObject();
  }
  w.EndArray();
}

void SendMemberCallback(const api::Services& services, uint32_t sdkappid, std::string_view room_id,
                        MemberEvent event, const std::vector<std::string>& accounts) {
  if (accounts.empty()) return;
  std::optional<LiveCallback> callback =
      LiveCallback::Begin(services, sdkappid, "", kLiveMemberStateChanged);
  if (!callback) return;
  json::Writer& body = callback->body();
  body.Key("RoomId").String(room_id);
  body.Key("EventType").String(event == MemberEvent::kEnter ? "Online" : "Offline");
  body.Key("EventCause")
      .String(event == MemberEvent::kEnter ? "Enter" : event == MemberEvent::kLeave ? "Leave" : "Kicked");
  body.Key("MemberList").StartArray();
  for (const std::string& account : accounts) {
    body.StartObject().Key("Member_Account").String(account).EndObject();
  }
  body.EndArray();
  callback->Send(room_id);
}

void SendSeatCallback(const api::Services& services, uint32_t sdkappid, std::string_view room_id) {
  std::optional<LiveCallback> callback =
      LiveCallback::Begin(services, sdkappid, "", kMicSeatInfoChanged);
  if (!callback) return;
  std::vector<storage::Seat> seats;
  const Status status = services.rooms->ReadPeople(
      sdkappid, room_id, [&](const storage::RoomInfo& room, storage::RoomPeople& people) -> Status {
        StatusOr<std::vector<storage::Seat>> stored = people.Seats();
        if (!stored.ok()) return stored.status();
        seats = domain::AllSeats(room.max_seat_count, *stored);
        return Status::Ok();
      });
  if (!status.ok()) {
    LogError("reading the seats for a seat callback: " + status.message());
    return;
  }
  callback->body().Key("RoomId").String(room_id);
  callback->body().Key("SeatList");
  WriteSeatList(callback->body(), seats);
  callback->Send(room_id);
}

}  // namespace trtc::handlers
