#include "server/app/fixture_loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <set>
#include <sstream>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "server/handlers/endpoints.h"
#include "server/app/default_fixture.h"
#include "server/domain/callback_rules.h"
#include "server/domain/room_rules.h"

namespace trtc::app {
namespace {

namespace fs = std::filesystem;
using rapidjson::Value;

// Builds "origin: where: message" errors.
class Context {
 public:
  explicit Context(const std::string& origin) : origin_(origin) {}
  Status Error(const std::string& where, const std::string& message) const {
    return Status::Error(origin_ + ": " + where + ": " + message);
  }
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
    std::string_view name(member.name.GetString(), member.name.GetStringLength());
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      return ctx.Error(where, "unknown member \"" + std::string(name) + "\"");
    }
  }
  return Status::Ok();
}

Status ReadSdkappid(const Context& ctx, const std::string& where, const Value& object,
                    uint32_t* sdkappid) {
  auto it = object.FindMember("sdkappid");
  if (it == object.MemberEnd()) return ctx.Error(where, "sdkappid is required");
  if (!it->value.IsUint()) {
    return ctx.Error(where + ".sdkappid", "must be an unsigned 32-bit integer");
  }
  *sdkappid = it->value.GetUint();
  return Status::Ok();
}

Status ReadPackages(const Context& ctx, const std::string& where, const Value& value,
                    api::Packages* packages) {
  if (!value.IsObject()) return ctx.Error(where, "must be an object");
  Status status = OnlyMembers(ctx, where, value, {"call_group", "live"});
  if (!status.ok()) return status;
  for (auto [name, flag] : {std::pair{"call_group", &packages->call_group},
                            std::pair{"live", &packages->live}}) {
    auto it = value.FindMember(name);
    if (it == value.MemberEnd()) continue;
    if (!it->value.IsBool()) return ctx.Error(where + "." + name, "must be true or false");
    *flag = it->value.GetBool();
  }
  return Status::Ok();
}

