#include "server/control/control_plane.h"

#include <limits>
#include <string>

#include "server/api/query_string.h"
#include "server/auth/usersig_generator.h"
#include "server/common/json.h"
#include "server/control/control_json.h"
#include "server/handlers/json_text.h"
#include "server/handlers/room_json.h"

namespace trtc::control {
namespace {

namespace bhttp = boost::beast::http;

// The UserSig helper's default validity, the official package's usual 180 days.
constexpr int64_t kDefaultExpireS = 180 * 86400;

// Runs a route once the body is read.
void WriteEntry(handlers::JsonWriter& w, const JournalEntry& entry) {
  w.StartObject();
  w.Key("seq");
  w.Uint64(entry.seq);
  w.Key("time_ms");
  w.Int64(entry.time_ms);
  w.Key("api");
  handlers::WriteString(w, entry.api);
  w.Key("sdkappid");
  w.Uint(entry.sdkappid);
  w.Key("identifier");
  handlers::WriteString(w, entry.identifier);
  w.Key("request_body");
  handlers::WriteString(w, entry.request_body);
  w.Key("response_body");
  handlers::WriteString(w, entry.response_body);
  w.Key("error_code");
  w.Int(entry.error_code);
  w.EndObject();
}

void WriteRule(handlers::JsonWriter& w, const FaultRule& rule) {
  w.StartObject();
  w.Key("id");
  w.Uint64(rule.id);
  w.Key("api");
  handlers::WriteString(w, rule.api);
  if (rule.sdkappid) {
    w.Key("sdkappid");
    w.Uint(*rule.sdkappid);
  }
  if (rule.error_code) {
    w.Key("error_code");
    w.Int(*rule.error_code);
  }
  w.Key("delay_ms");
  w.Int64(rule.delay_ms);
  if (rule.times) {
    w.Key("times");
    w.Int64(*rule.times);
  }
  w.Key("fired");
  w.Int64(rule.fired);
  w.EndObject();
}

class ControlExchange final : public http::Exchange {
 public:
  ControlExchange(ControlPlane& plane, ControlPlane::Route route, std::string_view query,
                  std::string_view id)
      : plane_(plane), route_(route), query_(query), id_(id) {}
  http::Response Finish(std::string_view body) override {
    return (plane_.*route_)(ControlRequest{query_, body, id_});
  }

