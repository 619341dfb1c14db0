#include "server/auth/usersig_verifier.h"

#include <openssl/crypto.h>
#include <zlib.h>

#include <algorithm>
#include <climits>
#include <cstddef>
#include <cstdio>
#include <limits>
#include <optional>
#include <string>
#include <utility>

#include "server/auth/base64.h"
#include "server/auth/usersig_signature.h"
#include "server/common/json.h"

namespace trtc::auth {
namespace {

using json::Value;

// Official sigs inflate to a few hundred bytes; anything bigger is not a UserSig.
constexpr size_t kMaxInflatedBytes = 64 * 1024;
// Longest document or request string quoted whole in a detail.
constexpr size_t kMaxQuotedBytes = 64;

UserSigVerdict Fail(UserSigOutcome outcome, std::string detail) {
  return UserSigVerdict{outcome, std::move(detail)};
}

// zlib format only (RFC 1950 header and adler32), as uncompress() in the official
// checker: raw deflate and gzip fail the header check. Bytes after the stream are
// ignored, as uncompress() ignores them.
bool Inflate(std::string_view compressed, std::string* out, std::string* why) {
  if (compressed.size() > UINT_MAX) {
    *why = "too long for zlib";
    return false;
  }
  z_stream stream{};
  if (inflateInit(&stream) != Z_OK) {
    *why = "zlib could not start";
    return false;
  }
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  // One byte of room past the cap, so that "too big" is seen rather than guessed.
  constexpr size_t kRoom = kMaxInflatedBytes + 1;
  out->resize(std::min(kRoom, std::max<size_t>(256, compressed.size() * 4)));
  size_t produced = 0;
  int result = Z_OK;
  while (result == Z_OK && produced < kRoom) {
    if (produced == out->size()) out->resize(std::min(kRoom, out->size() * 2));
    stream.next_out = reinterpret_cast<Bytef*>(out->data() + produced);
    stream.avail_out = static_cast<uInt>(out->size() - produced);
    result = inflate(&stream, Z_NO_FLUSH);
    produced = out->size() - stream.avail_out;
  }
  const std::string zlib_message = stream.msg ? stream.msg : "";
  inflateEnd(&stream);
  out->resize(produced);
  if (produced > kMaxInflatedBytes) {
    *why = "inflates to more than " + std::to_string(kMaxInflatedBytes) + " bytes";
    return false;
  }
  if (result == Z_STREAM_END) return true;
  if (result == Z_BUF_ERROR) {
    *why = "the zlib stream is cut short";
  } else if (result == Z_NEED_DICT) {
    *why = "the zlib stream needs a preset dictionary";
  } else {
    *why = "not a zlib stream (" +
           (zlib_message.empty() ? "error " + std::to_string(result) : zlib_message) + ")";
  }
  return false;
}

// A document or request string for a log line: quoted, control bytes escaped, and cut
// short, since it may be 64 KiB long.
std::string Quoted(std::string_view text) {
  size_t shown = std::min(text.size(), kMaxQuotedBytes);
  // Back off to a character boundary: a UTF-8 sequence is not split.
  while (shown > 0 && shown < text.size() &&
         (static_cast<unsigned char>(text[shown]) & 0xc0) == 0x80) {
    --shown;
  }
  std::string out = "\"";
  for (char c : text.substr(0, shown)) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", u);
      out += hex;
    } else {
      out += c;
    }
  }
  out += '"';
  if (shown < text.size()) out += "... (" + std::to_string(text.size()) + " bytes)";
  return out;
}


// What a member holds, for "expected X, found Y" details.
std::string Found(const Value* value) {
  if (value == nullptr) return "nothing (member missing)";
  if (value->IsString()) return "the string " + Quoted(json::Text(*value));
  if (value->IsInt64()) return "the number " + std::to_string(value->GetInt64());
  if (value->IsUint64()) return "the number " + std::to_string(value->GetUint64());
  if (value->IsNumber()) {
    char number[32];
    std::snprintf(number, sizeof number, "%.17g", value->GetDouble());
    return std::string("the number ") + number;
  }
  if (value->IsBool()) return value->GetBool() ? "true" : "false";
  if (value->IsNull()) return "null";
  return value->IsObject() ? "an object" : "an array";
}


