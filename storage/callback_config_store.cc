#include "storage/callback_config_store.h"

#include <mutex>
#include <shared_mutex>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace trtc::storage {

namespace {

// The event words are one TEXT value in which every word is followed by '\n'. One column
// keeps a configuration one row, written and read whole with no child table to keep in
// step; a terminator rather than a separator keeps [] ("") apart from [""] ("\n"). Event
// words are API identifiers and never hold a newline; one that does is refused rather
// than silently split in two.
Status EncodeEvents(const std::vector<std::string>& events, std::string* out) {
  out->clear();
  for (const std::string& word : events) {
    if (word.find('\n') != std::string::npos) {
      return Status::InvalidArgument("callback event word contains a newline: cannot be stored");
    }
    out->append(word);
    out->push_back('\n');
  }
  return Status::Ok();
}

Status DecodeEvents(std::string_view text, std::vector<std::string>* out) {
  out->clear();
  while (!text.empty()) {
    size_t end = text.find('\n');
    if (end == std::string_view::npos) {
      return Status::Internal("stored callback event list is corrupt (no final newline)");
    }
    out->emplace_back(text.substr(0, end));
    text.remove_prefix(end + 1);
  }
  return Status::Ok();
}

constexpr const char kNotConfigured[] = "no callback configuration";

uint64_t CacheKey(CallbackFamily family, uint32_t sdkappid) {
  return (static_cast<uint64_t>(StoredFamilyCode(family)) << 32) | sdkappid;
}

}  // namespace

struct CallbackConfigStore::Cache {
  // A bound for --auth off, where any SDKAppID may be asked for: past it, start afresh.
  static constexpr size_t kMaxEntries = 4096;

  std::shared_mutex mu;
  std::unordered_map<uint64_t, SharedCallbackConfig> entries;  // null: none stored
  uint64_t generation = 0;
};

CallbackConfigStore::CallbackConfigStore(Database* db) : db_(db), cache_(std::make_unique<Cache>()) {}
CallbackConfigStore::~CallbackConfigStore() = default;

void CallbackConfigStore::Forget(std::optional<CallbackFamily> family,
                                 std::optional<uint32_t> sdkappid) {
  std::unique_lock<std::shared_mutex> lock(cache_->mu);
  ++cache_->generation;
  if (!sdkappid) {
    cache_->entries.clear();
    return;
  }
  for (CallbackFamily each : kAllCallbackFamilies) {
    if (!family || *family == each) cache_->entries.erase(CacheKey(each, *sdkappid));
  }
}

Status CallbackConfigStore::Put(CallbackFamily family, uint32_t sdkappid,
                                const CallbackConfig& config) {
  std::string events;
  Status status = EncodeEvents(config.events, &events);
  if (!status.ok()) return status;
  return db_->Transaction([&] {
    Forget(family, sdkappid);
    return Query(db_,
                 "INSERT INTO callback_config (sdkappid, family, url, events) VALUES (?, ?, ?, ?) "
                 "ON CONFLICT (sdkappid, family) DO UPDATE SET url = excluded.url, "
                 "events = excluded.events")
        .Bind(sdkappid)
        .Bind(StoredFamilyCode(family))
        .Bind(config.url)
        .Bind(events)
        .Run();
  });
}

Status CallbackConfigStore::Create(CallbackFamily family, uint32_t sdkappid,
                                   const CallbackConfig& config) {
  std::string events;
  Status status = EncodeEvents(config.events, &events);
  if (!status.ok()) return status;
  return db_->Transaction([&]() -> Status {
    Forget(family, sdkappid);
    // RETURNING yields a row exactly when the insert happened.
    Status inserted = Query(db_,
                            "INSERT INTO callback_config (sdkappid, family, url, events) "
                            "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1")
                          .Bind(sdkappid)
                          .Bind(StoredFamilyCode(family))
                          .Bind(config.url)
                          .Bind(events)
                          .RequireRow("");
    if (inserted.IsNotFound()) return Status::AlreadyExists("a callback configuration exists");
    return inserted;
  });
}

Status CallbackConfigStore::Update(CallbackFamily family, uint32_t sdkappid,
                                   const CallbackConfig& config) {
  std::string events;
  Status status = EncodeEvents(config.events, &events);
  if (!status.ok()) return status;
  return db_->Transaction([&] {
    Forget(family, sdkappid);
    // RETURNING yields a row exactly when a configuration was there to overwrite.
    return Query(db_,
                 "UPDATE callback_config SET url = ?, events = ? "
                 "WHERE sdkappid = ? AND family = ? RETURNING 1")
        .Bind(config.url)
        .Bind(events)
        .Bind(sdkappid)
        .Bind(StoredFamilyCode(family))
        .RequireRow(kNotConfigured);
  });
}

