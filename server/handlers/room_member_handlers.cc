#include "server/handlers/room_member_handlers.h"

#include <algorithm>
#include <limits>
#include <optional>

#include "server/domain/chat_accounts.h"
#include "server/domain/room_people_rules.h"
#include "server/domain/room_rules.h"
#include "server/handlers/live_callback.h"
#include "server/handlers/replies.h"
#include "server/handlers/room_people_common.h"

namespace trtc::handlers {
namespace {

using api::ApiReply;
using storage::RestrictionKind;
using storage::RoomInfo;
using storage::RoomPeople;

constexpr api::Family kV4 = api::Family::kV4;
constexpr int64_t kMaxSeconds = std::numeric_limits<uint32_t>::max();

ApiReply Stored(const Status& status) { return StoreFailed(kV4, status); }

// A number of seconds: an integer from `min` to 4294967295 (emulator choice).
Status ReadSeconds(const json::Fields& fields, std::string_view name, int64_t min, int64_t* out) {
  Status status = fields.Required(name, out);
  if (status.ok() && (*out < min || *out > kMaxSeconds)) {
    return Status::InvalidArgument(fields.Name(name) + " must be an integer from " +
                                   std::to_string(min) + " to " + std::to_string(kMaxSeconds));
  }
  return status;
}

// A list of restrictions as {"Member_Account", `until_key`} objects.
void WriteRestrictions(json::Writer& w, const std::vector<storage::Restriction>& list,
                       std::string_view until_key) {
  w.StartArray();
  for (const storage::Restriction& entry : list) {
    w.StartObject().Key("Member_Account").String(entry.account).Key(until_key).Int(entry.until_s);
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

ApiReply GetMemberList(const api::HandlerContext& context, const json::Value& body) {
  const json::Fields fields(body);
  std::string room_id;
  std::string_view next;
  Status status = domain::ReadRoomId(fields, &room_id);
  if (status.ok()) status = fields.Required("Next", &next);
  if (!status.ok()) return Refused(kV4, status);
  return ReadPeople(context, room_id, [&](const RoomInfo&, RoomPeople& people) {
    StatusOr<int64_t> offset = domain::DecodeMemberCursor(next);
    if (!offset.ok()) return Refused(kV4, offset.status());
    StatusOr<int64_t> total = people.MemberCount();
    if (!total.ok()) return Stored(total.status());
    const int64_t limit = std::min(domain::kMemberPageSize, domain::kMaxMembersListed - *offset);
    StatusOr<std::vector<std::string>> members = people.Members(*offset, limit);
    if (!members.ok()) return Stored(members.status());
    json::Writer w(96 + 32 * members->size());
    w.StartObject();
    w.Key("Next").String(
        domain::NextMemberCursor(*offset, static_cast<int64_t>(members->size()), *total));
    w.Key("MemberCount").Int(*total);
    w.Key("MemberList").StartArray();
    for (const std::string& member : *members) {
      w.StartObject().Key("Member_Account").String(member).EndObject();
    }
    w.EndArray().EndObject();
    return ApiReply::Ok(w.Take());
  });
}

ApiReply GetAdminList(const api::HandlerContext& context, const json::Value& body) {
  std::string room_id;
  Status status = domain::ReadRoomId(json::Fields(body), &room_id);
  if (!status.ok()) return Refused(kV4, status);
  return ReadPeople(context, room_id, [&](const RoomInfo&, RoomPeople& people) {
    StatusOr<std::vector<std::string>> admins = people.Admins();
    if (!admins.ok()) return Stored(admins.status());
    json::Writer w;
    w.StartObject().Key("Admin_Account").StartArray();
    for (const std::string& admin : *admins) w.String(admin);
    w.EndArray().EndObject();
    return ApiReply::Ok(w.Take());
  });
}

ApiReply ModifyAdmin(const api::HandlerContext& context, const json::Value& body) {
  const json::Fields fields(body);
  std::string room_id;
  std::vector<std::string> accounts;
  std::string_view op;
  Status status = domain::ReadRoomId(fields, &room_id);
  if (status.ok()) status = domain::ReadAccounts(fields, "Admin_Account", 1, domain::kMaxAdmins, &accounts);
  if (status.ok()) status = fields.Required("OpType", &op);
  if (status.ok() && op != "add" && op != "delete") {
    status = Status::InvalidArgument("OpType must be \"add\" or \"delete\"");
  }
  if (!status.ok()) return Refused(kV4, status);
  const bool add = op == "add";
  std::vector<std::string> changed;
  ApiReply reply = ChangePeople(context, room_id, [&](const RoomInfo&, RoomPeople& people) {
    StatusOr<std::vector<std::string>> admins = people.Admins();
    if (!admins.ok()) return Stored(admins.status());
    for (const std::string& account : accounts) {
      auto found = std::find(admins->begin(), admins->end(), account);
      if (add && found == admins->end()) {
        admins->push_back(account);
        changed.push_back(account);
      } else if (!add && found != admins->end()) {
        admins->erase(found);
        changed.push_back(account);
      }
    }
    if (admins->size() > domain::kMaxAdmins) {
      return ApiReply::Fail(api::v4::kTooManyAdmins);
    }
    if (changed.empty()) return ApiReply::Ok();
    Status set = people.SetAdmins(*admins);
    return set.ok() ? ApiReply::Ok() : Stored(set);
  });
  if (!reply.ok() || changed.empty()) return reply;
  if (std::optional<LiveCallback> callback = LiveCallback::Begin(context, kLiveModifyAdmin)) {
    callback->body().Key("RoomId").String(room_id);
    callback->EventTime().Operator();
    json::Writer& w = callback->body();
    w.Key("Admin_Account").StartArray();
    for (const std::string& account : changed) w.String(account);
    w.EndArray();
    w.Key("opType").String(op);  // lower-case o, as the page writes it
    callback->Send(room_id);
  }
  return reply;
}

ApiReply ChangeRoomOwner(const api::HandlerContext& context, const json::Value& body) {
  const json::Fields fields(body);
  std::string room_id;
  std::string new_owner;
  Status status = domain::ReadRoomId(fields, &room_id);
  if (status.ok()) status = fields.Required("NewOwner_Account", &new_owner);
  if (status.ok() && !domain::IsValidUserId(new_owner)) {
    status = Status::InvalidArgument("NewOwner_Account must be 1 to 32 bytes");
  }
  if (!status.ok()) return Refused(kV4, status);
  std::optional<std::string> original;  // set when the owner changed
  ApiReply reply = ChangePeople(context, room_id, [&](const RoomInfo& room, RoomPeople& people) {
    if (room.owner_account == new_owner) return ApiReply::Ok();
    StatusOr<bool> member = people.IsMember(new_owner);
    if (!member.ok()) return Stored(member.status());
    if (!*member) {
      return ApiReply::Fail(api::v4::kNotRoomMember, "\"" + new_owner + "\" is not a member of the room");
    }
    Status set = people.SetOwner(new_owner);
    if (!set.ok()) return Stored(set);
    original = room.owner_account;
    return ApiReply::Ok();
  });
  if (!reply.ok() || !original) return reply;
  if (std::optional<LiveCallback> callback = LiveCallback::Begin(context, kLiveChangeOwner)) {
    callback->body().Key("RoomId").String(room_id);
    callback->EventTime().Operator();
    callback->body().Key("CurrentOwner_Account").String(new_owner);
    callback->body().Key("OriginalOwner_Account").String(*original);
    callback->Send(room_id);
  }
  return reply;
}

ApiReply BanMember(const api::HandlerContext& context, const json::Value& body) {
  const json::Fields fields(body);
  std::string room_id;
  std::vector<std::string> accounts;
  int64_t duration = 0;
  std::optional<std::string_view> reason;
  Status status = domain::ReadRoomId(fields, &room_id);
  if (status.ok()) {
    status = domain::ReadAccounts(fields, "MemberList_Account", 1, domain::kMaxBanAccounts, &accounts);
  }
  if (status.ok()) status = ReadSeconds(fields, "Duration", 1, &duration);
  if (status.ok()) status = fields.Optional("Reason", &reason);
  if (status.ok() && reason && reason->size() > domain::kMaxBanReasonBytes) {
    status = Status::InvalidArgument("Reason must be at most 200 bytes");
  }
  if (!status.ok()) return Refused(kV4, status);
  const int64_t until = context.services.clock->NowSeconds() + duration;
  std::vector<std::string> kicked;  // banned accounts that were in the room
  bool seats_changed = false;
  ApiReply reply = ChangePeople(context, room_id, [&](const RoomInfo&, RoomPeople& people) {
    for (const std::string& account : accounts) {
      Status step = people.Restrict(RestrictionKind::kBan, account, until);
      bool left_seat = false;
      if (step.ok()) step = LeaveSeat(people, account, &left_seat);
      seats_changed = seats_changed || left_seat;
      StatusOr<bool> removed = step.ok() ? people.RemoveMember(account) : StatusOr<bool>(step);
      if (!removed.ok()) return Stored(removed.status());
      if (*removed) kicked.push_back(account);
    }
    return ApiReply::Ok();
  });
  if (!reply.ok()) return reply;
  // Off their seat first, then out of the room.
  if (seats_changed) SendSeatCallback(context.services, context.sdkappid, room_id);
  SendMemberCallback(context.services, context.sdkappid, room_id, MemberEvent::kKicked, kicked);
  return reply;
}

ApiReply UnbanMember(const api::HandlerContext& context, const json::Value& body) {
  const json::Fields fields(body);
  std::string room_id;
  std::vector<std::string> accounts;
  Status status = domain::ReadRoomId(fields, &room_id);
  if (status.ok()) {
    status = domain::ReadAccounts(fields, "MemberList_Account", 1, domain::kMaxBanAccounts, &accounts);
  }
  if (!status.ok()) return Refused(kV4, status);
  return ChangePeople(context, room_id, [&](const RoomInfo&, RoomPeople& people) {
    for (const std::string& account : accounts) {
      Status lifted = people.Lift(RestrictionKind::kBan, account);
      if (!lifted.ok()) return Stored(lifted);
    }
    return ApiReply::Ok();
  });
}

ApiReply GetBannedMemberList(const api::HandlerContext& context, const json::Value& body) {
  const json::Fields fields(body);
  std::string room_id;
  int64_t offset = 0;
  int64_t limit = domain::kMaxBannedPage;
  Status status = domain::ReadRoomId(fields, &room_id);
  if (status.ok()) status = fields.Optional("Offset", &offset);
  if (status.ok()) status = fields.Optional("Limit", &limit);
  if (status.ok() && (offset < 0 || limit < 1 || limit > domain::kMaxBannedPage)) {
    status = Status::InvalidArgument("Offset must be at least 0 and Limit from 1 to 100");
  }
  if (!status.ok()) return Refused(kV4, status);
  const int64_t now = context.services.clock->NowSeconds();
  return ReadPeople(context, room_id, [&](const RoomInfo&, RoomPeople& people) {
    StatusOr<std::vector<storage::Restriction>> banned =
        people.Restrictions(RestrictionKind::kBan, now, offset, limit);
    if (!banned.ok()) return Stored(banned.status());
    StatusOr<int64_t> total = people.RestrictionCount(RestrictionKind::kBan, now);
    if (!total.ok()) return Stored(total.status());
    const int64_t end = offset + static_cast<int64_t>(banned->size());
    json::Writer w(64 + 64 * banned->size());
    w.StartObject().Key("BannedAccountList");
    WriteRestrictions(w, *banned, "BannedUntil");
    w.Key("NextOffset").Int(end < *total ? end : 0);  // 0: everything was listed
    w.EndObject();
    return ApiReply::Ok(w.Take());
  });
}

ApiReply MuteMember(const api::HandlerContext& context, const json::Value& body) {
  const json::Fields fields(body);
  std::string room_id;
  std::vector<std::string> accounts;
  int64_t mute_time = 0;
  Status status = domain::ReadRoomId(fields, &room_id);
  if (status.ok()) {
    status = domain::ReadAccounts(fields, "MemberList_Account", 1, domain::kMaxMuteAccounts, &accounts);
  }
  if (status.ok()) status = ReadSeconds(fields, "MuteTime", 0, &mute_time);
  if (!status.ok()) return Refused(kV4, status);
  const int64_t until = context.services.clock->NowSeconds() + mute_time;
  return ChangePeople(context, room_id, [&](const RoomInfo&, RoomPeople& people) {
    for (const std::string& account : accounts) {
      // "0 means unmute".
      Status step = mute_time == 0 ? people.Lift(RestrictionKind::kMute, account)
                                   : people.Restrict(RestrictionKind::kMute, account, until);
      if (!step.ok()) return Stored(step);
    }
    return ApiReply::Ok();
  });
}

ApiReply GetMutedMemberList(const api::HandlerContext& context, const json::Value& body) {
  std::string room_id;
  Status status = domain::ReadRoomId(json::Fields(body), &room_id);
  if (!status.ok()) return Refused(kV4, status);
  const int64_t now = context.services.clock->NowSeconds();
  return ReadPeople(context, room_id, [&](const RoomInfo&, RoomPeople& people) {
    StatusOr<std::vector<storage::Restriction>> muted =
        people.Restrictions(RestrictionKind::kMute, now, 0, -1);
    if (!muted.ok()) return Stored(muted.status());
    json::Writer w(64 + 64 * muted->size());
    w.StartObject().Key("MutedAccountList");
    WriteRestrictions(w, *muted, "MutedUntil");
    w.EndObject();
    return ApiReply::Ok(w.Take());
  });
}

}  // namespace trtc::handlers
