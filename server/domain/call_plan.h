// PlanCallbacks: plays a simulated call step by step — start, ring, answer or not, hang up — and
// lists, in the order they happen, the callbacks the real service would POST for it (TRTC pages
// 68941, 68940, 69215, 60130, 60129): the v4 Call.* commands and the v1 actions the app has
// configured, each family with its own URL query string and body. Pure: no I/O, no clock.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "server/domain/simulated_call.h"
#include "storage/call_record_store.h"
#include "storage/callback_config_store.h"
#include "storage/callback_outbox.h"

namespace trtc::domain {

// `v4` and `v1` are the app's configurations (null: that family sends nothing). The
// call starts at `start_ms`; each later step happens one millisecond after the one
// before, so EventTime orders the steps.
// Each delivery carries the call's app and id, its family, the configured URL with the
// documented query string appended, the command or action word and the JSON body; it is
// created at `start_ms`, pending, with no id and no attempts yet. The call's record is
// what its Call.CallbackAfterEndCall carries, whether or not that callback is sent.
struct PlannedCall {
  std::vector<storage::CallbackDelivery> deliveries;
  storage::CallRecord record;
};
PlannedCall PlanCallbacks(const SimulatedCall& call, const storage::CallbackConfig* v4,
                          const storage::CallbackConfig* v1, int64_t start_ms);

// The platform the emulator reports in a simulated call's callback query strings (the
// client address is kCallbackClientIp, domain/callback_url.h).
inline constexpr const char* kCallbackPlatform = "Web";

}  // namespace trtc::domain
