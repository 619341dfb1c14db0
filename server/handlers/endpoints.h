// Every REST API of the emulator, one row each: the table the wiring hands to the
// pipeline. Adding an API is a row here, a handler and a store method.
#pragma once

#include "server/api/endpoint_table.h"

namespace trtc::handlers {

const api::EndpointTable& Endpoints();

}  // namespace trtc::handlers
