// RequestIds in each family's documented format, unique within a process and random
// across processes: 128 bits = a per-process random value mixed with a global counter
// through a bijective 64-bit mixer, so two requests never share an id.
#pragma once

#include <string>

#include "server/api/family.h"

namespace trtc::api {

// v4: "Id-" + 32 lowercase hex + "-O-Seq-" + decimal sequence.
// v1: 32 lowercase hex.
std::string NewRequestId(Family family);

}  // namespace trtc::api
