#include "server/handlers/seat_handlers.h"

#include <optional>
#include <string>
#include <vector>

#include "server/domain/chat_accounts.h"
#include "server/domain/room_people_rules.h"
#include "server/domain/room_rules.h"
#include "server/handlers/replies.h"
#include "server/handlers/room_people_common.h"

namespace trtc::handlers {
namespace {

using api::ApiReply;
using storage::RoomInfo;
using storage::RoomPeople;
using storage::Seat;
namespace v4 = api::v4;

constexpr api::Family kV4 = api::Family::kV4;

ApiReply Stored(const Status& status) { return StoreFailed(kV4, status); }

// The room's seats, all of them, for a change: nullopt (and *reply set) when the room has
// none (100211), or `index` (when given) is not one of them (100002).
std::optional<std::vector<Seat>> SeatsFor(const RoomInfo& room, RoomPeople& people,
                                          std::optional<int64_t> index, ApiReply* reply) {
  const int64_t count = domain::SeatCount(room.max_seat_count);
  if (count == 0) {
    *reply = ApiReply::Fail(v4::kNoSeats);
    return std::nullopt;
  }
  if (index && (*index < 0 || *index >= count)) {
    *reply = Refused(kV4, Status::InvalidArgument("Index must be from 0 to " + std::to_string(count - 1)));
    return std::nullopt;
  }
  StatusOr<std::vector<Seat>> stored = people.Seats();
  if (!stored.ok()) {
    *reply = Stored(stored.status());
    return std::nullopt;
  }
  return domain::AllSeats(room.max_seat_count, *stored);
}

// The seat `account` sits on, or null.
Seat* SeatOf(std::vector<Seat>& seats, std::string_view account) {
  for (Seat& seat : seats) {
    if (seat.account == account) return &seat;
  }
  return nullptr;
}

// Reads RoomId and a UserID member.
Status ReadRoomAndAccount(const json::Fields& fields, const char* name, std::string* room_id,
                          std::string* account) {
  Status status = domain::ReadRoomId(fields, room_id);
  if (status.ok()) status = fields.Required(name, account);
  if (status.ok() && !domain::IsValidUserId(*account)) {
    status = Status::InvalidArgument(std::string(name) + " must be 1 to 32 bytes");
  }
  return status;
}

// Runs a seat change and sends the seat callback when it changed something.
ApiReply ChangeSeats(const api::HandlerContext& context, const std::string& room_id,
                     const std::function<ApiReply(const RoomInfo&, RoomPeople&, bool* changed)>& work) {
  bool changed = false;
  ApiReply reply = ChangePeople(context, room_id, [&](const RoomInfo& room, RoomPeople& people) {
    return work(room, people, &changed);
  });
  if (reply.ok() && changed) SendSeatCallback(context.services, context.sdkappid, room_id);
  return reply;
}

}  // namespace

ApiReply GetSeatList(const api::HandlerContext& context, const json::Value& body) {
  std::string room_id;
  Status status = domain::ReadRoomId(json::Fields(body), &room_id);
  if (!status.ok()) return Refused(kV4, status);
  return ReadPeople(context, room_id, [&](const RoomInfo& room, RoomPeople& people) {
    StatusOr<std::vector<Seat>> stored = people.Seats();
    if (!stored.ok()) return Stored(stored.status());
    json::Writer w(64 + 128 * static_cast<size_t>(domain::SeatCount(room.max_seat_count)));
    w.StartObject().Key("SeatList");
    WriteSeatList(w, domain::AllSeats(room.max_seat_count, *stored));
    w.EndObject();
    return ApiReply::Ok(w.Take());
  });
}

ApiReply PickUserOnSeat(const api::HandlerContext& context, const json::Value& body) {
  const json::Fields fields(body);
  std::string room_id, account;
  int64_t index = 0;
  Status status = ReadRoomAndAccount(fields, "Member_Account", &room_id, &account);
  if (status.ok()) status = fields.Required("Index", &index);
  if (!status.ok()) return Refused(kV4, status);
  return ChangeSeats(context, room_id, [&](const RoomInfo& room, RoomPeople& people, bool* changed) {
    ApiReply reply = ApiReply::Ok();
    std::optional<std::vector<Seat>> seats = SeatsFor(room, people, index, &reply);
    if (!seats) return reply;
    StatusOr<bool> member = people.IsMember(account);
    if (!member.ok()) return Stored(member.status());
    if (!*member) return ApiReply::Fail(v4::kNotRoomMember, "\"" + account + "\" is not a member of the room");
    if (SeatOf(*seats, account) != nullptr) return ApiReply::Fail(v4::kAlreadyOnSeat);
    Seat& seat = (*seats)[static_cast<size_t>(index)];
    if (seat.taken_disabled) return ApiReply::Fail(v4::kSeatLocked);
    if (!seat.account.empty()) return ApiReply::Fail(v4::kSeatTaken);
    seat.account = account;
    *changed = true;
    Status put = people.PutSeat(seat);
    return put.ok() ? ApiReply::Ok() : Stored(put);
  });
}

ApiReply KickUserOffSeat(const api::HandlerContext& context, const json::Value& body) {
  const json::Fields fields(body);
  std::string room_id, account;
  std::string_view data;  // "sent when the user is kicked": the emulator has no client to send it to
  Status status = ReadRoomAndAccount(fields, "Member_Account", &room_id, &account);
  if (status.ok()) status = fields.Required("Data", &data);
  if (!status.ok()) return Refused(kV4, status);
  return ChangeSeats(context, room_id, [&](const RoomInfo& room, RoomPeople& people, bool* changed) {
    ApiReply reply = ApiReply::Ok();
    std::optional<std::vector<Seat>> seats = SeatsFor(room, people, std::nullopt, &reply);
    if (!seats) return reply;
    if (SeatOf(*seats, account) == nullptr) return ApiReply::Fail(v4::kNotOnSeat);
    Status left = LeaveSeat(people, account, changed);
    return left.ok() ? ApiReply::Ok() : Stored(left);
  });
}

ApiReply LockSeat(const api::HandlerContext& context, const json::Value& body) {
  const json::Fields fields(body);
  std::string room_id;
  int64_t index = 0;
  std::optional<bool> forbid_taken, forbid_video, forbid_audio;
  Status status = domain::ReadRoomId(fields, &room_id);
  if (status.ok()) status = fields.Required("Index", &index);
  if (status.ok()) status = fields.Optional("ForbidTaken", &forbid_taken);
  if (status.ok()) status = fields.Optional("ForbidVideo", &forbid_video);
  if (status.ok()) status = fields.Optional("ForbidAudio", &forbid_audio);
  if (!status.ok()) return Refused(kV4, status);
  return ChangeSeats(context, room_id, [&](const RoomInfo& room, RoomPeople& people, bool* changed) {
    ApiReply reply = ApiReply::Ok();
    std::optional<std::vector<Seat>> seats = SeatsFor(room, people, index, &reply);
    if (!seats) return reply;
    Seat seat = (*seats)[static_cast<size_t>(index)];
    const Seat before = seat;
    if (forbid_taken) {
      // "If someone is on the seat, the user will be removed before locking."
      if (*forbid_taken && !seat.account.empty()) {
        seat.account.clear();
        seat.video_disabled = seat.audio_disabled = false;
      }
      seat.taken_disabled = *forbid_taken;
    }
    // The stream flags belong to the user on the seat: ignored on an empty or locked seat.
    if (!seat.account.empty() && !seat.taken_disabled) {
      if (forbid_video) seat.video_disabled = *forbid_video;
      if (forbid_audio) seat.audio_disabled = *forbid_audio;
    }
    if (seat == before) return ApiReply::Ok();
    *changed = true;
    Status put = people.PutSeat(seat);
    return put.ok() ? ApiReply::Ok() : Stored(put);
  });
}

ApiReply SwitchSeat(const api::HandlerContext& context, const json::Value& body) {
  const json::Fields fields(body);
  std::string room_id, account;
  int64_t to_index = 0;
  Status status = ReadRoomAndAccount(fields, "Member_Account", &room_id, &account);
  if (status.ok()) status = fields.Required("ToIndex", &to_index);
  if (!status.ok()) return Refused(kV4, status);
  return ChangeSeats(context, room_id, [&](const RoomInfo& room, RoomPeople& people, bool* changed) {
    ApiReply reply = ApiReply::Ok();
    std::optional<std::vector<Seat>> seats = SeatsFor(room, people, to_index, &reply);
    if (!seats) return reply;
    Seat* from = SeatOf(*seats, account);
    if (from == nullptr) return ApiReply::Fail(v4::kNotOnSeat);
    Seat to = (*seats)[static_cast<size_t>(to_index)];
    if (from->index == to.index) return ApiReply::Ok();
    if (to.taken_disabled) return ApiReply::Fail(v4::kSeatLocked);
    if (!to.account.empty()) return ApiReply::Fail(v4::kSeatTaken);
    // The user's stream flags move with them.
    to.account = account;
    to.video_disabled = from->video_disabled;
    to.audio_disabled = from->audio_disabled;
    Seat emptied = *from;
    emptied.account.clear();
    emptied.video_disabled = emptied.audio_disabled = false;
    *changed = true;
    Status put = people.PutSeat(emptied);
    if (put.ok()) put = people.PutSeat(to);
    return put.ok() ? ApiReply::Ok() : Stored(put);
  });
}

}  // namespace trtc::handlers
