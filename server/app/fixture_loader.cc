#include "server/app/fixture_loader.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "server/app/default_fixture.h"
#include "server/common/json.h"
#include "server/domain/call_records.h"
#include "server/domain/callback_rules.h"
#include "server/domain/gift_rules.h"
#include "server/domain/room_people_rules.h"
#include "server/domain/room_rules.h"
#include "server/handlers/endpoints.h"

namespace trtc::app {
namespace {

namespace fs = std::filesystem;
using json::Value;

// Builds the loader's errors, all starting with the origin (a file name): problems of an
// object as "origin: where: message", and the field readers' own messages (which name
// the member's path, "apps[0].key is required") as "origin: message".
class Context {
 public:
  explicit Context(const std::string& origin) : origin_(origin) {}
  Status Error(const std::string& where, const std::string& message) const {
    return Status::InvalidArgument(origin_ + ": " + where + ": " + message);
  }
  Status Failed(const Status& status) const { return status.Prefixed(origin_ + ": "); }
  const std::string& origin() const { return origin_; }

 private:
  const std::string& origin_;
};

std::string Index(const char* section, size_t i) {
  return std::string(section) + "[" + std::to_string(i) + "]";
}

Status OnlyMembers(const Context& ctx, const std::string& where, const Value& object,
                   std::initializer_list<std::string_view> allowed) {
  for (const auto& member : object.GetObject()) {
    const std::string_view name = json::Text(member.name);
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      return ctx.Error(where, "unknown member \"" + std::string(name) + "\"");
    }
  }
  return Status::Ok();
}

// The start of every entry: an object with only the `allowed` members.
Status CheckEntry(const Context& ctx, const std::string& where, const Value& value,
                  std::initializer_list<std::string_view> allowed) {
  if (!value.IsObject()) return ctx.Error(where, "must be an object");
  return OnlyMembers(ctx, where, value, allowed);
}

Status ReadPackages(const Context& ctx, const std::string& where, const Value& value,
                    api::Packages* packages) {
  Status status = OnlyMembers(ctx, where, value, {"call_group", "live"});
  if (!status.ok()) return status;
  const std::string prefix = where + ".";
  const json::Fields fields(value, prefix);
  status = fields.Optional("call_group", &packages->call_group);
  if (status.ok()) status = fields.Optional("live", &packages->live);
  return ctx.Failed(status);
}

Status ReadRateLimits(const Context& ctx, const std::string& where, const Value& value,
                      std::map<std::string, int, std::less<>>* limits) {
  for (const auto& member : value.GetObject()) {
    const std::string api(json::Text(member.name));
    if (handlers::Endpoints().Find(api) == nullptr) {
      return ctx.Error(where, "unknown API \"" + api + "\"");
    }
    if (!member.value.IsInt() || member.value.GetInt() < 0) {
      return ctx.Error(where + "." + api, "must be a whole number of calls per second (>= 0)");
    }
    (*limits)[api] = member.value.GetInt();
  }
  return Status::Ok();
}

bool HasApp(const Fixtures& fixtures, uint32_t sdkappid) {
  return std::any_of(fixtures.apps.begin(), fixtures.apps.end(),
                     [&](const api::App& app) { return app.sdkappid == sdkappid; });
}

Status ReadApp(const Context& ctx, const std::string& where, const Value& value, api::App* app) {
  Status status =
      CheckEntry(ctx, where, value, {"sdkappid", "key", "admins", "packages", "rate_limits"});
  if (!status.ok()) return status;
  const std::string prefix = where + ".";
  const json::Fields fields(value, prefix);
  std::optional<std::vector<std::string>> admins;
  status = fields.Required("sdkappid", &app->sdkappid);
  if (status.ok()) status = fields.Required("key", &app->key);
  if (status.ok()) status = fields.Optional("admins", &admins);
  if (!status.ok()) return ctx.Failed(status);
  if (admins) {
    if (admins->empty())
      return ctx.Error(where + ".admins", "must be a non-empty array of strings");
    if (std::find(admins->begin(), admins->end(), "") != admins->end()) {
      return ctx.Error(where + ".admins", "must be a non-empty array of non-empty strings");
    }
    app->admins = std::move(*admins);
  }
  json::Fields::Object packages;
  if (!fields.Optional("packages", &packages).ok()) {
    return ctx.Error(where + ".packages", "must be an object");
  }
  if (packages.value != nullptr) {
    status = ReadPackages(ctx, where + ".packages", *packages.value, &app->packages);
    if (!status.ok()) return status;
  }
  json::Fields::Object limits;
  if (!fields.Optional("rate_limits", &limits).ok()) {
    return ctx.Error(where + ".rate_limits", "must be an object of API path -> calls per second");
  }
  if (limits.value == nullptr) return Status::Ok();
  return ReadRateLimits(ctx, where + ".rate_limits", *limits.value, &app->rate_limits);
}

// The entries of one array section; an absent section has none.
Status ReadEntries(
    const Context& ctx, const Value& root, const char* section,
    const std::function<Status(const std::string& where, const Value& entry)>& read) {
  json::Fields::Array entries;
  if (!json::Fields(root).Optional(section, &entries).ok()) {
    return ctx.Error(section, "must be an array");
  }
  if (entries.value == nullptr) return Status::Ok();
  size_t i = 0;
  for (const Value& entry : entries.value->GetArray()) {
    Status status = read(Index(section, i++), entry);
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

// {"sdkappid", url, events} in the shape's names; a LiveKit seed may also carry its
// signing token ("token" and "token_enabled", both or neither, checked like
// set_callback_token).
Status ReadCallbackSeed(const Context& ctx, const std::string& where, const Value& value,
                        const domain::CallbackShape& shape, bool with_token, CallbackSeed* seed) {
  Status status =
      with_token ? CheckEntry(ctx, where, value,
                              {"sdkappid", shape.url_field, shape.events_field, "token",
                               "token_enabled"})
                 : CheckEntry(ctx, where, value, {"sdkappid", shape.url_field, shape.events_field});
  if (!status.ok()) return status;
  const std::string prefix = where + ".";
  const json::Fields fields(value, prefix);
  status = fields.Required("sdkappid", &seed->sdkappid);
  if (!status.ok()) return ctx.Failed(status);
  status = domain::ParseCallbackConfig(value, shape, &seed->config);
  if (!status.ok()) return ctx.Error(where, status.message());
  if (!with_token || (!fields.Has("token") && !fields.Has("token_enabled"))) return Status::Ok();
  storage::CallbackToken token;
  status = domain::ParseCallbackToken(value, nullptr, &token, "token", "token_enabled");
  if (!status.ok()) return ctx.Error(where, status.message());
  seed->token = std::move(token);
  return Status::Ok();
}

// A room seed's people: "members" (join order), "admins" (at most 5) and "seats" (seat
// index -> a member), checked like the APIs check them.
Status ReadRoomPeopleSeed(const Context& ctx, const std::string& where, const json::Fields& fields,
                          const Value& value, RoomSeed* seed) {
  Status status = Status::Ok();
  if (fields.Has("members")) {
    status = domain::ReadAccounts(fields, "members", 0, domain::kMaxMembersListed, &seed->members);
  }
  if (status.ok() && fields.Has("admins")) {
    status = domain::ReadAccounts(fields, "admins", 0, domain::kMaxAdmins, &seed->admins);
  }
  if (!status.ok()) return ctx.Failed(status);
  const int64_t max_members = seed->info.max_member_count;
  if (max_members > 0 && static_cast<int64_t>(seed->members.size()) > max_members) {
    return ctx.Error(where + ".members", "more members than room_info.MaxMemberCount");
  }
  const Value* seats = json::Find(value, "seats");
  if (seats == nullptr) return Status::Ok();
  const std::string seats_where = where + ".seats";
  if (!seats->IsObject()) return ctx.Error(seats_where, "must be an object of seat index -> member");
  const int64_t count = domain::SeatCount(seed->info.max_seat_count);
  for (const auto& member : seats->GetObject()) {
    const std::string index_text(json::Text(member.name));
    int64_t index = -1;
    auto [end, ec] = std::from_chars(index_text.data(), index_text.data() + index_text.size(), index);
    if (ec != std::errc() || end != index_text.data() + index_text.size() || index < 0 ||
        index >= count) {
      return ctx.Error(seats_where, """ + index_text + "" is not a seat of the room (room_info.MaxSeatCount is " +
                                        std::to_string(seed->info.max_seat_count) + ")");
    }
    if (!member.value.IsString() ||
        std::find(seed->members.begin(), seed->members.end(), json::Text(member.value)) ==
            seed->members.end()) {
      return ctx.Error(seats_where, "seat " + index_text + " must name one of the room's members");
    }
    for (const storage::Seat& taken : seed->seats) {
      if (taken.account == json::Text(member.value)) {
        return ctx.Error(seats_where, """ + taken.account + "" sits on two seats");
      }
    }
    seed->seats.push_back({index, std::string(json::Text(member.value))});
  }
  return Status::Ok();
}

// {"sdkappid", "room_id", "room_info"?, "metadata"?: {key: value}, "members"?, "admins"?,
// "seats"?}, checked like create_room, set_room_metadata and the people's APIs would.
Status ReadRoomSeed(const Context& ctx, const std::string& where, const Value& value,
                    RoomSeed* seed) {
  Status status = CheckEntry(ctx, where, value,
                             {"sdkappid", "room_id", "room_info", "metadata", "members", "admins", "seats"});
  if (!status.ok()) return status;
  const std::string prefix = where + ".";
  const json::Fields fields(value, prefix);
  json::Fields::Object metadata;
  json::Fields::Object room_info;
  status = fields.Required("sdkappid", &seed->sdkappid);
  if (status.ok()) status = fields.Required("room_id", &seed->room_id);
  if (!status.ok()) return ctx.Failed(status);
  status = domain::CheckRoomId(seed->room_id);
  if (!status.ok()) return ctx.Error(where + ".room_id", status.message());
  seed->info.room_id = seed->room_id;
  if (!fields.Optional("room_info", &room_info).ok()) {
    return ctx.Error(where + ".room_info", "must be an object of create_room's RoomInfo fields");
  }
  if (room_info.value != nullptr) {
    // RoomId and RoomType come from the seed.
    status = domain::ApplyRoomFields(*room_info.value, &seed->info);
    if (!status.ok()) return ctx.Error(where + ".room_info", status.message());
  }
  status = ReadRoomPeopleSeed(ctx, where, fields, value, seed);
  if (!status.ok()) return status;
  const std::string metadata_where = where + ".metadata";
  if (!fields.Optional("metadata", &metadata).ok()) {
    return ctx.Error(metadata_where, "must be an object of key -> string value");
  }
  if (metadata.value == nullptr) return Status::Ok();
  storage::Metadata written;
  for (const auto& member : metadata.value->GetObject()) {
    std::string key(json::Text(member.name));
    if (!member.value.IsString()) {
      return ctx.Error(metadata_where, "the value of \"" + key + "\" must be a string");
    }
    status = domain::CheckMetadataKey(key);
    if (!status.ok()) return ctx.Error(metadata_where, status.message());
    written.emplace_back(std::move(key), json::Text(member.value));
  }
  domain::MergeMetadata(written, &seed->metadata);
  status = domain::CheckMetadataLimits(written, seed->metadata);
  return status.ok() ? status : ctx.Error(metadata_where, status.message());
}

// "languages": {"en": {"name", "desc"}, ...}, each checked like set_*_language's first call.
Status ReadLanguageSeeds(const Context& ctx, const std::string& where, const Value& value,
                         size_t max_desc, std::vector<storage::LanguageText>* out) {
  const Value* languages = json::Find(value, "languages");
  if (languages == nullptr) return Status::Ok();
  const std::string languages_where = where + ".languages";
  if (!languages->IsObject()) return ctx.Error(languages_where, "must be an object of language -> texts");
  for (const auto& member : languages->GetObject()) {
    const std::string language(json::Text(member.name));
    const std::string at = languages_where + "." + language;
    if (!domain::IsGiftLanguage(language)) {
      return ctx.Error(languages_where, "\"" + language + "\" is not en, zh-Hans or zh-Hant");
    }
    if (!member.value.IsObject()) return ctx.Error(at, "must be an object {\"name\", \"desc\"}");
    Status status = OnlyMembers(ctx, at, member.value, {"name", "desc"});
    if (!status.ok()) return status;
    storage::LanguageText text;
    status = domain::ReadLanguageText(json::Fields(member.value, at + "."), "name", "desc", max_desc,
                                      nullptr, &text);
    if (!status.ok()) return ctx.Failed(status);
    text.language = language;
    out->push_back(std::move(text));
  }
  return Status::Ok();
}

// {"sdkappid", "gift_id", "coins", "default_name", ...the other add_gift fields, "languages"?}
Status ReadGiftSeed(const Context& ctx, const std::string& where, const Value& value, GiftSeed* seed) {
  Status status = CheckEntry(ctx, where, value,
                             {"sdkappid", "gift_id", "icon_url", "resource_url", "coins", "level",
                              "extension_info", "default_name", "default_desc", "languages"});
  if (!status.ok()) return status;
  const std::string prefix = where + ".";  // the Fields keep a view of it
  const json::Fields fields(value, prefix);
  status = fields.Required("sdkappid", &seed->sdkappid);
  if (status.ok()) status = domain::ReadGiftFields(fields, /*adding=*/true, &seed->gift, domain::kGiftSeed);
  if (!status.ok()) return ctx.Failed(status);
  return ReadLanguageSeeds(ctx, where, value, domain::kMaxGiftTextBytes, &seed->languages);
}

// {"sdkappid", "category_id", "default_name", "default_desc"?, "extension_info"?,
//  "gift_ids"?: [seeded gifts], "languages"?}
Status ReadGiftCategorySeed(const Context& ctx, const std::string& where, const Value& value,
                            GiftCategorySeed* seed) {
  Status status = CheckEntry(ctx, where, value,
                             {"sdkappid", "category_id", "extension_info", "default_name",
                              "default_desc", "gift_ids", "languages"});
  if (!status.ok()) return status;
  const std::string prefix = where + ".";  // the Fields keep a view of it
  const json::Fields fields(value, prefix);
  status = fields.Required("sdkappid", &seed->sdkappid);
  if (status.ok()) {
    status = domain::ReadCategoryFields(fields, /*adding=*/true, &seed->category, domain::kCategorySeed);
  }
  if (status.ok() && fields.Has("gift_ids")) status = fields.Required("gift_ids", &seed->gift_ids);
  if (!status.ok()) return ctx.Failed(status);
  return ReadLanguageSeeds(ctx, where, value, domain::kMaxCategoryDescBytes, &seed->languages);
}

// A numeric room id for a seed that names none: derived from the call, so that a reset
// seeds the same one again (FNV-1a, folded into 1..4294967295).
std::string RoomIdFor(uint32_t sdkappid, const std::string& call_id) {
  uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : std::to_string(sdkappid) + "/" + call_id) {
    hash = (hash ^ c) * 1099511628211ULL;
  }
  return std::to_string(1 + hash % 0xffffffffULL);
}

// {"sdkappid", "call_id", "caller", "callees", "media_type", "room_id"?, "outcome",
// "start_time", "accept_time", "end_time"}: a call that ended as a played one would.
Status ReadCallRecordSeed(const Context& ctx, const std::string& where, const Value& value,
                          CallRecordSeed* seed) {
  Status status = CheckEntry(ctx, where, value,
                             {"sdkappid", "call_id", "caller", "callees", "media_type", "room_id",
                              "outcome", "start_time", "accept_time", "end_time"});
  if (!status.ok()) return status;
  const std::string prefix = where + ".";  // Fields keeps a view of it
  const json::Fields fields(value, prefix);
  storage::CallRecord& record = seed->record;
  std::string media_type;
  status = fields.Required("sdkappid", &record.sdkappid);
  if (status.ok()) status = fields.Required("call_id", &record.call_id);
  if (status.ok()) status = fields.Required("caller", &record.caller);
  if (status.ok()) status = fields.Required("callees", &record.callees);
  if (status.ok()) status = fields.Required("media_type", &media_type);
  if (status.ok()) status = fields.Optional("room_id", &record.room_id);
  if (status.ok()) status = fields.Required("outcome", &record.outcome);
  if (status.ok()) status = fields.Required("start_time", &record.start_time);
  if (status.ok()) status = fields.Required("accept_time", &record.accept_time);
  if (status.ok()) status = fields.Required("end_time", &record.end_time);
  if (!status.ok()) return ctx.Failed(status);
  if (media_type != "Audio" && media_type != "Video") {
    return ctx.Error(where + ".media_type", "must be \"Audio\" or \"Video\"");
  }
  record.video = media_type == "Video";
  if (!fields.Has("room_id")) record.room_id = RoomIdFor(record.sdkappid, record.call_id);
  status = domain::CheckCallRecord(record);
  return status.ok() ? status : ctx.Error(where, status.message());
}

Status ReadFile(const fs::path& path, std::string* contents) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Internal(path.string() + ": cannot open fixture file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Status::Internal(path.string() + ": cannot read fixture file");
  *contents = buffer.str();
  return Status::Ok();
}

// What spans files: seeds of undefined apps, two seeds for one configuration or room.
Status CheckSeeds(const Fixtures& fixtures) {
  std::set<uint32_t> apps;
  for (const api::App& app : fixtures.apps) apps.insert(app.sdkappid);
  for (const auto* seeds : {&fixtures.call_callbacks, &fixtures.callkit_callbacks,
                            &fixtures.live_callbacks, &fixtures.room_callbacks}) {
    std::set<uint32_t> seeded;
    for (const CallbackSeed& seed : *seeds) {
      const std::string id = std::to_string(seed.sdkappid);
      if (!apps.count(seed.sdkappid)) {
        return Status::InvalidArgument(seed.origin + ": sdkappid " + id +
                                       " is not defined in apps");
      }
      if (!seeded.insert(seed.sdkappid).second) {
        return Status::InvalidArgument(seed.origin + ": sdkappid " + id +
                                       " is seeded twice (one configuration per app)");
      }
    }
  }
  std::set<std::pair<uint32_t, std::string>> rooms;
  for (const RoomSeed& seed : fixtures.rooms) {
    const std::string id = std::to_string(seed.sdkappid);
    if (!apps.count(seed.sdkappid)) {
      return Status::InvalidArgument(seed.origin + ": sdkappid " + id + " is not defined in apps");
    }
    if (!rooms.emplace(seed.sdkappid, seed.room_id).second) {
      return Status::InvalidArgument(seed.origin + ": room \"" + seed.room_id + "\" of sdkappid " +
                                     id + " is seeded twice");
    }
  }
  std::set<std::pair<uint32_t, std::string>> gifts;
  for (const GiftSeed& seed : fixtures.gifts) {
    if (!apps.count(seed.sdkappid)) {
      return Status::InvalidArgument(seed.origin + ": sdkappid " + std::to_string(seed.sdkappid) +
                                     " is not defined in apps");
    }
    if (!gifts.emplace(seed.sdkappid, seed.gift.gift_id).second) {
      return Status::InvalidArgument(seed.origin + ": gift \"" + seed.gift.gift_id + "\" is seeded twice");
    }
  }
  std::set<std::pair<uint32_t, std::string>> categories;
  std::map<uint32_t, int64_t> categories_per_app;
  for (const GiftCategorySeed& seed : fixtures.gift_categories) {
    if (!apps.count(seed.sdkappid)) {
      return Status::InvalidArgument(seed.origin + ": sdkappid " + std::to_string(seed.sdkappid) +
                                     " is not defined in apps");
    }
    if (!categories.emplace(seed.sdkappid, seed.category.category_id).second) {
      return Status::InvalidArgument(seed.origin + ": gift category \"" + seed.category.category_id +
                                     "\" is seeded twice");
    }
    if (++categories_per_app[seed.sdkappid] > domain::kMaxGiftCategories) {
      return Status::InvalidArgument(seed.origin + ": an app has at most 10 gift categories");
    }
    for (const std::string& gift_id : seed.gift_ids) {
      if (!gifts.count({seed.sdkappid, gift_id})) {
        return Status::InvalidArgument(seed.origin + ": gift_ids names \"" + gift_id +
                                       "\", which is not a seeded gift of the app");
      }
    }
  }
  std::set<std::pair<uint32_t, std::string>> calls;
  for (const CallRecordSeed& seed : fixtures.call_records) {
    const storage::CallRecord& record = seed.record;
    const std::string id = std::to_string(record.sdkappid);
    if (!apps.count(record.sdkappid)) {
      return Status::InvalidArgument(seed.origin + ": sdkappid " + id + " is not defined in apps");
    }
    if (!calls.emplace(record.sdkappid, record.call_id).second) {
      return Status::InvalidArgument(seed.origin + ": call \"" + record.call_id +
                                     "\" of sdkappid " + id + " is seeded twice");
    }
  }
  return Status::Ok();
}

}  // namespace

Status ParseFixture(std::string_view text, const std::string& origin, Fixtures* fixtures) {
  const Context ctx(origin);
  json::Body body;
  Status status = body.Parse(text, origin);
  if (!status.ok()) return status;
  const Value& root = body.root();
  status =
      OnlyMembers(ctx, "fixture", root,
                  {"apps", "call_callbacks", "callkit_callbacks", "live_callbacks",
                   "room_callbacks", "rooms", "call_records", "gifts", "gift_categories"});
  if (!status.ok()) return status;
  if (!json::Fields(root).Has("apps")) return ctx.Error("fixture", "apps is required");
  status = ReadEntries(ctx, root, "apps", [&](const std::string& where, const Value& entry) {
    api::App app;
    Status read = ReadApp(ctx, where, entry, &app);
    if (!read.ok()) return read;
    if (HasApp(*fixtures, app.sdkappid)) {
      return ctx.Error(where,
                       "sdkappid " + std::to_string(app.sdkappid) + " is defined by two apps");
    }
    fixtures->apps.push_back(std::move(app));
    return Status::Ok();
  });
  // Not structured bindings: clang before 16 cannot capture one in a lambda.
  struct Section {
    const char* name;
    const domain::CallbackShape& shape;
    std::vector<CallbackSeed>& seeds;
    bool with_token;
  };
  for (const Section& section :
       {Section{"call_callbacks", domain::kCallConfigSeed, fixtures->call_callbacks, false},
        Section{"callkit_callbacks", domain::kCallkitSeed, fixtures->callkit_callbacks, false},
        Section{"live_callbacks", domain::kLiveSeed, fixtures->live_callbacks, true},
        Section{"room_callbacks", domain::kRoomSeed, fixtures->room_callbacks, false}}) {
    if (!status.ok()) return status;
    status = ReadEntries(ctx, root, section.name, [&](const std::string& where,
                                                      const Value& entry) {
      CallbackSeed seed;
      seed.origin = origin + ": " + where;
      Status read = ReadCallbackSeed(ctx, where, entry, section.shape, section.with_token, &seed);
      if (read.ok()) section.seeds.push_back(std::move(seed));
      return read;
    });
  }
  if (!status.ok()) return status;
  status = ReadEntries(ctx, root, "rooms", [&](const std::string& where, const Value& entry) {
    RoomSeed seed;
    seed.origin = origin + ": " + where;
    Status read = ReadRoomSeed(ctx, where, entry, &seed);
    if (read.ok()) fixtures->rooms.push_back(std::move(seed));
    return read;
  });
  if (!status.ok()) return status;
  status = ReadEntries(ctx, root, "gifts", [&](const std::string& where, const Value& entry) {
    GiftSeed seed;
    seed.origin = origin + ": " + where;
    Status read = ReadGiftSeed(ctx, where, entry, &seed);
    if (read.ok()) fixtures->gifts.push_back(std::move(seed));
    return read;
  });
  if (!status.ok()) return status;
  status = ReadEntries(ctx, root, "gift_categories", [&](const std::string& where,
                                                         const Value& entry) {
    GiftCategorySeed seed;
    seed.origin = origin + ": " + where;
    Status read = ReadGiftCategorySeed(ctx, where, entry, &seed);
    if (read.ok()) fixtures->gift_categories.push_back(std::move(seed));
    return read;
  });
  if (!status.ok()) return status;
  return ReadEntries(ctx, root, "call_records", [&](const std::string& where,
                                                    const Value& entry) {
    CallRecordSeed seed;
    seed.origin = origin + ": " + where;
    Status read = ReadCallRecordSeed(ctx, where, entry, &seed);
    if (read.ok()) fixtures->call_records.push_back(std::move(seed));
    return read;
  });
}

Status LoadFixtures(const std::string& path, Fixtures* fixtures) {
  Status status;
  if (path.empty()) {
    status = ParseFixture(kBuiltinFixtureJson, "built-in default fixture", fixtures);
    return status.ok() ? CheckSeeds(*fixtures) : status;
  }
  std::error_code ec;
  std::vector<fs::path> files;
  if (fs::is_directory(path, ec)) {
    for (const auto& entry : fs::directory_iterator(path, ec)) {
      if (entry.is_regular_file() && entry.path().extension() == ".json") {
        files.push_back(entry.path());
      }
    }
    if (ec) return Status::Internal(path + ": cannot list fixture folder: " + ec.message());
    if (files.empty()) return Status::InvalidArgument(path + ": fixture folder has no *.json file");
    std::sort(files.begin(), files.end());
  } else {
    files.emplace_back(path);
  }
  for (const fs::path& file : files) {
    std::string contents;
    status = ReadFile(file, &contents);
    if (status.ok()) status = ParseFixture(contents, file.string(), fixtures);
    if (!status.ok()) return status;
  }
  return CheckSeeds(*fixtures);
}

}  // namespace trtc::app
