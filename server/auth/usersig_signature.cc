#include "server/auth/usersig_signature.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "server/auth/base64.h"

namespace trtc::auth {

std::string SignedText(std::string_view identifier, uint32_t sdkappid, int64_t time,
                       int64_t expire, std::optional<std::string_view> userbuf) {
  std::string text;
  text.reserve(96 + identifier.size() + (userbuf ? userbuf->size() + 13 : 0));
  text.append("TLS.identifier:").append(identifier);
  text.append("\nTLS.sdkappid:").append(std::to_string(sdkappid));
  text.append("\nTLS.time:").append(std::to_string(time));
  text.append("\nTLS.expire:").append(std::to_string(expire));
  if (userbuf) text.append("\nTLS.userbuf:").append(*userbuf);
  text.push_back('\n');
  return text;
}

std::string Signature(std::string_view key, std::string_view signed_text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(signed_text.data()), signed_text.size(), digest,
           &length) == nullptr) {
    return "";
  }
  return Base64Encode(std::string_view(reinterpret_cast<const char*>(digest), length));
}

}  // namespace trtc::auth
