// The control plane's simulated calls and callback outbox (emulator.md "Simulated calls
// and callback delivery"): POST /_emulator/calls, GET /_emulator/callbacks and
// POST /_emulator/callbacks/{id}/replay.
#include <mutex>
#include <random>
#include <set>
#include <string>

#include "server/api/query_string.h"
#include "server/domain/call_plan.h"
#include "server/control/control_json.h"
#include "server/control/control_plane.h"
#include "server/handlers/json_text.h"

namespace trtc::control {
namespace {

using domain::SimulatedCall;

// A group call in TUICallKit has at most 9 participants; the emulator allows more, but
// bounds a call so one request cannot plan an unbounded number of deliveries.
constexpr size_t kMaxCallees = 50;
constexpr size_t kMaxNameBytes = 128;

// Random ids for calls and rooms the test did not name.
class IdSource {
 public:
  uint64_t Next() {
    std::lock_guard<std::mutex> lock(mu_);
    return engine_();
  }

 private:
  std::mutex mu_;
  std::mt19937_64 engine_{std::random_device{}()};
};

IdSource& Ids() {
  static IdSource ids;
  return ids;
}

// A version-4 UUID, the shape of the real service's CallIds.
std::string NewCallId() {
  const uint64_t high = Ids().Next();
  const uint64_t low = Ids().Next();
  char text[37];
  std::snprintf(text, sizeof(text), "%08x-%04x-4%03x-%04x-%012llx",
                static_cast<unsigned>(high >> 32), static_cast<unsigned>((high >> 16) & 0xffff),
                static_cast<unsigned>(high & 0xfff),
                static_cast<unsigned>(0x8000 | ((low >> 48) & 0x3fff)),
                static_cast<unsigned long long>(low & 0xffffffffffffULL));
  return text;
}

// A numeric room id (RoomIdType 1), never 0.
std::string NewRoomId() { return std::to_string(1 + Ids().Next() % 0xfffffffeULL); }

bool ValidName(const rapidjson::Value& value) {
  return value.IsString() && value.GetStringLength() > 0 &&
         value.GetStringLength() <= kMaxNameBytes;
}

// Reads the request body into *call; on failure *error is the 400/404 response.
bool ParseCall(std::string_view body, const api::AppRegistry& apps, SimulatedCall* call,
               http::Response* error) {
  rapidjson::Document document;
  if (!ParseObject(body, &document, error)) return false;
  auto fail = [&](unsigned status, const std::string& message) {
    *error = ErrorResponse(status, message);
    return false;
  };
  std::string problem;
  const std::optional<uint32_t> sdkappid = Uint32Member(document, "sdkappid", &problem);
  if (!sdkappid) return fail(400, "sdkappid is required: an unsigned 32-bit integer");
  call->sdkappid = *sdkappid;
  if (apps.Find(call->sdkappid) == nullptr) {
    return fail(404, "sdkappid " + std::to_string(call->sdkappid) + " is not a fixture app");
  }
  auto caller = document.FindMember("caller");
  if (caller == document.MemberEnd() || !ValidName(caller->value)) {
    return fail(400, "caller is required: a user id of 1 to 128 bytes");
  }
  call->caller = caller->value.GetString();
  auto callees = document.FindMember("callees");
  if (callees == document.MemberEnd() || !callees->value.IsArray() ||
      callees->value.Empty() || callees->value.Size() > kMaxCallees) {
    return fail(400, "callees is required: an array of 1 to " + std::to_string(kMaxCallees) +
                         " user ids");
  }
  std::set<std::string> seen{call->caller};
  for (const rapidjson::Value& callee : callees->value.GetArray()) {
    if (!ValidName(callee)) return fail(400, "each callee must be a user id of 1 to 128 bytes");
    if (!seen.insert(callee.GetString()).second) {
      return fail(400, "callee " + std::string(callee.GetString()) +
                           " appears twice (or is the caller)");
    }
    call->callees.emplace_back(callee.GetString());
  }
  const std::optional<std::string> media = StringMember(document, "media_type", &problem);
  if (!problem.empty() || (media && *media != "Audio" && *media != "Video")) {
    return fail(400, "media_type must be \"Audio\" or \"Video\"");
  }
  call->video = media == "Video";
  const std::optional<std::string> outcome = StringMember(document, "outcome", &problem);
  const auto parsed = outcome ? domain::OutcomeFromWord(*outcome) : std::nullopt;
  if (!parsed) {
    return fail(400,
                "outcome is required: one of normal_end, reject, not_answer, cancel, call_busy, "
                "interrupt");
  }
  call->outcome = *parsed;
  auto room = document.FindMember("room_id");
  if (room == document.MemberEnd() || room->value.IsNull()) {
    call->room_id = NewRoomId();
  } else if (room->value.IsUint()) {
    call->room_id = std::to_string(room->value.GetUint());
  } else if (ValidName(room->value)) {
    call->room_id = room->value.GetString();
  } else {
    return fail(400, "room_id must be a string of 1 to 128 bytes or an unsigned integer");
  }
  auto call_id = document.FindMember("call_id");
  if (call_id == document.MemberEnd()) {
    call->call_id = NewCallId();
  } else if (ValidName(call_id->value)) {
    call->call_id = call_id->value.GetString();
  } else {
    return fail(400, "call_id must be a string of 1 to 128 bytes");
  }
  return true;
}

const char* StateName(storage::DeliveryState state) {
  switch (state) {
    case storage::DeliveryState::kPending: return "pending";
    case storage::DeliveryState::kDelivered: return "delivered";
    case storage::DeliveryState::kFailed: return "failed";
  }
  return "pending";
}

void WriteDelivery(handlers::JsonWriter& w, const storage::CallbackDelivery& delivery) {
  using handlers::WriteString;
  w.StartObject();
  w.Key("id");
  WriteString(w, std::to_string(delivery.id));
  w.Key("call_id");
  WriteString(w, delivery.call_id);
  w.Key("sdkappid");
  w.Uint(delivery.sdkappid);
  w.Key("family");
  w.String(delivery.family == storage::CallbackFamily::kCallConfig ? "v4" : "v1");
  w.Key("url");
  WriteString(w, delivery.url);
  w.Key("command");
  WriteString(w, delivery.command);
  w.Key("body");
  // The body is JSON the emulator wrote itself: embedded as an object, not a string.
  w.RawValue(delivery.body.data(), delivery.body.size(), rapidjson::kObjectType);
  w.Key("created_ms");
  w.Int64(delivery.created_ms);
  w.Key("attempts");
  w.StartArray();
  for (const storage::DeliveryAttempt& attempt : delivery.attempts) {
    w.StartObject();
    w.Key("at");
    w.Int64(attempt.at_ms);
    w.Key("http_status");
    w.Int(attempt.http_status);
    w.Key("reply");
    WriteString(w, attempt.reply);
    w.Key("latency_ms");
    w.Int64(attempt.latency_ms);
    w.Key("error");
    WriteString(w, attempt.error);
    w.EndObject();
  }
  w.EndArray();
  w.Key("state");
  w.String(StateName(delivery.state));
  w.EndObject();
}

}  // namespace

http::Response ControlPlane::PlayCall(const ControlRequest& request) {
  SimulatedCall call;
  http::Response error;
  if (!ParseCall(request.body, context_.apps, &call, &error)) return error;
  storage::SharedCallbackConfig v4, v1;  // null: that family is not configured
  for (auto [family, config] : {std::pair{storage::CallbackFamily::kCallConfig, &v4},
                                std::pair{storage::CallbackFamily::kCallkit, &v1}}) {
    StatusOr<storage::SharedCallbackConfig> got =
        context_.callback_configs.Get(family, call.sdkappid);
    if (got.ok()) {
      *config = std::move(*got);
    } else if (!got.status().IsNotFound()) {
      return ErrorResponse(500, got.status().message());
    }
  }

  const int64_t now_ms = context_.clock.NowMillis();
  std::vector<storage::CallbackDelivery> deliveries;
  for (domain::PlannedCallback& planned : domain::PlanCallbacks(call, v4.get(), v1.get(), now_ms)) {
    storage::CallbackDelivery& delivery = deliveries.emplace_back();
    delivery.sdkappid = call.sdkappid;
    delivery.call_id = call.call_id;
    delivery.family = planned.family;
    delivery.url = std::move(planned.url);
    delivery.command = std::move(planned.command);
    delivery.body = std::move(planned.body);
    delivery.created_ms = now_ms;
  }
  Status status = context_.outbox.Add(&deliveries);
  if (!status.ok()) return ErrorResponse(500, "storing the deliveries: " + status.message());

  rapidjson::StringBuffer buffer;
  handlers::JsonWriter w(buffer);
  w.StartObject();
  w.Key("call_id");
  handlers::WriteString(w, call.call_id);
  w.Key("room_id");
  handlers::WriteString(w, call.room_id);
  w.Key("deliveries");
  w.StartArray();
  for (const storage::CallbackDelivery& delivery : deliveries) {
    handlers::WriteString(w, std::to_string(delivery.id));
  }
  w.EndArray();
  w.EndObject();
  context_.dispatcher.Deliver(std::move(deliveries));
  return JsonResponse(200, handlers::TakeJson(buffer));
}

http::Response ControlPlane::ListCallbacks(const ControlRequest& request) {
  std::optional<uint32_t> sdkappid;
  if (!SdkappidParam(request.query, &sdkappid)) {
    return ErrorResponse(400, "sdkappid must be a uint32");
  }
  const std::string call_id = api::QueryParam(request.query, "call_id").value_or("");
  std::vector<storage::CallbackDelivery> deliveries;
  Status status = context_.outbox.Find(sdkappid, call_id, &deliveries);
  if (!status.ok()) return ErrorResponse(500, status.message());
  rapidjson::StringBuffer buffer;
  handlers::JsonWriter w(buffer);
  w.StartObject();
  w.Key("callbacks");
  w.StartArray();
  for (const storage::CallbackDelivery& delivery : deliveries) WriteDelivery(w, delivery);
  w.EndArray();
  w.EndObject();
  return JsonResponse(200, handlers::TakeJson(buffer));
}

http::Response ControlPlane::ReplayCallback(const ControlRequest& request) {
  const std::string id_text(request.id);
  const std::optional<uint32_t> id = api::ParseUint32(id_text);
  StatusOr<storage::CallbackDelivery> delivery =
      id ? context_.outbox.Get(*id) : Status::NotFound(id_text);
  if (delivery.status().IsNotFound()) {
    return ErrorResponse(404, "no callback delivery " + id_text + " in the outbox");
  }
  if (!delivery.ok()) return ErrorResponse(500, delivery.status().message());
  if (delivery->state == storage::DeliveryState::kPending) {
    return ErrorResponse(409, "callback delivery " + id_text +
                                  " is still being sent; replay it once it is delivered or failed");
  }
  context_.dispatcher.Replay(std::move(*delivery));
  return JsonResponse(200, "{\"id\":" + handlers::JsonString(id_text) + ",\"replayed\":true}");
}

}  // namespace trtc::control
