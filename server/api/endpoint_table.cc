#include "server/api/endpoint_table.h"

#include <unordered_map>

#include "server/handlers/call_config_handlers.h"
#include "server/handlers/callkit_callback_handlers.h"
#include "server/handlers/room_handlers.h"
#include "server/handlers/room_metadata_handlers.h"

namespace trtc::api {
namespace {

namespace h = trtc::handlers;

// Calling frequencies: api.md §2 (200/s), §3 (10/s), §4 (200/s, get_room_list 10/s).
constexpr Endpoint kEndpoints[] = {
    {"v4/call_config/set_callback", Family::kV4, 200, Package::kNone, h::SetCallConfig},
    {"v4/call_config/get_callback", Family::kV4, 200, Package::kNone, h::GetCallConfig},
    {"v4/call_config/delete_callback", Family::kV4, 200, Package::kNone, h::DeleteCallConfig},
    {"v1/callback/set", Family::kV1, 10, Package::kCallGroup, h::SetCallkitCallback},
    {"v1/callback/get", Family::kV1, 10, Package::kCallGroup, h::GetCallkitCallback},
    {"v1/callback/update", Family::kV1, 10, Package::kCallGroup, h::UpdateCallkitCallback},
    {"v1/callback/delete", Family::kV1, 10, Package::kCallGroup, h::DeleteCallkitCallback},
    {"v4/live_engine_http_srv/create_room", Family::kV4, 200, Package::kLive, h::CreateRoom},
    {"v4/live_engine_http_srv/destroy_room", Family::kV4, 200, Package::kLive, h::DestroyRoom},
    {"v4/live_engine_http_srv/update_room_info", Family::kV4, 200, Package::kLive, h::UpdateRoomInfo},
    {"v4/live_engine_http_srv/get_room_info", Family::kV4, 200, Package::kLive, h::GetRoomInfo},
    {"v4/live_engine_http_srv/get_room_list", Family::kV4, 10, Package::kLive, h::GetRoomList},
    {"v4/live_engine_http_srv/set_room_metadata", Family::kV4, 200, Package::kLive, h::SetRoomMetadata},
    {"v4/live_engine_http_srv/get_room_metadata", Family::kV4, 200, Package::kLive, h::GetRoomMetadata},
    {"v4/live_engine_http_srv/del_room_metadata", Family::kV4, 200, Package::kLive, h::DelRoomMetadata},
};

const std::unordered_map<std::string_view, const Endpoint*>& Index() {
  static const auto* index = [] {
    auto* map = new std::unordered_map<std::string_view, const Endpoint*>();
    for (const Endpoint& endpoint : kEndpoints) map->emplace(endpoint.path, &endpoint);
    return map;
  }();
  return *index;
}

}  // namespace

std::span<const Endpoint> AllEndpoints() { return kEndpoints; }

const Endpoint* FindEndpoint(std::string_view path) {
  const auto& index = Index();
  auto it = index.find(path);
  return it == index.end() ? nullptr : it->second;
}

bool HasPackage(const App& app, const Endpoint& endpoint, const ErrorCode** missing) {
  switch (endpoint.package) {
    case Package::kNone: return true;
    case Package::kCallGroup:
      *missing = &v1::kNoGroupCallPackage;
      return app.packages.call_group;
    case Package::kLive:
      *missing = &v4::kNoLivePackage;
      return app.packages.live;
  }
  return true;
}

}  // namespace trtc::api
