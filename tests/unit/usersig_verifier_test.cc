// The UserSig verifier against every vector of ../shared/spec/usersig-vectors.json (made
// by the official npm generator, clock pinned to verify_now), plus the edge cases of
// usersig.md §2-§3 that the vectors do not cover.
#include <zlib.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "server/auth/base64.h"
#include "server/auth/usersig_generator.h"
#include "server/auth/usersig_verifier.h"

namespace trtc::auth {
namespace {

constexpr uint32_t kSdkappid = 1400000000;
constexpr char kKey[] = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
constexpr char kOtherKey[] = "560751327f3e51c9a8d9da9c4d1123331839267904736b676155819ef6571108";
// usersig.md §1's worked example.
constexpr char kExample[] =
    "eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwhWZiflZpXlQqeKU7MSCgswUJStDEwMogMiUZOamKlkZmqOKplYUZ"
    "BaBxE1NTY3gosWZ6UpWSj5ljuYp*p7l5unBxXnF2WVhVU4uAf7Ozi5JpX7O5SbuHuUhzgZJmQXaTia2SrUAohcx8g__";

UserSigOutcome OutcomeOfCode(int code) {
  static const std::map<int, UserSigOutcome> kOutcomes = {
      {0, UserSigOutcome::kOk},
      {70001, UserSigOutcome::kExpired},
      {70002, UserSigOutcome::kEmpty},
      {70003, UserSigOutcome::kUndecodable},
      {70005, UserSigOutcome::kMalformed},
      {70009, UserSigOutcome::kBadSignature},
      {70013, UserSigOutcome::kIdentifierMismatch},
      {70014, UserSigOutcome::kSdkappidMismatch}};
  return kOutcomes.at(code);
}

rapidjson::Document LoadVectors() {
  std::ifstream in(TRTC_SPEC_DIR "/usersig-vectors.json");
  std::stringstream text;
  text << in.rdbuf();
  rapidjson::Document doc;
  doc.Parse(text.str().c_str());
  return doc;
}

// Decodes a UserSig to its JSON text (for building variants of it).
std::string Inflated(const std::string& usersig) {
  std::string compressed;
  EXPECT_TRUE(TencentBase64Decode(usersig, &compressed));
  std::string json(4096, '\0');
  uLongf size = json.size();
  EXPECT_EQ(uncompress(reinterpret_cast<Bytef*>(json.data()), &size,
                       reinterpret_cast<const Bytef*>(compressed.data()), compressed.size()),
            Z_OK);
  json.resize(size);
  return json;
}

std::string Packed(const std::string& json, int level) {
  uLongf size = compressBound(json.size());
  std::string compressed(size, '\0');
  compress2(reinterpret_cast<Bytef*>(compressed.data()), &size,
            reinterpret_cast<const Bytef*>(json.data()), json.size(), level);
  compressed.resize(size);
  return TencentBase64Encode(compressed);
}

std::string Replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(UserSigVectorsTest, EveryVectorGivesItsExpectedOutcome) {
  rapidjson::Document doc = LoadVectors();
  ASSERT_TRUE(doc.IsObject()) << "cannot read " TRTC_SPEC_DIR "/usersig-vectors.json";
  ManualClock clock;
  clock.SetSeconds(doc["verify_now"].GetInt64());
  UserSigVerifier verifier(clock);
  const std::string key = doc["app"]["key"].GetString();
  int checked = 0;
  for (const auto& vector : doc["vectors"].GetArray()) {
    SCOPED_TRACE(vector["name"].GetString());
    const auto& verify = vector["verify"];
    const VerifyMode mode = std::string(verify["mode"].GetString()) == "privatemapkey"
                                ? VerifyMode::kPrivateMapKey
                                : VerifyMode::kUserSig;
    UserSigVerdict verdict =
        verifier.Verify(vector["usersig"].GetString(), verify["sdkappid"].GetUint(),
                        verify["identifier"].GetString(), key, mode);
    EXPECT_EQ(verdict.outcome, OutcomeOfCode(vector["expect"]["error_code"].GetInt()))
        << verdict.detail;
    EXPECT_EQ(verdict.ok(), vector["expect"]["ok"].GetBool());
    EXPECT_EQ(verdict.detail.empty(), verdict.ok()) << verdict.detail;
    EXPECT_EQ(verdict.detail.find(key), std::string::npos);
    ++checked;
  }
  EXPECT_EQ(checked, 24);
}

TEST(UserSigVectorsTest, APrivateMapKeyIsNotAUserSig) {
  rapidjson::Document doc = LoadVectors();
  ManualClock clock;
  clock.SetSeconds(doc["verify_now"].GetInt64());
  UserSigVerifier verifier(clock);
  for (const auto& vector : doc["vectors"].GetArray()) {
    if (std::string(vector["name"].GetString()) != "privatemapkey_as_privatemapkey") continue;
    EXPECT_EQ(verifier.Verify(vector["usersig"].GetString(), kSdkappid, "administrator",
                              doc["app"]["key"].GetString())
                  .outcome,
              UserSigOutcome::kBadSignature);
    return;
  }
  FAIL() << "vector privatemapkey_as_privatemapkey not found";
}

TEST(UserSigVerifierTest, WorkedExampleExpiresStrictlyAfterTimePlusExpire) {
  ManualClock clock;
  UserSigVerifier verifier(clock);
  for (int64_t now : {int64_t{1700000000}, int64_t{1715552000}}) {
    clock.SetSeconds(now);
    EXPECT_TRUE(verifier.Verify(kExample, kSdkappid, "xiaojun", kKey).ok()) << now;
  }
  clock.SetSeconds(1715552001);
  EXPECT_EQ(verifier.Verify(kExample, kSdkappid, "xiaojun", kKey).outcome, UserSigOutcome::kExpired);
  // Expiry comes before the signature: the wrong key still says "expired".
  EXPECT_EQ(verifier.Verify(kExample, kSdkappid, "xiaojun", kOtherKey).outcome,
            UserSigOutcome::kExpired);
}

// Node's bundled zlib finds other matches than Debian's at the same level, so the
// compressed bytes may differ; the signed document must not.
TEST(UserSigGeneratorTest, MakesTheOfficialPackagesDocument) {
  const std::string sig = GenerateUserSig(kSdkappid, kKey, "xiaojun", 15552000, 1700000000);
  EXPECT_EQ(Inflated(sig), Inflated(kExample));
  EXPECT_EQ(sig.substr(0, 4), "eJyr");  // zlib header 78 9c: level 6
}

TEST(UserSigGeneratorTest, RoundTripsAnyIdentifier) {
  ManualClock clock(1700000000000);
  UserSigVerifier verifier(clock);
  for (const char* identifier : {"administrator", "Ωmega_用户_😀", "quote\"back\\slash", "a b"}) {
    const std::string sig = GenerateUserSig(kSdkappid, kKey, identifier, 86400, 1700000000);
    EXPECT_TRUE(verifier.Verify(sig, kSdkappid, identifier, kKey).ok()) << identifier;
    EXPECT_EQ(verifier.Verify(sig, kSdkappid, "administrator2", kKey).outcome,
              UserSigOutcome::kIdentifierMismatch);
  }
}

TEST(UserSigVerifierTest, AnyZlibLevelAndMemberOrderIsAccepted) {
  ManualClock clock(1700000000000);
  UserSigVerifier verifier(clock);
  const std::string json = Inflated(kExample);
  for (int level : {0, 1, 9}) {
    EXPECT_TRUE(verifier.Verify(Packed(json, level), kSdkappid, "xiaojun", kKey).ok()) << level;
  }
  // Go / Java order (expire before time), Python separators, an escaped slash, a newline.
  std::string reordered =
      R"({"TLS.ver": "2.0", "TLS.identifier": "xiaojun", "TLS.sdkappid": 1400000000, )"
      R"("TLS.expire": 15552000, "TLS.time": 1700000000, )"
      R"("TLS.sig": "LvA7d\/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4="})"
      "\n";
  EXPECT_TRUE(verifier.Verify(Packed(reordered, 6), kSdkappid, "xiaojun", kKey).ok());
}

TEST(UserSigVerifierTest, MalformedDocuments) {
  ManualClock clock(1700000000000);
  UserSigVerifier verifier(clock);
  const std::string json = Inflated(kExample);
  struct Case {
    std::string json;
    UserSigOutcome outcome;
  } cases[] = {
      {"[1,2,3]", UserSigOutcome::kMalformed},
      {Replaced(json, R"("TLS.ver":"2.0")", R"("TLS.ver":"1.0")"), UserSigOutcome::kBadSignature},
      {Replaced(json, R"("TLS.ver":"2.0",)", ""), UserSigOutcome::kBadSignature},
      {Replaced(json, "1400000000", "\"1400000000\""), UserSigOutcome::kMalformed},
      {Replaced(json, "1400000000", "4294967296"), UserSigOutcome::kMalformed},
      {Replaced(json, R"("xiaojun")", "7"), UserSigOutcome::kMalformed},
      {Replaced(json, "1700000000", "1700000000.5"), UserSigOutcome::kMalformed},
      {Replaced(json, "15552000", "\"15552000\""), UserSigOutcome::kMalformed},
      {Replaced(json, "1700000000", "1700000001"), UserSigOutcome::kBadSignature},
      {Replaced(json, R"("TLS.sig":"LvA7d/)", R"("TLS.sig":"LvA7e/)"), UserSigOutcome::kBadSignature},
      {Replaced(json, R"("TLS.sig":"LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4=")", R"("TLS.sig":"")"),
       UserSigOutcome::kBadSignature},
  };
  for (const Case& c : cases) {
    UserSigVerdict verdict = verifier.Verify(Packed(c.json, 6), kSdkappid, "xiaojun", kKey);
    EXPECT_EQ(verdict.outcome, c.outcome) << c.json;
    EXPECT_FALSE(verdict.detail.empty());
  }
}

TEST(UserSigVerifierTest, UndecodableInput) {
  ManualClock clock(1700000000000);
  UserSigVerifier verifier(clock);
  const std::string json = Inflated(kExample);
  // gzip wrapper instead of zlib.
  z_stream stream{};
  deflateInit2(&stream, 6, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY);
  std::string gz(1024, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(json.data()));
  stream.avail_in = static_cast<uInt>(json.size());
  stream.next_out = reinterpret_cast<Bytef*>(gz.data());
  stream.avail_out = static_cast<uInt>(gz.size());
  ASSERT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
  gz.resize(stream.total_out);
  deflateEnd(&stream);
  EXPECT_EQ(verifier.Verify(TencentBase64Encode(gz), kSdkappid, "xiaojun", kKey).outcome,
            UserSigOutcome::kUndecodable);
  // Inflates beyond the 64 KiB cap.
  EXPECT_EQ(verifier.Verify(Packed(std::string(70000, ' ') + json, 9), kSdkappid, "xiaojun", kKey)
                .outcome,
            UserSigOutcome::kUndecodable);
  // Padding in the middle, '=' in place of '_' is fine at the end only.
  const std::string example = kExample;
  EXPECT_EQ(verifier.Verify("AA__" + example, kSdkappid, "xiaojun", kKey).outcome,
            UserSigOutcome::kUndecodable);
  EXPECT_TRUE(verifier.Verify(example.substr(0, example.size() - 2) + "==", kSdkappid, "xiaojun", kKey)
                  .ok());
}

TEST(UserSigVerifierTest, WhitespaceIsSkippedLikeTheOfficialChecker) {
  ManualClock clock(1700000000000);
  UserSigVerifier verifier(clock);
  std::string spaced = kExample;
  spaced.insert(20, "\n");
  spaced.insert(40, " ");
  EXPECT_TRUE(verifier.Verify(spaced, kSdkappid, "xiaojun", kKey).ok());
}

}  // namespace
}  // namespace trtc::auth
