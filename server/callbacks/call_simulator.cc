#include "server/callbacks/call_simulator.h"

#include <cstdio>
#include <utility>

#include "server/domain/call_plan.h"

namespace trtc::callbacks {

using storage::CallbackFamily;

CallSimulator::CallSimulator(storage::CallbackConfigStore& configs,
                             storage::CallRecordStore& records, storage::CallbackOutbox& outbox,
                             CallbackDispatcher& dispatcher, const Clock& clock,
                             std::optional<uint64_t> seed)
    : configs_(configs),
      records_(records),
      outbox_(outbox),
      dispatcher_(dispatcher),
      clock_(clock),
      ids_(seed, 3) {}

// A version-4 UUID, the shape of the real service's CallIds.
std::string CallSimulator::NewCallId() {
  const uint64_t high = ids_.Next();
  const uint64_t low = ids_.Next();
  char text[37];
  std::snprintf(text, sizeof(text), "%08x-%04x-4%03x-%04x-%012llx",
                static_cast<unsigned>(high >> 32), static_cast<unsigned>((high >> 16) & 0xffff),
                static_cast<unsigned>(high & 0xfff),
                static_cast<unsigned>(0x8000 | ((low >> 48) & 0x3fff)),
                static_cast<unsigned long long>(low & 0xffffffffffffULL));
  return text;
}

// A numeric room id (RoomIdType 1), never 0.
std::string CallSimulator::NewRoomId() { return std::to_string(1 + ids_.Next() % 0xfffffffeULL); }

StatusOr<PlayedCall> CallSimulator::Play(domain::SimulatedCall call) {
  if (call.call_id.empty()) call.call_id = NewCallId();
  if (call.room_id.empty()) call.room_id = NewRoomId();
  storage::SharedCallbackConfig v4, v1;  // null: that family is not configured
  for (auto [family, config] : {std::pair{CallbackFamily::kCallConfig, &v4},
                                std::pair{CallbackFamily::kCallkit, &v1}}) {
    StatusOr<storage::SharedCallbackConfig> got = configs_.Get(family, call.sdkappid);
    if (got.ok()) {
      *config = std::move(*got);
    } else if (!got.status().IsNotFound()) {
      return got.status();
    }
  }

  domain::PlannedCall plan = domain::PlanCallbacks(call, v4.get(), v1.get(), clock_.NowMillis());
  // The call is over when Play returns: its record is there at once (Tencent's pages say
  // five seconds after the end; the README lists the difference).
  Status status = records_.Record(plan.record);
  if (!status.ok()) return status.Prefixed("storing the call record: ");
  std::vector<storage::CallbackDelivery>& deliveries = plan.deliveries;
  status = outbox_.Add(&deliveries);
  if (!status.ok()) return status.Prefixed("storing the deliveries: ");
  PlayedCall played{call.call_id, call.room_id, {}};
  for (const storage::CallbackDelivery& delivery : deliveries) {
    played.delivery_ids.push_back(delivery.id);
  }
  dispatcher_.Deliver(std::move(deliveries));
  return played;
}

Status CallSimulator::Replay(int64_t delivery_id) {
  StatusOr<storage::CallbackDelivery> delivery = outbox_.Get(delivery_id);
  const std::string id = std::to_string(delivery_id);
  if (delivery.status().IsNotFound()) {
    return Status::NotFound("no callback delivery " + id + " in the outbox");
  }
  if (!delivery.ok()) return delivery.status();
  if (delivery->state == storage::DeliveryState::kPending) {
    return Status::FailedPrecondition("callback delivery " + id +
                                      " is still being sent; replay it once it is delivered or "
                                      "failed");
  }
  dispatcher_.Replay(std::move(*delivery));
  return Status::Ok();
}

}  // namespace trtc::callbacks
