// SeedLedger: remembers which fixture seeds were applied to this database, so each seed
// is applied once per database and a restart never brings back what clients changed or
// deleted. A seed is named by its section, sdkappid and key (room_id for rooms, "" else).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "server/common/status.h"
#include "storage/database.h"

namespace trtc::storage {

class SeedLedger {
 public:
  explicit SeedLedger(Database* db) : db_(db) {}

  // If the seed was never applied: runs `apply` and records the seed, in one
  // transaction (`apply` may call other stores: their transactions nest).
  Status ApplyOnce(const std::string& section, uint32_t sdkappid, const std::string& key,
                   const std::function<Status()>& apply);
  // Forgets every seed of one app (reset), so ApplyOnce() applies them again.
  Status ForgetApp(uint32_t sdkappid);
  // Forgets every seed (reset of all apps).
  Status ForgetAll();

 private:
  Database* db_;
};

}  // namespace trtc::storage
