// The control plane's answers: JSON bodies with HTTP status codes, errors as
// {"error": "..."}; a Status maps to its status code in one place.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "server/common/status.h"
#include "server/http/request_handler.h"

namespace trtc::control {

http::Response JsonResponse(unsigned status, std::string body);
http::Response ErrorResponse(unsigned status, std::string_view message);
// 400 for a bad argument, 404 not found, 409 already exists or not now, 500 otherwise.
http::Response StatusResponse(const Status& status);

// sdkappid=N in a query string: *sdkappid stays empty when absent; false when present
// but not a uint32.
bool SdkappidParam(std::string_view query, std::optional<uint32_t>* sdkappid);
// limit=N likewise (an empty value counts as absent).
bool LimitParam(std::string_view query, std::optional<size_t>* limit);

}  // namespace trtc::control
