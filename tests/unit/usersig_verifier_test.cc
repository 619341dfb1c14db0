// The UserSig verifier and generator: every vector of tests/data/usersig-vectors.json
// (made by the official npm package, clock pinned to verify_now), then the edge cases of
// the official checkers' order that the vectors do not cover, built from a worked example.
#include <zlib.h>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "server/auth/base64.h"
#include "server/auth/usersig_generator.h"
#include "server/auth/usersig_verifier.h"
#include "server/common/clock.h"

namespace trtc::auth {
namespace {

constexpr uint32_t kSdkappid = 1400000000;
constexpr char kKey[] = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
constexpr char kOtherKey[] = "560751327f3e51c9a8d9da9c4d1123331839267904736b676155819ef6571108";

// A worked example made with the official npm package: xiaojun, time 1700000000, expire 15552000.
constexpr char kExample[] =
    "eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwhWZiflZpXlQqeKU7MSCgswUJStDEwMogMiUZOamKlkZmqOKplYUZ"
    "BaBxE1NTY3gosWZ6UpWSj5ljuYp*p7l5unBxXnF2WVhVU4uAf7Ozi5JpX7O5SbuHuUhzgZJmQXaTia2SrUAohcx8g__";
constexpr char kExampleJson[] =
    R"({"TLS.ver":"2.0","TLS.identifier":"xiaojun","TLS.sdkappid":1400000000,)"
    R"("TLS.time":1700000000,"TLS.expire":15552000,)"
    R"("TLS.sig":"LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4="})";
constexpr char kExampleSigMember[] =
    R"(,"TLS.sig":"LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4=")";
constexpr int64_t kExampleTime = 1700000000;
constexpr int64_t kExampleDeadline = 1700000000 + 15552000;

// ---- Building variants of a UserSig ----------------------------------------------

std::string Compressed(const std::string& bytes, int level, int window_bits = 15) {
  z_stream stream{};
  EXPECT_EQ(deflateInit2(&stream, level, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&stream, bytes.size()) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

// A UserSig holding `json`, zlib-compressed at `level`.
std::string Packed(const std::string& json, int level = 6) {
  uLongf size = compressBound(json.size());
  std::string compressed(size, '\0');
  EXPECT_EQ(compress2(reinterpret_cast<Bytef*>(compressed.data()), &size,
                      reinterpret_cast<const Bytef*>(json.data()), json.size(), level),
            Z_OK);
  compressed.resize(size);
  return TencentBase64Encode(compressed);
}

// The zlib bytes of a UserSig.
std::string Unbased(const std::string& usersig) {
  std::string compressed;
  EXPECT_TRUE(TencentBase64Decode(usersig, &compressed));
  return compressed;
}

// The JSON document inside a UserSig.
std::string Inflated(const std::string& usersig) {
  const std::string compressed = Unbased(usersig);
  std::string json(1 << 20, '\0');
  uLongf size = json.size();
  EXPECT_EQ(uncompress(reinterpret_cast<Bytef*>(json.data()), &size,
                       reinterpret_cast<const Bytef*>(compressed.data()), compressed.size()),
            Z_OK);
  json.resize(size);
  return json;
}

std::string Replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from << " not in " << text;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

const char* NameOf(UserSigOutcome outcome) {
  switch (outcome) {
    case UserSigOutcome::kOk: return "kOk";
    case UserSigOutcome::kEmpty: return "kEmpty";
    case UserSigOutcome::kUndecodable: return "kUndecodable";
    case UserSigOutcome::kMalformed: return "kMalformed";
    case UserSigOutcome::kIdentifierMismatch: return "kIdentifierMismatch";
    case UserSigOutcome::kSdkappidMismatch: return "kSdkappidMismatch";
    case UserSigOutcome::kExpired: return "kExpired";
    case UserSigOutcome::kBadSignature: return "kBadSignature";
  }
  return "?";
}

// Every failure says why, and never shows the key.
void ExpectFailure(const UserSigVerdict& verdict, UserSigOutcome outcome, std::string what) {
  if (what.size() > 120) what = what.substr(0, 120) + "...";
  EXPECT_STREQ(NameOf(verdict.outcome), NameOf(outcome))
      << what << "\n  detail: " << verdict.detail;
  EXPECT_FALSE(verdict.detail.empty()) << what;
  EXPECT_EQ(verdict.detail.find(kKey), std::string::npos) << verdict.detail;
  EXPECT_EQ(verdict.detail.find(kOtherKey), std::string::npos) << verdict.detail;
}

// ---- The spec's vectors ------------------------------------------------------------

struct UserSigVector {
  std::string name;
  std::string usersig;
  uint32_t sdkappid = 0;
  std::string identifier;
  VerifyMode mode = VerifyMode::kUserSig;
  bool ok = false;
  UserSigOutcome outcome = UserSigOutcome::kOk;
};

struct VectorFile {
  bool loaded = false;
  int64_t verify_now = 0;
  std::string key;
  std::vector<UserSigVector> vectors;
};

// The vectors' error_codes names, as outcomes.
const std::map<std::string, UserSigOutcome>& OutcomesByName() {
  static const auto* outcomes = new std::map<std::string, UserSigOutcome>{
      {"OK", UserSigOutcome::kOk},
      {"EXPIRED", UserSigOutcome::kExpired},
      {"EMPTY", UserSigOutcome::kEmpty},
      {"UNDECODABLE", UserSigOutcome::kUndecodable},
      {"INVALID", UserSigOutcome::kMalformed},
      {"BAD_SIGNATURE", UserSigOutcome::kBadSignature},
      {"IDENTIFIER_MISMATCH", UserSigOutcome::kIdentifierMismatch},
      {"SDKAPPID_MISMATCH", UserSigOutcome::kSdkappidMismatch}};
  return *outcomes;
}

VectorFile ReadVectorFile() {
  VectorFile file;
  std::ifstream in(TRTC_TEST_DATA_DIR "/usersig-vectors.json");
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  rapidjson::Document parsed;
  parsed.Parse(text.data(), text.size());
  if (parsed.HasParseError() || !parsed.IsObject()) return file;
  // Read through const: RapidJSON 1.1's mutable member iterators are ambiguous in C++20.
  const rapidjson::Value& doc = parsed;
  // error code -> outcome, through the file's own table of names.
  std::map<int, UserSigOutcome> outcome_of_code;
  for (const auto& entry : doc["error_codes"].GetObject()) {
    auto known = OutcomesByName().find(entry.name.GetString());
    if (known == OutcomesByName().end()) return file;  // a name this test does not know
    outcome_of_code[entry.value.GetInt()] = known->second;
  }
  file.verify_now = doc["verify_now"].GetInt64();
  file.key = doc["app"]["key"].GetString();
  for (const auto& v : doc["vectors"].GetArray()) {
    UserSigVector vector;
    vector.name = v["name"].GetString();
    vector.usersig = v["usersig"].GetString();
    vector.sdkappid = v["verify"]["sdkappid"].GetUint();
    vector.identifier = v["verify"]["identifier"].GetString();
    if (std::string(v["verify"]["mode"].GetString()) == "privatemapkey") {
      vector.mode = VerifyMode::kPrivateMapKey;
    }
    vector.ok = v["expect"]["ok"].GetBool();
    auto outcome = outcome_of_code.find(v["expect"]["error_code"].GetInt());
    if (outcome == outcome_of_code.end()) return file;
    vector.outcome = outcome->second;
    file.vectors.push_back(std::move(vector));
  }
  file.loaded = true;
  return file;
}

const VectorFile& Vectors() {
  static const auto* file = new VectorFile(ReadVectorFile());
  return *file;
}

const UserSigVector& VectorNamed(const std::string& name) {
  for (const UserSigVector& vector : Vectors().vectors) {
    if (vector.name == name) return vector;
  }
  static const UserSigVector kNone;
  ADD_FAILURE() << "no vector " << name;
  return kNone;
}

TEST(UserSigVectorFileTest, LoadsAllVectors) {
  ASSERT_TRUE(Vectors().loaded) << "cannot read " TRTC_TEST_DATA_DIR "/usersig-vectors.json";
  EXPECT_EQ(Vectors().vectors.size(), 24u);
  EXPECT_EQ(Vectors().key, kKey);
}

void PrintTo(const UserSigVector& vector, std::ostream* out) { *out << vector.name; }

class UserSigVectorTest : public ::testing::TestWithParam<UserSigVector> {};

TEST_P(UserSigVectorTest, GivesTheExpectedOutcome) {
  const UserSigVector& vector = GetParam();
  SCOPED_TRACE(vector.name);
  ManualClock clock;
  clock.SetSeconds(Vectors().verify_now);
  const UserSigVerdict verdict = UserSigVerifier(clock).Verify(
      vector.usersig, vector.sdkappid, vector.identifier, Vectors().key, vector.mode);
  EXPECT_EQ(verdict.ok(), vector.ok);
  if (vector.ok) {
    EXPECT_EQ(verdict.outcome, UserSigOutcome::kOk) << verdict.detail;
    EXPECT_TRUE(verdict.detail.empty()) << verdict.detail;
  } else {
    ExpectFailure(verdict, vector.outcome, vector.name);
  }
}

INSTANTIATE_TEST_SUITE_P(Spec, UserSigVectorTest, ::testing::ValuesIn(Vectors().vectors),
                         [](const ::testing::TestParamInfo<UserSigVector>& info) {
                           return info.param.name;
                         });

TEST(UserSigVectorFileTest, APrivateMapKeyIsNotAUserSig) {
  ManualClock clock;
  clock.SetSeconds(Vectors().verify_now);
  UserSigVerifier verifier(clock);
  const UserSigVector& pmk = VectorNamed("privatemapkey_as_privatemapkey");
  const UserSigVerdict verdict = verifier.Verify(pmk.usersig, pmk.sdkappid, pmk.identifier, kKey);
  ExpectFailure(verdict, UserSigOutcome::kBadSignature, "PrivateMapKey in UserSig mode");
  EXPECT_NE(verdict.detail.find("TLS.userbuf"), std::string::npos) << verdict.detail;
  // A tampered userbuf fails the HMAC; a UserSig has no userbuf to check.
  const std::string json = Inflated(pmk.usersig);
  const std::string tampered =
      Replaced(json, "AAANYWRtaW5pc3RyYXRvclNyTgAAACcQakMHAAAAAP8AAAAA",
               "AAANYWRtaW5pc3RyYXRvclNyTgAAACcQakMHAAAAAf8AAAAA");
  ExpectFailure(verifier.Verify(Packed(tampered), kSdkappid, "administrator", kKey,
                                VerifyMode::kPrivateMapKey),
                UserSigOutcome::kBadSignature, "tampered userbuf");
  ExpectFailure(verifier.Verify(Packed(Replaced(json, "AAANYWRt", "!AANYWRt")), kSdkappid,
                                "administrator", kKey, VerifyMode::kPrivateMapKey),
                UserSigOutcome::kMalformed, "userbuf not base64");
  ExpectFailure(verifier.Verify(VectorNamed("valid_admin").usersig, kSdkappid, "administrator",
                                kKey, VerifyMode::kPrivateMapKey),
                UserSigOutcome::kMalformed, "UserSig in PrivateMapKey mode");
}

// ---- The worked example and its variants ---------------------------------------------

class UserSigVerifierTest : public ::testing::Test {
 protected:
  UserSigVerdict Verify(const std::string& usersig, const std::string& identifier = "xiaojun",
                        const char* key = kKey) {
    return verifier_.Verify(usersig, kSdkappid, identifier, key);
  }
  void ExpectOk(const std::string& usersig, const std::string& what) {
    const UserSigVerdict verdict = Verify(usersig);
    EXPECT_TRUE(verdict.ok()) << what << "\n  detail: " << verdict.detail;
  }
  void ExpectJsonFails(const std::string& json, UserSigOutcome outcome) {
    ExpectFailure(Verify(Packed(json)), outcome, json);
  }

  ManualClock clock_{kExampleTime * 1000};
  UserSigVerifier verifier_{clock_};
};

TEST_F(UserSigVerifierTest, WorkedExampleIsValidUpToAndIncludingTimePlusExpire) {
  for (int64_t now : {kExampleTime, kExampleDeadline - 1, kExampleDeadline}) {
    clock_.SetSeconds(now);
    ExpectOk(kExample, "now " + std::to_string(now));
  }
  clock_.SetMillis(kExampleDeadline * 1000 + 999);  // whole seconds count
  ExpectOk(kExample, "999 ms past the deadline");
  clock_.SetSeconds(kExampleDeadline + 1);
  const UserSigVerdict verdict = Verify(kExample);
  ExpectFailure(verdict, UserSigOutcome::kExpired, "one second late");
  EXPECT_EQ(verdict.detail,
            "expired: time 1700000000 + expire 15552000 = 1715552000 < now 1715552001");
}

TEST_F(UserSigVerifierTest, ExpiryIsCheckedBeforeTheSignature) {
  ExpectFailure(Verify(kExample, "xiaojun", kOtherKey), UserSigOutcome::kBadSignature, "wrong key");
  clock_.SetSeconds(kExampleDeadline + 1);
  ExpectFailure(Verify(kExample, "xiaojun", kOtherKey), UserSigOutcome::kExpired,
                "wrong key, expired");
}

TEST_F(UserSigVerifierTest, NoNotBeforeCheck) {
  clock_.SetSeconds(0);
  ExpectOk(kExample, "made in the future");
}

TEST_F(UserSigVerifierTest, MismatchesNameBothSides) {
  UserSigVerdict verdict = Verify(kExample, "bob");
  ExpectFailure(verdict, UserSigOutcome::kIdentifierMismatch, "bob");
  EXPECT_EQ(verdict.detail, R"(identifier mismatch: request has "bob", UserSig has "xiaojun")");
  verdict = verifier_.Verify(kExample, kSdkappid + 1, "xiaojun", kKey);
  ExpectFailure(verdict, UserSigOutcome::kSdkappidMismatch, "sdkappid");
  EXPECT_EQ(verdict.detail, "sdkappid mismatch: request has 1400000001, UserSig has 1400000000");
  // Identifiers compare as bytes: no case folding, no trimming.
  ExpectFailure(Verify(kExample, "XiaoJun"), UserSigOutcome::kIdentifierMismatch, "case");
  ExpectFailure(Verify(kExample, "xiaojun "), UserSigOutcome::kIdentifierMismatch, "space");
  ExpectFailure(Verify(kExample, std::string("xiaojun\0", 8)), UserSigOutcome::kIdentifierMismatch,
                "NUL");
}

TEST_F(UserSigVerifierTest, AcceptsAnyZlibLevelIncludingStoredBlocks) {
  const std::string json = Inflated(kExample);
  ASSERT_EQ(json, kExampleJson);
  for (int level : {0, 1, 9}) {
    const std::string sig = Packed(json, level);
    EXPECT_NE(sig, kExample);
    ExpectOk(sig, "level " + std::to_string(level));
  }
}

// The C++ library's member order; Go's order with its trailing newline, Python's
// separators and PHP's "\/"; a \u escape, as Python and PHP write non-ASCII.
TEST_F(UserSigVerifierTest, AcceptsEveryOfficialLibrarysJsonLayout) {
  ExpectOk(Packed(R"({"TLS.ver":"2.0","TLS.sdkappid":1400000000,"TLS.identifier":"xiaojun",)"
                  R"("TLS.time":1700000000,"TLS.expire":15552000,)"
                  R"("TLS.sig":"LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4="})"),
           "C++ order");
  ExpectOk(Packed(R"({"TLS.ver": "2.0", "TLS.identifier": "xiaojun", "TLS.sdkappid": 1400000000, )"
                  R"("TLS.expire": 15552000, "TLS.time": 1700000000, )"
                  R"("TLS.sig": "LvA7d\/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4="})"
                  "\n"),
           "Go / Python / PHP order");
  ExpectOk(Packed(Replaced(kExampleJson, R"("xiaojun")", R"("\u0078iaojun")")), "\\u escape");
}

TEST_F(UserSigVerifierTest, UnicodeEscapesDecodeToUtf8) {
  const std::string identifier = "Ωmega_用户_😀";
  const std::string json =
      Inflated(GenerateUserSig(kSdkappid, kKey, identifier, 86400, kExampleTime));
  const std::string escaped = Replaced(json, "\"" + identifier + "\"",
                                       R"("\u03a9mega_\u7528\u6237_\ud83d\ude00")");
  const UserSigVerdict verdict = verifier_.Verify(Packed(escaped), kSdkappid, identifier, kKey);
  EXPECT_TRUE(verdict.ok()) << verdict.detail;
}

TEST_F(UserSigVerifierTest, WhitespaceInTheUserSigIsSkipped) {
  std::string spaced = kExample;
  spaced.insert(100, "\t");
  spaced.insert(60, "\r\n");
  spaced.insert(20, " ");
  ExpectOk(" " + spaced + "\n", "whitespace");
}

TEST_F(UserSigVerifierTest, StandardBase64AlphabetIsAccepted) {
  std::string standard = kExample;
  for (char& c : standard) c = c == '*' ? '+' : c == '-' ? '/' : c == '_' ? '=' : c;
  ASSERT_NE(standard.find('+'), std::string::npos);
  ExpectOk(standard, "standard alphabet");
  // A '+' that a form decoder turned into a space is skipped, not restored: undecodable.
  for (char& c : standard) c = c == '+' ? ' ' : c;
  ExpectFailure(Verify(standard), UserSigOutcome::kUndecodable, "'+' read as a space");
}

TEST_F(UserSigVerifierTest, UndecodableBase64) {
  const std::string example = kExample;
  ExpectFailure(Verify(example.substr(0, example.size() - 2)), UserSigOutcome::kUndecodable,
                "unpadded");
  ExpectFailure(Verify("AA__" + example), UserSigOutcome::kUndecodable, "padding in the middle");
  ExpectFailure(Verify(Replaced(example, "eJyr", "eJy%")), UserSigOutcome::kUndecodable,
                "percent sign");
  ExpectFailure(Verify(Replaced(example, "*", "%2A")), UserSigOutcome::kUndecodable,
                "still percent-encoded");
}

TEST_F(UserSigVerifierTest, OnlyACompleteZlibStreamDecodes) {
  const std::string json = kExampleJson;
  ExpectFailure(Verify(TencentBase64Encode(Compressed(json, 6, 16 + 15))),
                UserSigOutcome::kUndecodable, "gzip wrapper");
  ExpectFailure(Verify(TencentBase64Encode(Compressed(json, 6, -15))),
                UserSigOutcome::kUndecodable, "raw deflate");
  ExpectFailure(Verify(TencentBase64Encode(json)), UserSigOutcome::kUndecodable, "not compressed");
  const std::string compressed = Unbased(kExample);
  for (size_t cut : {size_t{1}, size_t{4}, compressed.size() / 2, compressed.size() - 2}) {
    ExpectFailure(Verify(TencentBase64Encode(compressed.substr(0, compressed.size() - cut))),
                  UserSigOutcome::kUndecodable, "cut by " + std::to_string(cut));
  }
  std::string bad_adler = compressed;
  bad_adler.back() ^= 1;
  ExpectFailure(Verify(TencentBase64Encode(bad_adler)), UserSigOutcome::kUndecodable, "adler32");
  ExpectFailure(Verify(TencentBase64Encode("")), UserSigOutcome::kEmpty, "nothing at all");
  ExpectFailure(Verify("____"), UserSigOutcome::kUndecodable, "only padding");
  // Like uncompress(), bytes after the end of the stream are ignored.
  ExpectOk(TencentBase64Encode(compressed + "trailing"), "trailing bytes");
}

TEST_F(UserSigVerifierTest, InflatedSizeIsCappedAt64KiB) {
  const std::string json = kExampleJson;
  // Whitespace keeps the document valid, so only the size decides.
  const std::string at_cap = "{" + std::string(65536 - json.size(), ' ') + json.substr(1);
  ASSERT_EQ(at_cap.size(), 65536u);
  ExpectOk(Packed(at_cap, 9), "exactly 64 KiB");
  ExpectFailure(Verify(Packed(" " + at_cap, 9)), UserSigOutcome::kUndecodable, "64 KiB + 1");
  ExpectFailure(Verify(Packed(std::string(16 << 20, ' ') + json, 9)), UserSigOutcome::kUndecodable,
                "a 16 MiB bomb");
}

TEST_F(UserSigVerifierTest, DeepNestingIsMalformedNotACrash) {
  ExpectJsonFails(std::string(32000, '[') + std::string(32000, ']'), UserSigOutcome::kMalformed);
  ExpectJsonFails("{\"a\":" + std::string(65000, '['), UserSigOutcome::kMalformed);
}

TEST_F(UserSigVerifierTest, NotAJsonObjectIsMalformed) {
  for (const char* json : {"hello", "", "[1,2,3]", R"("TLS.ver")", "42", "null", "{", "{}{}",
                           R"({"TLS.ver":"2.0",})"}) {
    ExpectJsonFails(json, UserSigOutcome::kMalformed);
  }
}

// An old v1 (ECDSA) document goes down the ECDSA path, which fails for want of
// the app's public key; a document that is not even signed is malformed.
TEST_F(UserSigVerifierTest, VersionOtherThan2Point0) {
  const std::string json = kExampleJson;
  ExpectJsonFails(Replaced(json, R"("TLS.ver":"2.0")", R"("TLS.ver":"1.0")"),
                  UserSigOutcome::kBadSignature);
  ExpectJsonFails(Replaced(json, R"("TLS.ver":"2.0")", R"("TLS.ver":2.0)"),
                  UserSigOutcome::kBadSignature);
  ExpectJsonFails(Replaced(json, R"("TLS.ver":"2.0",)", ""), UserSigOutcome::kBadSignature);
  ExpectJsonFails(
      R"({"TLS.account_type":"0","TLS.identifier":"xiaojun","TLS.appid_at_3rd":"0",)"
      R"("TLS.sdk_appid":"1400000000","TLS.expire_after":"15552000",)"
      R"("TLS.version":"201803230000","TLS.time":"1700000000",)"
      R"("TLS.sig":"MEUCIQDMxDKnQWUl0SDUsZDDO0GUOcozQ0Au4m1nJ+rbuHyDfQIgHS7mm+v6MBf3Ffn4aZQ+)"
      R"(AJgLUfxm1RQJkjIO0GzZ7v4="})",
      UserSigOutcome::kBadSignature);
  ExpectJsonFails(R"({"TLS.ver":"1.0"})", UserSigOutcome::kMalformed);
  ExpectJsonFails(R"({"a":1})", UserSigOutcome::kMalformed);
  ExpectJsonFails(Replaced(Replaced(json, R"("TLS.ver":"2.0",)", ""), R"("TLS.sig":)",
                           R"("TLS.signature":)"),
                  UserSigOutcome::kMalformed);
}

TEST_F(UserSigVerifierTest, MissingOrMistypedMembersAreMalformed) {
  const std::string json = kExampleJson;
  const std::pair<std::string, std::string> edits[] = {
      {R"("xiaojun")", "7"},
      {R"("TLS.identifier":"xiaojun")", R"("TLS.user":"xiaojun")"},
      {"1400000000", "\"1400000000\""},
      {"1400000000", "1400000000.0"},
      {"1400000000", "1.4e9"},
      {"1400000000", "4294967296"},
      {"1400000000", "-1"},
      {R"("TLS.sdkappid":1400000000,)", ""},
      {"1700000000", "\"1700000000\""},
      {"1700000000", "1700000000.5"},
      {"1700000000", "9223372036854775808"},  // beyond int64
      {"1700000000", "01700000000"},          // not JSON: a leading zero
      {R"("TLS.time":1700000000,)", ""},
      {"15552000", "\"15552000\""},
      {"15552000", "null"},
      {R"("TLS.expire":15552000,)", ""},
      {R"("LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4=")", "5"},
      {kExampleSigMember, ""},
  };
  for (const auto& [from, to] : edits) {
    ExpectJsonFails(Replaced(json, from, to), UserSigOutcome::kMalformed);
  }
}

// Expiry is only checked with well-typed members, but before TLS.sig is even looked at.
TEST_F(UserSigVerifierTest, ExpiredBeatsAMissingSignature) {
  clock_.SetSeconds(kExampleDeadline + 1);
  ExpectJsonFails(Replaced(kExampleJson, kExampleSigMember, ""), UserSigOutcome::kExpired);
}

TEST_F(UserSigVerifierTest, TamperingBreaksTheSignature) {
  const std::string json = kExampleJson;
  const std::pair<std::string, std::string> edits[] = {
      {"1700000000", "1700000001"},                          // time
      {"15552000", "15552001"},                              // expire
      {"LvA7d/", "LvA7e/"},                                  // one character of the sig
      {"bip+B4=", "bip+B4"},                                 // sig shorter
      {"bip+B4=", "bip+B4=="},                               // sig longer
      {R"("LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4=")", R"("")"},  // sig empty
      {R"("LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4=")",
       R"("LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip*B4_")"},  // sig in Tencent's alphabet
  };
  for (const auto& [from, to] : edits) {
    ExpectJsonFails(Replaced(json, from, to), UserSigOutcome::kBadSignature);
  }
  const UserSigVerdict verdict = Verify(Packed(Replaced(json, "1700000000", "1700000001")));
  EXPECT_NE(verdict.detail.find("time 1700000001"), std::string::npos) << verdict.detail;
}

TEST_F(UserSigVerifierTest, TheKeyIsUsedAsTextNotHex) {
  constexpr char kUpperCaseKey[] =
      "5BD2850FFF3ECB11D7C805251C51EE463A25727BDDC2385F3FA8BFEE1BB93B5E";
  ExpectFailure(Verify(kExample, "xiaojun", kUpperCaseKey), UserSigOutcome::kBadSignature,
                "upper-case key");
  ExpectFailure(Verify(kExample, "xiaojun", ""), UserSigOutcome::kBadSignature, "empty key");
}

TEST_F(UserSigVerifierTest, DetailsQuoteStrangeIdentifiersSafely) {
  const std::string long_name(300, 'x');
  UserSigVerdict verdict = Verify(kExample, long_name);
  ExpectFailure(verdict, UserSigOutcome::kIdentifierMismatch, "long");
  EXPECT_LT(verdict.detail.size(), 200u) << verdict.detail;
  EXPECT_NE(verdict.detail.find("(300 bytes)"), std::string::npos) << verdict.detail;
  verdict = Verify(kExample, "evil\n\"name\"");
  EXPECT_EQ(verdict.detail.find('\n'), std::string::npos) << verdict.detail;
  EXPECT_NE(verdict.detail.find(R"("evil\x0a\"name\"")"), std::string::npos) << verdict.detail;
}

// ---- Lifetimes at the edges of int64 -------------------------------------------------

TEST_F(UserSigVerifierTest, NegativeAndHugeLifetimes) {
  const int64_t kMax = std::numeric_limits<int64_t>::max();
  const int64_t kMin = std::numeric_limits<int64_t>::min();
  clock_.SetSeconds(kExampleTime);
  ExpectFailure(Verify(GenerateUserSig(kSdkappid, kKey, "xiaojun", -1, kExampleTime)),
                UserSigOutcome::kExpired, "expire -1");
  ExpectOk(GenerateUserSig(kSdkappid, kKey, "xiaojun", 0, kExampleTime), "expire 0, same second");
  ExpectOk(GenerateUserSig(kSdkappid, kKey, "xiaojun", kMax, kExampleTime),
           "time + expire overflows");
  ExpectOk(GenerateUserSig(kSdkappid, kKey, "xiaojun", kMax, kMax), "both at the maximum");
  ExpectFailure(Verify(GenerateUserSig(kSdkappid, kKey, "xiaojun", kMin, -1)),
                UserSigOutcome::kExpired, "underflows");
  ExpectFailure(Verify(GenerateUserSig(kSdkappid, kKey, "xiaojun", kMin, kMin)),
                UserSigOutcome::kExpired, "both at the minimum");
}

// ---- The generator -------------------------------------------------------------------

// The package's document, byte for byte; the zlib bytes around it cannot be: Node
// bundles Chromium's zlib, whose 4-byte hash never finds the two 3-byte matches that
// stock zlib finds here (136 bytes against 134; same level, same header).
TEST(UserSigGeneratorTest, MakesThePackagesDocumentForTheWorkedExample) {
  const std::string sig = GenerateUserSig(kSdkappid, kKey, "xiaojun", 15552000, kExampleTime);
  EXPECT_EQ(Inflated(sig), kExampleJson);
  EXPECT_EQ(Inflated(kExample), kExampleJson);
  const std::string compressed = Unbased(sig);
  ASSERT_GE(compressed.size(), 2u);
  EXPECT_EQ(compressed.substr(0, 2), "\x78\x9c");  // zlib, level 6
  EXPECT_EQ(sig.find_first_not_of(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789*-_"),
            std::string::npos);
  ManualClock clock(kExampleTime * 1000);
  EXPECT_TRUE(UserSigVerifier(clock).Verify(sig, kSdkappid, "xiaojun", kKey).ok());
}

TEST(UserSigGeneratorTest, MakesThePackagesDocumentForEveryOfficialVector) {
  ASSERT_TRUE(Vectors().loaded);
  const std::string names[] = {"valid_admin", "valid_user", "valid_unicode_identifier",
                               "valid_future_time", "valid_expire_zero_until_time", "expired",
                               "expired_expire_zero", "expired_negative_expire"};
  for (const std::string& name : names) {
    SCOPED_TRACE(name);
    const std::string official = Inflated(VectorNamed(name).usersig);
    rapidjson::Document doc;
    doc.Parse(official.data(), official.size());
    ASSERT_TRUE(doc.IsObject());
    const std::string sig =
        GenerateUserSig(doc["TLS.sdkappid"].GetUint(), kKey, doc["TLS.identifier"].GetString(),
                        doc["TLS.expire"].GetInt64(), doc["TLS.time"].GetInt64());
    EXPECT_EQ(Inflated(sig), official);
  }
}

TEST(UserSigGeneratorTest, RoundTripsAnyIdentifier) {
  ManualClock clock(kExampleTime * 1000);
  UserSigVerifier verifier(clock);
  const std::string identifiers[] = {"administrator", "Ωmega_用户_😀", "quote\"back\\slash",
                                     "a b+c/d", "tab\there\x01", "</script>", ""};
  for (const std::string& identifier : identifiers) {
    const std::string sig = GenerateUserSig(kSdkappid, kKey, identifier, 86400, kExampleTime);
    const UserSigVerdict verdict = verifier.Verify(sig, kSdkappid, identifier, kKey);
    EXPECT_TRUE(verdict.ok()) << identifier << ": " << verdict.detail;
    ExpectFailure(verifier.Verify(sig, kSdkappid, identifier + "2", kKey),
                  UserSigOutcome::kIdentifierMismatch, identifier);
  }
  EXPECT_NE(Inflated(GenerateUserSig(kSdkappid, kKey, "q\"b\\", 1, 1)).find(R"("q\"b\\")"),
            std::string::npos);
}

}  // namespace
}  // namespace trtc::auth
