#include "server/handlers/room_message_handlers.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "server/domain/chat_accounts.h"
#include "server/domain/room_rules.h"
#include "server/handlers/replies.h"
#include "server/handlers/room_people_common.h"

namespace trtc::handlers {
namespace {

using api::ApiReply;
using storage::RestrictionKind;
using storage::RoomInfo;
using storage::RoomPeople;
namespace v4 = api::v4;

constexpr api::Family kV4 = api::Family::kV4;
// Chat's limit on one message (80002, 1047/34348): its body and custom data together.
constexpr size_t kMaxMessageBytes = 8192;

// Stores one message into the room after the sender's checks (banned 100016, muted
// 100017, a room with messages disabled 100017 unless the sender is its owner, one of
// its admins or an app admin) and answers its MsgTime and MsgSeq.
ApiReply Send(const api::HandlerContext& context, const std::string& room_id,
              storage::RoomMessage message) {
  if (message.msg_body.size() + message.cloud_custom_data.size() > kMaxMessageBytes) {
    return Refused(kV4, Status::InvalidArgument("the message exceeds 8192 bytes"));
  }
  const int64_t now = context.services.clock->NowSeconds();
  message.msg_time = now;
  return ChangePeople(context, room_id, [&](const RoomInfo& room, RoomPeople& people) {
    const std::string& sender = message.sender;
    StatusOr<std::optional<int64_t>> banned =
        people.RestrictedUntil(RestrictionKind::kBan, sender, now);
    if (!banned.ok()) return StoreFailed(kV4, banned.status());
    if (*banned) return ApiReply::Fail(v4::kMemberBanned);
    StatusOr<std::optional<int64_t>> muted =
        people.RestrictedUntil(RestrictionKind::kMute, sender, now);
    if (!muted.ok()) return StoreFailed(kV4, muted.status());
    if (*muted) return ApiReply::Fail(v4::kMemberMuted);
    if (room.is_message_disabled && sender != room.owner_account && !context.app.IsAdmin(sender)) {
      StatusOr<std::vector<std::string>> admins = people.Admins();
      if (!admins.ok()) return StoreFailed(kV4, admins.status());
      if (std::find(admins->begin(), admins->end(), sender) == admins->end()) {
        return ApiReply::Fail(v4::kMemberMuted, "messages are disabled in this room");
      }
    }
    StatusOr<int64_t> seq = people.AddMessage(message);
    if (!seq.ok()) return StoreFailed(kV4, seq.status());
    json::Writer w;
    w.StartObject().Key("MsgTime").Int(now).Key("MsgSeq").Int(*seq);
    w.Key("MsgDropReason").String("").EndObject();
    return ApiReply::Ok(w.Take());
  });
}

Status ReadSender(const json::Fields& fields, bool required, std::string* sender) {
  Status status = required ? fields.Required("Sender_Account", sender)
                           : fields.Optional("Sender_Account", sender);
  if (status.ok() && !domain::IsValidUserId(*sender)) {
    status = Status::InvalidArgument("Sender_Account must be 1 to 32 bytes");
  }
  return status;
}

}  // namespace

ApiReply SendTextMsg(const api::HandlerContext& context, const json::Value& body) {
  const json::Fields fields(body);
  std::string room_id;
  storage::RoomMessage message;
  std::string_view text;
  std::optional<std::string_view> extension;
  Status status = domain::ReadRoomId(fields, &room_id);
  if (status.ok()) status = ReadSender(fields, /*required=*/true, &message.sender);
  if (status.ok()) status = fields.Required("TextContent", &text);
  if (status.ok() && text.empty()) status = Status::InvalidArgument("TextContent must not be empty");
  if (status.ok()) status = fields.Optional("ExtensionInfo", &extension);
  if (status.ok() && extension) {
    json::Body parsed;  // "must be in JSON format"
    if (!parsed.Parse(*extension, "ExtensionInfo").ok()) {
      status = Status::InvalidArgument("ExtensionInfo must be a JSON object in a string");
    }
  }
  if (!status.ok()) return Refused(kV4, status);
  json::Writer w(64 + text.size());
  w.StartArray().StartObject().Key("MsgType").String("TIMTextElem");
  w.Key("MsgContent").StartObject().Key("Text").String(text).EndObject();
  w.EndObject().EndArray();
  message.msg_body = w.Take();
  message.cloud_custom_data = extension.value_or("");
  return Send(context, room_id, std::move(message));
}

ApiReply SendCustomMsg(const api::HandlerContext& context, const json::Value& body) {
  const json::Fields fields(body);
  std::string room_id;
  storage::RoomMessage message;
  std::string_view business_id, data;
  message.sender = context.identifier;  // an omitted sender is the caller
  Status status = domain::ReadRoomId(fields, &room_id);
  if (status.ok()) status = fields.Required("BusinessId", &business_id);
  if (status.ok()) status = fields.Required("Data", &data);
  if (status.ok()) status = ReadSender(fields, /*required=*/false, &message.sender);
  if (!status.ok()) return Refused(kV4, status);
  // The custom element's Data is the JSON text {"BusinessId":…,"Data":…}.
  json::Writer inner(32 + business_id.size() + data.size());
  inner.StartObject().Key("BusinessId").String(business_id).Key("Data").String(data).EndObject();
  json::Writer w(64 + 2 * inner.text().size());
  w.StartArray().StartObject().Key("MsgType").String("TIMCustomElem");
  w.Key("MsgContent").StartObject().Key("Data").String(inner.text()).EndObject();
  w.EndObject().EndArray();
  message.msg_body = w.Take();
  return Send(context, room_id, std::move(message));
}

ApiReply GetRoomStats(const api::HandlerContext& context, const json::Value& body) {
  std::string room_id;
  Status status = domain::ReadRoomId(json::Fields(body), &room_id);
  if (!status.ok()) return Refused(kV4, status);
  return ReadPeople(context, room_id, [&](const RoomInfo&, RoomPeople& people) {
    StatusOr<storage::RoomCounters> counters = people.Counters();
    if (!counters.ok()) return StoreFailed(kV4, counters.status());
    json::Writer w;
    w.StartObject()
        .Key("TotalViewers").Int(counters->total_viewers)
        .Key("TotalGiftsSent").Int(counters->total_gifts_sent)
        .Key("TotalGiftCoins").Int(counters->total_gift_coins)
        .Key("TotalUniqueGiftSenders").Int(counters->total_unique_gift_senders)
        .Key("TotalLikesReceived").Int(counters->total_likes)
        .Key("TotalMsgCount").Int(counters->total_msg_count)
        .EndObject();
    return ApiReply::Ok(w.Take());
  });
}

}  // namespace trtc::handlers
