#include "server/callbacks/live_callbacks.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "server/common/log.h"
#include "server/domain/callback_url.h"

namespace trtc::callbacks {

using storage::CallbackFamily;

LiveCallbacks::LiveCallbacks(storage::CallbackConfigStore& configs,
                             storage::CallbackOutbox& outbox, CallbackDispatcher& dispatcher,
                             const Clock& clock)
    : configs_(configs), outbox_(outbox), dispatcher_(dispatcher), clock_(clock) {}

storage::SharedCallbackConfig LiveCallbacks::Subscribed(uint32_t sdkappid,
                                                        std::string_view command) {
  StatusOr<storage::SharedCallbackConfig> config = configs_.Get(CallbackFamily::kLive, sdkappid);
  if (!config.ok()) {
    if (!config.status().IsNotFound()) {
      LogError("reading the LiveKit callback configuration of " + std::to_string(sdkappid) +
               ": " + config.status().message());
    }
    return nullptr;
  }
  const std::vector<std::string>& events = (*config)->events;
  if (std::find(events.begin(), events.end(), command) == events.end()) return nullptr;
  return std::move(*config);
}

bool LiveCallbacks::Wants(uint32_t sdkappid, std::string_view command) {
  return Subscribed(sdkappid, command) != nullptr;
}

void LiveCallbacks::Send(uint32_t sdkappid, std::string_view room_id, std::string_view command,
                         std::string body) {
  // Read again: the configuration may have changed since Wants().
  const storage::SharedCallbackConfig config = Subscribed(sdkappid, command);
  if (!config) return;
  std::vector<storage::CallbackDelivery> deliveries(1);
  storage::CallbackDelivery& delivery = deliveries.front();
  delivery.sdkappid = sdkappid;
  delivery.room_id = room_id;
  delivery.family = CallbackFamily::kLive;
  delivery.url = domain::ChatCallbackUrl(config->url, sdkappid, command, kRestApiPlatform);
  delivery.command = command;
  delivery.body = std::move(body);
  delivery.created_ms = clock_.NowMillis();
  const Status status = outbox_.Add(&deliveries);
  if (!status.ok()) {
    LogError("storing a " + std::string(command) + " callback: " + status.message());
    return;
  }
  dispatcher_.Deliver(std::move(deliveries));
}

}  // namespace trtc::callbacks
