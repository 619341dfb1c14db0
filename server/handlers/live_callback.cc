#include "server/handlers/live_callback.h"

namespace trtc::handlers {

std::optional<LiveCallback> LiveCallback::Begin(const api::HandlerContext& context,
                                                std::string_view command) {
  api::RoomEvents* events = context.services.room_events;
  if (events == nullptr || !events->Wants(context.sdkappid, command)) return std::nullopt;
  return LiveCallback(context, command);
}

LiveCallback::LiveCallback(const api::HandlerContext& context, std::string_view command)
    : context_(context), command_(command) {
  body_.StartObject();
  body_.Key("CallbackCommand").String(command);
  body_.Key("Operator_Account").String(context.identifier);
}

void LiveCallback::Send(std::string_view room_id) {
  body_.Key("EventTime").Int(context_.services.clock->NowMillis());
  body_.EndObject();
  context_.services.room_events->Send(context_.sdkappid, room_id, command_, body_.Take());
}

}  // namespace trtc::handlers
