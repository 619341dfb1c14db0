// CallbackOutbox: every callback delivery the emulator made for a simulated call, with
// each attempt to send it, persisted like the rest of the state so a test can inspect
// (and replay) deliveries after a restart. Plain values in and out: the body is stored
// as the exact text that was (or will be) POSTed.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/common/status.h"
#include "storage/callback_config_store.h"
#include "storage/database.h"

namespace trtc::storage {

enum class DeliveryState { kPending, kDelivered, kFailed };

// One try at POSTing a delivery.
struct DeliveryAttempt {
  int64_t at_ms = 0;        // when it started, Unix milliseconds of the emulator clock
  int http_status = 0;      // 0: no HTTP response came back (see error)
  std::string reply;        // the response body, shortened
  int64_t latency_ms = 0;
  std::string error;        // empty when an HTTP response came back
};

struct CallbackDelivery {
  int64_t id = 0;  // assigned by Add()
  uint32_t sdkappid = 0;
  std::string call_id;  // a delivery about a call (the call families), else ""
  std::string room_id;  // a delivery about a room (the LiveKit family), else ""
  CallbackFamily family = CallbackFamily::kCallConfig;
  std::string url;      // with its query string
  std::string command;  // the v4 command word or the v1 action word
  std::string body;
  DeliveryState state = DeliveryState::kPending;
  int64_t created_ms = 0;
  std::vector<DeliveryAttempt> attempts;  // oldest first
};

class CallbackOutbox {
 public:
  // The outbox keeps the newest kCapacity deliveries; older ones are dropped by Add().
  static constexpr int64_t kCapacity = 10000;

  explicit CallbackOutbox(Database* db) : db_(db) {}

  // Stores new deliveries (state and attempts as given) in one transaction and sets each
  // one's id, in order.
  Status Add(std::vector<CallbackDelivery>* deliveries);
  // Appends an attempt and sets the delivery's state; kNotFound (nothing written) when
  // the delivery is gone, e.g. reset while it was being sent.
  Status RecordAttempt(int64_t id, const DeliveryAttempt& attempt, DeliveryState state);
  // The newest `limit` deliveries that match (all without one), oldest first; any filter
  // may be left empty.
  Status Find(std::optional<uint32_t> sdkappid, std::string_view call_id, std::string_view room_id,
              std::vector<CallbackDelivery>* out, std::optional<size_t> limit = std::nullopt);
  // kNotFound when there is no delivery with that id.
  StatusOr<CallbackDelivery> Get(int64_t id);
  // Every delivery still pending (after a restart: the ones to resume), oldest first.
  Status Pending(std::vector<CallbackDelivery>* out);
  Status DeleteApp(uint32_t sdkappid);
  Status DeleteAll();

 private:
  Status ReadDeliveries(const char* sql, const std::function<void(Query&)>& bind,
                        std::vector<CallbackDelivery>* out);
  Database* db_;
};

}  // namespace trtc::storage
