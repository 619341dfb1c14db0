// The envelope writers: the only code that knows each family's response shape.
//   v4: {"ActionStatus":"OK"|"FAIL","ErrorCode":N,"ErrorInfo":"...","RequestId":"...",
//        "Response":{...}}                          (Response only when there is a payload;
//        the Chat APIs' payload members come instead of Response, at the top level)
//   v1: {"errorCode":N,"errorMessage":"...","requestId":"...","data":...}
//        (data is "" when there is no payload, errors included)
#pragma once

#include <string>
#include <string_view>

#include "server/api/api_reply.h"
#include "server/api/family.h"

namespace trtc::api {

std::string WriteV4Envelope(const ApiReply& reply, std::string_view request_id);
std::string WriteV1Envelope(const ApiReply& reply, std::string_view request_id);

inline std::string WriteEnvelope(Family family, const ApiReply& reply, std::string_view request_id) {
  return family == Family::kV4 ? WriteV4Envelope(reply, request_id)
                               : WriteV1Envelope(reply, request_id);
}

}  // namespace trtc::api
