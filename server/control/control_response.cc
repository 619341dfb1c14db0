#include "server/control/control_response.h"

#include "server/api/query_string.h"
#include "server/common/json.h"

namespace trtc::control {

http::Response JsonResponse(unsigned status, std::string body) {
  http::Response response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

http::Response ErrorResponse(unsigned status, std::string_view message) {
  json::Writer w;
  w.StartObject().Key("error").String(message).EndObject();
  return JsonResponse(status, w.Take());
}

http::Response StatusResponse(const Status& status) {
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kWrongType:
    case StatusCode::kResourceExhausted: return ErrorResponse(400, status.message());
    case StatusCode::kNotFound: return ErrorResponse(404, status.message());
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition: return ErrorResponse(409, status.message());
    case StatusCode::kOk:
    case StatusCode::kInternal: break;
  }
  return ErrorResponse(500, status.message());
}

bool SdkappidParam(std::string_view query, std::optional<uint32_t>* sdkappid) {
  std::optional<std::string> text = api::QueryParam(query, "sdkappid");
  if (!text || text->empty()) return true;
  *sdkappid = api::ParseUint32(*text);
  return sdkappid->has_value();
}

bool LimitParam(std::string_view query, std::optional<size_t>* limit) {
  const std::optional<std::string> text = api::QueryParam(query, "limit");
  if (!text || text->empty()) return true;
  const std::optional<uint32_t> parsed = api::ParseUint32(*text);
  if (parsed) *limit = *parsed;
  return parsed.has_value();
}

}  // namespace trtc::control
