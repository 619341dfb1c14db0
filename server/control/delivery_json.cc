#include "server/control/delivery_json.h"

#include <string>

namespace trtc::control {
namespace {

const char* StateName(storage::DeliveryState state) {
  switch (state) {
    case storage::DeliveryState::kPending: return "pending";
    case storage::DeliveryState::kDelivered: return "delivered";
    case storage::DeliveryState::kFailed: return "failed";
  }
  return "pending";
}

// The outbox's name of a family: "v4" and "v1" for the two TUICallKit families (as
// before LiveKit), then "live" and "room".
const char* FamilyName(storage::CallbackFamily family) {
  switch (family) {
    case storage::CallbackFamily::kCallConfig: return "v4";
    case storage::CallbackFamily::kCallkit: return "v1";
    case storage::CallbackFamily::kLive: return "live";
    case storage::CallbackFamily::kRoom: return "room";
  }
  return "v4";
}

// Opens the object with the delivery's id and what it is about: a call or a room, and
// names only that.
void StartDelivery(json::Writer& w, const storage::CallbackDelivery& delivery) {
  w.StartObject().Key("id").String(std::to_string(delivery.id));
  if (delivery.room_id.empty()) {
    w.Key("call_id").String(delivery.call_id);
  } else {
    w.Key("room_id").String(delivery.room_id);
  }
  w.Key("sdkappid").Uint(delivery.sdkappid);
}

}  // namespace

void WriteDelivery(json::Writer& w, const storage::CallbackDelivery& delivery) {
  StartDelivery(w, delivery);
  w.Key("family").String(FamilyName(delivery.family))
      .Key("url").String(delivery.url)
      .Key("command").String(delivery.command)
      // The body is JSON the emulator wrote itself: embedded as an object, not a string.
      .Key("body").Raw(delivery.body)
      .Key("created_ms").Int(delivery.created_ms)
      .Key("attempts").StartArray();
  for (const storage::DeliveryAttempt& attempt : delivery.attempts) {
    w.StartObject()
        .Key("at").Int(attempt.at_ms)
        .Key("http_status").Int(attempt.http_status)
        .Key("reply").String(attempt.reply)
        .Key("latency_ms").Int(attempt.latency_ms)
        .Key("error").String(attempt.error)
        .EndObject();
  }
  w.EndArray().Key("state").String(StateName(delivery.state)).EndObject();
}

void WriteDeliverySummary(json::Writer& w, const storage::CallbackDelivery& delivery) {
  StartDelivery(w, delivery);
  w.Key("command").String(delivery.command)
      .Key("state").String(StateName(delivery.state))
      .Key("attempts").Uint(delivery.attempts.size())
      .EndObject();
}

}  // namespace trtc::control
