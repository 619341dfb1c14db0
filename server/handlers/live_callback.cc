#include "server/handlers/live_callback.h"

namespace trtc::handlers {

std::optional<LiveCallback> LiveCallback::Begin(const api::Services& services, uint32_t sdkappid,
                                                std::string_view operator_account,
                                                std::string_view command) {
  api::RoomEvents* events = services.room_events;
  if (events == nullptr || !events->Wants(sdkappid, command)) return std::nullopt;
  return LiveCallback(services, sdkappid, operator_account, command);
}

LiveCallback::LiveCallback(const api::Services& services, uint32_t sdkappid,
                           std::string_view operator_account, std::string_view command)
    : services_(services), sdkappid_(sdkappid), operator_account_(operator_account),
      command_(command) {
  body_.StartObject();
  body_.Key("CallbackCommand").String(command);
}

LiveCallback& LiveCallback::Operator() {
  body_.Key("Operator_Account").String(operator_account_);
  return *this;
}

LiveCallback& LiveCallback::EventTime() {
  body_.Key("EventTime").Int(services_.clock->NowMillis());
  event_time_written_ = true;
  return *this;
}

void LiveCallback::Send(std::string_view room_id) {
  if (!event_time_written_) EventTime();
  body_.EndObject();
  services_.room_events->Send(sdkappid_, room_id, command_, body_.Take());
}

}  // namespace trtc::handlers
