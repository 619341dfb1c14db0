// The answer of a v4 handler whose store failed (a full disk, say): 100001, "retry",
// with the storage's message logged rather than shown.
#pragma once

#include <string>
#include <string_view>

#include "server/api/api_reply.h"
#include "server/common/log.h"
#include "server/common/status.h"

namespace trtc::handlers {

inline api::ApiReply V4StorageFailure(std::string_view store, const Status& status) {
  LogError(std::string(store) + " storage: " + status.message());
  return api::ApiReply::Fail(api::v4::kInternal);
}

}  // namespace trtc::handlers
