#include "server/auth/usersig_generator.h"

#include <zlib.h>

#include <string>


#include "server/auth/base64.h"
#include "server/auth/usersig_signature.h"
#include "server/common/json.h"

namespace trtc::auth {
namespace {

// The Node package deflates with zlib's default, level 6 (header 78 9c).
constexpr int kZlibLevel = 6;

// The Node package's document: its member order, compact, raw UTF-8 (the writer escapes
// only '"', '\' and control characters, as JSON.stringify does).
std::string DocumentOf(uint32_t sdkappid, std::string_view identifier, int64_t expire_s,
                       int64_t now_s, const std::string& sig) {
  json::Writer writer;
  writer.StartObject()
      .Key("TLS.ver").String("2.0")
      .Key("TLS.identifier").String(identifier)
      .Key("TLS.sdkappid").Uint(sdkappid)
      .Key("TLS.time").Int(now_s)
      .Key("TLS.expire").Int(expire_s)
      .Key("TLS.sig").String(sig)
      .EndObject();
  return writer.Take();
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
