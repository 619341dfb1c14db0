#include "storage/callback_config_store.h"

#include <string_view>
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
      return Status::Error("callback event word contains a newline: cannot be stored");
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
      return Status::Error("stored callback event list is corrupt (no final newline)");
    }
    out->emplace_back(text.substr(0, end));
    text.remove_prefix(end + 1);
  }
  return Status::Ok();
}

}  // namespace

Status CallbackConfigStore::Put(CallbackFamily family, uint32_t sdkappid,
                                const CallbackConfig& config) {
  std::string events;
  Status status = EncodeEvents(config.events, &events);
  if (!status.ok()) return status;
  return db_->Transaction([&] {
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

Status CallbackConfigStore::Update(CallbackFamily family, uint32_t sdkappid,
                                   const CallbackConfig& config, bool* existed) {
  if (existed != nullptr) *existed = false;
  std::string events;
  Status status = EncodeEvents(config.events, &events);
  if (!status.ok()) return status;
  bool found = false;
  status = db_->Transaction([&] {
    // RETURNING yields a row exactly when a configuration was there to overwrite.
    return Query(db_,
                 "UPDATE callback_config SET url = ?, events = ? "
                 "WHERE sdkappid = ? AND family = ? RETURNING 1")
        .Bind(config.url)
        .Bind(events)
        .Bind(sdkappid)
        .Bind(StoredFamilyCode(family))
        .Step(&found);
  });
  if (status.ok() && existed != nullptr) *existed = found;
  return status;
}

Status CallbackConfigStore::Get(CallbackFamily family, uint32_t sdkappid,
                                std::optional<CallbackConfig>* out) {
  out->reset();
  return db_->WithLock([&]() -> Status {
    Query query(db_, "SELECT url, events FROM callback_config WHERE sdkappid = ? AND family = ?");
    bool row = false;
    Status status = query.Bind(sdkappid).Bind(StoredFamilyCode(family)).Step(&row);
    if (!status.ok() || !row) return status;
    CallbackConfig config;
    config.url = query.ColumnText(0);
    status = DecodeEvents(query.ColumnText(1), &config.events);
    if (!status.ok()) return status;
    *out = std::move(config);
    return Status::Ok();
  });
}

Status CallbackConfigStore::Delete(CallbackFamily family, uint32_t sdkappid, bool* existed) {
  if (existed != nullptr) *existed = false;
  bool found = false;
  Status status = db_->Transaction([&] {
    return Query(db_, "DELETE FROM callback_config WHERE sdkappid = ? AND family = ? RETURNING 1")
        .Bind(sdkappid)
        .Bind(StoredFamilyCode(family))
        .Step(&found);
  });
  if (status.ok() && existed != nullptr) *existed = found;
  return status;
}

Status CallbackConfigStore::DeleteApp(uint32_t sdkappid) {
  return db_->Transaction([&] {
    return Query(db_, "DELETE FROM callback_config WHERE sdkappid = ?").Bind(sdkappid).Run();
  });
}

Status CallbackConfigStore::DeleteAll() {
  return db_->Transaction([&] { return Query(db_, "DELETE FROM callback_config").Run(); });
}

}  // namespace trtc::storage
