// UserSigVerifier: checks a TLSSigAPIv2 UserSig exactly as the official checker does (the order of
// Tencent's official checkers: tls-sig-api's C++, Go and PHP verifiers), in the official order, and
// says which step failed. It knows nothing of HTTP or of either REST family: each family's envelope
// maps the outcome to its own error code.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "server/common/clock.h"

namespace trtc::auth {

enum class UserSigOutcome {
  kOk,
  kEmpty,               // step 1: zero length
  kUndecodable,         // steps 2-3: bad base64url, not zlib, truncated, too big
  kMalformed,           // steps 4, 6-8, 10, 11: not JSON / missing or mistyped field
  kIdentifierMismatch,  // step 6
  kSdkappidMismatch,    // step 7
  kExpired,             // step 9: now > time + expire
  kBadSignature,        // steps 5 (not "2.0") and 12 (HMAC differs)
};

struct UserSigVerdict {
  UserSigOutcome outcome = UserSigOutcome::kOk;
  // For --log-level debug: what was expected and what was found. Empty on success.
  std::string detail;
  // On success: the last second at which the UserSig is still valid (time + expire).
  int64_t deadline = 0;
  bool ok() const { return outcome == UserSigOutcome::kOk; }
};

// UserSig mode signs without TLS.userbuf (so a PrivateMapKey presented as a UserSig
// fails its HMAC, as in the official C++ checker); PrivateMapKey mode signs with it.
enum class VerifyMode { kUserSig, kPrivateMapKey };

class UserSigVerifier {
 public:
  explicit UserSigVerifier(const Clock& clock) : clock_(clock) {}

  // `usersig` is the already percent-decoded query value; `sdkappid` and `identifier`
  // are the request's. `key` is the app's secret key string (its bytes are the HMAC key).
  UserSigVerdict Verify(std::string_view usersig, uint32_t sdkappid, std::string_view identifier,
                        std::string_view key, VerifyMode mode = VerifyMode::kUserSig) const;

 private:
  const Clock& clock_;
};

}  // namespace trtc::auth
