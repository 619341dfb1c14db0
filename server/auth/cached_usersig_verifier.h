// CachedUserSigVerifier: UserSigVerifier with a memory of the UserSigs that verified.
// Clients send the same UserSig on every call, so a hit skips base64, zlib, JSON and the
// HMAC; only the expiry is checked again, against the clock as it is now. Only successes
// are remembered, keyed by the exact (sdkappid, identifier, usersig): a sig is valid for
// exactly that pair, and an app's key cannot change while the process runs.
//
// Thread-safe: 16 independently locked shards, each bounded (a full shard starts over).
#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "server/auth/usersig_verifier.h"

namespace trtc::auth {

class CachedUserSigVerifier {
 public:
  explicit CachedUserSigVerifier(const Clock& clock) : clock_(clock), verifier_(clock) {}

  UserSigVerdict Verify(std::string_view usersig, uint32_t sdkappid, std::string_view identifier,
                        std::string_view key);

 private:
  static constexpr size_t kShards = 16;
  static constexpr size_t kEntriesPerShard = 512;

  struct Entry {
    uint32_t sdkappid;
    std::string identifier;
    std::string usersig;
    int64_t deadline;
  };
  struct Shard {
    std::mutex mu;
    std::unordered_map<uint64_t, Entry> entries;  // by Hash()
  };

  static uint64_t Hash(uint32_t sdkappid, std::string_view identifier, std::string_view usersig);

  const Clock& clock_;
  UserSigVerifier verifier_;
  std::array<Shard, kShards> shards_;
};

}  // namespace trtc::auth
