// ControlPlane: the emulator's own HTTP surface under /_emulator/ (README "Testing with
// trtc-emulator"): plain JSON, no UserSig, not rate-limited; HTTP status codes and
// {"error": "..."} on failure. Each route is one row of a table, like the REST APIs.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "server/api/app_registry.h"
#include "server/api/endpoint_table.h"
#include "server/callbacks/call_simulator.h"
#include "server/common/clock.h"
#include "server/control/event_feed.h"
#include "server/control/fault_injector.h"
#include "server/control/request_journal.h"
#include "server/http/request_handler.h"
#include "server/tls/server_identity.h"
#include "storage/account_store.h"
#include "storage/call_record_store.h"
#include "storage/callback_config_store.h"
#include "storage/callback_outbox.h"
#include "storage/gift_store.h"
#include "storage/room_store.h"

namespace trtc::control {

// What the control plane may read and change.
struct ControlContext {
  SystemClock& clock;
  const api::AppRegistry& apps;
  RequestJournal& journal;
  EventFeed& events;  // GET /_emulator/events
  FaultInjector& faults;
  storage::CallbackConfigStore& callback_configs;
  storage::AccountStore& accounts;
  storage::GiftStore& gifts;
  storage::RoomStore& rooms;
  storage::CallRecordStore& call_records;
  storage::CallbackOutbox& outbox;
  callbacks::CallSimulator& calls;
  const api::Services& services;  // what the audience changes go through (handlers')
  tls::ServerIdentity& server_tls;  // its CA certificate is served, never its key
  // Puts one app (all when empty) back as its fixture made it: stored state wiped and
  // seeds applied again, journal entries and fault rules gone.
  std::function<Status(std::optional<uint32_t>)> reset;
};

// What a route gets: the query string, the body, and the {id} segment of its path
// (empty for paths without one).
struct ControlRequest {
  std::string_view query;
  std::string_view body;
  std::string_view id;
};

class ControlPlane final : public http::RequestHandler {
 public:
  explicit ControlPlane(ControlContext context);

  std::unique_ptr<http::Exchange> Begin(const http::RequestHead& head) override;

  // One control endpoint: gets the request, answers a response.
  using Route = http::Response (ControlPlane::*)(const ControlRequest& request);

 private:
  http::Response Health(const ControlRequest& request);
  http::Response CaCertificate(const ControlRequest& request);
  http::Response GetClock(const ControlRequest& request);
  http::Response SetClock(const ControlRequest& request);
  http::Response MakeUserSig(const ControlRequest& request);
  http::Response ListRequests(const ControlRequest& request);
  http::Response ClearRequests(const ControlRequest& request);
  http::Response AddFault(const ControlRequest& request);
  http::Response ListFaults(const ControlRequest& request);
  http::Response ClearFaults(const ControlRequest& request);
  http::Response Reset(const ControlRequest& request);
  http::Response State(const ControlRequest& request);
  // Simulated calls and the callback outbox (control_calls.cc).
  http::Response PlayCall(const ControlRequest& request);
  http::Response ListCallbacks(const ControlRequest& request);
  http::Response ReplayCallback(const ControlRequest& request);
  // The audience and messages of live rooms (control_rooms.cc).
  http::Response RoomMembers(const ControlRequest& request);
  http::Response RoomMessages(const ControlRequest& request);
  // The dashboard: its files, the apps, the event stream (control_dashboard.cc).
  http::Response UiIndex(const ControlRequest& request);
  http::Response UiFile(const ControlRequest& request);
  http::Response Apps(const ControlRequest& request);
  http::Response Events(const ControlRequest& request);

  struct RouteRow;
  static const RouteRow kRoutes[];

  ControlContext context_;
  const std::chrono::steady_clock::time_point started_;
};

}  // namespace trtc::control
