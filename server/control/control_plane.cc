#include "server/control/control_plane.h"

#include <string>

#include "server/api/query_string.h"
#include "server/handlers/json_text.h"

namespace trtc::control {
namespace {

namespace bhttp = boost::beast::http;

std::unique_ptr<http::Exchange> Reply(unsigned status, std::string body) {
  http::Response response;
  response.status = status;
  response.body = std::move(body);
  return std::make_unique<http::FixedExchange>(std::move(response));
}

std::unique_ptr<http::Exchange> Error(unsigned status, std::string_view message) {
  return Reply(status, "{\"error\":" + handlers::JsonString(message) + "}");
}

}  // namespace

ControlPlane::ControlPlane() : started_(std::chrono::steady_clock::now()) {}

std::unique_ptr<http::Exchange> ControlPlane::Begin(bhttp::verb method, std::string_view target) {
  std::string_view path, query;
  api::SplitTarget(target, &path, &query);
  if (path == "_emulator/health") {
    if (method != bhttp::verb::get && method != bhttp::verb::head) {
      return Error(405, "use GET for /_emulator/health");
    }
    // Fixtures are loaded before the server listens, so answering at all means ready.
    const auto uptime = std::chrono::steady_clock::now() - started_;
    const auto uptime_s = std::chrono::duration_cast<std::chrono::seconds>(uptime).count();
    return Reply(200, "{\"status\":\"ok\",\"version\":\"" TRTC_EMULATOR_VERSION
                      "\",\"uptime_s\":" + std::to_string(uptime_s) + "}");
  }
  return Error(404, "unknown control endpoint /" + std::string(path));
}

}  // namespace trtc::control
