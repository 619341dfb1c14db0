#include "server/handlers/endpoints.h"

#include "server/api/error_codes.h"

#include "server/handlers/call_config_handlers.h"
#include "server/handlers/call_record_handlers.h"
#include "server/handlers/chat_account_handlers.h"
#include "server/handlers/chat_group_handlers.h"
#include "server/handlers/chat_profile_handlers.h"
#include "server/handlers/gift_event_handlers.h"
#include "server/handlers/gift_handlers.h"
#include "server/handlers/callkit_callback_handlers.h"
#include "server/handlers/kit_config_handlers.h"
#include "server/handlers/room_handlers.h"
#include "server/handlers/robot_handlers.h"
#include "server/handlers/room_member_handlers.h"
#include "server/handlers/room_message_handlers.h"
#include "server/handlers/seat_handlers.h"
#include "server/handlers/room_metadata_handlers.h"

namespace trtc::handlers {
namespace {

using api::Family;
using api::Package;

// Calling frequencies: Tencent's pages for each API ("Maximum calling frequency"):
// call_config 200/s, the callkit callback APIs 10/s, the room APIs 200/s but
// get_room_list 10/s; the call record APIs 200/s but v1 get_record_by_callId 20/s.
// Paths are case-sensitive, exactly as the pages write them. live_config and room_config
// 200/s each; live_config needs the Live package. Chat's account APIs (34953-34956):
// account_import 200/s, the batch ones 100/s; portrait_get/set 200/s (34419); no package.
// The people of a room, its seats and messages 200/s; get_room_stats and robots 100/s.
// The gift configuration APIs (api.md §12.2): 1/s answering 100012, and 102001 without the
// Live package; get_gift_info_list 200/s (60007). send_gift and get_gift_count are room
// APIs (100007, 60007); get_room_statistic is get_room_stats under the name Tencent's own
// manager calls (§13.1).
constexpr Package kGifts = Package::kLiveGifts;
constexpr const api::ErrorCode* kOverGiftLimit = &api::v4::kGiftRateLimited;

constexpr api::Endpoint kEndpoints[] = {
    {"v4/call_config/set_callback", Family::kV4, 200, Package::kNone, SetCallConfig},
    {"v4/call_config/get_callback", Family::kV4, 200, Package::kNone, GetCallConfig},
    {"v4/call_config/delete_callback", Family::kV4, 200, Package::kNone, DeleteCallConfig},
    {"v1/callback/set", Family::kV1, 10, Package::kCallGroup, SetCallkitCallback},
    {"v1/callback/get", Family::kV1, 10, Package::kCallGroup, GetCallkitCallback},
    {"v1/callback/update", Family::kV1, 10, Package::kCallGroup, UpdateCallkitCallback},
    {"v1/callback/delete", Family::kV1, 10, Package::kCallGroup, DeleteCallkitCallback},
    {"v4/live_engine_http_srv/create_room", Family::kV4, 200, Package::kLive, CreateRoom},
    {"v4/live_engine_http_srv/destroy_room", Family::kV4, 200, Package::kLive, DestroyRoom},
    {"v4/live_engine_http_srv/update_room_info", Family::kV4, 200, Package::kLive, UpdateRoomInfo},
    {"v4/live_engine_http_srv/get_room_info", Family::kV4, 200, Package::kLive, GetRoomInfo},
    {"v4/live_engine_http_srv/get_room_list", Family::kV4, 10, Package::kLive, GetRoomList},
    {"v4/live_engine_http_srv/set_room_metadata", Family::kV4, 200, Package::kLive, SetRoomMetadata},
    {"v4/live_engine_http_srv/get_room_metadata", Family::kV4, 200, Package::kLive, GetRoomMetadata},
    {"v4/live_engine_http_srv/del_room_metadata", Family::kV4, 200, Package::kLive, DelRoomMetadata},
    {"v4/call_record_http_srv/get_record_by_callid", Family::kV4, 200, Package::kNone, GetRecordByCallId},
    {"v4/call_record_http_srv/get_record_by_filter", Family::kV4, 200, Package::kNone, GetRecordByFilter},
    {"v1/records/get_record_by_callId", Family::kV1, 20, Package::kCallGroup, GetRecordByCallIdV1},
    {"v1/records/get_records_by_filter", Family::kV1, 200, Package::kCallGroup, GetRecordsByFilterV1},
    {"v4/live_config/set_callback", Family::kV4, 200, Package::kLive, SetLiveCallback},
    {"v4/live_config/update_callback", Family::kV4, 200, Package::kLive, UpdateLiveCallback},
    {"v4/live_config/get_callback", Family::kV4, 200, Package::kLive, GetLiveCallback},
    {"v4/live_config/delete_callback", Family::kV4, 200, Package::kLive, DeleteLiveCallback},
    {"v4/live_config/set_callback_token", Family::kV4, 200, Package::kLive, SetLiveCallbackToken},
    {"v4/live_config/get_callback_token", Family::kV4, 200, Package::kLive, GetLiveCallbackToken},
    {"v4/room_config/set_callback", Family::kV4, 200, Package::kNone, SetRoomCallback},
    {"v4/room_config/update_callback", Family::kV4, 200, Package::kNone, UpdateRoomCallback},
    {"v4/room_config/get_callback", Family::kV4, 200, Package::kNone, GetRoomCallback},
    {"v4/room_config/delete_callback", Family::kV4, 200, Package::kNone, DeleteRoomCallback},
    {"v4/im_open_login_svc/account_import", Family::kV4, 200, Package::kNone, AccountImport},
    {"v4/im_open_login_svc/multiaccount_import", Family::kV4, 100, Package::kNone, MultiAccountImport},
    {"v4/im_open_login_svc/account_check", Family::kV4, 100, Package::kNone, AccountCheck},
    {"v4/im_open_login_svc/account_delete", Family::kV4, 100, Package::kNone, AccountDelete},
    {"v4/profile/portrait_get", Family::kV4, 200, Package::kNone, PortraitGet},
    {"v4/profile/portrait_set", Family::kV4, 200, Package::kNone, PortraitSet},
    {"v4/live_engine_http_srv/get_member_list", Family::kV4, 200, Package::kLive, GetMemberList},
    {"v4/live_engine_http_srv/get_admin_list", Family::kV4, 200, Package::kLive, GetAdminList},
    {"v4/live_engine_http_srv/modify_admin", Family::kV4, 200, Package::kLive, ModifyAdmin},
    {"v4/live_engine_http_srv/change_room_owner", Family::kV4, 200, Package::kLive, ChangeRoomOwner},
    {"v4/live_engine_http_srv/ban_member", Family::kV4, 200, Package::kLive, BanMember},
    {"v4/live_engine_http_srv/unban_member", Family::kV4, 200, Package::kLive, UnbanMember},
    {"v4/live_engine_http_srv/get_banned_member_list", Family::kV4, 200, Package::kLive, GetBannedMemberList},
    {"v4/live_engine_http_srv/mute_member", Family::kV4, 200, Package::kLive, MuteMember},
    {"v4/live_engine_http_srv/get_muted_member_list", Family::kV4, 200, Package::kLive, GetMutedMemberList},
    {"v4/room_engine_http_mic/get_seat_list", Family::kV4, 200, Package::kLive, GetSeatList},
    {"v4/room_engine_http_mic/pick_user_on_seat", Family::kV4, 200, Package::kLive, PickUserOnSeat},
    {"v4/room_engine_http_mic/kick_user_off_seat", Family::kV4, 200, Package::kLive, KickUserOffSeat},
    {"v4/room_engine_http_mic/lock_seat", Family::kV4, 200, Package::kLive, LockSeat},
    {"v4/room_engine_http_mic/switch_seat", Family::kV4, 200, Package::kLive, SwitchSeat},
    {"v4/live_engine_http_srv/send_text_msg", Family::kV4, 200, Package::kLive, SendTextMsg},
    {"v4/live_engine_http_srv/send_custom_msg", Family::kV4, 200, Package::kLive, SendCustomMsg},
    {"v4/live_engine_http_srv/get_room_stats", Family::kV4, 100, Package::kLive, GetRoomStats},
    {"v4/live_engine_http_srv/add_robot", Family::kV4, 100, Package::kLive, AddRobot},
    {"v4/live_engine_http_srv/get_robot", Family::kV4, 100, Package::kLive, GetRobot},
    {"v4/live_engine_http_srv/del_robot", Family::kV4, 100, Package::kLive, DelRobot},
    {"v4/live_engine_http_srv/add_gift", Family::kV4, 1, kGifts, AddGift, kOverGiftLimit},
    {"v4/live_engine_http_srv/get_gift", Family::kV4, 1, kGifts, GetGift, kOverGiftLimit},
    {"v4/live_engine_http_srv/edit_gift", Family::kV4, 1, kGifts, EditGift, kOverGiftLimit},
    {"v4/live_engine_http_srv/del_gift", Family::kV4, 1, kGifts, DelGift, kOverGiftLimit},
    {"v4/live_engine_http_srv/get_gift_info_list", Family::kV4, 200, kGifts, GetGiftInfoList},
    {"v4/live_engine_http_srv/add_gift_category", Family::kV4, 1, kGifts, AddGiftCategory, kOverGiftLimit},
    {"v4/live_engine_http_srv/get_gift_category", Family::kV4, 1, kGifts, GetGiftCategory, kOverGiftLimit},
    {"v4/live_engine_http_srv/edit_gift_category", Family::kV4, 1, kGifts, EditGiftCategory, kOverGiftLimit},
    {"v4/live_engine_http_srv/del_gift_category", Family::kV4, 1, kGifts, DelGiftCategory, kOverGiftLimit},
    {"v4/live_engine_http_srv/add_gift_category_relations", Family::kV4, 1, kGifts, AddGiftCategoryRelations, kOverGiftLimit},
    {"v4/live_engine_http_srv/del_gift_category_relations", Family::kV4, 1, kGifts, DelGiftCategoryRelations, kOverGiftLimit},
    {"v4/live_engine_http_srv/get_gift_category_relations", Family::kV4, 1, kGifts, GetGiftCategoryRelations, kOverGiftLimit},
    {"v4/live_engine_http_srv/set_gift_language", Family::kV4, 1, kGifts, SetGiftLanguage, kOverGiftLimit},
    {"v4/live_engine_http_srv/get_gift_language", Family::kV4, 1, kGifts, GetGiftLanguage, kOverGiftLimit},
    {"v4/live_engine_http_srv/del_gift_language", Family::kV4, 1, kGifts, DelGiftLanguage, kOverGiftLimit},
    {"v4/live_engine_http_srv/set_gift_category_language", Family::kV4, 1, kGifts, SetGiftCategoryLanguage, kOverGiftLimit},
    {"v4/live_engine_http_srv/get_gift_category_language", Family::kV4, 1, kGifts, GetGiftCategoryLanguage, kOverGiftLimit},
    {"v4/live_engine_http_srv/del_gift_category_language", Family::kV4, 1, kGifts, DelGiftCategoryLanguage, kOverGiftLimit},
    {"v4/live_engine_http_srv/send_gift", Family::kV4, 200, Package::kLive, SendGift},
    {"v4/live_engine_http_srv/get_gift_count", Family::kV4, 200, Package::kLive, GetGiftCount},
    {"v4/live_engine_http_srv/get_room_statistic", Family::kV4, 100, Package::kLive, GetRoomStats},
    {"v4/live_engine_http_srv/resume_mcu_task", Family::kV4, 20, Package::kLive, ResumeMcuTask,
     &api::v4::kMixRateLimited},
    {"v4/group_open_http_svc/send_group_msg", Family::kV4, 200, Package::kNone, SendGroupMsg},
};

}  // namespace

const api::EndpointTable& Endpoints() {
  static const api::EndpointTable table(kEndpoints);
  return table;
}

}  // namespace trtc::handlers
