#include "server/handlers/endpoints.h"

#include "server/handlers/call_config_handlers.h"
#include "server/handlers/call_record_handlers.h"
#include "server/handlers/callkit_callback_handlers.h"
#include "server/handlers/kit_config_handlers.h"
#include "server/handlers/room_handlers.h"
#include "server/handlers/room_metadata_handlers.h"

namespace trtc::handlers {
namespace {

using api::Family;
using api::Package;

// Calling frequencies: Tencent's pages for each API ("Maximum calling frequency"):
// call_config 200/s, the callkit callback APIs 10/s, the room APIs 200/s but
// get_room_list 10/s; the call record APIs 200/s but v1 get_record_by_callId 20/s.
// Paths are case-sensitive, exactly as the pages write them. live_config and room_config
// 200/s each; live_config needs the Live package.
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
};

}  // namespace

const api::EndpointTable& Endpoints() {
  static const api::EndpointTable table(kEndpoints);
  return table;
}

}  // namespace trtc::handlers
