// v4/room_engine_http_mic/{get_seat_list, pick_user_on_seat, kick_user_off_seat, lock_seat,
// switch_seat}: the seats of a live room (api.md §10.3), with Mic.CallbackAfterSeatInfoChanged.
#pragma once

#include "server/api/endpoint_table.h"
#include "server/common/json.h"

namespace trtc::handlers {

api::ApiReply GetSeatList(const api::HandlerContext& context, const json::Value& body);
api::ApiReply PickUserOnSeat(const api::HandlerContext& context, const json::Value& body);
api::ApiReply KickUserOffSeat(const api::HandlerContext& context, const json::Value& body);
api::ApiReply LockSeat(const api::HandlerContext& context, const json::Value& body);
api::ApiReply SwitchSeat(const api::HandlerContext& context, const json::Value& body);

}  // namespace trtc::handlers
