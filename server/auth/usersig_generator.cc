#include "server/auth/usersig_generator.h"

#include <zlib.h>

#include <string>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "server/auth/base64.h"
#include "server/auth/usersig_signature.h"

namespace trtc::auth {
namespace {

// The Node package deflates with zlib's default, level 6 (header 78 9c).
constexpr int kZlibLevel = 6;

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
  const std::string sig = Signature(key, SignedText(identifier, sdkappid, now_s, expire_s));
  const std::string json = DocumentOf(sdkappid, identifier, expire_s, now_s, sig);
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
