// The control plane's routes for the dashboard (README "Dashboard"): its files
// (GET /_emulator/ui), the fixture's apps (GET /_emulator/apps) and the live event stream
// (GET /_emulator/events). Tests may call all three; the dashboard uses nothing else but
// the control plane's other routes.
#include <string>

#include "server/common/json.h"
#include "server/control/control_plane.h"
#include "server/control/control_response.h"
#include "server/control/ui_assets.h"

namespace trtc::control {
namespace {

// Tells an EventSource how soon to come back after the stream ends (a subscriber cut off
// for falling behind reconnects within a second).
constexpr std::string_view kEventStreamStart = "retry: 1000\n\n";

http::Response AssetResponse(const UiAsset& asset) {
  http::Response response;
  response.content_type = UiContentType(asset.name);
  response.body = std::string(asset.body);
  return response;
}

}  // namespace

http::Response ControlPlane::UiIndex(const ControlRequest&) {
  const UiAsset* index = FindUiAsset("index.html");
  if (!index) return ErrorResponse(404, "this build has no dashboard (ui/ was empty)");
  return AssetResponse(*index);
}

http::Response ControlPlane::UiFile(const ControlRequest& request) {
  const UiAsset* asset = FindUiAsset(request.id);
  if (!asset) return ErrorResponse(404, "the dashboard has no file " + std::string(request.id));
  return AssetResponse(*asset);
}

http::Response ControlPlane::Apps(const ControlRequest&) {
  json::Writer w(512);
  w.StartObject().Key("apps").StartArray();
  for (const api::App* app : context_.apps.All()) {
    // Never the key: the dashboard makes UserSigs through POST /_emulator/usersig.
    w.StartObject().Key("sdkappid").Uint(app->sdkappid).Key("admins").StartArray();
    for (const std::string& admin : app->admins) w.String(admin);
    w.EndArray()
        .Key("packages").StartObject()
        .Key("call_group").Bool(app->packages.call_group)
        .Key("live").Bool(app->packages.live)
        .EndObject()
        .Key("rate_limits").StartObject();
    for (const auto& [api, per_second] : app->rate_limits) w.Key(api).Int(per_second);
    w.EndObject().EndObject();
  }
  w.EndArray().EndObject();
  return JsonResponse(200, w.Take());
}

http::Response ControlPlane::Events(const ControlRequest&) {
  http::Response response;
  response.content_type = "text/event-stream";
  response.body = std::string(kEventStreamStart);
  response.events = context_.events.Subscribe();
  return response;
}

}  // namespace trtc::control
