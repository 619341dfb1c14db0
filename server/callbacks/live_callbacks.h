// LiveCallbacks: the LiveKit callbacks of api.md §9, behind the room APIs' RoomEvents.
// Each one becomes an outbox delivery of the "live" family (the app's LiveKit URL with the
// documented query string, the room's id) handed to the dispatcher, which signs it at
// sending time when the app's token is enabled.
#pragma once

#include "server/api/room_events.h"
#include "server/callbacks/callback_dispatcher.h"
#include "server/common/clock.h"
#include "storage/callback_config_store.h"
#include "storage/callback_outbox.h"

namespace trtc::callbacks {

// The OptPlatform of callbacks caused by a REST API call.
inline constexpr const char* kRestApiPlatform = "RESTAPI";

class LiveCallbacks final : public api::RoomEvents {
 public:
  LiveCallbacks(storage::CallbackConfigStore& configs, storage::CallbackOutbox& outbox,
                CallbackDispatcher& dispatcher, const Clock& clock);

  bool Wants(uint32_t sdkappid, std::string_view command) override;
  void Send(uint32_t sdkappid, std::string_view room_id, std::string_view command,
            std::string body) override;

 private:
  // The app's LiveKit configuration when it lists `command`, else null.
  storage::SharedCallbackConfig Subscribed(uint32_t sdkappid, std::string_view command);

  storage::CallbackConfigStore& configs_;
  storage::CallbackOutbox& outbox_;
  CallbackDispatcher& dispatcher_;
  const Clock& clock_;
};

}  // namespace trtc::callbacks
