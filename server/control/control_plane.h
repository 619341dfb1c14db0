// ControlPlane: the emulator's own HTTP surface under /_emulator/ (emulator.md "Control
// plane"): plain JSON, no UserSig, not rate-limited; HTTP status codes and
// {"error": "..."} on failure. Each route is one row of a table, like the REST APIs.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "server/api/app_registry.h"
#include "server/common/clock.h"
#include "server/control/fault_injector.h"
#include "server/control/request_journal.h"
#include "server/http/request_handler.h"
#include "storage/callback_config_store.h"
#include "storage/room_store.h"

namespace trtc::control {

// What the control plane may read and change.
struct ControlContext {
  SystemClock& clock;
  const api::AppRegistry& apps;
  RequestJournal& journal;
  FaultInjector& faults;
  storage::CallbackConfigStore& callback_configs;
  storage::RoomStore& rooms;
  // Wipes the stored state of one app (all when empty) and re-applies its seeds.
  std::function<Status(std::optional<uint32_t>)> reset_state;
};

class ControlPlane final : public http::RequestHandler {
 public:
  explicit ControlPlane(ControlContext context);

  std::unique_ptr<http::Exchange> Begin(boost::beast::http::verb method,
                                        std::string_view target) override;

  // One control endpoint: gets the query string and the body, answers a response.
  using Route = http::Response (ControlPlane::*)(std::string_view query, std::string_view body);

 private:
  http::Response Health(std::string_view query, std::string_view body);
  http::Response GetClock(std::string_view query, std::string_view body);
  http::Response SetClock(std::string_view query, std::string_view body);
  http::Response MakeUserSig(std::string_view query, std::string_view body);
  http::Response ListRequests(std::string_view query, std::string_view body);
  http::Response ClearRequests(std::string_view query, std::string_view body);
  http::Response AddFault(std::string_view query, std::string_view body);
  http::Response ListFaults(std::string_view query, std::string_view body);
  http::Response ClearFaults(std::string_view query, std::string_view body);
  http::Response Reset(std::string_view query, std::string_view body);
  http::Response State(std::string_view query, std::string_view body);

  struct RouteRow;
  static const RouteRow kRoutes[];

  ControlContext context_;
  const std::chrono::steady_clock::time_point started_;
};

}  // namespace trtc::control