UserSigVerdict Mistyped(const char* member, const char* expected, const Value* found) {
  return Fail(UserSigOutcome::kMalformed,
              std::string(member) + ": expected " + expected + ", found " + Found(found));
}

// time + expire, saturated to the int64 range: exact for any time the clock can tell.
int64_t Deadline(int64_t time, int64_t expire) {
  int64_t sum;
  if (!__builtin_add_overflow(time, expire, &sum)) return sum;
  return expire < 0 ? std::numeric_limits<int64_t>::min() : std::numeric_limits<int64_t>::max();
}

// Whether `sig` is the standard base64 of HMAC-SHA256(key bytes, text). Constant time
// over the digest, so that timing tells nothing of how much of a forged sig was right.
bool SignatureMatches(std::string_view key, const std::string& text, std::string_view sig) {
  const std::string expected = Signature(key, text);
  return !expected.empty() && sig.size() == expected.size() &&
         CRYPTO_memcmp(sig.data(), expected.data(), expected.size()) == 0;
}

// Steps 2-3: Tencent base64, then zlib. `json` comes back NUL-terminated (std::string).
UserSigVerdict DecodeDocument(std::string_view usersig, std::string* json) {
  std::string compressed, why;
  if (!TencentBase64Decode(usersig, &compressed, &why)) {
    return Fail(UserSigOutcome::kUndecodable, "not base64url (A-Z a-z 0-9 * - _): " + why);
  }
  if (!Inflate(compressed, json, &why)) {
    return Fail(UserSigOutcome::kUndecodable, "base64url decodes, but " + why);
  }
  return {};
}

// Step 5. The official checker sends a document without TLS.ver "2.0" down the v1
// (ECDSA) path, which can only fail here, for want of the app's public key: a signed
// document is then a bad signature, an unsigned one malformed.
UserSigVerdict CheckVersion(const Value& doc) {
  const Value* ver = json::Find(doc, "TLS.ver");
  if (ver && ver->IsString() && json::Text(*ver) == "2.0") return {};
  const Value* sig = json::Find(doc, "TLS.sig");
  if (sig && sig->IsString()) {
    return Fail(UserSigOutcome::kBadSignature,
                "TLS.ver: expected \"2.0\", found " + Found(ver) +
                    ": an old (v1, ECDSA) UserSig, which needs a public key the emulator lacks");
  }
  return Fail(UserSigOutcome::kMalformed, "TLS.ver: expected \"2.0\", found " + Found(ver) +
                                              ", and no string TLS.sig: not a UserSig");
}

// Steps 6-7: the document is for the request's user of the request's app.
UserSigVerdict CheckAddressee(const Value& doc, uint32_t sdkappid, std::string_view identifier) {
  const Value* doc_identifier = json::Find(doc, "TLS.identifier");
  if (!doc_identifier || !doc_identifier->IsString()) {
    return Mistyped("TLS.identifier", "a string", doc_identifier);
  }
  if (json::Text(*doc_identifier) != identifier) {
    return Fail(UserSigOutcome::kIdentifierMismatch,
                "identifier mismatch: request has " + Quoted(identifier) + ", UserSig has " +
                    Quoted(json::Text(*doc_identifier)));
  }
  const Value* doc_sdkappid = json::Find(doc, "TLS.sdkappid");
  if (!doc_sdkappid || !doc_sdkappid->IsUint()) {
    return Mistyped("TLS.sdkappid", "an unsigned 32-bit integer", doc_sdkappid);
  }
  if (doc_sdkappid->GetUint() != sdkappid) {
    return Fail(UserSigOutcome::kSdkappidMismatch,
                "sdkappid mismatch: request has " + std::to_string(sdkappid) + ", UserSig has " +
                    std::to_string(doc_sdkappid->GetUint()));
  }
  return {};
}

