// The callback configurations of TUILiveKit (v4/live_config/*, pages 64418-64421, and its
// signing token, pages 69528-69529) and TUIRoomKit (v4/room_config/*, pages 60727-60730):
// one configuration per app and family, independent of each other and of call_config.
// set refuses to overwrite (100300), update and get need one (100301), delete always
// succeeds.
#pragma once

#include "server/api/endpoint_table.h"
#include "server/common/json.h"

namespace trtc::handlers {

api::ApiReply SetLiveCallback(const api::HandlerContext& context, const json::Value& body);
api::ApiReply UpdateLiveCallback(const api::HandlerContext& context, const json::Value& body);
api::ApiReply GetLiveCallback(const api::HandlerContext& context, const json::Value& body);
api::ApiReply DeleteLiveCallback(const api::HandlerContext& context, const json::Value& body);
api::ApiReply SetLiveCallbackToken(const api::HandlerContext& context, const json::Value& body);
api::ApiReply GetLiveCallbackToken(const api::HandlerContext& context, const json::Value& body);

api::ApiReply SetRoomCallback(const api::HandlerContext& context, const json::Value& body);
api::ApiReply UpdateRoomCallback(const api::HandlerContext& context, const json::Value& body);
api::ApiReply GetRoomCallback(const api::HandlerContext& context, const json::Value& body);
api::ApiReply DeleteRoomCallback(const api::HandlerContext& context, const json::Value& body);

}  // namespace trtc::handlers