StatusOr<SharedCallbackConfig> CallbackConfigStore::Read(CallbackFamily family, uint32_t sdkappid) {
  Query query(db_, "SELECT url, events FROM callback_config WHERE sdkappid = ? AND family = ?");
  StatusOr<bool> row = query.Bind(sdkappid).Bind(StoredFamilyCode(family)).Step();
  if (!row.ok()) return row.status();
  if (!*row) return SharedCallbackConfig();
  auto config = std::make_shared<CallbackConfig>();
  config->url = query.ColumnText(0);
  Status status = DecodeEvents(query.ColumnText(1), &config->events);
  if (!status.ok()) return status;
  return SharedCallbackConfig(std::move(config));
}

StatusOr<SharedCallbackConfig> CallbackConfigStore::Get(CallbackFamily family, uint32_t sdkappid) {
  // The cache holds null for "none stored", so absence is served from memory too.
  auto present = [](SharedCallbackConfig config) -> StatusOr<SharedCallbackConfig> {
    if (!config) return Status::NotFound(kNotConfigured);
    return config;
  };
  const uint64_t key = CacheKey(family, sdkappid);
  uint64_t generation = 0;
  {
    std::shared_lock<std::shared_mutex> lock(cache_->mu);
    auto it = cache_->entries.find(key);
    if (it != cache_->entries.end()) return present(it->second);
    generation = cache_->generation;
  }
  bool cacheable = false;
  StatusOr<SharedCallbackConfig> read = db_->WithLock([&] {
    // Inside a transaction the row may yet be rolled back: read it, but do not cache it.
    cacheable = !db_->InTransaction();
    return Read(family, sdkappid);
  });
  if (!read.ok()) return read;
  if (cacheable) {
    std::unique_lock<std::shared_mutex> lock(cache_->mu);
    // A write since the read above may have made it stale: leave the entry to the next Get.
    if (cache_->generation == generation) {
      if (cache_->entries.size() >= Cache::kMaxEntries) cache_->entries.clear();
      cache_->entries[key] = *read;
    }
  }
  return present(std::move(*read));
}

Status CallbackConfigStore::Delete(CallbackFamily family, uint32_t sdkappid) {
  return db_->Transaction([&] {
    Forget(family, sdkappid);
    return Query(db_, "DELETE FROM callback_config WHERE sdkappid = ? AND family = ? RETURNING 1")
        .Bind(sdkappid)
        .Bind(StoredFamilyCode(family))
        .RequireRow(kNotConfigured);
  });
}

StatusOr<CallbackToken> CallbackConfigStore::GetToken(uint32_t sdkappid) {
  return db_->WithLock([&]() -> StatusOr<CallbackToken> {
    Query query(db_, "SELECT token, enabled FROM callback_token WHERE sdkappid = ?");
    StatusOr<bool> row = query.Bind(sdkappid).Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::NotFound("no callback token");
    return CallbackToken{query.ColumnText(0), query.ColumnInt(1) != 0};
  });
}

Status CallbackConfigStore::PutToken(uint32_t sdkappid, const CallbackToken& token) {
  return db_->Transaction([&] {
    return Query(db_,
                 "INSERT INTO callback_token (sdkappid, token, enabled) VALUES (?, ?, ?) "
                 "ON CONFLICT (sdkappid) DO UPDATE SET token = excluded.token, "
                 "enabled = excluded.enabled")
        .Bind(sdkappid)
        .Bind(token.token)
        .Bind(token.enabled ? 1 : 0)
        .Run();
  });
}

Status CallbackConfigStore::DeleteApp(uint32_t sdkappid) {
  return db_->Transaction([&] {
    Forget(std::nullopt, sdkappid);
    Status status = Query(db_, "DELETE FROM callback_config WHERE sdkappid = ?").Bind(sdkappid).Run();
    if (!status.ok()) return status;
    return Query(db_, "DELETE FROM callback_token WHERE sdkappid = ?").Bind(sdkappid).Run();
  });
}

Status CallbackConfigStore::DeleteAll() {
  return db_->Transaction([&] {
    Forget(std::nullopt, std::nullopt);
    Status status = Query(db_, "DELETE FROM callback_config").Run();
    return status.ok() ? Query(db_, "DELETE FROM callback_token").Run() : status;
  });
}

}  // namespace trtc::storage
