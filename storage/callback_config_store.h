// CallbackConfigStore: one callback configuration per app for each of the two
// independent families: the v4 call configuration (Url + command words) and the v1
// callkit configuration (address + action words). Plain values in, plain values out:
// no JSON here.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "server/common/status.h"
#include "storage/database.h"

namespace trtc::storage {

// A callback target and the event words it subscribes to (order preserved).
struct CallbackConfig {
  std::string url;
  std::vector<std::string> events;
  bool operator==(const CallbackConfig&) const = default;
};

// What Get() hands out: shared with the read cache, so a cached read copies nothing.
using SharedCallbackConfig = std::shared_ptr<const CallbackConfig>;

enum class CallbackFamily {
  kCallConfig,  // v4/call_config: TUICallKit on the Chat REST host
  kCallkit,     // v1/callback: TUICallKit on the callkit host
  kLive,        // v4/live_config: TUILiveKit
  kRoom,        // v4/room_config: TUIRoomKit
};
inline constexpr CallbackFamily kAllCallbackFamilies[] = {
    CallbackFamily::kCallConfig, CallbackFamily::kCallkit, CallbackFamily::kLive,
    CallbackFamily::kRoom};

// On-disk codes of the families (callback_config, callback_delivery): never renumbered,
// since databases carry them.
inline int64_t StoredFamilyCode(CallbackFamily family) { return static_cast<int64_t>(family) + 1; }
inline CallbackFamily FamilyFromStoredCode(int64_t code) {
  return code >= 1 && code <= 4 ? static_cast<CallbackFamily>(code - 1) : CallbackFamily::kCallConfig;
}

// The LiveKit signing token (set_callback_token): callbacks carry Sign and RequestTime
// while it is enabled.
struct CallbackToken {
  std::string token;
  bool enabled = false;
  bool operator==(const CallbackToken&) const = default;
};

// Reads are served from a read-through cache: get_callback is the emulator's hottest call,
// and from memory it takes neither SQLite nor the connection's mutex. Every write drops
// the entries it touches inside its transaction (while it holds the connection), and bumps
// a generation so that a Get() which read the database before the write cannot put its
// stale result back.
class CallbackConfigStore {
 public:
  explicit CallbackConfigStore(Database* db);
  ~CallbackConfigStore();

  // Creates or overwrites the app's configuration of that family (one transaction).
  Status Put(CallbackFamily family, uint32_t sdkappid, const CallbackConfig& config);
  // Creates only if none exists: kAlreadyExists (nothing written) if one does.
  Status Create(CallbackFamily family, uint32_t sdkappid, const CallbackConfig& config);
  // Overwrites only if one exists: kNotFound (nothing written) if not.
  Status Update(CallbackFamily family, uint32_t sdkappid, const CallbackConfig& config);
  // kNotFound when nothing is configured.
  StatusOr<SharedCallbackConfig> Get(CallbackFamily family, uint32_t sdkappid);
  // kNotFound when there was none to delete.
  Status Delete(CallbackFamily family, uint32_t sdkappid);
  // The app's LiveKit token: kNotFound when none was ever set.
  StatusOr<CallbackToken> GetToken(uint32_t sdkappid);
  Status PutToken(uint32_t sdkappid, const CallbackToken& token);

  // Removes every family's configuration and the token of one app (reset).
  Status DeleteApp(uint32_t sdkappid);
  // Removes every configuration and token of every app (reset of all apps).
  Status DeleteAll();

 private:
  struct Cache;
  // Reads the configuration from the database; null when none is stored.
  StatusOr<SharedCallbackConfig> Read(CallbackFamily family, uint32_t sdkappid);
  // Drops the cached entries of one app's family (or of all its families / all apps).
  void Forget(std::optional<CallbackFamily> family, std::optional<uint32_t> sdkappid);

  Database* db_;
  std::unique_ptr<Cache> cache_;
};

}  // namespace trtc::storage
