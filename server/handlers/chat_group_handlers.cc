#include "server/handlers/chat_group_handlers.h"

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "server/handlers/replies.h"
#include "server/handlers/room_people_common.h"
#include "storage/room_store.h"

namespace trtc::handlers {
namespace {

using api::ApiReply;
namespace v4 = api::v4;

// "If the random numbers of two messages are the same within five minutes, they are
// considered to be the same message."
constexpr int64_t kDedupeSeconds = 300;

ApiReply BadRequest(std::string detail) {
  return ApiReply::Fail(v4::kGroupInvalidParameter, std::move(detail));
}

// MsgBody: a non-empty array of {"MsgType": string, "MsgContent": object}; a TIMTextElem's
// content has a string Text.
bool ValidMsgBody(const json::Value& body) {
  if (!body.IsArray() || body.Empty()) return false;
  for (const json::Value& element : body.GetArray()) {
    if (!element.IsObject()) return false;
    const json::Value* type = json::Find(element, "MsgType");
    const json::Value* content = json::Find(element, "MsgContent");
    if (type == nullptr || !type->IsString() || content == nullptr || !content->IsObject()) {
      return false;
    }
    if (json::Text(*type) == "TIMTextElem") {
      const json::Value* text = json::Find(*content, "Text");
      if (text == nullptr || !text->IsString()) return false;
    }
  }
  return true;
}

ApiReply MessageReply(int64_t msg_time, int64_t msg_seq) {
  json::Writer w;
  w.StartObject().Key("MsgTime").Int(msg_time).Key("MsgSeq").Int(msg_seq);
  w.Key("MsgDropReason").String("").EndObject();
  return ApiReply::OkTopLevel(w.Take());
}

}  // namespace

ApiReply SendGroupMsg(const api::HandlerContext& context, const json::Value& body) {
  const json::Fields fields(body);
  std::string group_id;
  std::string sender(context.identifier);  // "From_Account": absent, the caller
  int64_t random = -1;
  std::optional<std::string> cloud_custom_data, priority;
  std::optional<std::vector<std::string>> send_control, forbid_callbacks;
  Status status = fields.Required("GroupId", &group_id);
  if (status.ok()) status = fields.Required("Random", &random);
  if (status.ok()) status = fields.Optional("From_Account", &sender);
  if (status.ok()) status = fields.Optional("CloudCustomData", &cloud_custom_data);
  // Accepted, with no effect (no moderation, no Group.* callbacks).
  if (status.ok()) status = fields.Optional("MsgPriority", &priority);
  if (status.ok()) status = fields.Optional("SendMsgControl", &send_control);
  if (status.ok()) status = fields.Optional("ForbidCallbackControl", &forbid_callbacks);
  if (!status.ok()) return BadRequest(status.message());
  if (group_id.empty() || sender.empty()) return BadRequest("GroupId and From_Account must not be empty");
  if (random < 0 || random > std::numeric_limits<uint32_t>::max()) {
    return BadRequest("Random must be an integer from 0 to 4294967295");
  }
  const json::Value* msg_body = json::Find(body, "MsgBody");
  if (msg_body == nullptr || !ValidMsgBody(*msg_body)) {
    return BadRequest("MsgBody must be a non-empty array of {\"MsgType\", \"MsgContent\"}");
  }
  json::Writer body_text;
  body_text.Copy(*msg_body);
  const int64_t now = context.services.clock->NowSeconds();
  std::optional<ApiReply> reply;
  status = context.services.rooms->ChangePeople(
      context.sdkappid, group_id, [&](const storage::RoomInfo&, storage::RoomPeople& people) -> Status {
        StatusOr<std::optional<int64_t>> muted =
            people.RestrictedUntil(storage::RestrictionKind::kMute, sender, now);
        if (!muted.ok()) return muted.status();
        if (*muted) {
          reply = ApiReply::Fail(v4::kGroupSenderMuted);
          return Status::Ok();
        }
        StatusOr<std::optional<storage::RoomMessage>> same =
            people.FindMessage(sender, random, now - kDedupeSeconds);
        if (!same.ok()) return same.status();
        if (*same) {  // the same message again: its first answer, nothing stored
          reply = MessageReply((*same)->msg_time, (*same)->msg_seq);
          return Status::Ok();
        }
        StatusOr<int64_t> seq = people.AddMessage(
            {0, now, sender, body_text.text(), cloud_custom_data.value_or(""), random});
        if (!seq.ok()) return seq.status();
        reply = MessageReply(now, *seq);
        return Status::Ok();
      });
  // A group exists exactly while the live room of that id does.
  if (status.IsNotFound()) return ApiReply::Fail(v4::kGroupNotFound);
  if (!status.ok()) return StoreFailed(api::Family::kV4, status, v4::kGroupInternal);
  return std::move(*reply);
}

}  // namespace trtc::handlers
