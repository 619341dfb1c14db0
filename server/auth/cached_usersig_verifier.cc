#include "server/auth/cached_usersig_verifier.h"

#include <functional>
#include <optional>

namespace trtc::auth {

uint64_t CachedUserSigVerifier::Hash(uint32_t sdkappid, std::string_view identifier,
                                     std::string_view usersig) {
  const uint64_t h1 = std::hash<std::string_view>{}(usersig);
  const uint64_t h2 = std::hash<std::string_view>{}(identifier);
  return h1 ^ (h2 * 0x9e3779b97f4a7c15ULL) ^ (uint64_t{sdkappid} << 17);
}

UserSigVerdict CachedUserSigVerifier::Verify(std::string_view usersig, uint32_t sdkappid,
                                             std::string_view identifier, std::string_view key) {
  const uint64_t hash = Hash(sdkappid, identifier, usersig);
  Shard& shard = shards_[hash % kShards];
  std::optional<int64_t> deadline;
  {
    std::lock_guard<std::mutex> lock(shard.mu);
    auto it = shard.entries.find(hash);
    if (it != shard.entries.end() && it->second.sdkappid == sdkappid &&
        it->second.identifier == identifier && it->second.usersig == usersig) {
      deadline = it->second.deadline;
    }
  }
  if (deadline) {
    const int64_t now = clock_.NowSeconds();
    if (now <= *deadline) return UserSigVerdict{UserSigOutcome::kOk, "", *deadline};
    return UserSigVerdict{UserSigOutcome::kExpired,
                          "expired: time + expire = " + std::to_string(*deadline) + " < now " +
                              std::to_string(now)};
  }
  UserSigVerdict verdict = verifier_.Verify(usersig, sdkappid, identifier, key);
  if (verdict.ok()) {
    std::lock_guard<std::mutex> lock(shard.mu);
    if (shard.entries.size() >= kEntriesPerShard) shard.entries.clear();
    shard.entries[hash] =
        Entry{sdkappid, std::string(identifier), std::string(usersig), verdict.deadline};
  }
  return verdict;
}

}  // namespace trtc::auth
