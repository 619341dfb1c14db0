// v4/profile/{portrait_get, portrait_set}: Chat profile fields of imported accounts (Chat
// pages 34917, 34916). Chat's placement (results at the top level, with "ErrorDisplay")
// and Chat's codes (40001-40009, 40601, 40605, 40610).
#pragma once

#include "server/api/endpoint_table.h"
#include "server/common/json.h"

namespace trtc::handlers {

api::ApiReply PortraitGet(const api::HandlerContext& context, const json::Value& body);
api::ApiReply PortraitSet(const api::HandlerContext& context, const json::Value& body);

}  // namespace trtc::handlers
