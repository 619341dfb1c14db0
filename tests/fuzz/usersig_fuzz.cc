// Fuzzes the UserSig decoder and verifier — Tencent base64, zlib, JSON, the field checks
// and the HMAC — with the input as the usersig query value, for the spec vectors' app,
// admin and clock (tests/data/usersig-vectors.json). The cached verifier, asked twice
// (the second time from its memory when the sig verified), must agree with the plain one.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "server/auth/cached_usersig_verifier.h"
#include "server/auth/usersig_verifier.h"
#include "server/common/clock.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

constexpr uint32_t kSdkappid = 1400000000;
constexpr char kIdentifier[] = "administrator";
constexpr char kKey[] = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
constexpr int64_t kNowSeconds = 1767225600;  // the vectors' verify_now

using trtc::auth::UserSigOutcome;
using trtc::auth::UserSigVerdict;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const trtc::ManualClock clock(kNowSeconds * 1000);
  static const trtc::auth::UserSigVerifier verifier(clock);
  // Shared across inputs like the server's: bounded, so it cannot grow without limit.
  static trtc::auth::CachedUserSigVerifier cached(clock);

  const std::string_view usersig(reinterpret_cast<const char*>(data), size);
  const UserSigVerdict plain = verifier.Verify(usersig, kSdkappid, kIdentifier, kKey);
  FUZZ_CHECK(plain.ok() == plain.detail.empty(), "a failure says why, a success says nothing");
  FUZZ_CHECK(plain.ok() || plain.deadline == 0, "only a success has a deadline");

  // The PrivateMapKey path (TLS.userbuf) parses the same document another way.
  verifier.Verify(usersig, kSdkappid, kIdentifier, kKey, trtc::auth::VerifyMode::kPrivateMapKey);

  for (int round = 0; round < 2; ++round) {
    const UserSigVerdict verdict = cached.Verify(usersig, kSdkappid, kIdentifier, kKey);
    FUZZ_CHECK(verdict.outcome == plain.outcome, "the cached verifier disagrees");
    FUZZ_CHECK(verdict.deadline == plain.deadline, "the cached verifier's deadline differs");
  }
  return 0;
}
