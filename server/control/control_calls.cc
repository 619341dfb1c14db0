// The control plane's simulated calls and callback outbox: POST /_emulator/calls,
// GET /_emulator/callbacks and POST /_emulator/callbacks/{id}/replay. Parsing and
// answers only; the calls themselves are the CallSimulator's.
#include <set>
#include <string>

#include "server/api/query_string.h"
#include "server/common/json.h"
#include "server/control/control_plane.h"
#include "server/control/control_response.h"
#include "server/control/delivery_json.h"

namespace trtc::control {
namespace {

using domain::SimulatedCall;

// A group call in TUICallKit has at most 9 participants; the emulator allows more, but
// bounds a call so one request cannot plan an unbounded number of deliveries.
constexpr size_t kMaxCallees = 50;
constexpr size_t kMaxNameBytes = 128;

bool ValidName(const json::Value& value) {
  return value.IsString() && value.GetStringLength() > 0 &&
         value.GetStringLength() <= kMaxNameBytes;
}

// Reads the request body into *call (call_id and room_id stay empty when not given);
// a failure says what was wrong, with the HTTP status it maps to.
Status ParseCall(std::string_view text, const api::AppRegistry& apps, SimulatedCall* call) {
  json::Body body;
  if (Status status = body.Parse(text, "body"); !status.ok()) return status;
  const json::Value& document = body.root();
  const json::Fields fields(document);
  auto bad = [](const std::string& message) { return Status::InvalidArgument(message); };
  if (!fields.Required("sdkappid", &call->sdkappid).ok()) {
    return bad("sdkappid is required: an unsigned 32-bit integer");
  }
  if (apps.Find(call->sdkappid) == nullptr) {
    return Status::NotFound("sdkappid " + std::to_string(call->sdkappid) + " is not a fixture app");
  }
  const json::Value* caller = json::Find(document, "caller");
  if (caller == nullptr || !ValidName(*caller)) {
    return bad("caller is required: a user id of 1 to 128 bytes");
  }
  call->caller = json::Text(*caller);
  const json::Value* callees = json::Find(document, "callees");
  if (callees == nullptr || !callees->IsArray() || callees->Empty() ||
      callees->Size() > kMaxCallees) {
    return bad("callees is required: an array of 1 to " + std::to_string(kMaxCallees) +
               " user ids");
  }
  std::set<std::string, std::less<>> seen{call->caller};
  for (const json::Value& callee : callees->GetArray()) {
    if (!ValidName(callee)) return bad("each callee must be a user id of 1 to 128 bytes");
    if (!seen.emplace(json::Text(callee)).second) {
      return bad("callee " + std::string(json::Text(callee)) + " appears twice (or is the caller)");
    }
    call->callees.emplace_back(json::Text(callee));
  }
  std::optional<std::string> media;
  if (!fields.Optional("media_type", &media).ok() ||
      (media && *media != "Audio" && *media != "Video")) {
    return bad("media_type must be \"Audio\" or \"Video\"");
  }
  call->video = media == "Video";
  std::string outcome;
  const auto parsed = fields.Required("outcome", &outcome).ok() ? domain::OutcomeFromWord(outcome)
                                                                 : std::nullopt;
  if (!parsed) {
    return bad(
        "outcome is required: one of normal_end, reject, not_answer, cancel, call_busy, "
        "interrupt");
  }
  call->outcome = *parsed;
  const json::Value* room = json::Find(document, "room_id");
  if (room != nullptr && !room->IsNull()) {
    if (room->IsUint()) {
      call->room_id = std::to_string(room->GetUint());
    } else if (ValidName(*room)) {
      call->room_id = json::Text(*room);
    } else {
      return bad("room_id must be a string of 1 to 128 bytes or an unsigned integer");
    }
  }
  if (const json::Value* call_id = json::Find(document, "call_id")) {
    if (!ValidName(*call_id)) return bad("call_id must be a string of 1 to 128 bytes");
    call->call_id = json::Text(*call_id);
  }
  return Status::Ok();
}


}  // namespace

http::Response ControlPlane::PlayCall(const ControlRequest& request) {
  SimulatedCall call;
  if (Status status = ParseCall(request.body, context_.apps, &call); !status.ok()) {
    return StatusResponse(status);
  }
  StatusOr<callbacks::PlayedCall> played = context_.calls.Play(std::move(call));
  if (!played.ok()) return StatusResponse(played.status());
  json::Writer w;
  w.StartObject()
      .Key("call_id").String(played->call_id)
      .Key("room_id").String(played->room_id)
      .Key("deliveries").StartArray();
  for (int64_t id : played->delivery_ids) w.String(std::to_string(id));
  w.EndArray().EndObject();
  return JsonResponse(200, w.Take());
}

http::Response ControlPlane::ListCallbacks(const ControlRequest& request) {
  std::optional<uint32_t> sdkappid;
  if (!SdkappidParam(request.query, &sdkappid)) {
    return ErrorResponse(400, "sdkappid must be a uint32");
  }
  const std::string call_id = api::QueryParam(request.query, "call_id").value_or("");
  const std::string room_id = api::QueryParam(request.query, "room_id").value_or("");
  std::optional<size_t> limit;
  if (!LimitParam(request.query, &limit)) return ErrorResponse(400, "limit must be a whole number");
  std::vector<storage::CallbackDelivery> deliveries;
  Status status = context_.outbox.Find(sdkappid, call_id, room_id, &deliveries, limit);
  if (!status.ok()) return StatusResponse(status);
  json::Writer w(4096);
  w.StartObject().Key("callbacks").StartArray();
  for (const storage::CallbackDelivery& delivery : deliveries) WriteDelivery(w, delivery);
  w.EndArray().EndObject();
  return JsonResponse(200, w.Take());
}

http::Response ControlPlane::ReplayCallback(const ControlRequest& request) {
  const std::optional<uint32_t> id = api::ParseUint32(request.id);
  const Status status = id ? context_.calls.Replay(*id)
                           : Status::NotFound("no callback delivery " + std::string(request.id) +
                                              " in the outbox");
  if (!status.ok()) return StatusResponse(status);
  json::Writer w;
  w.StartObject().Key("id").String(request.id).Key("replayed").Bool(true).EndObject();
  return JsonResponse(200, w.Take());
}

}  // namespace trtc::control
