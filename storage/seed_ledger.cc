#include "storage/seed_ledger.h"

namespace trtc::storage {

Status SeedLedger::ApplyOnce(const std::string& section, uint32_t sdkappid, const std::string& key,
                             const std::function<Status()>& apply) {
  return db_->Transaction([&]() -> Status {
    {
      // Scoped so the statement is reset before `apply`, which may use the ledger too.
      Query seen(db_,
                 "SELECT 1 FROM applied_seed WHERE sdkappid = ? AND section = ? AND seed_key = ?");
      StatusOr<bool> row = seen.Bind(sdkappid).Bind(section).Bind(key).Step();
      if (!row.ok()) return row.status();
      if (*row) return Status::Ok();
    }
    Status status = apply();
    if (!status.ok()) return status;
    return Query(db_, "INSERT INTO applied_seed (sdkappid, section, seed_key) VALUES (?, ?, ?)")
        .Bind(sdkappid)
        .Bind(section)
        .Bind(key)
        .Run();
  });
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
