// The endpoint table: the one place that declares every REST API the emulator serves,
// with its family, its documented calling frequency (api.md §5), the package it needs
// and its handler. Routing, rate limits and the fixtures' rate-limit overrides all read
// it; adding an API is adding a row.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include <rapidjson/document.h>

#include "server/api/api_reply.h"
#include "server/api/app_registry.h"
#include "server/api/family.h"
#include "server/common/clock.h"

namespace trtc::storage {
class CallbackConfigStore;
class RoomStore;
}

namespace trtc::api {

// What handlers may use: the stores and the clock. Nothing of HTTP.
struct Services {
  storage::CallbackConfigStore* callback_configs = nullptr;
  storage::RoomStore* rooms = nullptr;
  const Clock* clock = nullptr;
};

struct HandlerContext {
  uint32_t sdkappid;
  const App& app;
  Services& services;
};

// `body` is always a JSON object.
using Handler = ApiReply (*)(const HandlerContext& context, const rapidjson::Value& body);

// A package an API requires, and the code it answers when the app lacks it.
enum class Package { kNone, kCallGroup, kLive };

struct Endpoint {
  std::string_view path;  // e.g. "v4/call_config/set_callback" (no leading '/')
  Family family;
  int calls_per_second;   // documented maximum calling frequency
  Package package;
  Handler handler;
};

std::span<const Endpoint> AllEndpoints();
// Exact match on the path without its leading '/'; nullptr when unknown.
const Endpoint* FindEndpoint(std::string_view path);
// Whether the app has bought what the endpoint needs; *missing is the code to answer.
bool HasPackage(const App& app, const Endpoint& endpoint, const ErrorCode** missing);

}  // namespace trtc::api
