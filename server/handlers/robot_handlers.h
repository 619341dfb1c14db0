// v4/live_engine_http_srv/{add_robot, get_robot, del_robot}: robots in a live room (api.md
// §10.6). Robots are members (listed, seatable, possible owners) that never count as
// viewers; at most 3 per room; each must be an imported Chat account.
#pragma once

#include "server/api/endpoint_table.h"
#include "server/common/json.h"

namespace trtc::handlers {

api::ApiReply AddRobot(const api::HandlerContext& context, const json::Value& body);
api::ApiReply GetRobot(const api::HandlerContext& context, const json::Value& body);
api::ApiReply DelRobot(const api::HandlerContext& context, const json::Value& body);

}  // namespace trtc::handlers
