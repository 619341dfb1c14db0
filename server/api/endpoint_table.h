// Endpoint: one REST API the emulator serves — its path, family, documented calling
// frequency, the package it needs and its handler. The rows themselves are the
// handlers' (handlers/endpoints.cc); the pipeline sees them only through an EndpointTable
// handed to it, so api/ knows handlers only as the Handler function type below.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <unordered_map>

#include "server/api/api_reply.h"
#include "server/api/app_registry.h"
#include "server/api/family.h"
#include "server/api/room_events.h"
#include "server/common/clock.h"
#include "server/common/json.h"

namespace trtc::storage {
class AccountStore;
class GiftStore;
class CallbackConfigStore;
class RoomStore;
class CallRecordStore;
}

namespace trtc::api {

// What handlers may use: the stores and the clock. Nothing of HTTP.
struct Services {
  storage::CallbackConfigStore* callback_configs = nullptr;
  storage::RoomStore* rooms = nullptr;
  const Clock* clock = nullptr;
  storage::CallRecordStore* call_records = nullptr;
  RoomEvents* room_events = nullptr;  // null: room changes send no callbacks
  storage::AccountStore* accounts = nullptr;
  storage::GiftStore* gifts = nullptr;
};

struct HandlerContext {
  uint32_t sdkappid;
  const App& app;
  Services& services;
  std::string_view identifier;  // the caller's account (a callback's Operator_Account)
};

// `body` is always a JSON object.
using Handler = ApiReply (*)(const HandlerContext& context, const json::Value& body);

// A package an API requires, and the code it answers when the app lacks it: call_group
// 50001 (v1), live 100007, and the gift configuration APIs' live 102001 (api.md §12.2).
enum class Package { kNone, kCallGroup, kLive, kLiveGifts };

struct Endpoint {
  std::string_view path;  // e.g. "v4/call_config/set_callback" (no leading '/')
  Family family;
  int calls_per_second;   // documented maximum calling frequency
  Package package;
  Handler handler;
  // What a call over the frequency answers instead of the family's code (60007 / 70005):
  // the gift configuration APIs' 100012, resume_mcu_task's 100422.
  const ErrorCode* over_limit = nullptr;
};

// The rows of one server, indexed by path. Routing, rate limits, fault rules and the
// fixtures' rate-limit overrides all read it.
class EndpointTable {
 public:
  explicit EndpointTable(std::span<const Endpoint> rows);
  // Exact match on the path without its leading '/'; nullptr when unknown.
  const Endpoint* Find(std::string_view path) const;
  std::span<const Endpoint> all() const { return rows_; }
  // A row's position in all(), for per-endpoint arrays.
  size_t IndexOf(const Endpoint& endpoint) const {
    return static_cast<size_t>(&endpoint - rows_.data());
  }

 private:
  std::span<const Endpoint> rows_;
  std::unordered_map<std::string_view, const Endpoint*> by_path_;
};
// Whether the app has bought what the endpoint needs; *missing is the code to answer.
bool HasPackage(const App& app, const Endpoint& endpoint, const ErrorCode** missing);

}  // namespace trtc::api
