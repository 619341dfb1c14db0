// v4/live_engine_http_srv/{get_member_list, get_admin_list, modify_admin, change_room_owner,
// ban_member, unban_member, get_banned_member_list, mute_member, get_muted_member_list}:
// the people of a live room (api.md §10.2), with their callbacks (§10.7).
#pragma once

#include "server/api/endpoint_table.h"
#include "server/common/json.h"

namespace trtc::handlers {

api::ApiReply GetMemberList(const api::HandlerContext& context, const json::Value& body);
api::ApiReply GetAdminList(const api::HandlerContext& context, const json::Value& body);
api::ApiReply ModifyAdmin(const api::HandlerContext& context, const json::Value& body);
api::ApiReply ChangeRoomOwner(const api::HandlerContext& context, const json::Value& body);
api::ApiReply BanMember(const api::HandlerContext& context, const json::Value& body);
api::ApiReply UnbanMember(const api::HandlerContext& context, const json::Value& body);
api::ApiReply GetBannedMemberList(const api::HandlerContext& context, const json::Value& body);
api::ApiReply MuteMember(const api::HandlerContext& context, const json::Value& body);
api::ApiReply GetMutedMemberList(const api::HandlerContext& context, const json::Value& body);

}  // namespace trtc::handlers
