// LiveCallback: one Live.* callback a room API sends after a change (api.md §9). Begun
// only when the app's LiveKit configuration lists the command; the handler writes the
// fields between the common head ({"CallbackCommand","Operator_Account", ...) and the
// common tail (..., "EventTime" in milliseconds}), and Send() hands it over.
#pragma once

#include <optional>
#include <string_view>

#include "server/api/endpoint_table.h"
#include "server/common/json.h"

namespace trtc::handlers {

class LiveCallback {
 public:
  // nullopt when nothing is to be sent (no configuration, the command not listed, or a
  // server without room events).
  static std::optional<LiveCallback> Begin(const api::HandlerContext& context,
                                           std::string_view command);

  json::Writer& body() { return body_; }
  // Closes the body and queues the callback about `room_id`.
  void Send(std::string_view room_id);

 private:
  LiveCallback(const api::HandlerContext& context, std::string_view command);

  const api::HandlerContext& context_;
  std::string_view command_;
  json::Writer body_{512};
};

// The command words the room APIs send (page 64413).
inline constexpr std::string_view kLiveCreateRoom = "Live.CallbackAfterCreateRoom";
inline constexpr std::string_view kLiveDestroyRoom = "Live.CallbackAfterDestroyRoom";
inline constexpr std::string_view kLiveUpdateRoomInfo = "Live.CallbackAfterUpdateRoomInfo";
inline constexpr std::string_view kLiveSetMetadata = "Live.CallbackAfterSetMetadata";
inline constexpr std::string_view kLiveDelMetadata = "Live.CallbackAfterDelMetadata";

}  // namespace trtc::handlers