Status ReadRateLimits(const Context& ctx, const std::string& where, const Value& value,
                      std::map<std::string, int, std::less<>>* limits) {
  if (!value.IsObject()) return ctx.Error(where, "must be an object of API path -> calls per second");
  for (const auto& member : value.GetObject()) {
    const std::string api(member.name.GetString(), member.name.GetStringLength());
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

Status ReadApp(const Context& ctx, const std::string& where, const Value& value, api::App* app) {
  if (!value.IsObject()) return ctx.Error(where, "must be an object");
  Status status = OnlyMembers(ctx, where, value, {"sdkappid", "key", "admins", "packages", "rate_limits"});
  if (status.ok()) status = ReadSdkappid(ctx, where, value, &app->sdkappid);
  if (!status.ok()) return status;
  auto key = value.FindMember("key");
  if (key == value.MemberEnd()) return ctx.Error(where, "key is required");
  if (!key->value.IsString()) return ctx.Error(where + ".key", "must be a string");
  app->key.assign(key->value.GetString(), key->value.GetStringLength());
  if (auto admins = value.FindMember("admins"); admins != value.MemberEnd()) {
    if (!admins->value.IsArray() || admins->value.Empty()) {
      return ctx.Error(where + ".admins", "must be a non-empty array of strings");
    }
    app->admins.clear();
    for (const auto& admin : admins->value.GetArray()) {
      if (!admin.IsString() || admin.GetStringLength() == 0) {
        return ctx.Error(where + ".admins", "must be a non-empty array of non-empty strings");
      }
      app->admins.emplace_back(admin.GetString(), admin.GetStringLength());
    }
  }
  if (auto packages = value.FindMember("packages"); packages != value.MemberEnd()) {
    status = ReadPackages(ctx, where + ".packages", packages->value, &app->packages);
    if (!status.ok()) return status;
  }
  if (auto limits = value.FindMember("rate_limits"); limits != value.MemberEnd()) {
    status = ReadRateLimits(ctx, where + ".rate_limits", limits->value, &app->rate_limits);
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

Status ReadCallbackSeed(const Context& ctx, const std::string& where, const Value& value,
                        const domain::CallbackShape& shape, CallbackSeed* seed) {
  if (!value.IsObject()) return ctx.Error(where, "must be an object");
  Status status = OnlyMembers(ctx, where, value, {"sdkappid", shape.url_field, shape.events_field});
  if (status.ok()) status = ReadSdkappid(ctx, where, value, &seed->sdkappid);
  if (!status.ok()) return status;
  domain::RuleResult rule = domain::ParseCallbackConfig(value, shape, &seed->config);
  if (!rule.ok()) return ctx.Error(where, rule.message);
  return Status::Ok();
}

Status ReadSection(const Context& ctx, const Value& root, const char* section,
                   const domain::CallbackShape& shape, std::vector<CallbackSeed>* seeds) {
  auto it = root.FindMember(section);
  if (it == root.MemberEnd()) return Status::Ok();
  if (!it->value.IsArray()) return ctx.Error(section, "must be an array");
  for (size_t i = 0; i < it->value.Size(); ++i) {
    CallbackSeed seed;
    seed.origin = ctx.origin() + ": " + Index(section, i);
    Status status = ReadCallbackSeed(ctx, Index(section, i), it->value[i], shape, &seed);
    if (!status.ok()) return status;
    seeds->push_back(std::move(seed));
  }
  return Status::Ok();
}

// {"sdkappid", "room_id", "metadata": {key: value}}, checked like create_room and
// set_room_metadata would check it.
Status ReadRoomSeed(const Context& ctx, const std::string& where, const Value& value,
                    RoomSeed* seed) {
  if (!value.IsObject()) return ctx.Error(where, "must be an object");
  Status status = OnlyMembers(ctx, where, value, {"sdkappid", "room_id", "metadata"});
  if (status.ok()) status = ReadSdkappid(ctx, where, value, &seed->sdkappid);
  if (!status.ok()) return status;
  auto room_id = value.FindMember("room_id");
  if (room_id == value.MemberEnd()) return ctx.Error(where, "room_id is required");
  if (!room_id->value.IsString()) return ctx.Error(where + ".room_id", "must be a string");
  seed->room_id.assign(room_id->value.GetString(), room_id->value.GetStringLength());
  if (std::string problem = domain::RoomIdProblem(seed->room_id); !problem.empty()) {
    return ctx.Error(where + ".room_id", problem);
  }
  auto metadata = value.FindMember("metadata");
  if (metadata == value.MemberEnd()) return Status::Ok();
  if (!metadata->value.IsObject()) {
    return ctx.Error(where + ".metadata", "must be an object of key -> string value");
  }
  storage::Metadata written;
  for (const auto& member : metadata->value.GetObject()) {
    std::string key(member.name.GetString(), member.name.GetStringLength());
    if (!member.value.IsString()) {
      return ctx.Error(where + ".metadata", "the value of \"" + key + "\" must be a string");
    }
    if (std::string problem = domain::MetadataKeyProblem(key); !problem.empty()) {
      return ctx.Error(where + ".metadata", problem);
    }
    written.emplace_back(std::move(key),
                         std::string(member.value.GetString(), member.value.GetStringLength()));
  }
  domain::MergeMetadata(written, &seed->metadata);
  domain::MetadataCheck check = domain::CheckMetadataLimits(written, seed->metadata);
  if (!check.ok()) return ctx.Error(where + ".metadata", check.message);
  return Status::Ok();
}

Status ReadRoomSection(const Context& ctx, const Value& root, std::vector<RoomSeed>* seeds) {
  auto it = root.FindMember("rooms");
  if (it == root.MemberEnd()) return Status::Ok();
  if (!it->value.IsArray()) return ctx.Error("rooms", "must be an array");
  for (size_t i = 0; i < it->value.Size(); ++i) {
    RoomSeed seed;
    seed.origin = ctx.origin() + ": " + Index("rooms", i);
    Status status = ReadRoomSeed(ctx, Index("rooms", i), it->value[i], &seed);
    if (!status.ok()) return status;
    seeds->push_back(std::move(seed));
  }
  return Status::Ok();
}

Status ReadFile(const fs::path& path, std::string* contents) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error(path.string() + ": cannot open fixture file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Status::Error(path.string() + ": cannot read fixture file");
  *contents = buffer.str();
  return Status::Ok();
}

// What spans files: seeds of undefined apps, two seeds for one configuration or room.
Status CheckSeeds(const Fixtures& fixtures) {
  std::set<uint32_t> apps;
  for (const api::App& app : fixtures.apps) apps.insert(app.sdkappid);
  for (const auto* seeds : {&fixtures.call_callbacks, &fixtures.callkit_callbacks}) {
    std::set<uint32_t> seeded;
    for (const CallbackSeed& seed : *seeds) {
      const std::string id = std::to_string(seed.sdkappid);
      if (!apps.count(seed.sdkappid)) {
        return Status::Error(seed.origin + ": sdkappid " + id + " is not defined in apps");
      }
      if (!seeded.insert(seed.sdkappid).second) {
        return Status::Error(seed.origin + ": sdkappid " + id +
                             " is seeded twice (one configuration per app)");
      }
    }
  }
  std::set<std::pair<uint32_t, std::string>> rooms;
  for (const RoomSeed& seed : fixtures.rooms) {
    const std::string id = std::to_string(seed.sdkappid);
    if (!apps.count(seed.sdkappid)) {
      return Status::Error(seed.origin + ": sdkappid " + id + " is not defined in apps");
    }
    if (!rooms.emplace(seed.sdkappid, seed.room_id).second) {
      return Status::Error(seed.origin + ": room \"" + seed.room_id + "\" of sdkappid " + id +
                           " is seeded twice");
    }
  }
  return Status::Ok();
}

bool HasApp(const Fixtures& fixtures, uint32_t sdkappid) {
  return std::any_of(fixtures.apps.begin(), fixtures.apps.end(),
                     [&](const api::App& app) { return app.sdkappid == sdkappid; });
}

}  // namespace

Status ParseFixture(std::string_view json, const std::string& origin, Fixtures* fixtures) {
  const Context ctx(origin);
  rapidjson::Document root;
  root.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag>(json.data(),
                                                                                     json.size());
  if (root.HasParseError()) {
    return Status::Error(origin + ": not valid JSON: " +
                         rapidjson::GetParseError_En(root.GetParseError()) + " (at byte " +
                         std::to_string(root.GetErrorOffset()) + ")");
  }
  if (!root.IsObject()) return Status::Error(origin + ": must be a JSON object");
  // Read through a const view: comparing RapidJSON 1.1's non-const member iterators is
  // ambiguous under C++20's reversed operator== (clang -Wambiguous-reversed-operator).
  const Value& object = root;
  Status status = OnlyMembers(ctx, "fixture", object, {"apps", "call_callbacks", "callkit_callbacks", "rooms"});
  if (!status.ok()) return status;
  auto apps = object.FindMember("apps");
  if (apps == object.MemberEnd()) return ctx.Error("fixture", "apps is required");
  if (!apps->value.IsArray()) return ctx.Error("apps", "must be an array");
  for (size_t i = 0; i < apps->value.Size(); ++i) {
    api::App app;
    status = ReadApp(ctx, Index("apps", i), apps->value[i], &app);
    if (!status.ok()) return status;
    if (HasApp(*fixtures, app.sdkappid)) {
      return ctx.Error(Index("apps", i), "sdkappid " + std::to_string(app.sdkappid) +
                                             " is defined by two apps");
    }
    fixtures->apps.push_back(std::move(app));
  }
  status = ReadSection(ctx, object, "call_callbacks", domain::kCallConfigSeed,
                       &fixtures->call_callbacks);
  if (status.ok()) {
    status = ReadSection(ctx, object, "callkit_callbacks", domain::kCallkitSeed,
                         &fixtures->callkit_callbacks);
  }
  if (status.ok()) status = ReadRoomSection(ctx, object, &fixtures->rooms);
  return status;
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
    if (ec) return Status::Error(path + ": cannot list fixture folder: " + ec.message());
    if (files.empty()) return Status::Error(path + ": fixture folder has no *.json file");
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
