#include <gtest/gtest.h>

#include "server/auth/cached_usersig_verifier.h"
#include "server/auth/usersig_generator.h"

namespace trtc::auth {
namespace {

constexpr char kKey[] = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";

TEST(CachedUserSigVerifierTest, AHitStillExpiresWithTheClock) {
  ManualClock clock(1700000000000);
  CachedUserSigVerifier verifier(clock);
  const std::string sig = GenerateUserSig(1400000000, kKey, "administrator", 100, 1700000000);
  for (int i = 0; i < 3; ++i) {  // the first verifies, the others hit
    UserSigVerdict verdict = verifier.Verify(sig, 1400000000, "administrator", kKey);
    EXPECT_TRUE(verdict.ok()) << verdict.detail;
    EXPECT_EQ(verdict.deadline, 1700000100);
  }
  clock.SetSeconds(1700000100);
  EXPECT_TRUE(verifier.Verify(sig, 1400000000, "administrator", kKey).ok());
  clock.SetSeconds(1700000101);
  UserSigVerdict expired = verifier.Verify(sig, 1400000000, "administrator", kKey);
  EXPECT_EQ(expired.outcome, UserSigOutcome::kExpired);
  EXPECT_FALSE(expired.detail.empty());
}

TEST(CachedUserSigVerifierTest, AHitIsForTheSameAppAndUserOnly) {
  ManualClock clock(1700000000000);
  CachedUserSigVerifier verifier(clock);
  const std::string sig = GenerateUserSig(1400000000, kKey, "administrator", 100, 1700000000);
  ASSERT_TRUE(verifier.Verify(sig, 1400000000, "administrator", kKey).ok());
  EXPECT_EQ(verifier.Verify(sig, 1400000000, "someone", kKey).outcome,
            UserSigOutcome::kIdentifierMismatch);
  EXPECT_EQ(verifier.Verify(sig, 1400000001, "administrator", kKey).outcome,
            UserSigOutcome::kSdkappidMismatch);
}

TEST(CachedUserSigVerifierTest, FailuresAreNeverRemembered) {
  ManualClock clock(1700000000000);
  CachedUserSigVerifier verifier(clock);
  const std::string sig = GenerateUserSig(1400000000, kKey, "administrator", 100, 1700000000);
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(verifier.Verify(sig, 1400000000, "administrator", "another key").outcome,
              UserSigOutcome::kBadSignature);
  }
  EXPECT_TRUE(verifier.Verify(sig, 1400000000, "administrator", kKey).ok());
}

TEST(CachedUserSigVerifierTest, StaysBoundedUnderManyDistinctSigs) {
  ManualClock clock(1700000000000);
  CachedUserSigVerifier verifier(clock);
  for (int i = 0; i < 9000; ++i) {  // more than 16 shards x 512
    const std::string user = "user_" + std::to_string(i);
    const std::string sig = GenerateUserSig(1400000000, kKey, user, 100, 1700000000);
    ASSERT_TRUE(verifier.Verify(sig, 1400000000, user, kKey).ok());
  }
}

}  // namespace
}  // namespace trtc::auth