// Steps 8-9: time and expire are integers, and now is not past time + expire. Before the
// HMAC, as in every official checker: an expired sig with the wrong key is "expired".
UserSigVerdict CheckLifetime(const Value& doc, const Clock& clock, int64_t* time,
                             int64_t* expire) {
  const Value* doc_time = json::Find(doc, "TLS.time");
  if (!doc_time || !doc_time->IsInt64()) return Mistyped("TLS.time", "an integer", doc_time);
  const Value* doc_expire = json::Find(doc, "TLS.expire");
  if (!doc_expire || !doc_expire->IsInt64()) {
    return Mistyped("TLS.expire", "an integer", doc_expire);
  }
  *time = doc_time->GetInt64();
  *expire = doc_expire->GetInt64();
  const int64_t deadline = Deadline(*time, *expire);
  const int64_t now = clock.NowSeconds();
  if (now <= deadline) return {};
  return Fail(UserSigOutcome::kExpired,
              "expired: time " + std::to_string(*time) + " + expire " + std::to_string(*expire) +
                  " = " + std::to_string(deadline) + " < now " + std::to_string(now));
}

// Steps 10-12: TLS.sig (and in PrivateMapKey mode TLS.userbuf) present, then the HMAC over
// the request's identifier and sdkappid and the document's time and expire.
UserSigVerdict CheckSignature(const Value& doc, uint32_t sdkappid, std::string_view identifier,
                              int64_t time, int64_t expire, std::string_view key,
                              VerifyMode mode) {
  const Value* sig = json::Find(doc, "TLS.sig");
  if (!sig || !sig->IsString()) return Mistyped("TLS.sig", "a string", sig);
  const Value* userbuf = json::Find(doc, "TLS.userbuf");
  std::optional<std::string_view> signed_userbuf;
  if (mode == VerifyMode::kPrivateMapKey) {
    if (!userbuf || !userbuf->IsString()) {
      return Mistyped("TLS.userbuf", "a base64 string (PrivateMapKey mode)", userbuf);
    }
    std::string bytes, why;
    if (!Base64Decode(json::Text(*userbuf), &bytes, &why)) {
      return Fail(UserSigOutcome::kMalformed, "TLS.userbuf is not base64: " + why);
    }
    signed_userbuf = json::Text(*userbuf);
  }
  const std::string text = SignedText(identifier, sdkappid, time, expire, signed_userbuf);
  if (SignatureMatches(key, text, json::Text(*sig))) return {};
  std::string detail = "signature mismatch: TLS.sig is not HMAC-SHA256, under this app's key, "
                       "of identifier " + Quoted(identifier) + ", sdkappid " +
                       std::to_string(sdkappid) + ", time " + std::to_string(time) +
                       ", expire " + std::to_string(expire) +
                       (signed_userbuf ? " and TLS.userbuf" : "") +
                       " (made with another app's key, or a field changed after signing)";
  if (mode == VerifyMode::kUserSig && userbuf) {
    detail += "; the document has a TLS.userbuf: a PrivateMapKey, not a UserSig?";
  }
  return Fail(UserSigOutcome::kBadSignature, std::move(detail));
}

}  // namespace

UserSigVerdict UserSigVerifier::Verify(std::string_view usersig, uint32_t sdkappid,
                                       std::string_view identifier, std::string_view key,
                                       VerifyMode mode) const {
  if (usersig.empty()) return Fail(UserSigOutcome::kEmpty, "usersig is empty");
  std::string json;
  if (UserSigVerdict verdict = DecodeDocument(usersig, &json); !verdict.ok()) return verdict;

  // Step 4. Strings are taken as bytes, as the official checkers take them.
  json::Body body;
  if (Status parsed = body.Parse(json, "the inflated document", json::Body::Encoding::kBytes);
      !parsed.ok()) {
    return Fail(UserSigOutcome::kMalformed, parsed.message());
  }
  const Value& doc = body.root();

  if (UserSigVerdict verdict = CheckVersion(doc); !verdict.ok()) return verdict;
  if (UserSigVerdict verdict = CheckAddressee(doc, sdkappid, identifier); !verdict.ok()) {
    return verdict;
  }

  int64_t time = 0, expire = 0;
  if (UserSigVerdict verdict = CheckLifetime(doc, clock_, &time, &expire); !verdict.ok()) {
    return verdict;
  }
  UserSigVerdict verdict = CheckSignature(doc, sdkappid, identifier, time, expire, key, mode);
  if (verdict.ok()) verdict.deadline = Deadline(time, expire);
  return verdict;
}

}  // namespace trtc::auth
