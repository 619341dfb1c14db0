// The control plane's live-room audience: POST /_emulator/rooms/members (users enter and
// leave as the client SDK would make them) and GET /_emulator/rooms/messages (what was
// sent into a room). Parsing and answers only; the change is handlers/room_audience's.
#include <string>
#include <vector>

#include "server/api/query_string.h"
#include "server/common/json.h"
#include "server/control/control_plane.h"
#include "server/control/control_response.h"
#include "server/domain/chat_accounts.h"
#include "server/handlers/room_audience.h"
#include "storage/room_store.h"

namespace trtc::control {
namespace {

// The most accounts one request may move in either direction.
constexpr size_t kMaxAudienceAccounts = 1000;

// An optional array of UserIDs.
Status ReadUserIds(const json::Fields& fields, std::string_view name, std::vector<std::string>* out) {
  Status status = fields.Optional(name, out);
  const std::string wanted = std::string(name) + " must be an array of at most " +
                             std::to_string(kMaxAudienceAccounts) + " UserIDs (1 to 32 bytes)";
  if (!status.ok() || out->size() > kMaxAudienceAccounts) return Status::InvalidArgument(wanted);
  for (const std::string& account : *out) {
    if (!domain::IsValidUserId(account)) return Status::InvalidArgument(wanted);
  }
  return Status::Ok();
}

void WriteStrings(json::Writer& w, const std::vector<std::string>& values) {
  w.StartArray();
  for (const std::string& value : values) w.String(value);
  w.EndArray();
}

}  // namespace

http::Response ControlPlane::RoomMembers(const ControlRequest& request) {
  json::Body body;
  Status status = body.Parse(request.body, "body");
  if (!status.ok()) return StatusResponse(status);
  const json::Fields fields(body.root());
  uint32_t sdkappid = 0;
  std::string room_id;
  std::vector<std::string> join, leave;
  if (!fields.Required("sdkappid", &sdkappid).ok()) {
    return ErrorResponse(400, "sdkappid is required: an unsigned 32-bit integer");
  }
  if (!fields.Required("room_id", &room_id).ok() || room_id.empty()) {
    return ErrorResponse(400, "room_id is required: a non-empty string");
  }
  status = ReadUserIds(fields, "join", &join);
  if (status.ok()) status = ReadUserIds(fields, "leave", &leave);
  if (!status.ok()) return StatusResponse(status);
  if (context_.apps.Find(sdkappid) == nullptr) {
    return ErrorResponse(404, "sdkappid " + std::to_string(sdkappid) + " is not a fixture app");
  }
  StatusOr<handlers::AudienceChange> change =
      handlers::ChangeAudience(context_.services, sdkappid, room_id, join, leave);
  if (!change.ok()) return StatusResponse(change.status());
  json::Writer w;
  w.StartObject().Key("joined");
  WriteStrings(w, change->joined);
  w.Key("left");
  WriteStrings(w, change->left);
  w.EndObject();
  return JsonResponse(200, w.Take());
}

http::Response ControlPlane::RoomMessages(const ControlRequest& request) {
  std::optional<uint32_t> sdkappid;
  const std::optional<std::string> room_id = api::QueryParam(request.query, "room_id");
  if (!SdkappidParam(request.query, &sdkappid) || !sdkappid || !room_id || room_id->empty()) {
    return ErrorResponse(400, "sdkappid and room_id are required: "
                              "/_emulator/rooms/messages?sdkappid=N&room_id=R");
  }
  std::vector<storage::RoomMessage> messages;
  Status status = context_.rooms.ReadPeople(
      *sdkappid, *room_id, [&](const storage::RoomInfo&, storage::RoomPeople& people) -> Status {
        StatusOr<std::vector<storage::RoomMessage>> stored = people.Messages();
        if (!stored.ok()) return stored.status();
        messages = std::move(*stored);
        return Status::Ok();
      });
  if (!status.ok()) return StatusResponse(status);
  json::Writer w(128 + 256 * messages.size());
  w.StartObject().Key("messages").StartArray();
  for (const storage::RoomMessage& message : messages) {
    w.StartObject()
        .Key("MsgSeq").Int(message.msg_seq)
        .Key("MsgTime").Int(message.msg_time)
        .Key("Sender_Account").String(message.sender)
        .Key("MsgBody").Raw(message.msg_body)
        .Key("CloudCustomData").String(message.cloud_custom_data)
        .EndObject();
  }
  w.EndArray().EndObject();
  return JsonResponse(200, w.Take());
}

}  // namespace trtc::control
