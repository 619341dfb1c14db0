#include "storage/seed_ledger.h"

namespace trtc::storage {

Status SeedLedger::ApplyOnce(const std::string& section, uint32_t sdkappid, const std::string& key,
                             const std::function<Status()>& apply, bool* applied) {
  if (applied != nullptr) *applied = false;
  bool ran = false;
  Status result = db_->Transaction([&]() -> Status {
    {
      // Scoped so the statement is reset before `apply`, which may use the ledger too.
      Query seen(db_,
                 "SELECT 1 FROM applied_seed WHERE sdkappid = ? AND section = ? AND seed_key = ?");
      bool row = false;
      Status status = seen.Bind(sdkappid).Bind(section).Bind(key).Step(&row);
      if (!status.ok() || row) return status;
    }
    Status status = apply();
    if (!status.ok()) return status;
    status = Query(db_, "INSERT INTO applied_seed (sdkappid, section, seed_key) VALUES (?, ?, ?)")
                 .Bind(sdkappid)
                 .Bind(section)
                 .Bind(key)
                 .Run();
    ran = status.ok();
    return status;
  });
  if (result.ok() && applied != nullptr) *applied = ran;
  return result;
}

Status SeedLedger::ForgetApp(uint32_t sdkappid) {
  return db_->Transaction([&] {
    return Query(db_, "DELETE FROM applied_seed WHERE sdkappid = ?").Bind(sdkappid).Run();
  });
}

Status SeedLedger::ForgetAll() {
  return db_->Transaction([&] { return Query(db_, "DELETE FROM applied_seed").Run(); });
}

}  // namespace trtc::storage
