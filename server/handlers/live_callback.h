// LiveCallback: one Live.* (or Mic.*) callback a change sends (api.md §9, §10.7). Begun
// only when the app's LiveKit configuration lists the command; the body starts with
// "CallbackCommand", the caller writes the command's fields in their documented order
// (Operator() and EventTime() where the page puts them), and Send() closes it — adding
// "EventTime" (ms of the emulator clock) last unless it was written — and queues it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "server/api/endpoint_table.h"
#include "server/common/json.h"

namespace trtc::handlers {

class LiveCallback {
 public:
  // nullopt when nothing is to be sent (no configuration, the command not listed, or a
  // server without room events). `operator_account` is the REST caller ("" for changes
  // the control plane makes).
  static std::optional<LiveCallback> Begin(const api::Services& services, uint32_t sdkappid,
                                           std::string_view operator_account,
                                           std::string_view command);
  static std::optional<LiveCallback> Begin(const api::HandlerContext& context,
                                           std::string_view command) {
    return Begin(context.services, context.sdkappid, context.identifier, command);
  }

  json::Writer& body() { return body_; }
  // Writes "Operator_Account".
  LiveCallback& Operator();
  // Writes "EventTime" here rather than last.
  LiveCallback& EventTime();
  // Closes the body and queues the callback about `room_id`.
  void Send(std::string_view room_id);

 private:
  LiveCallback(const api::Services& services, uint32_t sdkappid, std::string_view operator_account,
               std::string_view command);

  const api::Services& services_;
  uint32_t sdkappid_;
  std::string operator_account_;
  std::string_view command_;
  bool event_time_written_ = false;
  json::Writer body_{512};
};

// The command words the REST APIs send (page 64413).
inline constexpr std::string_view kLiveCreateRoom = "Live.CallbackAfterCreateRoom";
inline constexpr std::string_view kLiveDestroyRoom = "Live.CallbackAfterDestroyRoom";
inline constexpr std::string_view kLiveUpdateRoomInfo = "Live.CallbackAfterUpdateRoomInfo";
inline constexpr std::string_view kLiveSetMetadata = "Live.CallbackAfterSetMetadata";
inline constexpr std::string_view kLiveDelMetadata = "Live.CallbackAfterDelMetadata";
inline constexpr std::string_view kLiveMemberStateChanged = "Live.CallbackAfterMemberStateChanged";
inline constexpr std::string_view kLiveModifyAdmin = "Live.CallbackAfterModifyAdmin";
inline constexpr std::string_view kLiveChangeOwner = "Live.CallbackAfterChangeOwner";
inline constexpr std::string_view kMicSeatInfoChanged = "Mic.CallbackAfterSeatInfoChanged";

}  // namespace trtc::handlers
