#include "server/auth/usersig_verifier.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <zlib.h>

#include <limits>
#include <string>

#include <rapidjson/document.h>

#include "server/auth/base64.h"

namespace trtc::auth {
namespace {

// Official sigs inflate to a few hundred bytes; anything bigger is not a UserSig.
constexpr size_t kMaxInflatedBytes = 64 * 1024;

UserSigVerdict Fail(UserSigOutcome outcome, std::string detail) {
  return UserSigVerdict{outcome, std::move(detail)};
}

// zlib format only (RFC 1950 header and adler32): raw deflate and gzip are rejected, as
// uncompress() in the official checker rejects them. Bytes after the stream are ignored.
bool Inflate(std::string_view compressed, std::string* out, std::string* why) {
  z_stream stream{};
  if (inflateInit(&stream) != Z_OK) {
    *why = "zlib could not start";
    return false;
  }
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  out->clear();
  char chunk[4096];
  int result = Z_OK;
  while (result == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk);
    stream.avail_out = sizeof chunk;
    result = inflate(&stream, Z_NO_FLUSH);
    out->append(chunk, sizeof chunk - stream.avail_out);
    if (out->size() > kMaxInflatedBytes) {
      inflateEnd(&stream);
      *why = "inflates to more than " + std::to_string(kMaxInflatedBytes) + " bytes";
      return false;
    }
    if (result == Z_BUF_ERROR && stream.avail_in == 0) break;  // truncated input
  }
  inflateEnd(&stream);
  if (result != Z_STREAM_END) {
    *why = std::string("not a complete zlib stream (") + (stream.msg ? stream.msg : "truncated") + ")";
    return false;
  }
  return true;
}

std::string_view StringOf(const rapidjson::Value& value) {
  return std::string_view(value.GetString(), value.GetStringLength());
}

const rapidjson::Value* Member(const rapidjson::Value& doc, const char* name) {
  auto it = doc.FindMember(name);
  return it == doc.MemberEnd() ? nullptr : &it->value;
}

std::string Quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

// Base64 of HMAC-SHA256(key bytes, text): what TLS.sig holds.
std::string HmacBase64(std::string_view key, const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest, &length);
  return Base64Encode(std::string_view(reinterpret_cast<const char*>(digest), length));
}

}  // namespace

