// How the control plane writes an outbox delivery: whole (GET /_emulator/callbacks) and
// as the summary the event stream sends each time one changes.
#pragma once

#include "server/common/json.h"
#include "storage/callback_outbox.h"

namespace trtc::control {

// {"id","call_id"|"room_id","sdkappid","family","url","command","body","created_ms",
//  "attempts":[{"at","http_status","reply","latency_ms","error"}],"state"}
void WriteDelivery(json::Writer& w, const storage::CallbackDelivery& delivery);

// {"id","call_id"|"room_id","sdkappid","command","state","attempts": count}
void WriteDeliverySummary(json::Writer& w, const storage::CallbackDelivery& delivery);

}  // namespace trtc::control
