// v4/live_engine_http_srv/{send_gift, get_gift_count}: gifts sent in a live room and what
// one receiver got (api.md §12.4).
#pragma once

#include "server/api/endpoint_table.h"
#include "server/common/json.h"

namespace trtc::handlers {

api::ApiReply SendGift(const api::HandlerContext& context, const json::Value& body);
api::ApiReply GetGiftCount(const api::HandlerContext& context, const json::Value& body);

}  // namespace trtc::handlers
