// RoomEvents: how a room API reports a change it made, for the LiveKit callbacks
// (api.md §9). The handler decides what happened and writes the callback's body; the
// implementation (callbacks/live_callbacks.h) finds the app's URL, stores the delivery in
// the outbox and sends it in the background, so a REST call never waits for a callback.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace trtc::api {

class RoomEvents {
 public:
  virtual ~RoomEvents() = default;
  // Whether the app's LiveKit configuration lists `command`: a handler builds a body only
  // then, so an app without a configuration pays one cached lookup per change.
  virtual bool Wants(uint32_t sdkappid, std::string_view command) = 0;
  // Queues one callback about `room_id`. Its failures are logged, never answered: the
  // REST call has succeeded whatever becomes of its callback.
  virtual void Send(uint32_t sdkappid, std::string_view room_id, std::string_view command,
                    std::string body) = 0;
};

}  // namespace trtc::api
