// UserSigs made by Tencent's official generator, the npm package tls-sig-api-v2 (pinned
// in tests/node/package.json), through tests/node/gen_usersig.js. One node process per
// call, so tests ask for all the sigs they need at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace trtc::testing {

struct SigRequest {
  uint32_t sdkappid;
  std::string key;
  std::string identifier;
  int64_t expire_s;
  std::optional<int64_t> time_s;  // pins the generator's clock (for expired sigs)
  std::string tamper_json = {};   // a JSON object of members to overwrite after signing
};

// Fails the current test (ADD_FAILURE) and returns {} when node or the package is missing.
std::vector<std::string> OfficialUserSigs(const std::vector<SigRequest>& requests);

}  // namespace trtc::testing
