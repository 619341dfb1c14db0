#include "server/control/control_plane.h"

#include <limits>
#include <map>
#include <string>
#include <tuple>

#include "server/api/query_string.h"
#include "server/auth/usersig_generator.h"
#include "server/common/json.h"
#include "server/control/control_response.h"
#include "server/domain/call_records.h"
#include "server/domain/callback_rules.h"
#include "server/domain/room_people_rules.h"
#include "server/handlers/room_json.h"
#include "server/handlers/room_people_common.h"

namespace trtc::control {
namespace {

namespace bhttp = boost::beast::http;

// The UserSig helper's default validity, the official package's usual 180 days.
constexpr int64_t kDefaultExpireS = 180 * 86400;

void WriteEntry(json::Writer& w, const JournalEntry& entry) {
  w.StartObject()
      .Key("seq").Uint(entry.seq)
      .Key("time_ms").Int(entry.time_ms)
      .Key("api").String(entry.api)
      .Key("host").String(entry.host)
      .Key("sdkappid").Uint(entry.sdkappid)
      .Key("identifier").String(entry.identifier)
      .Key("request_body").String(entry.request_body)
      .Key("response_body").String(entry.response_body)
      .Key("error_code").Int(entry.error_code)
      .EndObject();
}

void WriteRule(json::Writer& w, const FaultRule& rule) {
  w.StartObject().Key("id").Uint(rule.id).Key("api").String(rule.api);
  if (rule.sdkappid) w.Key("sdkappid").Uint(*rule.sdkappid);
  if (rule.error_code) w.Key("error_code").Int(*rule.error_code);
  w.Key("delay_ms").Int(rule.delay_ms);
  if (rule.times) w.Key("times").Int(*rule.times);
  w.Key("fired").Int(rule.fired).EndObject();
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

// A room's people in the state dump: every member (join order), robots, admins, bans and
// mutes in force, and the seats, in the APIs' spellings.
Status WriteRoomPeople(json::Writer& w, const storage::RoomInfo& room, storage::RoomPeople& people,
                       int64_t now) {
  StatusOr<std::vector<std::string>> members = people.Members(0, -1);
  if (!members.ok()) return members.status();
  StatusOr<std::vector<std::string>> robots = people.Robots();
  if (!robots.ok()) return robots.status();
  StatusOr<std::vector<std::string>> admins = people.Admins();
  if (!admins.ok()) return admins.status();
  auto strings = [&](const char* key, const std::vector<std::string>& values) {
    w.Key(key).StartArray();
    for (const std::string& value : values) w.String(value);
    w.EndArray();
  };
  strings("Members", *members);
  strings("Robots", *robots);
  strings("Admins", *admins);
  for (auto [key, kind, until] :
       {std::tuple{"Banned", storage::RestrictionKind::kBan, "BannedUntil"},
        std::tuple{"Muted", storage::RestrictionKind::kMute, "MutedUntil"}}) {
    StatusOr<std::vector<storage::Restriction>> list = people.Restrictions(kind, now, 0, -1);
    if (!list.ok()) return list.status();
    w.Key(key).StartArray();
    for (const storage::Restriction& entry : *list) {
      w.StartObject().Key("Member_Account").String(entry.account).Key(until).Int(entry.until_s).EndObject();
    }
    w.EndArray();
  }
  StatusOr<std::vector<storage::Seat>> seats = people.Seats();
  if (!seats.ok()) return seats.status();
  w.Key("SeatList");
  handlers::WriteSeatList(w, domain::AllSeats(room.max_seat_count, *seats));
  return Status::Ok();
}

// "languages": {"en": {"name", "desc"}, ...} of a gift or category seed.
void WriteLanguages(json::Writer& w,
                    const std::map<std::string, std::vector<storage::LanguageText>, std::less<>>& by_id,
                    const std::string& id) {
  w.Key("languages").StartObject();
  if (auto rows = by_id.find(id); rows != by_id.end()) {
    for (const storage::LanguageText& text : rows->second) {
      w.Key(text.language).StartObject().Key("name").String(text.name);
      w.Key("desc").String(text.desc).EndObject();
    }
  }
  w.EndObject();
}

// The catalogue as "gifts" and "gift_categories" seeds.
void WriteCatalogue(json::Writer& w, const storage::GiftStore::Catalogue& catalogue) {
  w.Key("gifts").StartArray();
  for (const storage::Gift& gift : catalogue.gifts) {
    w.StartObject()
        .Key("gift_id").String(gift.gift_id)
        .Key("coins").Int(gift.coins)
        .Key("default_name").String(gift.default_name)
        .Key("default_desc").String(gift.default_desc)
        .Key("icon_url").String(gift.icon_url)
        .Key("resource_url").String(gift.resource_url)
        .Key("level").Int(gift.level)
        .Key("extension_info").String(gift.extension_info);
    WriteLanguages(w, catalogue.gift_languages, gift.gift_id);
    w.EndObject();
  }
  w.EndArray().Key("gift_categories").StartArray();
  for (const storage::GiftCategory& category : catalogue.categories) {
    w.StartObject()
        .Key("category_id").String(category.category_id)
        .Key("default_name").String(category.default_name)
        .Key("default_desc").String(category.default_desc)
        .Key("extension_info").String(category.extension_info)
        .Key("gift_ids").StartArray();
    if (auto related = catalogue.relations.find(category.category_id);
        related != catalogue.relations.end()) {
      for (const std::string& gift_id : related->second) w.String(gift_id);
    }
    w.EndArray();
    WriteLanguages(w, catalogue.category_languages, category.category_id);
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

struct ControlPlane::RouteRow {
  bhttp::verb method;
  std::string_view path;
  Route route;
};

const ControlPlane::RouteRow ControlPlane::kRoutes[] = {
    {bhttp::verb::get, "_emulator/health", &ControlPlane::Health},
    {bhttp::verb::get, "_emulator/ca.pem", &ControlPlane::CaCertificate},
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
    {bhttp::verb::post, "_emulator/rooms/members", &ControlPlane::RoomMembers},
    {bhttp::verb::get, "_emulator/rooms/messages", &ControlPlane::RoomMessages},
    {bhttp::verb::get, "_emulator/apps", &ControlPlane::Apps},
    {bhttp::verb::get, "_emulator/events", &ControlPlane::Events},
    {bhttp::verb::get, "_emulator/ui", &ControlPlane::UiIndex},
    {bhttp::verb::get, "_emulator/ui/", &ControlPlane::UiIndex},
    {bhttp::verb::get, "_emulator/ui/{id}", &ControlPlane::UiFile},
};

ControlPlane::ControlPlane(ControlContext context)
    : context_(context), started_(std::chrono::steady_clock::now()) {}

std::unique_ptr<http::Exchange> ControlPlane::Begin(const http::RequestHead& head) {
  const bhttp::verb method = head.method;
  std::string_view path, query;
  api::SplitTarget(head.target, &path, &query);
  bool path_known = false;
  for (const RouteRow& row : kRoutes) {
    std::string_view id;
    if (!MatchPath(row.path, path, &id)) continue;
    path_known = true;
    // HEAD is answered like GET (the session sends no body for it).
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

http::Response ControlPlane::CaCertificate(const ControlRequest&) {
  StatusOr<std::string> pem = context_.server_tls.CaCertificatePem();
  if (!pem.ok()) return StatusResponse(pem.status());
  http::Response response;
  response.body = *pem;
  response.content_type = "application/x-pem-file";
  return response;
}

http::Response ControlPlane::GetClock(const ControlRequest&) {
  const int64_t offset_ms = context_.clock.offset_millis();
  return JsonResponse(200, "{\"offset_s\":" + std::to_string(offset_ms / 1000) +
                               ",\"now_s\":" + std::to_string(context_.clock.NowSeconds()) + "}");
}

http::Response ControlPlane::SetClock(const ControlRequest& request) {
  json::Body body;
  int64_t offset_s = 0;
  Status status = body.Parse(request.body, "body");
  if (status.ok()) status = json::Fields(body.root()).Required("offset_s", &offset_s);
  if (!status.ok()) return StatusResponse(status);
  // A century either way is plenty, and keeps milliseconds far from overflow.
  constexpr int64_t kMaxOffsetS = 100LL * 366 * 86400;
  if (offset_s > kMaxOffsetS || offset_s < -kMaxOffsetS) {
    return ErrorResponse(400, "offset_s must be within +/- " + std::to_string(kMaxOffsetS));
  }
  context_.clock.set_offset_millis(offset_s * 1000);
  return GetClock(request);
}

http::Response ControlPlane::MakeUserSig(const ControlRequest& request) {
  json::Body body;
  if (Status status = body.Parse(request.body, "body"); !status.ok()) return StatusResponse(status);
  const json::Fields fields(body.root());
  uint32_t sdkappid = 0;
  if (!fields.Required("sdkappid", &sdkappid).ok()) {
    return ErrorResponse(400, "sdkappid is required: an unsigned 32-bit integer");
  }
  std::string identifier;
  if (!fields.Required("identifier", &identifier).ok() || identifier.empty()) {
    return ErrorResponse(400, "identifier is required: a non-empty string");
  }
  int64_t expire_s = kDefaultExpireS;
  if (Status status = fields.Optional("expire", &expire_s); !status.ok()) {
    return StatusResponse(status);
  }
  const api::App* app = context_.apps.Find(sdkappid);
  if (app == nullptr) {
    return ErrorResponse(404, "sdkappid " + std::to_string(sdkappid) + " is not a fixture app");
  }
  json::Writer w;
  w.StartObject()
      .Key("usersig")
      .String(auth::GenerateUserSig(app->sdkappid, app->key, identifier, expire_s,
                                    context_.clock.NowSeconds()))
      .EndObject();
  return JsonResponse(200, w.Take());
}

http::Response ControlPlane::ListRequests(const ControlRequest& request) {
  std::optional<uint32_t> sdkappid;
  if (!SdkappidParam(request.query, &sdkappid)) return ErrorResponse(400, "sdkappid must be a uint32");
  const std::string api = api::QueryParam(request.query, "api").value_or("");
  std::optional<size_t> limit;
  if (!LimitParam(request.query, &limit)) return ErrorResponse(400, "limit must be a whole number");
  json::Writer w(4096);
  w.StartObject().Key("requests").StartArray();
  for (const JournalEntry& entry :
       context_.journal.Find(sdkappid, api, limit.value_or(RequestJournal::kDefaultCapacity))) {
    WriteEntry(w, entry);
  }
  w.EndArray().EndObject();
  return JsonResponse(200, w.Take());
}

http::Response ControlPlane::ClearRequests(const ControlRequest&) {
  context_.journal.Clear();
  return JsonResponse(200, "{\"status\":\"ok\"}");
}

http::Response ControlPlane::AddFault(const ControlRequest& request) {
  json::Body body;
  if (Status status = body.Parse(request.body, "body"); !status.ok()) return StatusResponse(status);
  const json::Fields fields(body.root());
  FaultRule rule;
  if (!fields.Required("api", &rule.api).ok()) {
    return ErrorResponse(400, "api is required: an API path such as v4/call_config/get_callback");
  }
  std::optional<int64_t> error_code;
  Status status = fields.Optional("sdkappid", &rule.sdkappid);
  if (status.ok()) status = fields.Optional("error_code", &error_code);
  if (status.ok() && error_code &&
      (*error_code < std::numeric_limits<int>::min() ||
       *error_code > std::numeric_limits<int>::max())) {
    status = Status::InvalidArgument("error_code is out of range");
  }
  if (status.ok()) status = fields.Optional("delay_ms", &rule.delay_ms);
  if (status.ok()) status = fields.Optional("times", &rule.times);
  if (!status.ok()) return StatusResponse(status);
  if (error_code) rule.error_code = static_cast<int>(*error_code);
  StatusOr<FaultRule> added = context_.faults.Add(rule);
  if (!added.ok()) return StatusResponse(added.status());
  json::Writer w;
  WriteRule(w, *added);
  return JsonResponse(201, w.Take());
}

http::Response ControlPlane::ListFaults(const ControlRequest&) {
  json::Writer w;
  w.StartObject().Key("faults").StartArray();
  for (const FaultRule& rule : context_.faults.List()) WriteRule(w, rule);
  w.EndArray().EndObject();
  return JsonResponse(200, w.Take());
}

http::Response ControlPlane::ClearFaults(const ControlRequest&) {
  context_.faults.Clear();
  return JsonResponse(200, "{\"status\":\"ok\"}");
}

http::Response ControlPlane::Reset(const ControlRequest& request) {
  json::Body body;
  std::optional<uint32_t> sdkappid;
  Status status = body.Parse(request.body, "body");
  if (status.ok()) status = json::Fields(body.root()).Optional("sdkappid", &sdkappid);
  if (!status.ok()) return StatusResponse(status);
  status = context_.reset(sdkappid);
  if (!status.ok()) return ErrorResponse(500, "reset failed: " + status.message());
  if (!sdkappid) return JsonResponse(200, "{\"status\":\"ok\"}");
  return JsonResponse(200, "{\"status\":\"ok\",\"sdkappid\":" + std::to_string(*sdkappid) + "}");
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
  // Each configuration in its fixture seed's shape, so a dump can be pasted into a fixture.
  struct Family {
    const char* name;
    storage::CallbackFamily family;
    const domain::CallbackShape& shape;
  };
  const Family families[] = {
      {"call_config", storage::CallbackFamily::kCallConfig, domain::kCallConfigSeed},
      {"callkit_callback", storage::CallbackFamily::kCallkit, domain::kCallkitSeed},
      {"live_config", storage::CallbackFamily::kLive, domain::kLiveSeed},
      {"room_config", storage::CallbackFamily::kRoom, domain::kRoomSeed},
  };
  for (const Family& family : families) {
    StatusOr<storage::SharedCallbackConfig> config =
        context_.callback_configs.Get(family.family, *sdkappid);
    w.Key(family.name);
    if (config.status().IsNotFound()) {
      w.Null();
    } else if (!config.ok()) {
      return ErrorResponse(500, config.status().message());
    } else {
      w.Raw(domain::CallbackConfigJson(**config, family.shape, /*events_first=*/false));
    }
  }
  // The LiveKit token in its seed's shape (null when none was ever set).
  StatusOr<storage::CallbackToken> token = context_.callback_configs.GetToken(*sdkappid);
  w.Key("live_token");
  if (token.status().IsNotFound()) {
    w.Null();
  } else if (!token.ok()) {
    return ErrorResponse(500, token.status().message());
  } else {
    w.StartObject().Key("token").String(token->token).Key("token_enabled").Bool(token->enabled).EndObject();
  }
  // The rooms in get_room_list order, each with its info and metadata in the API's shapes.
  w.Key("rooms");
  w.StartArray();
  StatusOr<std::vector<storage::RoomWithMetadata>> rooms =
      context_.rooms.ListWithMetadata(*sdkappid);
  if (!rooms.ok()) return ErrorResponse(500, rooms.status().message());
  const int64_t now = context_.clock.NowSeconds();
  for (const storage::RoomWithMetadata& entry : *rooms) {
    w.StartObject();
    w.Key("RoomInfo");
    handlers::WriteRoomInfo(w, entry.room);
    w.Key("Metadata");
    handlers::WriteMetadataList(w, entry.metadata);
    Status people = context_.rooms.ReadPeople(
        *sdkappid, entry.room.room_id,
        [&](const storage::RoomInfo& room, storage::RoomPeople& people) {
          return WriteRoomPeople(w, room, people, now);
        });
    if (!people.ok()) return ErrorResponse(500, people.message());
    w.EndObject();
  }
  w.EndArray();
  // Every stored call record, newest first, in the v4 record's shape (those older than
  // the 7-day window too: they are stored, the APIs just do not answer them).
  w.Key("call_records");
  w.StartArray();
  StatusOr<std::vector<storage::CallRecord>> records = context_.call_records.List(*sdkappid);
  if (!records.ok()) return ErrorResponse(500, records.status().message());
  for (const storage::CallRecord& record : *records) domain::WriteV4Record(w, record);
  w.EndArray();
  // The gift catalogue in its fixture seeds' shapes.
  StatusOr<std::shared_ptr<const storage::GiftStore::Catalogue>> catalogue =
      context_.gifts.ReadCatalogue(*sdkappid);
  if (!catalogue.ok()) return ErrorResponse(500, catalogue.status().message());
  WriteCatalogue(w, **catalogue);
  // The imported Chat accounts, by UserID.
  StatusOr<std::vector<std::string>> accounts = context_.accounts.List(*sdkappid);
  if (!accounts.ok()) return ErrorResponse(500, accounts.status().message());
  w.Key("accounts").StartArray();
  for (const std::string& account : *accounts) w.String(account);
  w.EndArray();
  w.EndObject();
  return JsonResponse(200, w.Take());
}

}  // namespace trtc::control
