// v4/live_engine_http_srv/{create_room, destroy_room, update_room_info, get_room_info,
// get_room_list, resume_mcu_task}: the live rooms of an app (TRTC pages 63398-63406). Room IDs are per app.
#pragma once

#include "server/api/endpoint_table.h"
#include "server/common/json.h"

namespace trtc::handlers {

api::ApiReply CreateRoom(const api::HandlerContext& context, const json::Value& body);
api::ApiReply DestroyRoom(const api::HandlerContext& context, const json::Value& body);
api::ApiReply UpdateRoomInfo(const api::HandlerContext& context, const json::Value& body);
api::ApiReply GetRoomInfo(const api::HandlerContext& context, const json::Value& body);
api::ApiReply GetRoomList(const api::HandlerContext& context, const json::Value& body);
// resume_mcu_task (72333): nothing to resume without media; checks the room allows mixing.
api::ApiReply ResumeMcuTask(const api::HandlerContext& context, const json::Value& body);

}  // namespace trtc::handlers