 private:
  ControlPlane& plane_;
  ControlPlane::Route route_;
  std::string query_;
  std::string id_;
};

// Matches a request path against a route's path, where one segment may be "{id}";
// *id gets what stood there.
bool MatchPath(std::string_view pattern, std::string_view path, std::string_view* id) {
  const size_t hole = pattern.find("{id}");
  if (hole == std::string_view::npos) return pattern == path;
  const std::string_view before = pattern.substr(0, hole);
  const std::string_view after = pattern.substr(hole + 4);
  if (path.size() <= before.size() + after.size() || !path.starts_with(before) ||
      !path.ends_with(after)) {
    return false;
  }
  *id = path.substr(before.size(), path.size() - before.size() - after.size());
  return id->find('/') == std::string_view::npos;
}

}  // namespace

struct ControlPlane::RouteRow {
  bhttp::verb method;
  std::string_view path;
  Route route;
};

const ControlPlane::RouteRow ControlPlane::kRoutes[] = {
    {bhttp::verb::get, "_emulator/health", &ControlPlane::Health},
    {bhttp::verb::get, "_emulator/clock", &ControlPlane::GetClock},
    {bhttp::verb::post, "_emulator/clock", &ControlPlane::SetClock},
    {bhttp::verb::post, "_emulator/usersig", &ControlPlane::MakeUserSig},
    {bhttp::verb::get, "_emulator/requests", &ControlPlane::ListRequests},
    {bhttp::verb::delete_, "_emulator/requests", &ControlPlane::ClearRequests},
    {bhttp::verb::post, "_emulator/faults", &ControlPlane::AddFault},
    {bhttp::verb::get, "_emulator/faults", &ControlPlane::ListFaults},
    {bhttp::verb::delete_, "_emulator/faults", &ControlPlane::ClearFaults},
    {bhttp::verb::post, "_emulator/reset", &ControlPlane::Reset},
    {bhttp::verb::get, "_emulator/state", &ControlPlane::State},
    {bhttp::verb::post, "_emulator/calls", &ControlPlane::PlayCall},
    {bhttp::verb::get, "_emulator/callbacks", &ControlPlane::ListCallbacks},
    {bhttp::verb::post, "_emulator/callbacks/{id}/replay", &ControlPlane::ReplayCallback},
};

ControlPlane::ControlPlane(ControlContext context)
    : context_(context), started_(std::chrono::steady_clock::now()) {}

std::unique_ptr<http::Exchange> ControlPlane::Begin(bhttp::verb method, std::string_view target) {
  std::string_view path, query;
  api::SplitTarget(target, &path, &query);
  bool path_known = false;
  for (const RouteRow& row : kRoutes) {
    std::string_view id;
    if (!MatchPath(row.path, path, &id)) continue;
    path_known = true;
    // HEAD is answered like GET (Beast sends no body for it).
    const bool matches = row.method == method ||
                         (row.method == bhttp::verb::get && method == bhttp::verb::head);
    if (matches) return std::make_unique<ControlExchange>(*this, row.route, query, id);
  }
  if (path_known) {
    return std::make_unique<http::FixedExchange>(ErrorResponse(
        405, "method " + std::string(bhttp::to_string(method)) + " not allowed on /" +
                 std::string(path)));
  }
  return std::make_unique<http::FixedExchange>(
      ErrorResponse(404, "unknown control endpoint /" + std::string(path)));
}

http::Response ControlPlane::Health(const ControlRequest&) {
  // Fixtures are loaded before the server listens, so answering at all means ready.
  const auto uptime = std::chrono::steady_clock::now() - started_;
  const auto uptime_s = std::chrono::duration_cast<std::chrono::seconds>(uptime).count();
  return JsonResponse(200, "{\"status\":\"ok\",\"version\":\"" TRTC_EMULATOR_VERSION
                           "\",\"uptime_s\":" + std::to_string(uptime_s) + "}");
}

http::Response ControlPlane::GetClock(const ControlRequest&) {
  const int64_t offset_ms = context_.clock.offset_millis();
  return JsonResponse(200, "{\"offset_s\":" + std::to_string(offset_ms / 1000) +
                               ",\"now_s\":" + std::to_string(context_.clock.NowSeconds()) + "}");
}

http::Response ControlPlane::SetClock(const ControlRequest& request) {
  rapidjson::Document document;
  http::Response error;
  if (!ParseObject(request.body, &document, &error)) return error;
  std::string problem;
  const std::optional<int64_t> offset_s = IntegerMember(document, "offset_s", &problem);
  if (!offset_s) return ErrorResponse(400, problem.empty() ? "offset_s is required" : problem);
  // A century either way is plenty, and keeps milliseconds far from overflow.
  constexpr int64_t kMaxOffsetS = 100LL * 366 * 86400;
  if (*offset_s > kMaxOffsetS || *offset_s < -kMaxOffsetS) {
    return ErrorResponse(400, "offset_s must be within +/- " + std::to_string(kMaxOffsetS));
  }
  context_.clock.set_offset_millis(*offset_s * 1000);
  return GetClock(request);
}

http::Response ControlPlane::MakeUserSig(const ControlRequest& request) {
  rapidjson::Document document;
  http::Response error;
  if (!ParseObject(request.body, &document, &error)) return error;
  std::string problem;
  const std::optional<uint32_t> sdkappid = Uint32Member(document, "sdkappid", &problem);
  if (!sdkappid) return ErrorResponse(400, "sdkappid is required: an unsigned 32-bit integer");
  const std::optional<std::string> identifier = StringMember(document, "identifier", &problem);
  if (!identifier || identifier->empty()) {
    return ErrorResponse(400, "identifier is required: a non-empty string");
  }
  const std::optional<int64_t> expire = IntegerMember(document, "expire", &problem);
  if (!problem.empty()) return ErrorResponse(400, problem);
  const api::App* app = context_.apps.Find(*sdkappid);
  if (app == nullptr) {
    return ErrorResponse(404, "sdkappid " + std::to_string(*sdkappid) + " is not a fixture app");
  }
  const std::string usersig =
      auth::GenerateUserSig(app->sdkappid, app->key, *identifier, expire.value_or(kDefaultExpireS),
                            context_.clock.NowSeconds());
  return JsonResponse(200, "{\"usersig\":" + handlers::JsonString(usersig) + "}");
}

http::Response ControlPlane::ListRequests(const ControlRequest& request) {
  std::optional<uint32_t> sdkappid;
  if (!SdkappidParam(request.query, &sdkappid)) return ErrorResponse(400, "sdkappid must be a uint32");
  const std::string api = api::QueryParam(request.query, "api").value_or("");
  size_t limit = RequestJournal::kDefaultCapacity;
  if (std::optional<std::string> text = api::QueryParam(request.query, "limit"); text && !text->empty()) {
    const std::optional<uint32_t> parsed = api::ParseUint32(*text);
    if (!parsed) return ErrorResponse(400, "limit must be a whole number");
    limit = *parsed;
  }
  rapidjson::StringBuffer buffer;
  handlers::JsonWriter w(buffer);
  w.StartObject();
  w.Key("requests");
  w.StartArray();
  for (const JournalEntry& entry : context_.journal.Find(sdkappid, api, limit)) WriteEntry(w, entry);
  w.EndArray();
  w.EndObject();
  return JsonResponse(200, handlers::TakeJson(buffer));
}

http::Response ControlPlane::ClearRequests(const ControlRequest&) {
  context_.journal.Clear();
  return JsonResponse(200, "{\"status\":\"ok\"}");
}

http::Response ControlPlane::AddFault(const ControlRequest& request) {
  rapidjson::Document document;
  http::Response error;
  if (!ParseObject(request.body, &document, &error)) return error;
  std::string problem;
  FaultRule rule;
  const std::optional<std::string> api = StringMember(document, "api", &problem);
  if (!api) return ErrorResponse(400, "api is required: an API path such as v4/call_config/get_callback");
  rule.api = *api;
  rule.sdkappid = Uint32Member(document, "sdkappid", &problem);
  if (!problem.empty()) return ErrorResponse(400, problem);
  if (std::optional<int64_t> code = IntegerMember(document, "error_code", &problem)) {
    if (*code < std::numeric_limits<int>::min() || *code > std::numeric_limits<int>::max()) {
      return ErrorResponse(400, "error_code is out of range");
    }
    rule.error_code = static_cast<int>(*code);
  }
  if (!problem.empty()) return ErrorResponse(400, problem);
  rule.delay_ms = IntegerMember(document, "delay_ms", &problem).value_or(0);
  if (!problem.empty()) return ErrorResponse(400, problem);
  rule.times = IntegerMember(document, "times", &problem);
  if (!problem.empty()) return ErrorResponse(400, problem);
  FaultRule added;
  Status status = context_.faults.Add(rule, &added);
  if (!status.ok()) return ErrorResponse(400, status.message());
  rapidjson::StringBuffer buffer;
  handlers::JsonWriter w(buffer);
  WriteRule(w, added);
  return JsonResponse(201, handlers::TakeJson(buffer));
}

http::Response ControlPlane::ListFaults(const ControlRequest&) {
  rapidjson::StringBuffer buffer;
  handlers::JsonWriter w(buffer);
  w.StartObject();
  w.Key("faults");
  w.StartArray();
  for (const FaultRule& rule : context_.faults.List()) WriteRule(w, rule);
  w.EndArray();
  w.EndObject();
  return JsonResponse(200, handlers::TakeJson(buffer));
}

http::Response ControlPlane::ClearFaults(const ControlRequest&) {
  context_.faults.Clear();
  return JsonResponse(200, "{\"status\":\"ok\"}");
}

http::Response ControlPlane::Reset(const ControlRequest& request) {
  rapidjson::Document document;
  http::Response error;
  if (!ParseObject(request.body, &document, &error)) return error;
  std::string problem;
  const std::optional<uint32_t> sdkappid = Uint32Member(document, "sdkappid", &problem);
  if (!problem.empty()) return ErrorResponse(400, problem);
  Status status = context_.reset_state(sdkappid);
  if (!status.ok()) return ErrorResponse(500, "reset failed: " + status.message());
  if (sdkappid) {
    context_.journal.ClearApp(*sdkappid);
    context_.faults.ClearApp(*sdkappid);
    return JsonResponse(200, "{\"status\":\"ok\",\"sdkappid\":" + std::to_string(*sdkappid) + "}");
  }
  context_.journal.Clear();
  context_.faults.Clear();
  return JsonResponse(200, "{\"status\":\"ok\"}");
}

http::Response ControlPlane::State(const ControlRequest& request) {
  std::optional<uint32_t> sdkappid;
  if (!SdkappidParam(request.query, &sdkappid) || !sdkappid) {
    return ErrorResponse(400, "sdkappid is required: /_emulator/state?sdkappid=N");
  }
  json::Writer w;
  w.StartObject();
  w.Key("sdkappid");
  w.Uint(*sdkappid);
  struct Family {
    const char* name;
    storage::CallbackFamily family;
    const char* url_key;
    const char* events_key;
  };
  const Family families[] = {
      {"call_config", storage::CallbackFamily::kCallConfig, "url", "commands"},
      {"callkit_callback", storage::CallbackFamily::kCallkit, "address", "actions"},
  };
  for (const Family& family : families) {
    StatusOr<storage::SharedCallbackConfig> config =
        context_.callback_configs.Get(family.family, *sdkappid);
    w.Key(family.name);
    if (config.status().IsNotFound()) {
      w.Null();
      continue;
    }
    if (!config.ok()) return ErrorResponse(500, config.status().message());
    w.StartObject();
    w.Key(family.url_key);
    w.String((*config)->url);
    w.Key(family.events_key);
    w.StartArray();
    for (const std::string& event : (*config)->events) w.String(event);
    w.EndArray();
    w.EndObject();
  }
  // The rooms in get_room_list order, each with its info and metadata in the API's shapes.
  w.Key("rooms");
  w.StartArray();
  StatusOr<std::vector<storage::RoomWithMetadata>> rooms =
      context_.rooms.ListWithMetadata(*sdkappid);
  if (!rooms.ok()) return ErrorResponse(500, rooms.status().message());
  for (const storage::RoomWithMetadata& entry : *rooms) {
    w.StartObject();
    w.Key("RoomInfo");
    handlers::WriteRoomInfo(w, entry.room);
    w.Key("Metadata");
    handlers::WriteMetadataList(w, entry.metadata);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return JsonResponse(200, w.Take());
}

}  // namespace trtc::control
