// v4/live_engine_http_srv/{set,get,del}_room_metadata: a room's key/value metadata
// (TRTC pages 64374-64376). Limits are checked on the state after the change, before anything is
// written; a rejected call leaves the room as it was.
#pragma once

#include "server/api/endpoint_table.h"
#include "server/common/json.h"

namespace trtc::handlers {

api::ApiReply SetRoomMetadata(const api::HandlerContext& context, const json::Value& body);
api::ApiReply GetRoomMetadata(const api::HandlerContext& context, const json::Value& body);
api::ApiReply DelRoomMetadata(const api::HandlerContext& context, const json::Value& body);

}  // namespace trtc::handlers
