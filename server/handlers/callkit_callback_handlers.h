// v1/callback/*: the TUICallKit callback configuration on the callkit host (api.md §3).
// One configuration per app, independent of the v4 one.
#pragma once

#include "server/api/endpoint_table.h"

namespace trtc::handlers {

api::ApiReply SetCallkitCallback(const api::HandlerContext& context, const rapidjson::Value& body);
api::ApiReply GetCallkitCallback(const api::HandlerContext& context, const rapidjson::Value& body);
api::ApiReply UpdateCallkitCallback(const api::HandlerContext& context, const rapidjson::Value& body);
api::ApiReply DeleteCallkitCallback(const api::HandlerContext& context, const rapidjson::Value& body);

}  // namespace trtc::handlers
