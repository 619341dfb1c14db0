// v4/call_config/*: the TUICallKit callback configuration on the Chat REST host
// (TRTC pages 68933-68939). One configuration per app; set overwrites; no update API.
#pragma once

#include "server/api/endpoint_table.h"
#include "server/common/json.h"

namespace trtc::handlers {

api::ApiReply SetCallConfig(const api::HandlerContext& context, const json::Value& body);
api::ApiReply GetCallConfig(const api::HandlerContext& context, const json::Value& body);
api::ApiReply DeleteCallConfig(const api::HandlerContext& context, const json::Value& body);

}  // namespace trtc::handlers
