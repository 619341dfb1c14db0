// CallSimulator: what POST /_emulator/calls and POST /_emulator/callbacks/{id}/replay do.
// Plays a call through the plan (domain/call_plan.h) against the app's callback
// configurations, stores its call record and its deliveries (in the outbox) and hands
// the deliveries to the dispatcher; replays a stored delivery. The control plane only parses requests and writes answers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/callbacks/callback_dispatcher.h"
#include "server/common/clock.h"
#include "server/common/id_source.h"
#include "server/common/status.h"
#include "server/domain/simulated_call.h"
#include "storage/call_record_store.h"
#include "storage/callback_config_store.h"
#include "storage/callback_outbox.h"

namespace trtc::callbacks {

struct PlayedCall {
  std::string call_id;
  std::string room_id;
  std::vector<int64_t> delivery_ids;  // in the order they are sent
};

class CallSimulator {
 public:
  // `seed` makes the call ids and room ids it invents reproducible (random when empty).
  CallSimulator(storage::CallbackConfigStore& configs, storage::CallRecordStore& records,
                storage::CallbackOutbox& outbox, CallbackDispatcher& dispatcher,
                const Clock& clock, std::optional<uint64_t> seed);

  // Plays `call` now. An empty call_id gets a new UUID, an empty room_id a numeric room.
  StatusOr<PlayedCall> Play(domain::SimulatedCall call);
  // One more attempt of a stored delivery: NotFound for an unknown id,
  // FailedPrecondition while the delivery is still being sent.
  Status Replay(int64_t delivery_id);

 private:
  std::string NewCallId();
  std::string NewRoomId();

  storage::CallbackConfigStore& configs_;
  storage::CallRecordStore& records_;
  storage::CallbackOutbox& outbox_;
  CallbackDispatcher& dispatcher_;
  const Clock& clock_;
  IdSource ids_;
};

}  // namespace trtc::callbacks
