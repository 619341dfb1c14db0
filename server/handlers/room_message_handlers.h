// v4/live_engine_http_srv/{send_text_msg, send_custom_msg, get_room_stats}: messages into a
// live room and its statistics (api.md §10.4, §10.5).
#pragma once

#include "server/api/endpoint_table.h"
#include "server/common/json.h"

namespace trtc::handlers {

api::ApiReply SendTextMsg(const api::HandlerContext& context, const json::Value& body);
api::ApiReply SendCustomMsg(const api::HandlerContext& context, const json::Value& body);
api::ApiReply GetRoomStats(const api::HandlerContext& context, const json::Value& body);

}  // namespace trtc::handlers
