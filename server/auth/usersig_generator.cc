#include "server/auth/usersig_generator.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <zlib.h>

#include <string>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "server/auth/base64.h"

namespace trtc::auth {
namespace {

// The Node package deflates with zlib's default, level 6 (header 78 9c).
constexpr int kZlibLevel = 6;

// Standard base64 of HMAC-SHA256(key bytes, signed text): TLS.sig (usersig.md §1 steps 3-4).
std::string SignatureOf(uint32_t sdkappid, std::string_view key, std::string_view identifier,
                        int64_t expire_s, int64_t now_s) {
  std::string text;
  text.reserve(96 + identifier.size());
  text.append("TLS.identifier:").append(identifier);
  text.append("\nTLS.sdkappid:").append(std::to_string(sdkappid));
  text.append("\nTLS.time:").append(std::to_string(now_s));
  text.append("\nTLS.expire:").append(std::to_string(expire_s));
  text.push_back('\n');
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest,
           &length) == nullptr) {
    return "";  // never verifies
  }
  return Base64Encode(std::string_view(reinterpret_cast<const char*>(digest), length));
}

// The Node package's document: its member order, compact, raw UTF-8 (the Writer escapes
// only '"', '\' and control characters, as JSON.stringify does).
std::string DocumentOf(uint32_t sdkappid, std::string_view identifier, int64_t expire_s,
                       int64_t now_s, const std::string& sig) {
  rapidjson::StringBuffer json;
  rapidjson::Writer<rapidjson::StringBuffer> writer(json);
  writer.StartObject();
  writer.Key("TLS.ver");
  writer.String("2.0");
  writer.Key("TLS.identifier");
  writer.String(identifier.data(), static_cast<rapidjson::SizeType>(identifier.size()));
  writer.Key("TLS.sdkappid");
  writer.Uint(sdkappid);
  writer.Key("TLS.time");
  writer.Int64(now_s);
  writer.Key("TLS.expire");
  writer.Int64(expire_s);
  writer.Key("TLS.sig");
  writer.String(sig.data(), static_cast<rapidjson::SizeType>(sig.size()));
  writer.EndObject();
  return std::string(json.GetString(), json.GetSize());
}

}  // namespace

std::string GenerateUserSig(uint32_t sdkappid, std::string_view key, std::string_view identifier,
                            int64_t expire_s, int64_t now_s) {
  const std::string json = DocumentOf(sdkappid, identifier, expire_s, now_s,
                                      SignatureOf(sdkappid, key, identifier, expire_s, now_s));
  uLongf size = compressBound(json.size());
  std::string compressed(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(compressed.data()), &size,
                reinterpret_cast<const Bytef*>(json.data()), json.size(), kZlibLevel) != Z_OK) {
    return "";  // out of memory: an empty UserSig, which never verifies
  }
  compressed.resize(size);
  return TencentBase64Encode(compressed);
}

}  // namespace trtc::auth