UserSigVerdict UserSigVerifier::Verify(std::string_view usersig, uint32_t sdkappid,
                                       std::string_view identifier, std::string_view key,
                                       VerifyMode mode) const {
  // Steps 1-3: present, base64url, zlib.
  if (usersig.empty()) return Fail(UserSigOutcome::kEmpty, "usersig is empty");
  std::string compressed;
  if (!TencentBase64Decode(usersig, &compressed)) {
    return Fail(UserSigOutcome::kUndecodable,
                "not base64url: " + std::to_string(usersig.size()) +
                    " characters, expected a multiple of 4 from A-Z a-z 0-9 * - _");
  }
  std::string json, why;
  if (!Inflate(compressed, &json, &why)) return Fail(UserSigOutcome::kUndecodable, why);

  // Step 4: a JSON object.
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseIterativeFlag>(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    return Fail(UserSigOutcome::kMalformed, "inflated content is not a JSON object");
  }
  // Step 5: version 2.0. The official checker sends anything else down the v1 (ECDSA)
  // path, which fails its signature check without the app's public key.
  const rapidjson::Value* ver = Member(doc, "TLS.ver");
  if (!ver || !ver->IsString() || StringOf(*ver) != "2.0") {
    const rapidjson::Value* sig = Member(doc, "TLS.sig");
    const bool v1_shaped = sig && sig->IsString();
    return Fail(v1_shaped ? UserSigOutcome::kBadSignature : UserSigOutcome::kMalformed,
                "TLS.ver is not \"2.0\": not a TLSSigAPIv2 UserSig");
  }
  // Step 6: identifier.
  const rapidjson::Value* doc_identifier = Member(doc, "TLS.identifier");
  if (!doc_identifier || !doc_identifier->IsString()) {
    return Fail(UserSigOutcome::kMalformed, "TLS.identifier missing or not a string");
  }
  if (StringOf(*doc_identifier) != identifier) {
    return Fail(UserSigOutcome::kIdentifierMismatch,
                "identifier mismatch: request has " + Quoted(identifier) + ", UserSig has " +
                    Quoted(StringOf(*doc_identifier)));
  }
  // Step 7: sdkappid.
  const rapidjson::Value* doc_sdkappid = Member(doc, "TLS.sdkappid");
  if (!doc_sdkappid || !doc_sdkappid->IsUint()) {
    return Fail(UserSigOutcome::kMalformed, "TLS.sdkappid missing or not an unsigned 32-bit number");
  }
  if (doc_sdkappid->GetUint() != sdkappid) {
    return Fail(UserSigOutcome::kSdkappidMismatch,
                "sdkappid mismatch: request has " + std::to_string(sdkappid) + ", UserSig has " +
                    std::to_string(doc_sdkappid->GetUint()));
  }
  // Steps 8-9: time and expire, then expiry (before the HMAC, as every official checker).
  const rapidjson::Value* time = Member(doc, "TLS.time");
  const rapidjson::Value* expire = Member(doc, "TLS.expire");
  if (!time || !time->IsInt64() || !expire || !expire->IsInt64()) {
    return Fail(UserSigOutcome::kMalformed, "TLS.time or TLS.expire missing or not an integer");
  }
  const int64_t issued = time->GetInt64();
  const int64_t lifetime = expire->GetInt64();
  const int64_t now = clock_.NowSeconds();
  // Strictly after time + expire; 128-bit so that no pair of int64 values overflows.
  if (static_cast<__int128>(now) > static_cast<__int128>(issued) + lifetime) {
    return Fail(UserSigOutcome::kExpired,
                "expired: TLS.time " + std::to_string(issued) + " + TLS.expire " +
                    std::to_string(lifetime) + " < now " + std::to_string(now));
  }
  // Steps 10-11: the signature, and the userbuf in PrivateMapKey mode.
  const rapidjson::Value* sig = Member(doc, "TLS.sig");
  if (!sig || !sig->IsString()) {
    return Fail(UserSigOutcome::kMalformed, "TLS.sig missing or not a string");
  }
  std::string signed_text;
  signed_text.reserve(128);
  signed_text.append("TLS.identifier:").append(identifier).append("\n");
  signed_text.append("TLS.sdkappid:").append(std::to_string(sdkappid)).append("\n");
  signed_text.append("TLS.time:").append(std::to_string(issued)).append("\n");
  signed_text.append("TLS.expire:").append(std::to_string(lifetime)).append("\n");
  if (mode == VerifyMode::kPrivateMapKey) {
    const rapidjson::Value* userbuf = Member(doc, "TLS.userbuf");
    std::string ignored;
    if (!userbuf || !userbuf->IsString() || !Base64Decode(StringOf(*userbuf), &ignored)) {
      return Fail(UserSigOutcome::kMalformed, "TLS.userbuf missing or not base64");
    }
    signed_text.append("TLS.userbuf:").append(StringOf(*userbuf)).append("\n");
  }
  // Step 12: HMAC, compared in constant time.
  const std::string expected = HmacBase64(key, signed_text);
  const std::string_view found = StringOf(*sig);
  if (found.size() != expected.size() ||
      CRYPTO_memcmp(found.data(), expected.data(), expected.size()) != 0) {
    return Fail(UserSigOutcome::kBadSignature,
                "signature mismatch: TLS.sig was not made with this app's key over these fields "
                "(another app's key, or a field changed after signing)");
  }
  return UserSigVerdict{};
}

}  // namespace trtc::auth
