// The answers every handler gives alike: a request the rules refused, and a store that
// failed. One place decides how each family words them.
#pragma once

#include "server/api/api_reply.h"
#include "server/api/family.h"
#include "server/common/status.h"

namespace trtc::handlers {

// A body the rules refused, with the Status's message (which field, what was expected).
// v4 answers 100002. v1 answers 70009 ("error in parsing request body") for a member of
// the wrong JSON type and 70001 for anything else.
api::ApiReply Refused(api::Family family, const Status& status);

// A store that failed (a full disk, say): logged, and answered 100001 "retry" (v4) or
// 70001 with a fixed message (v1, which documents no internal-error code). The storage's
// own text goes to the log only, never to the client.
// `v4_code` replaces 100001 for an API family that documents its own (call records: 101001).
api::ApiReply StoreFailed(api::Family family, const Status& status,
                          const api::ErrorCode& v4_code = api::v4::kInternal);

}  // namespace trtc::handlers
