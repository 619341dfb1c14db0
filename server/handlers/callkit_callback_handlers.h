// v1/callback/*: the TUICallKit callback configuration on the callkit host (TRTC pages
// 60131-60135). One configuration per app, independent of the v4 one.
#pragma once

#include "server/api/endpoint_table.h"
#include "server/common/json.h"

namespace trtc::handlers {

api::ApiReply SetCallkitCallback(const api::HandlerContext& context, const json::Value& body);
api::ApiReply GetCallkitCallback(const api::HandlerContext& context, const json::Value& body);
api::ApiReply UpdateCallkitCallback(const api::HandlerContext& context, const json::Value& body);
api::ApiReply DeleteCallkitCallback(const api::HandlerContext& context, const json::Value& body);

}  // namespace trtc::handlers
