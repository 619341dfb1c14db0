// v4/group_open_http_svc/send_group_msg (Chat page 34959; api.md §13.3): a message into the
// Chat group of a live room (GroupId = RoomId), with Chat's codes and its top-level result.
#pragma once

#include "server/api/endpoint_table.h"
#include "server/common/json.h"

namespace trtc::handlers {

api::ApiReply SendGroupMsg(const api::HandlerContext& context, const json::Value& body);

}  // namespace trtc::handlers
