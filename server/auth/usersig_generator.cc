#include "server/auth/usersig_generator.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <zlib.h>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "server/auth/base64.h"

namespace trtc::auth {

std::string GenerateUserSig(uint32_t sdkappid, std::string_view key, std::string_view identifier,
                            int64_t expire_s, int64_t now_s) {
  std::string signed_text;
  signed_text.append("TLS.identifier:").append(identifier).append("\n");
  signed_text.append("TLS.sdkappid:").append(std::to_string(sdkappid)).append("\n");
  signed_text.append("TLS.time:").append(std::to_string(now_s)).append("\n");
  signed_text.append("TLS.expire:").append(std::to_string(expire_s)).append("\n");
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(signed_text.data()), signed_text.size(), digest,
       &length);
  const std::string sig = Base64Encode(std::string_view(reinterpret_cast<char*>(digest), length));

  // The Node package's member order, compact, raw UTF-8.
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
  writer.String(sig.c_str(), static_cast<rapidjson::SizeType>(sig.size()));
  writer.EndObject();

  uLongf size = compressBound(json.GetSize());
  std::string compressed(size, '\0');
  compress2(reinterpret_cast<Bytef*>(compressed.data()), &size,
            reinterpret_cast<const Bytef*>(json.GetString()), json.GetSize(), Z_DEFAULT_COMPRESSION);
  compressed.resize(size);
  return TencentBase64Encode(compressed);
}

}  // namespace trtc::auth
