#include "server/handlers/replies.h"

#include <string>

#include "server/common/log.h"

namespace trtc::handlers {

api::ApiReply Refused(api::Family family, const Status& status) {
  if (family == api::Family::kV4) {
    return api::ApiReply::Fail(api::v4::kInvalidParameter, status.message());
  }
  const bool wrong_type = status.code() == StatusCode::kWrongType;
  return api::ApiReply::Fail(wrong_type ? api::v1::kBadBody : api::v1::kInvalidParameter,
                             status.message());
}

api::ApiReply StoreFailed(api::Family family, const Status& status,
                          const api::ErrorCode& v4_code) {
  LogError("storage failure: " + status.message());
  if (family == api::Family::kV4) return api::ApiReply::Fail(v4_code);
  return api::ApiReply::Fail(api::v1::kInvalidParameter, "internal storage error, please retry");
}

}  // namespace trtc::handlers
